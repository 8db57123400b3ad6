#pragma once
/// @file
/// @brief Internal: a union-find (disjoint sets) over the items 0..n−1 whose root is always the
/// smallest item of its set, so that what callers derive from the roots does not depend on the
/// order of the joins.

#include <cstddef>
#include <numeric>
#include <utility>
#include <vector>

namespace clir::detail {

/// Disjoint sets of 0..n−1 with path halving. The root of a set is its smallest item: callers
/// number blocks by root or by first item and get the same numbering for any join order.
class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }

  std::size_t size() const noexcept { return parent_.size(); }

  /// The root (smallest item) of @p x's set.
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }

  /// Merges the sets of @p a and @p b; the smaller root stays the root.
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<std::size_t> parent_;
};

}  // namespace clir::detail
