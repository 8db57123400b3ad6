#pragma once
/// @file
/// @brief A distance "matrix" computed on demand, for algorithms that read only a few of the
/// n² distances (CLARA, assignment of new points): no O(n²) memory.

#include <concepts>
#include <cstddef>
#include <utility>

#include "clir/distance/matrix.hpp"

namespace clir {

/// Wraps a callable `f(i, j) -> double` over n items as a DistanceMatrixLike; d(i, i) = 0
/// without calling f. f must be symmetric and safe to call from several threads.
template <class F>
  requires std::invocable<const F&, std::size_t, std::size_t>
class LazyDistance {
 public:
  LazyDistance(std::size_t n, F f) : n_(n), f_(std::move(f)) {}
  std::size_t size() const noexcept { return n_; }
  double operator()(std::size_t i, std::size_t j) const { return i == j ? 0.0 : static_cast<double>(f_(i, j)); }

 private:
  std::size_t n_;
  F f_;
};

/// A LazyDistance over @p n items, e.g.
/// `lazy_distance(pts.size(), [&](auto i, auto j) { return haversine_km(pts[i], pts[j]); })`.
template <class F>
LazyDistance<F> lazy_distance(std::size_t n, F f) {
  return LazyDistance<F>(n, std::move(f));
}

}  // namespace clir
