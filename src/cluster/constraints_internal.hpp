#pragma once
// Internals shared by the constrained solvers (flow heuristic and GLPK p-median). Not installed.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clir/cluster/constrained.hpp"

namespace clir::detail {

/// Constraints resolved against n items and k groups: must-link components become super-items,
/// categories become integer ids and (hard mode) blocks.
struct PreparedConstraints {
  std::size_t n = 0;
  std::size_t k = 0;
  std::size_t min_size = 1;  // >= 1
  std::size_t max_size = 0;  // <= n (n when unbounded)

  std::vector<std::size_t> unit_of;                // item → super-item (must-link component)
  std::vector<std::vector<std::size_t>> members;   // super-item → its items, ascending; super-items ordered by first item
  std::vector<std::pair<std::size_t, std::size_t>> cannot_units;  // super-item pairs (a < b), sorted, unique

  bool hard = false;                  // hard category constraint present
  bool soft = false;                  // soft category constraint with penalty > 0
  double penalty = 0.0;               // soft: per item
  std::vector<std::int32_t> category_of;  // item → category id (-1 none)
  std::vector<std::string> category_names;
  std::vector<std::int32_t> block_of;     // item → block id (hard), else 0 for everyone
  std::vector<std::string> block_names;   // readable: "Donetska+Kharkivska"
  std::vector<std::size_t> block_items;   // items per block
  std::vector<std::size_t> block_min_groups;  // groups a block needs at least
  std::vector<std::size_t> block_max_groups;  // groups a block allows at most

  std::size_t units() const noexcept { return members.size(); }
  std::size_t weight(std::size_t unit) const noexcept { return members[unit].size(); }
  std::size_t blocks() const noexcept { return block_items.size(); }
  /// Whether super-item @p unit may be served by medoid item @p medoid (hard blocks).
  bool allowed(std::size_t unit, std::size_t medoid) const noexcept {
    return block_of[members[unit].front()] == block_of[medoid];
  }
};

/// Validates and resolves; throws InputError / ConfigError / Infeasible (see check_constraints).
PreparedConstraints prepare_constraints(std::size_t n, std::size_t k, const GroupConstraints& c);

/// Cost of serving super-item @p unit from medoid item @p medoid: summed distances plus the
/// soft-category penalty. Ignores hard-block compatibility (callers check allowed()).
double unit_cost(const DenseDistances& D, const PreparedConstraints& pc, std::size_t unit, std::size_t medoid);

/// The constrained assignment for a fixed medoid set (medoids[g] serves group g).
struct Assignment {
  std::vector<std::int32_t> group_of_unit;  // super-item → group
  double loss = 0.0;                        // summed member-to-medoid distances
  double penalty = 0.0;                     // soft-category penalty
  double objective() const noexcept { return loss + penalty; }
};

/// Optimal (up to the documented repairs for split must-link units and cannot-link pairs)
/// assignment of super-items to the groups of @p medoids under the size bounds; std::nullopt
/// when the min-cost flow finds none.
std::optional<Assignment> assign_by_flow(const DenseDistances& D, const PreparedConstraints& pc,
                                         const std::vector<std::size_t>& medoids);

/// Fills a ConstrainedResult (labels per item, medoids ascending, loss, penalty) from an
/// assignment. Relabels so that group g has the g-th smallest medoid.
ConstrainedResult make_result(const PreparedConstraints& pc, const std::vector<std::size_t>& medoids,
                              const Assignment& a);

/// The constraints in force, one readable line each, for clir::Infeasible messages.
std::vector<std::string> active_constraints(const PreparedConstraints& pc, const GroupConstraints& c);

}  // namespace clir::detail
