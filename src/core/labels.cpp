#include "clir/core/labels.hpp"

#include <algorithm>
#include <unordered_map>

namespace clir {

std::size_t count_groups(const Labels& labels) {
  std::vector<std::int32_t> seen;
  for (auto l : labels) {
    if (l >= 0) seen.push_back(l);
  }
  std::sort(seen.begin(), seen.end());
  return static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
}

Labels canonical_labels(const Labels& labels) {
  std::unordered_map<std::int32_t, std::int32_t> map;
  Labels out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) {
      out[i] = labels[i];
      continue;
    }
    auto [it, inserted] = map.emplace(labels[i], static_cast<std::int32_t>(map.size()));
    out[i] = it->second;
  }
  return out;
}

std::vector<std::size_t> group_sizes(const Labels& labels) {
  std::vector<std::size_t> sizes;
  for (auto l : labels) {
    if (l < 0) continue;
    if (static_cast<std::size_t>(l) >= sizes.size()) sizes.resize(static_cast<std::size_t>(l) + 1, 0);
    ++sizes[static_cast<std::size_t>(l)];
  }
  return sizes;
}

}  // namespace clir
