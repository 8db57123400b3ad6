#pragma once
/// @file
/// @brief The eight-at-a-time "is any item closer" test of PAM's SWAP and its thresholds (the
/// kernels chosen at run time for the CPU are in detail/kernels.hpp).
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <vector>

#if defined(__AVX__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace clir::detail {

/// True when r[t] < lim[t] for some t < 8: the quick test that lets the swap searches skip the
/// many items a candidate does not come close to, eight at a time.
inline bool any_less8(const float* r, const float* lim) noexcept {
#if defined(__AVX__)
  return _mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(r), _mm256_loadu_ps(lim), _CMP_LT_OQ)) != 0;
#elif defined(__SSE2__)
  const __m128 a = _mm_cmplt_ps(_mm_loadu_ps(r), _mm_loadu_ps(lim));
  const __m128 b = _mm_cmplt_ps(_mm_loadu_ps(r + 4), _mm_loadu_ps(lim + 4));
  return _mm_movemask_ps(_mm_or_ps(a, b)) != 0;
#else
  unsigned m = 0;
  for (int t = 0; t < 8; ++t) m |= static_cast<unsigned>(r[t] < lim[t]);
  return m != 0;
#endif
}

inline bool any_less8(const double* r, const double* lim) noexcept {
#if defined(__AVX__)
  const __m256d a = _mm256_cmp_pd(_mm256_loadu_pd(r), _mm256_loadu_pd(lim), _CMP_LT_OQ);
  const __m256d b = _mm256_cmp_pd(_mm256_loadu_pd(r + 4), _mm256_loadu_pd(lim + 4), _CMP_LT_OQ);
  return _mm256_movemask_pd(_mm256_or_pd(a, b)) != 0;
#elif defined(__SSE2__)
  __m128d m = _mm_cmplt_pd(_mm_loadu_pd(r), _mm_loadu_pd(lim));
  m = _mm_or_pd(m, _mm_cmplt_pd(_mm_loadu_pd(r + 2), _mm_loadu_pd(lim + 2)));
  m = _mm_or_pd(m, _mm_cmplt_pd(_mm_loadu_pd(r + 4), _mm_loadu_pd(lim + 4)));
  m = _mm_or_pd(m, _mm_cmplt_pd(_mm_loadu_pd(r + 6), _mm_loadu_pd(lim + 6)));
  return _mm_movemask_pd(m) != 0;
#else
  unsigned m = 0;
  for (int t = 0; t < 8; ++t) m |= static_cast<unsigned>(r[t] < lim[t]);
  return m != 0;
#endif
}

/// @p d converted to float, rounded up, so that x < d implies x < float_above(d) for a float x:
/// a safe float threshold for the quick test.
inline float float_above(double d) noexcept {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) < d) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

/// Thresholds for the quick test in the storage type V: float rounded up, or the doubles.
template <class V>
struct Thresholds {
  std::vector<V> values;
  const V* refresh(const std::vector<double>& d) {
    if constexpr (std::is_same_v<V, double>) {
      return d.data();
    } else {
      values.resize(d.size());
      for (std::size_t j = 0; j < d.size(); ++j) values[j] = float_above(d[j]);
      return values.data();
    }
  }
};

}  // namespace clir::detail
