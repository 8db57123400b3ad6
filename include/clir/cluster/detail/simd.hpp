#pragma once
/// @file
/// @brief Vector kernels of the k-medoids engine: the in-register block transpose that turns
/// candidate rows item-major, and the eight-at-a-time "is any item closer" test of PAM's SWAP.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__AVX__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace clir::detail {

/// Width in bytes of the target's widest vector registers, which the block transpose below
/// uses: wider GCC vector types than the target has would be split and change the ABI.
inline constexpr std::size_t kVectorBytes =
#if defined(__AVX512F__)
    64;
#elif defined(__AVX__)
    32;
#else
    16;
#endif

/// A GCC/Clang vector of kVectorBytes / sizeof(V) values of V (portable: lowered to whatever
/// the target has, no intrinsics of one instruction set).
template <class V>
struct TileVector {
  static constexpr std::size_t width = kVectorBytes / sizeof(V);
  typedef V type __attribute__((vector_size(kVectorBytes)));
};

// One butterfly stage of a W × W transpose held in W vectors: rows i and i + d exchange their
// halves so that bit d of the row and column index swap places. After the stages for d = 1, 2,
// 4, … every element (r, c) is at (c, r).
template <std::size_t d, class Vec, std::size_t... I>
inline Vec butterfly_low(Vec a, Vec b, std::index_sequence<I...>) {
  return __builtin_shufflevector(a, b, ((I & d) ? sizeof...(I) + I - d : I)...);
}
template <std::size_t d, class Vec, std::size_t... I>
inline Vec butterfly_high(Vec a, Vec b, std::index_sequence<I...>) {
  return __builtin_shufflevector(a, b, ((I & d) ? sizeof...(I) + I : I + d)...);
}
template <std::size_t d, std::size_t W, class Vec>
inline void butterfly_stage(Vec (&r)[W]) {
  for (std::size_t i = 0; i < W; ++i) {
    if (i & d) continue;
    const Vec low = butterfly_low<d>(r[i], r[i + d], std::make_index_sequence<W>{});
    const Vec high = butterfly_high<d>(r[i], r[i + d], std::make_index_sequence<W>{});
    r[i] = low;
    r[i + d] = high;
  }
}

/// Transposes the @p len values that start at each of the B pointers @p src into item-major
/// order: out[i·B + t] = src[t][i]. W × W tiles (W values per vector) are transposed in
/// registers, so the block costs a few shuffles per vector instead of one scalar store per value.
template <std::size_t B, class V>
inline void transpose_runs(const V* const* src, std::size_t len, V* __restrict out) {
  using Vec = typename TileVector<V>::type;
  constexpr std::size_t W = TileVector<V>::width;
  static_assert(B % W == 0, "the block must be a whole number of tiles");
  std::size_t i0 = 0;
  for (; i0 + W <= len; i0 += W) {
    for (std::size_t t0 = 0; t0 < B; t0 += W) {
      Vec r[W];
      for (std::size_t s = 0; s < W; ++s) std::memcpy(&r[s], src[t0 + s] + i0, sizeof(Vec));
      [&]<std::size_t... D>(std::index_sequence<D...>) {
        (butterfly_stage<(std::size_t{1} << D)>(r), ...);
      }(std::make_index_sequence<static_cast<std::size_t>(__builtin_ctzll(W))>{});
      for (std::size_t s = 0; s < W; ++s) std::memcpy(out + (i0 + s) * B + t0, &r[s], sizeof(Vec));
    }
  }
  for (; i0 < len; ++i0)
    for (std::size_t t = 0; t < B; ++t) out[i0 * B + t] = src[t][i0];
}

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
