#pragma once
/// @file
/// @brief Templates of clir/graph/single_linkage.hpp.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace clir {

template <DistanceMatrixLike Distance>
std::vector<Edge> dense_minimum_spanning_tree(const Distance& distance) {
  const std::size_t n = static_cast<std::size_t>(distance.size());
  std::vector<Edge> tree;
  if (n < 2) return tree;
  tree.reserve(n - 1);
  const Edge unreached{0, 0, std::numeric_limits<double>::infinity()};
  std::vector<Edge> link(n, unreached);  // cheapest edge from each outside vertex to the tree
  std::vector<bool> inside(n, false);
  for (std::size_t step = 0; step < n; ++step) {
    // The next vertex: the outside one with the smallest link under edge_less (vertex 0 first).
    std::size_t next = 0;
    if (step > 0) {
      next = n;
      for (std::size_t j = 0; j < n; ++j) {
        if (!inside[j] && (next == n || edge_less(link[j], link[next]))) next = j;
      }
      tree.push_back(link[next]);
    }
    inside[next] = true;
    for (std::size_t j = 0; j < n; ++j) {
      if (inside[j]) continue;
      const double d = static_cast<double>(distance(next, j));
      if (!std::isfinite(d) || d < 0.0) {
        throw InputError("distance(" + std::to_string(next) + ", " + std::to_string(j) + ") = " +
                         std::to_string(d) + "; expected a finite number >= 0");
      }
      const Edge e{std::min(next, j), std::max(next, j), d};
      if (edge_less(e, link[j])) link[j] = e;
    }
  }
  std::sort(tree.begin(), tree.end(), edge_less);
  return tree;
}

template <DistanceMatrixLike Distance>
TreeCutResult single_linkage(const Distance& distance, std::size_t k) {
  const std::size_t n = static_cast<std::size_t>(distance.size());
  detail::check_group_count(k, n, "single_linkage");
  return detail::cut_heaviest(n, dense_minimum_spanning_tree(distance), 1, k);
}

}  // namespace clir
