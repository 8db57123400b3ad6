#pragma once
/// @file
/// @brief Groupings: a label per item.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace clir {

/// Group label per item; labels are 0-based group indices. A grouping of n items into k groups
/// uses labels 0..k-1. (Negative values are reserved for "unassigned" where an API says so.)
using Labels = std::vector<std::int32_t>;

/// Number of distinct labels (ignoring negative ones).
std::size_t count_groups(const Labels& labels);

/// Relabels so that groups are numbered 0, 1, ... in order of first appearance. Two groupings
/// that are the same partition become identical vectors. Negative labels stay as they are.
Labels canonical_labels(const Labels& labels);

/// Size of each group, indexed by label (negative labels are not counted).
std::vector<std::size_t> group_sizes(const Labels& labels);

}  // namespace clir
