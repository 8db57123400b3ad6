#pragma once
// The inputs the benchmarks share: the distance matrix of the k-medoids benchmarks (Euclidean
// distances of n random points in the unit square, seeded by n, condensed, built once per n and
// value type and kept for the process, outside any timing), and the harness's Gaussian points
// (bench/compare/clir_compare.cpp writes them for both sides of the comparison with R).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace clir_bench {

template <class V>
const clir::DistanceMatrix<V>& unit_square_matrix(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<clir::DistanceMatrix<V>>> cache;
  auto& slot = cache[n];
  if (!slot) {
    clir::Rng rng = clir::Rng::stream(2024, n);
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = rng.uniform();
      y[i] = rng.uniform();
    }
    slot = std::make_unique<clir::DistanceMatrix<V>>(n);
    auto& c = slot->condensed();
    std::size_t pos = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) c[pos++] = static_cast<V>(std::hypot(x[i] - x[j], y[i] - y[j]));
  }
  return *slot;
}

/// Stream offset of the centres' draws in gaussian_points (item i draws from stream i).
inline constexpr std::uint64_t kCentreStream = 1ULL << 40;

/// n points in `dim` dimensions around `centres` Gaussian centres (unit standard deviation,
/// centres uniform in [0, 5]^dim), row-major (point i is values [i·dim, (i+1)·dim)): overlapping
/// groups, no exact ties between distances. Point i comes from Rng::stream(seed, i) alone, so
/// the points are the same on every machine and for every n up to i.
inline std::vector<double> gaussian_points(std::size_t n, std::size_t dim, std::size_t centres, std::uint64_t seed) {
  std::vector<double> centre(centres * dim);
  for (std::size_t c = 0; c < centres; ++c) {
    auto rng = clir::Rng::stream(seed, kCentreStream + c);
    for (std::size_t j = 0; j < dim; ++j) centre[c * dim + j] = 5.0 * rng.uniform();
  }
  std::vector<double> points(n * dim);
  for (std::size_t i = 0; i < n; ++i) {
    auto rng = clir::Rng::stream(seed, i);
    const std::size_t c = rng.below(centres);
    for (std::size_t j = 0; j < dim; ++j) points[i * dim + j] = centre[c * dim + j] + rng.normal();
  }
  return points;
}

}  // namespace clir_bench
