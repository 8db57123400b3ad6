#pragma once
// Small distance matrices the clustering tests build their cases from.

#include <cmath>
#include <cstdint>
#include <vector>

#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace clir_test {

/// Points on a line at positions @p x; d(i, j) = |x_i − x_j|.
inline clir::DistanceMatrix<double> line(const std::vector<double>& x) {
  clir::DistanceMatrix<double> D(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) D.set(i, j, std::abs(x[i] - x[j]));
  return D;
}

/// @p n points drawn uniformly from the square [0, 100)², Euclidean distances.
inline clir::DistanceMatrix<double> random_plane(std::size_t n, std::uint64_t seed) {
  clir::Rng rng(seed);
  std::vector<double> px(n), py(n);
  for (std::size_t i = 0; i < n; ++i) {
    px[i] = rng.uniform() * 100.0;
    py[i] = rng.uniform() * 100.0;
  }
  clir::DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) D.set(i, j, std::hypot(px[i] - px[j], py[i] - py[j]));
  return D;
}

}  // namespace clir_test
