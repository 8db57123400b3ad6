#include "clir/evaluate/contingency.hpp"

#include <algorithm>

#include "clir/evaluate/detail/group_index.hpp"

namespace clir {

std::uint64_t ContingencyTable::count(std::size_t row, std::size_t column) const noexcept {
  const Cell key{static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(column), 0};
  auto it = std::lower_bound(cells.begin(), cells.end(), key, [](const Cell& a, const Cell& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  if (it == cells.end() || it->row != key.row || it->column != key.column) return 0;
  return it->count;
}

std::vector<std::uint64_t> ContingencyTable::dense() const {
  std::vector<std::uint64_t> out(rows() * columns(), 0);
  for (const auto& c : cells) out[std::size_t{c.row} * columns() + c.column] = c.count;
  return out;
}

ContingencyTable contingency_table(const Labels& reference, const Labels& candidate) {
  detail::require_same_size(reference.size(), "reference", candidate.size(), "candidate");
  auto ref = detail::index_groups(reference, "reference");
  auto cand = detail::index_groups(candidate, "candidate");

  ContingencyTable t;
  t.items = reference.size();
  const std::size_t rows = ref.groups();
  const std::size_t cols = cand.groups();
  // A dense count array when it is no larger than the input (the usual case: few groups);
  // otherwise sort the (row, column) keys, which stays O(n log n) for any number of groups.
  if (rows * cols <= std::max<std::size_t>(reference.size(), 1u << 16)) {
    std::vector<std::uint64_t> counts(rows * cols, 0);
    for (std::size_t i = 0; i < reference.size(); ++i) ++counts[ref.group_of[i] * cols + cand.group_of[i]];
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        if (counts[r * cols + c] != 0) {
          t.cells.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c), counts[r * cols + c]});
        }
      }
    }
  } else {
    std::vector<std::uint64_t> keys(reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
      keys[i] = (std::uint64_t{ref.group_of[i]} << 32) | cand.group_of[i];
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size();) {
      std::size_t j = i;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      t.cells.push_back({static_cast<std::uint32_t>(keys[i] >> 32),
                         static_cast<std::uint32_t>(keys[i] & 0xFFFFFFFFu), j - i});
      i = j;
    }
  }
  t.row_labels = std::move(ref.labels);
  t.column_labels = std::move(cand.labels);
  t.row_sums = std::move(ref.sizes);
  t.column_sums = std::move(cand.sizes);
  return t;
}

namespace {
// C(m, 2) without forming m(m−1), which would overflow 64 bits for m > 4.29·10^9.
constexpr std::uint64_t pairs_of(std::uint64_t m) noexcept {
  if (m < 2) return 0;
  return m % 2 == 0 ? (m / 2) * (m - 1) : m * ((m - 1) / 2);
}
}  // namespace

PairCounts pair_counts(const ContingencyTable& table) {
  PairCounts p;
  p.total = pairs_of(table.items);
  for (const auto& c : table.cells) p.together_in_both += pairs_of(c.count);
  for (auto a : table.row_sums) p.together_in_reference += pairs_of(a);
  for (auto b : table.column_sums) p.together_in_candidate += pairs_of(b);
  return p;
}

}  // namespace clir
