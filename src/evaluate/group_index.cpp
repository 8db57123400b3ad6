#include "clir/evaluate/detail/group_index.hpp"

#include <algorithm>
#include <string>

#include "clir/core/error.hpp"

namespace clir::detail {

GroupIndex index_groups(const Labels& labels, std::string_view name) {
  const std::string key(name);
  if (labels.empty()) throw InputError("no items: the grouping is empty", {.key = key});
  std::int32_t max_label = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) {
      throw InputError("item " + std::to_string(i) + " has label " + std::to_string(labels[i]) +
                           "; every item needs a group (labels >= 0)",
                       {.key = key});
    }
    max_label = std::max(max_label, labels[i]);
  }
  GroupIndex out;
  out.group_of.resize(labels.size());
  // Labels are usually 0..k−1, so a lookup table indexed by label is both the fast path and the
  // common one; sparse labels (say 10^9) go through a sorted list instead of a huge table.
  const auto max_index = static_cast<std::size_t>(max_label);
  if (max_index <= 4 * labels.size() + 1024) {
    std::vector<std::uint32_t> dense(max_index + 1, 0);
    for (auto l : labels) dense[static_cast<std::size_t>(l)] = 1;
    std::uint32_t next = 0;
    for (std::size_t l = 0; l <= max_index; ++l) {
      if (dense[l] != 0) {
        dense[l] = next++;
        out.labels.push_back(static_cast<std::int32_t>(l));
      } else {
        dense[l] = UINT32_MAX;
      }
    }
    for (std::size_t i = 0; i < labels.size(); ++i) out.group_of[i] = dense[static_cast<std::size_t>(labels[i])];
  } else {
    out.labels = labels;
    std::sort(out.labels.begin(), out.labels.end());
    out.labels.erase(std::unique(out.labels.begin(), out.labels.end()), out.labels.end());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      out.group_of[i] = static_cast<std::uint32_t>(
          std::lower_bound(out.labels.begin(), out.labels.end(), labels[i]) - out.labels.begin());
    }
  }
  out.sizes.assign(out.labels.size(), 0);
  for (auto g : out.group_of) ++out.sizes[g];
  return out;
}

void require_same_size(std::size_t a_size, std::string_view a_name, std::size_t b_size,
                       std::string_view b_name) {
  if (a_size == b_size) return;
  throw InputError("size mismatch: " + std::string(a_name) + " has " + std::to_string(a_size) +
                       " items, " + std::string(b_name) + " has " + std::to_string(b_size),
                   {.key = "labels"});
}

}  // namespace clir::detail
