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

/// Validates the distances (unless @p validate is false) and returns R's "big" distance, in one
/// pass over the matrix, on up to @p threads threads (a maximum does not depend on the order
/// in which it is taken, so neither does the result).
template <DistanceMatrixLike M>
double scan_distances(const M& D, bool validate, unsigned threads = 1) {
  if constexpr (is_condensed_v<M>) {
    if (validate) {
      const auto& c = D.condensed();
      const std::size_t size = c.size();
      // Fixed chunks, each scanned in eight independent lanes with no early exit (vectorizes);
      // a bad value is located afterwards.
      constexpr std::size_t kChunk = std::size_t{1} << 20;
      const std::size_t chunks = (size + kChunk - 1) / kChunk;
      std::vector<double> chunk_max(chunks, 0.0);
      std::vector<unsigned> chunk_bad(chunks, 0);
      parallel_for(chunks, std::max(1u, threads), [&](std::size_t q) {
        const std::size_t lo = q * kChunk, hi = std::min(size, lo + kChunk);
        double mx8[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        unsigned bad = 0;
        std::size_t p = lo;
        for (; p + 8 <= hi; p += 8) {
          for (std::size_t t = 0; t < 8; ++t) {
            const double v = static_cast<double>(c[p + t]);
            bad |= static_cast<unsigned>(!(v >= 0.0 && v <= std::numeric_limits<double>::max()));
            mx8[t] = v > mx8[t] ? v : mx8[t];
          }
        }
        for (; p < hi; ++p) {
          const double v = static_cast<double>(c[p]);
          bad |= static_cast<unsigned>(!good_distance(v));
          mx8[0] = v > mx8[0] ? v : mx8[0];
        }
        double mx = 0.0;
        for (double v : mx8) mx = v > mx ? v : mx;
        chunk_max[q] = mx;
        chunk_bad[q] = bad;
      });
      double mx = 0.0;
      for (std::size_t q = 0; q < chunks; ++q) {
        if (chunk_bad[q]) validate_distances(D);  // throws, naming the first bad pair
        mx = chunk_max[q] > mx ? chunk_max[q] : mx;
      }
      return mx * 1.1 + 1.0;
    }
  } else {
    if (validate) validate_distances(D);
  }
  return big_distance(D);
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
