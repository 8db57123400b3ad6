#pragma once
/// @file
/// @brief Group constraints (size bounds, must-link, cannot-link, categories) and k-medoids under
/// them: the assignment step is a min-cost flow (Boost.Graph), medoid swaps are evaluated under
/// that assignment. See docs/constraints.md for the precise model.
///
/// The heavy parts (Boost.Graph, the search itself) are compiled in src/cluster/; this header
/// only copies the caller's distances into a dense matrix, so any DistanceMatrixLike type works.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clir/cluster/result.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How a categorical column (for example the oblast) constrains the groups.
enum class CategoryMode {
  hard,  ///< a group never mixes categories, except categories joined by `may_mix`
  soft,  ///< mixing is allowed at a cost of `penalty` per member not of its medoid's category
};

template <>
struct EnumTraits<CategoryMode> {
  static constexpr std::string_view what = "category mode";
  static constexpr std::array<EnumName<CategoryMode>, 2> names{{
      {CategoryMode::hard, "hard", "a group never mixes categories, except those allowed together"},
      {CategoryMode::soft, "soft", "mixing is allowed at a penalty per member not of its medoid's category"},
  }};
};

/// A categorical column (one category per item) used as a constraint.
///
/// Hard: two items may share a group only when their categories are equal or joined through
/// `may_mix`. The sets in `may_mix` are joined transitively into blocks: with {A, B} and {B, C}
/// a group may contain any mix of A, B and C. Groups never span two blocks.
///
/// Soft: a group's category is the category of its medoid. Each member whose category differs
/// from its medoid's adds `penalty` (in the units of the distance matrix) to the objective.
/// `may_mix` is ignored in soft mode (its pairs would just be a zero penalty; ask if needed).
struct CategoryConstraint {
  std::vector<std::string> of_item;               ///< category of each item; empty = no category constraint
  CategoryMode mode = CategoryMode::hard;         ///< hard or soft
  std::vector<std::vector<std::string>> may_mix;  ///< hard mode: sets of categories that may share a group
  double penalty = 0.0;                           ///< soft mode: cost per member not of its medoid's category (distance units)
};

/// Constraints on a grouping of n items into k groups. Item indices are rows of the distance
/// matrix (0-based).
struct GroupConstraints {
  std::size_t min_size = 1;  ///< minimum members per group (items); 0 is treated as 1, groups are never empty
  std::size_t max_size = 0;  ///< maximum members per group (items); 0 = no upper bound
  std::vector<std::pair<std::size_t, std::size_t>> must_link;    ///< pairs that must share a group
  std::vector<std::pair<std::size_t, std::size_t>> cannot_link;  ///< pairs that must not share a group
  CategoryConstraint category;                                     ///< optional categorical column
  std::vector<std::string> item_names;  ///< optional name of each item (e.g. KATOTTG code) for messages; default "item i"
};

/// Checks @p constraints against n items and k groups without clustering. Throws
/// clir::InputError for an item index >= n or a category column of the wrong length,
/// clir::ConfigError for bad numbers (k = 0, k > n, min_size > max_size, negative penalty) and
/// clir::Infeasible, naming the constraints in conflict and what to relax, when the constraints
/// provably cannot all hold: k·max_size < n, k·min_size > n, a must-link group larger than
/// max_size, a must-link chain joining a cannot-link pair or two categories that may not mix,
/// a category block whose size fits no number of groups within the size bounds, or category
/// blocks that need more (or allow fewer) than k groups. Passing this check does not prove
/// feasibility (packing must-link groups is a bin-packing problem); exact_pmedian decides.
void check_constraints(std::size_t n, std::size_t k, const GroupConstraints& constraints);

/// Every way in which a grouping breaks @p constraints, one readable line each (empty when it
/// satisfies them all). Soft category constraints are never violations. @p labels must hold one
/// label per item, groups numbered 0..k-1; @p medoids (one per group) are used for messages only.
std::vector<std::string> constraint_violations(const Labels& labels, const GroupConstraints& constraints);

/// The penalty of the soft category constraint for a grouping: `penalty` times the number of
/// items whose category differs from that of their group's medoid (distance units). 0 unless
/// the category constraint is soft.
double category_penalty(const Labels& labels, const std::vector<std::size_t>& medoids,
                        const GroupConstraints& constraints);

/// MedoidResult plus what a constrained objective adds.
struct ConstrainedResult : MedoidResult {
  double penalty = 0.0;    ///< soft-category penalty of the result (distance units); 0 otherwise
  double objective = 0.0;  ///< what was minimised: loss + penalty (distance units)
};

/// How constrained k-medoids starts.
enum class ConstrainedInit {
  build,   ///< greedy BUILD (Kaufman and Rousseeuw) restricted to medoid sets that respect the category blocks
  random,  ///< uniform random medoids from Rng::stream(seed, 0), respecting the category blocks
  given,   ///< ConstrainedOptions::initial_medoids, for example an unconstrained fasterpam result
};

template <>
struct EnumTraits<ConstrainedInit> {
  static constexpr std::string_view what = "initialisation";
  static constexpr std::array<EnumName<ConstrainedInit>, 3> names{{
      {ConstrainedInit::build, "build", "greedy BUILD restricted to medoid sets that respect the category blocks"},
      {ConstrainedInit::random, "random", "uniform random medoids respecting the category blocks"},
      {ConstrainedInit::given, "given", "the given initial medoids"},
  }};
};

/// Options of constrained_kmedoids.
struct ConstrainedOptions {
  ConstrainedInit init = ConstrainedInit::build;  ///< initial medoids
  std::vector<std::size_t> initial_medoids;        ///< k distinct items, used with init = given (e.g. fasterpam's medoids)
  std::size_t max_iter = 100;        ///< passes of recentre + swap; each pass improves or stops
  std::size_t swap_candidates = 0;   ///< per medoid, how many of its nearest non-medoids to try as replacement; 0 = all
  std::size_t restarts = 8;          ///< random medoid sets tried when the initial one admits no feasible assignment
  std::size_t starts = 1;            ///< independent runs (the first from `init`, the others from random medoids); the best objective is kept
  std::uint64_t seed = 1;            ///< seed for random initialisation and restarts
  unsigned threads = 0;              ///< threads for swap evaluation (0 = all cores); the result does not depend on it
  bool validate = true;              ///< check the distances first (NaN, infinite or negative: clir::InputError, key "distance")
};

namespace detail {
/// Row-major dense copy of a distance matrix (n × n doubles), what the compiled solvers read.
struct DenseDistances {
  std::size_t n = 0;
  std::vector<double> d;
  double operator()(std::size_t i, std::size_t j) const noexcept { return d[i * n + j]; }
  std::size_t size() const noexcept { return n; }
};

/// Dense copy of @p D (callers validate first).
template <DistanceMatrixLike M>
DenseDistances to_dense(const M& D) {
  DenseDistances out;
  out.n = static_cast<std::size_t>(D.size());
  out.d.assign(out.n * out.n, 0.0);
  for (std::size_t i = 0; i < out.n; ++i) {
    for (std::size_t j = i + 1; j < out.n; ++j) {
      const double v = static_cast<double>(D(i, j));
      out.d[i * out.n + j] = v;
      out.d[j * out.n + i] = v;
    }
  }
  return out;
}

ConstrainedResult constrained_kmedoids_dense(const DenseDistances& D, std::size_t k,
                                             const GroupConstraints& constraints,
                                             const ConstrainedOptions& options);
}  // namespace detail

/// k-medoids under @p constraints: exactly k non-empty groups (never fewer), every hard
/// constraint holds in the result. Alternates an optimal constrained assignment (min-cost flow,
/// Boost.Graph successive shortest paths; must-link groups move as one weighted super-item,
/// cannot-link pairs and hard categories forbid arcs) with medoid updates: recentring inside
/// each group, then the best swap of a medoid for a non-medoid, each swap evaluated by
/// re-solving the assignment. Stops at a local optimum (converged = true) or after max_iter.
/// Distances in the units of @p D; loss is the sum of member-to-medoid distances, objective adds
/// the soft-category penalty. Medoids are returned in ascending item order, group g has
/// medoids[g]. Deterministic for a given seed, independent of the thread count.
/// Throws clir::Infeasible (see check_constraints) when the constraints cannot hold, or when no
/// tried medoid set admits a feasible assignment (then exact_pmedian can decide for small n).
template <DistanceMatrixLike M>
ConstrainedResult constrained_kmedoids(const M& D, std::size_t k, const GroupConstraints& constraints = {},
                                       const ConstrainedOptions& options = {}) {
  if (options.validate) validate_distances(D);
  return detail::constrained_kmedoids_dense(detail::to_dense(D), k, constraints, options);
}

}  // namespace clir
