#pragma once
/// @file
/// @brief The k-medoids family on a distance matrix: PAM (BUILD + SWAP, as R's cluster::pam),
/// FastPAM1, FasterPAM (eager swaps), alternating (Voronoi iteration), FasterMSC and DynMSC
/// (medoid silhouette); assignment of items and of new points to medoids. See
/// docs/clustering.md.
///
/// Every algorithm takes any DistanceMatrixLike (distances in any unit, usually km or a
/// dimensionless blended distance) and returns a MedoidResult whose loss is in that unit.
/// Results are identical for any thread count.
///
/// This header declares; clir/cluster/kmedoids_impl.hpp (included at the end) defines. Every
/// method is one engine (detail::run_kmedoids) with three policies: how it starts
/// (kmedoids_init.hpp), what a swap is scored by (detail/objectives.hpp) and how swaps are
/// chosen (detail/search.hpp); see "How the k-medoids family is built" in docs/clustering.md.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "clir/cluster/kmedoids_init.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/matrix.hpp"

namespace clir {

/// The swap strategy of a k-medoids run.
enum class KMedoidsMethod {
  pam,          ///< original SWAP: the best of all k·(n−k) swaps per pass (R's cluster::pam default)
  fastpam1,     ///< same search, O(n²) per pass (Schubert & Rousseeuw 2019; R's pamonce = 3)
  fasterpam,    ///< eager: take the first improving swap (Schubert & Rousseeuw 2021; R's variant = "faster")
  alternating,  ///< Voronoi iteration: assign, then re-centre each group on its best member
  fastermsc,    ///< FasterMSC: eager swaps maximising the medoid silhouette (Lenssen & Schubert 2022)
};

template <>
struct EnumTraits<KMedoidsMethod> {
  static constexpr std::string_view what = "k-medoids method";
  static constexpr std::array<EnumName<KMedoidsMethod>, 5> names{{
      {KMedoidsMethod::pam, "pam", "BUILD + SWAP: the best of all k·(n−k) swaps per pass (R's cluster::pam)"},
      {KMedoidsMethod::fastpam1, "fastpam1", "the same search in O(n²) per pass (R's pamonce = 3)"},
      {KMedoidsMethod::fasterpam, "fasterpam", "eager: the first improving swap (R's variant = \"faster\")"},
      {KMedoidsMethod::alternating, "alternating", "Voronoi iteration: assign, then re-centre each group"},
      {KMedoidsMethod::fastermsc, "fastermsc", "eager swaps maximising the medoid silhouette"},
  }};
};

/// The options of every method of the family (pam, fastpam1, fasterpam, alternating, fastermsc,
/// dynmsc, kmedoids): how the engine starts (init, initial_medoids, seed, starts), how long it
/// searches (max_iter) and how it reads the distances (threads, dense_limit_bytes, validate).
/// One flat aggregate, so that callers name any field with a designated initialiser, e.g.
/// `{.init = Init::random, .max_iter = 50, .seed = 7}` (C++20 cannot name a base class's
/// fields that way, so the start fields are not a base class).
struct KMedoidsOptions {
  Init init = Init::build;                   ///< how the starting medoids are chosen
  std::vector<std::size_t> initial_medoids;  ///< Init::given only: k distinct item indices
  /// Limit on passes: swap-search passes for pam and fastpam1, sweeps over the n items for
  /// fasterpam, assign/update rounds for alternating. Reaching it leaves converged = false.
  std::size_t max_iter = 1000;
  /// Multi-start: runs from `starts` initialisations (start s draws from Rng::stream(seed, s))
  /// and keeps the lowest loss (the earliest start on a tie). Needs a random init.
  std::size_t starts = 1;
  std::uint64_t seed = 1;  ///< seed of the random initialisations
  unsigned threads = 0;    ///< 0 = all cores; the result does not depend on it
  /// For a caller's matrix type (not DistanceMatrix), a dense n × n copy in double is made
  /// when it fits in this many bytes (2 GiB: n = 16,384), so that each entry is computed once;
  /// 0 never copies. DistanceMatrix rows are always gathered in blocks from the condensed
  /// storage, which is as fast as a dense copy and needs no extra memory.
  std::size_t dense_limit_bytes = std::size_t{2} << 30;
  bool validate = true;  ///< check for NaN, ∞ and negative distances first (O(n²))
};

/// PAM: BUILD (by default) then the original SWAP, which applies the best of all k·(n−k)
/// swaps per pass until none lowers the loss by more than 16 ε · loss. Gives the same medoids
/// as R's `cluster::pam(d, k)` (same sums in the same order; swap ties go to the lower
/// candidate index, then the lower medoid index, as in R). O(n²) per pass after an O(k·n)
/// bookkeeping step (R's implementation is O(k·n²)). Distances in any unit; loss in that unit.
/// Throws clir::ConfigError (key "k", "starts", "initial_medoids") or clir::InputError (key
/// "distance") on bad input.
template <DistanceMatrixLike M>
MedoidResult pam(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// FastPAM1 (Schubert & Rousseeuw 2019): the same best-swap search as PAM in O(n²) per pass,
/// summing in a different order (as R's `pam(pamonce = 3)`), so medoids can differ from PAM's
/// only when two swaps tie to the last bits. Same units, errors and tie rules as pam().
template <DistanceMatrixLike M>
MedoidResult fastpam1(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// FasterPAM (Schubert & Rousseeuw 2021): eager swaps, visiting candidates cyclically from the
/// last swap and swapping as soon as one improves the loss; O(n²) per sweep, usually a few
/// sweeps. Its loss is never above that of its starting medoids. Matches R's
/// `pam(variant = "faster")` from the same starting medoids. Identical result for any number of
/// threads (a team scans each block of candidates, see the implementation). Same units and
/// errors as pam().
template <DistanceMatrixLike M>
MedoidResult fasterpam(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// Alternating k-medoids (Voronoi iteration): assign each item to its nearest medoid, move each
/// medoid to its group's member with the least total distance, repeat until stable. Fast but
/// usually a worse local optimum than the swap methods. Same units and errors as pam().
template <DistanceMatrixLike M>
MedoidResult alternating(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// FasterMSC (Lenssen & Schubert 2022): k medoids that maximise the medoid silhouette by eager
/// swaps (the first swap that raises it is made, candidates visited cyclically, as FasterPAM
/// does for the loss), from the initialisation of @p options (BUILD by default; with several
/// starts the highest medoid silhouette wins, the earliest start on a tie). The result's
/// medoid_silhouette is what was maximised; its loss (sum of distances to the nearest medoid,
/// unit of D) is usually a little above FasterPAM's. O(n²) per sweep. Identical result for any
/// thread count. Throws clir::ConfigError (key "k") for k < 2 and what fasterpam() throws.
template <DistanceMatrixLike M>
MedoidResult fastermsc(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// What DynMSC found: the clustering with the highest medoid silhouette over the k tried.
struct DynMscResult {
  MedoidResult result;                     ///< the chosen clustering (result.medoids.size() = k)
  std::size_t k = 0;                       ///< the chosen number of groups
  std::vector<std::size_t> ks;             ///< every k tried, from the largest down
  std::vector<double> medoid_silhouettes;  ///< FasterMSC's medoid silhouette for each of ks
};

/// DynMSC (Lenssen & Schubert 2023): chooses k in [k_min, k_max] by the medoid silhouette,
/// faster than a FasterMSC run per k. It runs FasterMSC with k_max medoids (initialised as
/// @p options says), then repeatedly removes the medoid whose removal lowers the medoid
/// silhouette least (the lowest item index on a tie) and runs FasterMSC again from the k − 1
/// that remain, down to k_min. The k with the highest medoid silhouette is chosen, the smaller
/// k on a tie. options.starts must be 1. Identical result for any thread count. Throws
/// clir::ConfigError (key "k") unless 2 ≤ k_min ≤ k_max ≤ n, and what fastermsc() throws.
template <DistanceMatrixLike M>
DynMscResult dynmsc(const M& D, std::size_t k_min, std::size_t k_max, const KMedoidsOptions& options = {});

/// Runs the k-medoids algorithm named by @p method (for callers that choose it at run time).
template <DistanceMatrixLike M>
MedoidResult kmedoids(const M& D, std::size_t k, KMedoidsMethod method, const KMedoidsOptions& options = {});

/// Assigns every item to its nearest medoid among @p medoids (group g has medoid medoids[g],
/// in the order given; ties go to the lower g; a medoid is always in its own group). Returns
/// labels and the loss (sum of distances to the assigned medoid, unit of D); iterations = 0.
/// Throws clir::ConfigError (key "medoids") unless the medoids are distinct indices below n,
/// and clir::InputError for an empty matrix.
template <DistanceMatrixLike M>
MedoidResult assign_to_medoids(const M& D, const std::vector<std::size_t>& medoids);

/// Where new points go: the group of each and its distance to that group's medoid.
struct PointAssignment {
  Labels labels;                  ///< group 0..k−1 of each new point
  std::vector<double> distances;  ///< distance to the assigned medoid, unit of the callable
};

/// Assigns @p count new points to @p k existing medoids without a full distance matrix:
/// `distance(p, g)` returns the distance of new point p to the medoid of group g (for example
/// a lambda over a count × k matrix, or haversine_km to the medoid's location). Ties go to the
/// lower g. Throws clir::ConfigError (key "k") for k = 0 and clir::InputError (key
/// "distance") for a NaN or negative distance.
template <class DistanceToMedoid>
  requires std::invocable<const DistanceToMedoid&, std::size_t, std::size_t>
PointAssignment assign_new_points(std::size_t count, std::size_t k, const DistanceToMedoid& distance);

}  // namespace clir

#include "clir/cluster/kmedoids_impl.hpp"
