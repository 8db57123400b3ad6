#pragma once
/// @file
/// @brief Field declarations (clir::Fields, see clir/core/fields.hpp) of the clustering
/// options and results: the keywords of Python's clustering functions, the CLI's flags and the
/// JSON form of a result. Kept apart from the algorithms' headers so that the declarations of
/// what a caller may set do not change with how the algorithms are written.

#include <tuple>

#include "clir/cluster/clara.hpp"
#include "clir/cluster/constrained.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/msc.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/fields.hpp"

namespace clir {

template <>
struct Fields<KMedoidsOptions> {
  using O = KMedoidsOptions;
  static constexpr auto list = std::tuple{
      field("init", &O::init, "how the starting medoids are chosen"),
      field("initial_medoids", &O::initial_medoids, "init = given: k distinct item indices"),
      field("max_iter", &O::max_iter, "limit on passes of the main loop").at_least(1),
      field("starts", &O::starts, "multi-start: initialisations tried, the lowest loss kept (random init)").at_least(1),
      field("seed", &O::seed, "seed of the random initialisations"),
      field("threads", &O::threads, "threads; 0 = all cores (the result does not depend on it)"),
      field("dense_limit_bytes", &O::dense_limit_bytes, "largest dense copy of a caller's matrix type; 0 = never"),
      field("validate", &O::validate, "check for NaN, infinite and negative distances first"),
  };
};

template <>
struct Fields<ClaraOptions> {
  using O = ClaraOptions;
  static constexpr auto list = std::tuple{
      field("samples", &O::samples, "number of samples").at_least(1),
      field("sample_size", &O::sample_size, "items per sample; 0 = the method's default"),
      field("keep_best_medoids", &O::keep_best_medoids, "each later sample contains the best medoids so far"),
      field("init", &O::init, "initialisation within each sample"),
      field("max_iter", &O::max_iter, "limit on passes per sample").at_least(1),
      field("seed", &O::seed, "sample s is drawn from stream s of this seed"),
      field("threads", &O::threads, "threads; 0 = all cores (the result does not depend on it)"),
  };
};

template <>
struct Fields<ConstrainedOptions> {
  using O = ConstrainedOptions;
  static constexpr auto list = std::tuple{
      field("init", &O::init, "initial medoids"),
      field("initial_medoids", &O::initial_medoids, "init = given: k distinct item indices"),
      field("max_iter", &O::max_iter, "passes of recentre + swap").at_least(1),
      field("swap_candidates", &O::swap_candidates, "per medoid, nearest non-medoids tried as replacement; 0 = all"),
      field("restarts", &O::restarts, "random medoid sets tried when the first admits no feasible assignment"),
      field("starts", &O::starts, "independent runs; the best is kept").at_least(1),
      field("seed", &O::seed, "seed of random initialisation and restarts"),
      field("threads", &O::threads, "threads; 0 = all cores (the result does not depend on it)"),
      field("validate", &O::validate, "check the distances first"),
  };
};

template <>
struct Fields<PMedianOptions> {
  using O = PMedianOptions;
  static constexpr auto list = std::tuple{
      field("time_limit_s", &O::time_limit_s, "wall-clock limit of the branch-and-bound, seconds; 0 = none").at_least(0),
      field("mip_gap", &O::mip_gap, "stop at this relative gap; 0 = prove optimality").at_least(0),
      field("heuristic_start", &O::heuristic_start, "seed the search with constrained k-medoids' result"),
      field("max_items", &O::max_items, "refuse larger n (the model has about n² variables)"),
      field("validate", &O::validate, "check the distances first"),
  };
};

template <>
struct Fields<MedoidResult> {
  using R = MedoidResult;
  static constexpr auto list = std::tuple{
      field("medoids", &R::medoids, "item index of each group's medoid"),
      field("labels", &R::labels, "group of each item, 0..k-1"),
      field("loss", &R::loss, "sum over items of the distance to its medoid"),
      field("iterations", &R::iterations, "passes of the main loop"),
      field("swaps", &R::swaps, "medoid swaps performed"),
      field("converged", &R::converged, "stopped at a local optimum, not at max_iter"),
      field("medoid_silhouette", &R::medoid_silhouette, "mean medoid silhouette; NaN for k = 1"),
  };
};

template <>
struct Fields<ConstrainedResult> {
  using R = ConstrainedResult;
  static constexpr auto list = std::tuple_cat(
      Fields<MedoidResult>::list,
      std::tuple{
          field("penalty", &R::penalty, "soft-category penalty of the result"),
          field("objective", &R::objective, "what was minimised: loss + penalty"),
      });
};

template <>
struct Fields<PMedianResult> {
  using R = PMedianResult;
  static constexpr auto list = std::tuple_cat(
      Fields<ConstrainedResult>::list,
      std::tuple{
          field("status", &R::status, "optimal or time_limit"),
          field("bound", &R::bound, "proven lower bound on the objective"),
          field("nodes", &R::nodes, "branch-and-bound nodes explored"),
      });
};

template <>
struct Fields<DynMscResult> {
  using R = DynMscResult;
  static constexpr auto list = std::tuple{
      field("result", &R::result, "the chosen clustering"),
      field("k", &R::k, "the chosen number of groups"),
      field("ks", &R::ks, "every k tried, from the largest down"),
      field("medoid_silhouettes", &R::medoid_silhouettes, "the medoid silhouette for each of ks"),
  };
};

}  // namespace clir
