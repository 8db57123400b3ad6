#include "clir/evaluate/matching.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "clir/core/error.hpp"
#include "clir/evaluate/detail/group_index.hpp"

#include "clir/evaluate/detail/hungarian.hpp"

namespace clir {

LabelMatching match_labels(const Labels& reference, const Labels& candidate) {
  return match_labels(reference, candidate, contingency_table(reference, candidate));
}

LabelMatching match_labels(const Labels& reference, const Labels& candidate, const ContingencyTable& table) {
  detail::require_same_size(reference.size(), "reference", candidate.size(), "candidate");
  if (reference.size() != table.items) {
    throw InputError("the contingency table counts " + std::to_string(table.items) + " items, the groupings have " +
                         std::to_string(reference.size()),
                     {.key = "table"});
  }
  const std::size_t rows = table.rows();
  const std::size_t cols = table.columns();
  // Assign along the smaller side; the Hungarian solver wants rows <= columns.
  const bool transposed = rows > cols;
  const std::size_t r_n = transposed ? cols : rows;
  const std::size_t c_n = transposed ? rows : cols;
  // Weight = overlap · (r_n + 1) + [same label]: the overlap dominates (the tie term sums to at
  // most r_n), and among optimal matchings the one keeping most labels unchanged wins.
  const auto scale = static_cast<std::int64_t>(r_n + 1);
  std::vector<std::int64_t> cost(r_n * c_n, 0);
  for (std::size_t r = 0; r < r_n; ++r) {
    for (std::size_t c = 0; c < c_n; ++c) {
      const std::size_t ref_row = transposed ? c : r;
      const std::size_t cand_col = transposed ? r : c;
      if (table.row_labels[ref_row] == table.column_labels[cand_col]) cost[r * c_n + c] = -1;
    }
  }
  for (const auto& cell : table.cells) {
    const std::size_t r = transposed ? cell.column : cell.row;
    const std::size_t c = transposed ? cell.row : cell.column;
    cost[r * c_n + c] -= static_cast<std::int64_t>(cell.count) * scale;
  }
  const auto assigned = detail::min_cost_assignment(cost, r_n, c_n);

  LabelMatching m;
  // candidate column → matched reference row (or none)
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> row_of_column(cols, none);
  for (std::size_t r = 0; r < r_n; ++r) {
    const std::size_t ref_row = transposed ? assigned[r] : r;
    const std::size_t cand_col = transposed ? r : assigned[r];
    row_of_column[cand_col] = ref_row;
    m.pairs.push_back({table.row_labels[ref_row], table.column_labels[cand_col], table.count(ref_row, cand_col)});
    m.matched_items += m.pairs.back().overlap;
  }
  std::sort(m.pairs.begin(), m.pairs.end(),
            [](const LabelMatching::Pair& a, const LabelMatching::Pair& b) { return a.reference_label < b.reference_label; });
  m.agreement = static_cast<double>(m.matched_items) / static_cast<double>(table.items);

  // New label of each candidate column: its partner's, or a fresh one above every reference label.
  std::vector<std::int32_t> new_label(cols);
  std::int64_t fresh = std::int64_t{table.row_labels.back()} + 1;
  for (std::size_t c = 0; c < cols; ++c) {
    if (row_of_column[c] != none) {
      new_label[c] = table.row_labels[row_of_column[c]];
    } else {
      if (fresh > INT32_MAX) {
        throw InputError("cannot relabel: the reference uses label " + std::to_string(table.row_labels.back()) +
                             ", leaving no fresh label for unmatched candidate groups",
                         {.key = "reference"});
      }
      new_label[c] = static_cast<std::int32_t>(fresh++);
    }
  }
  m.relabeled.resize(candidate.size());
  for (std::size_t i = 0; i < candidate.size(); ++i) {
    const auto col = std::lower_bound(table.column_labels.begin(), table.column_labels.end(), candidate[i]) -
                     table.column_labels.begin();
    if (static_cast<std::size_t>(col) == cols || table.column_labels[static_cast<std::size_t>(col)] != candidate[i]) {
      throw InputError("item " + std::to_string(i) + " has label " + std::to_string(candidate[i]) +
                           ", which the contingency table does not list",
                       {.key = "candidate"});
    }
    m.relabeled[i] = new_label[static_cast<std::size_t>(col)];
    if (m.relabeled[i] != reference[i]) m.misplaced.push_back(i);
  }
  return m;
}

}  // namespace clir
