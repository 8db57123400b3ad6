#pragma once
// The scoring problem the scoring and selection benchmarks share: the 1,469 built-in hromadas
// (with their war history) × 12 criteria, the seven default CLIR criteria and five more.

#include <cstddef>
#include <numeric>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/data/builtin.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/default_criteria.hpp"

namespace clir_bench {

struct Problem {
  clir::Table table;
  std::vector<clir::Criterion> criteria;
  std::vector<std::size_t> all;  ///< every row, in order
};

inline const Problem& twelve_criteria_problem() {
  static const Problem p = [] {
    Problem out;
    out.table = clir::with_war_history(clir::builtin_hromadas().table);
    out.criteria = clir::default_clir_criteria();
    using clir::Direction;
    using clir::MissingValuePolicy;
    out.criteria.push_back({.name = "EU border", .column = "distance_to_eu_km", .weight = 0.05});
    out.criteria.push_back({.name = "settlements", .column = "n_settlements", .weight = 0.05});
    out.criteria.push_back({.name = "area", .column = "area_km2", .weight = 0.05, .missing = MissingValuePolicy::worst});
    out.criteria.push_back({.name = "total revenue", .column = "total_revenue_per_capita_2021_uah",
                            .direction = Direction::cost, .weight = 0.05, .missing = MissingValuePolicy::impute_median});
    out.criteria.push_back({.name = "transfers", .column = "transfer_share_2021", .weight = 0.05,
                            .missing = MissingValuePolicy::impute_median});
    out.all.resize(out.table.rows());
    std::iota(out.all.begin(), out.all.end(), std::size_t{0});
    return out;
  }();
  return p;
}

}  // namespace clir_bench
