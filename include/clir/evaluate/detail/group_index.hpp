#pragma once
/// @file
/// @brief Internal: validation of a grouping and the mapping of its labels to dense group
/// indices 0..k−1, shared by the comparison and internal-quality metrics.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "clir/core/labels.hpp"

namespace clir::detail {

/// A grouping with its labels replaced by dense indices: group g is the g-th smallest label.
struct GroupIndex {
  std::vector<std::uint32_t> group_of;  ///< dense group index of each item
  std::vector<std::int32_t> labels;     ///< label of each dense group, ascending
  std::vector<std::uint64_t> sizes;     ///< items per dense group (all > 0)
  std::size_t groups() const noexcept { return labels.size(); }
};

/// Checks @p labels and indexes its groups. Throws clir::InputError (key = @p name) when it is
/// empty or has a negative label (naming the first such item and its value).
GroupIndex index_groups(const Labels& labels, std::string_view name);

/// Throws clir::InputError (key "labels") unless @p a_size == @p b_size, naming both sizes.
void require_same_size(std::size_t a_size, std::string_view a_name, std::size_t b_size,
                       std::string_view b_name);

}  // namespace clir::detail
