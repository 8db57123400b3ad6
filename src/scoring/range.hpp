#pragma once
// Internal: minimum and maximum of a contiguous vector by a plain loop. Used instead of
// Eigen's minCoeff()/maxCoeff(), whose AVX-512 code makes GCC 12 report a false
// -Wmaybe-uninitialized under -march=native (the bench preset).

#include <Eigen/Core>

namespace clir::detail {

struct Range {
  double lo = 0.0;
  double hi = 0.0;
};

/// {min, max} of x[0..n); {0, 0} when n == 0.
inline Range range_of(const double* x, Eigen::Index n) noexcept {
  if (n <= 0) return {};
  Range r{x[0], x[0]};
  for (Eigen::Index i = 1; i < n; ++i) {
    if (x[i] < r.lo) r.lo = x[i];
    if (x[i] > r.hi) r.hi = x[i];
  }
  return r;
}

/// {min, max} of a contiguous Eigen vector, array or matrix column.
template <class V>
Range range_of(const V& v) noexcept {
  return range_of(v.data(), v.size());
}

}  // namespace clir::detail
