#pragma once
/// @file
/// @brief The contingency table of two groupings of the same items, and the pair counts that
/// pair-counting indices (Rand, adjusted Rand, Fowlkes–Mallows) are built from.
///
/// All counts are 64-bit integers, so nothing overflows for any n that fits in memory (pair
/// counts up to n ≈ 6·10^9); the scores derived from them are computed in double.

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "clir/core/fields.hpp"
#include "clir/core/labels.hpp"

namespace clir {

/// Counts n_ij of items in reference group i and candidate group j. Only non-zero cells are
/// stored, so two groupings of 10^6 items into 10^4 groups each stay small.
struct ContingencyTable {
  /// One non-zero cell.
  struct Cell {
    std::uint32_t row = 0;     ///< index into row_labels
    std::uint32_t column = 0;  ///< index into column_labels
    std::uint64_t count = 0;   ///< items in both groups, > 0
  };
  std::vector<std::int32_t> row_labels;     ///< the reference's labels, ascending (rows)
  std::vector<std::int32_t> column_labels;  ///< the candidate's labels, ascending (columns)
  std::vector<std::uint64_t> row_sums;      ///< items per reference group
  std::vector<std::uint64_t> column_sums;   ///< items per candidate group
  std::vector<Cell> cells;                  ///< non-zero cells, sorted by (row, column)
  std::uint64_t items = 0;                  ///< n, the number of items

  /// Number of reference groups.
  std::size_t rows() const noexcept { return row_labels.size(); }
  /// Number of candidate groups.
  std::size_t columns() const noexcept { return column_labels.size(); }
  /// n_ij for row @p row and column @p column (indices, not labels); 0 for an absent cell.
  std::uint64_t count(std::size_t row, std::size_t column) const noexcept;
  /// The full rows × columns table, row-major. Meant for small tables (reports, tests).
  std::vector<std::uint64_t> dense() const;
};

/// Builds the contingency table of @p reference (rows) against @p candidate (columns).
/// Labels need not be contiguous. Throws clir::InputError on different sizes, an empty
/// grouping or a negative label (naming the item).
ContingencyTable contingency_table(const Labels& reference, const Labels& candidate);

/// Unordered pairs of distinct items, classified by whether each grouping puts them together.
struct PairCounts {
  std::uint64_t total = 0;                  ///< n(n−1)/2
  std::uint64_t together_in_both = 0;       ///< Σ_ij C(n_ij, 2)
  std::uint64_t together_in_reference = 0;  ///< Σ_i C(a_i, 2)
  std::uint64_t together_in_candidate = 0;  ///< Σ_j C(b_j, 2)
  /// Pairs apart in both groupings: total − reference − candidate + both.
  std::uint64_t apart_in_both() const noexcept {
    return total - together_in_reference - together_in_candidate + together_in_both;
  }
};

/// The pair counts of a contingency table (exact, 64-bit).
PairCounts pair_counts(const ContingencyTable& table);

/// Python shows the pair counts as a dict, with apart_in_both added (python/src/evaluate.cpp).
template <>
struct Fields<PairCounts> {
  using P = PairCounts;
  static constexpr auto list = std::tuple{
      field("total", &P::total, "n(n-1)/2"),
      field("together_in_both", &P::together_in_both, "pairs together in both groupings"),
      field("together_in_reference", &P::together_in_reference, "pairs together in the reference"),
      field("together_in_candidate", &P::together_in_candidate, "pairs together in the candidate"),
  };
};

}  // namespace clir
