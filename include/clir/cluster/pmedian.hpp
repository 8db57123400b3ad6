#pragma once
/// @file
/// @brief Exact capacitated p-median with side constraints, solved as an integer program with
/// GLPK (compiled in src/cluster/; glpk.h stays out of this header). For small n (up to about
/// 200): the certificate of optimality for the heuristics, and an algorithm in its own right.

#include <cstddef>

#include "clir/cluster/constrained.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// Options of exact_pmedian.
struct PMedianOptions {
  double time_limit_s = 60.0;        ///< wall-clock limit of the branch-and-bound, seconds; 0 = none
  double mip_gap = 0.0;              ///< stop when (objective − bound) / objective <= mip_gap; 0 = prove optimality
  bool heuristic_start = true;       ///< seed the search with constrained_kmedoids' result when it finds one
  std::size_t max_items = 300;       ///< refuse larger n (ConfigError): the model has about n² variables
  bool validate = true;              ///< check the distances first (NaN, infinite or negative: clir::InputError, key "distance")
};

/// How the exact search ended.
enum class PMedianStatus {
  optimal,     ///< proven optimal (within mip_gap when it is > 0)
  time_limit,  ///< time limit hit; the result is the best grouping found, `bound` the proven lower bound
};

template <>
struct EnumTraits<PMedianStatus> {
  static constexpr std::string_view what = "p-median status";
  static constexpr std::array<EnumName<PMedianStatus>, 2> names{{
      {PMedianStatus::optimal, "optimal", "proven optimal"},
      {PMedianStatus::time_limit, "time_limit", "time limit hit; the best grouping found"},
  }};
};

/// ConstrainedResult plus the proof status. `converged` is true exactly when status is optimal.
struct PMedianResult : ConstrainedResult {
  PMedianStatus status = PMedianStatus::optimal;  ///< optimal or time_limit
  double bound = 0.0;  ///< proven lower bound on the objective (distance units); equals objective when optimal and mip_gap = 0
  std::size_t nodes = 0;  ///< branch-and-bound nodes explored (0 when solved at the root)
};

namespace detail {
PMedianResult exact_pmedian_dense(const DenseDistances& D, std::size_t k, const GroupConstraints& constraints,
                                  const PMedianOptions& options);
}  // namespace detail

/// The grouping of minimum objective (summed member-to-medoid distances plus soft-category
/// penalties, in the units of @p D) into exactly k non-empty groups that satisfies every hard
/// constraint of @p constraints exactly (size bounds, must-link, cannot-link, hard categories),
/// found by GLPK's branch-and-cut on the capacitated p-median integer program (variables x_uj:
/// super-item u served by medoid j, y_j: item j is a medoid; see docs/constraints.md).
/// Medoids ascending; group g has medoids[g].
/// Throws clir::Infeasible when no grouping satisfies the constraints (proved), clir::ConfigError
/// when n > max_items or an option is out of range, and clir::Error when the time limit passes
/// before any feasible grouping is known. When the limit passes after one is known (found by the
/// search, or the heuristic start), returns it with status time_limit and converged = false.
/// The heuristic start itself is not interrupted by the limit.
template <DistanceMatrixLike M>
PMedianResult exact_pmedian(const M& D, std::size_t k, const GroupConstraints& constraints = {},
                            const PMedianOptions& options = {}) {
  if (options.validate) validate_distances(D);
  return detail::exact_pmedian_dense(detail::to_dense(D), k, constraints, options);
}

}  // namespace clir
