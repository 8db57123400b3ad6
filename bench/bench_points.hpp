#pragma once
// The distance matrix the k-medoids benchmarks share: Euclidean distances of n random points in
// the unit square (seeded by n), condensed, built once per n and value type and kept for the
// process, outside any timing.

#include <cmath>
#include <cstddef>
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

}  // namespace clir_bench
