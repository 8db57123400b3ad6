#pragma once
/// @file
/// @brief The checks every k-medoids run makes before it starts (k, given medoids, the
/// distances) and R's constants it computes with ("big", the swap tolerance).
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "clir/cluster/detail/row_source.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"

namespace clir::detail {

/// "Larger than every distance", as R's cluster::pam defines it (1.1 · max + 1); used where
/// a nearest or second-nearest distance does not exist yet, so that sums match R's bit for bit.
template <DistanceMatrixLike M>
double big_distance(const M& D) {
  double mx = 0.0;
  if constexpr (is_condensed_v<M>) {
    for (auto v : D.condensed()) mx = std::max(mx, static_cast<double>(v));
  } else {
    const std::size_t n = D.size();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) mx = std::max(mx, static_cast<double>(D(i, j)));
  }
  return mx * 1.1 + 1.0;
}

/// The largest of the @p len values at @p p (at least @p mx) and whether any of them is NaN,
/// infinite or negative (bad): independent lanes with no early exit, compiled for the CPU's
/// widest vectors (src/cluster/input_check.cpp); float compared as float.
void scan_run(const float* p, std::size_t len, double& mx, unsigned& bad) noexcept;
void scan_run(const double* p, std::size_t len, double& mx, unsigned& bad) noexcept;

/// scan_run for other value types: eight independent lanes in double.
template <class T>
void scan_run(const T* p, std::size_t len, double& mx, unsigned& bad) noexcept {
  double mx8[8] = {mx, mx, mx, mx, mx, mx, mx, mx};
  unsigned b = bad;
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    for (std::size_t t = 0; t < 8; ++t) {
      const double v = static_cast<double>(p[i + t]);
      b |= static_cast<unsigned>(!(v >= 0.0 && v <= std::numeric_limits<double>::max()));
      mx8[t] = v > mx8[t] ? v : mx8[t];
    }
  }
  for (; i < len; ++i) {
    const double v = static_cast<double>(p[i]);
    b |= static_cast<unsigned>(!good_distance(v));
    mx8[0] = v > mx8[0] ? v : mx8[0];
  }
  for (double v : mx8) mx = v > mx ? v : mx;
  bad = b;
}

/// How far d(i, j) and d(j, i) of a square matrix may differ, relative to the larger: matrices
/// from matrix products (scikit-learn's euclidean_distances) differ in the last bits across the
/// diagonal. The algorithms read such a matrix's upper triangle where they read each distance
/// once (BUILD, FastPAM1's sums) and its rows as given elsewhere (the swap sweeps).
inline constexpr double kSymmetryTolerance = 1e-5;

/// True when the distances x = d(i, j) and y = d(j, i), both finite and >= 0, agree within
/// kSymmetryTolerance: |x − y| <= kSymmetryTolerance · max(x, y).
inline bool symmetric_pair(double x, double y) noexcept {
  return (x > y ? x - y : y - x) <= kSymmetryTolerance * (x > y ? x : y);
}

/// The check of a square row-major n × n matrix @p a, in one read of every value (tiles (I, J)
/// and (J, I) compared side by side in vector lanes; src/cluster/square_check.cpp), on up to
/// @p threads threads: returns the largest distance above the diagonal and, when @p validate,
/// throws clir::InputError (key @p key) at the first pair (i, j), i <= j in row order, that is
/// wrong, naming it and its value: d(i, i) not 0, d(i, j) or d(j, i) NaN, infinite or negative,
/// or d(i, j) and d(j, i) not symmetric_pair. The k-medoids engine runs it on square input and the
/// Python binding on the square arrays it passes to the other functions.
double scan_square(const float* a, std::size_t n, bool validate, unsigned threads, std::string_view key);
double scan_square(const double* a, std::size_t n, bool validate, unsigned threads, std::string_view key);

/// Square rows of float or double, which scan_square reads.
template <class M>
concept DenseFloatRows = DenseRowDistances<M> && (std::is_same_v<typename M::value_type, float> ||
                                                  std::is_same_v<typename M::value_type, double>);

/// Validates the distances (unless @p validate is false) and returns R's "big" distance, in one
/// pass over the stored upper triangle, on up to @p threads threads (a maximum does not depend
/// on the order in which it is taken, so neither does the result). A bad value is located
/// afterwards by validate_distances, which names the first bad pair. Square float or double
/// rows are checked by scan_square: both triangles, the diagonal and the symmetry, in one read.
template <DistanceMatrixLike M>
double scan_distances(const M& D, bool validate, unsigned threads = 1) {
  if constexpr (DenseFloatRows<M>) {
    const std::size_t n = D.size();
    return (n == 0 ? 0.0 : scan_square(D.row(0), n, validate, std::max(1u, threads), "distance")) * 1.1 + 1.0;
  } else if constexpr (is_condensed_v<M> || DenseRowDistances<M>) {
    // Fixed parts, each scanned on its own: condensed chunks of 2^20 values, or for square
    // rows the upper-triangle parts of rows i and n − 1 − i together (n − 1 values a pair).
    std::size_t parts;
    if constexpr (is_condensed_v<M>) {
      parts = (D.condensed().size() + (std::size_t{1} << 20) - 1) >> 20;
    } else {
      parts = (D.size() + 1) / 2;
    }
    std::vector<double> part_max(parts, 0.0);
    std::vector<unsigned> part_bad(parts, 0);
    parallel_for(parts, std::max(1u, threads), [&](std::size_t q) {
      if constexpr (is_condensed_v<M>) {
        const auto& c = D.condensed();
        const std::size_t lo = q << 20, hi = std::min(c.size(), lo + (std::size_t{1} << 20));
        scan_run(c.data() + lo, hi - lo, part_max[q], part_bad[q]);
      } else {
        const std::size_t n = D.size(), mirror = n - 1 - q;
        scan_run(D.row(q) + q + 1, n - q - 1, part_max[q], part_bad[q]);
        if (mirror != q) scan_run(D.row(mirror) + mirror + 1, n - mirror - 1, part_max[q], part_bad[q]);
      }
    });
    double mx = 0.0;
    for (std::size_t q = 0; q < parts; ++q) {
      if (validate && part_bad[q]) validate_distances(D);  // throws, naming the first bad pair
      mx = part_max[q] > mx ? part_max[q] : mx;
    }
    return mx * 1.1 + 1.0;
  } else {
    if (validate) validate_distances(D);
    return big_distance(D);
  }
}

/// Swaps improve the loss only when they lower it by more than this: 16 ε · |loss|, as in R's
/// cluster::pam, so that rounding never makes two equal configurations swap back and forth.
inline double swap_tolerance(double loss) noexcept { return 16.0 * DBL_EPSILON * std::fabs(loss); }

/// Throws for an empty matrix, k = 0 or k > n.
inline void check_k(std::size_t n, std::size_t k) {
  if (n == 0) throw InputError("the distance matrix is empty; there is nothing to cluster", {.key = "distance"});
  if (k == 0) throw ConfigError("k", "the number of groups must be at least 1");
  if (k > n)
    throw ConfigError("k", "k = " + std::to_string(k) + " exceeds the number of items n = " + std::to_string(n));
}

/// Throws unless @p medoids are @p k distinct indices below @p n.
inline void check_medoids(const std::vector<std::size_t>& medoids, std::size_t n, std::size_t k,
                          const char* key) {
  if (medoids.size() != k)
    throw ConfigError(key, "expected " + std::to_string(k) + " medoids, got " + std::to_string(medoids.size()));
  std::vector<char> seen(n, 0);
  for (std::size_t m : medoids) {
    if (m >= n) throw ConfigError(key, "medoid index " + std::to_string(m) + " is not below n = " + std::to_string(n));
    if (seen[m]) throw ConfigError(key, "medoid index " + std::to_string(m) + " appears twice");
    seen[m] = 1;
  }
}

}  // namespace clir::detail
