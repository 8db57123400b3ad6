#pragma once
/// @file
/// @brief Internals of the k-medoids family: contiguous row access to a distance matrix, the
/// nearest/second-nearest medoid cache, and the validation shared by every algorithm.
///
/// Nothing here is public API; see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__AVX__) || defined(__SSE2__)
#include <immintrin.h>
#endif

#include "clir/cluster/result.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"

namespace clir::detail {

/// Storage type used for copies of rows: T for condensed or dense-row storage of T (a
/// DistanceMatrix<T> or a view), double for anything else.
template <class M>
struct distance_value {
  using type = double;
};
template <class M>
  requires(CondensedDistances<M> || DenseRowDistances<M>)
struct distance_value<M> {
  using type = typename M::value_type;
};

template <class M>
inline constexpr bool is_condensed_v = CondensedDistances<M>;

/// Below this many items a parallel loop costs more in thread start-up than it saves.
inline constexpr std::size_t kParallelMinItems = 512;

inline unsigned effective_threads(unsigned requested, std::size_t n) noexcept {
  return n < kParallelMinItems ? 1u : resolve_threads(requested);
}

/// Calls f(lo, hi) on contiguous chunks covering [0, n), one per thread. Each index must be
/// handled independently of the chunk it falls in, which keeps results thread-count-free.
template <class F>
void parallel_chunks(std::size_t n, unsigned threads, F&& f) {
  if (n == 0) return;
  const std::size_t t = std::min<std::size_t>(std::max(1u, threads), n);
  parallel_for(t, static_cast<unsigned>(t), [&](std::size_t c) { f(n * c / t, n * (c + 1) / t); });
}

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

/// Rows of a distance matrix as contiguous arrays. The swap searches read one full row per
/// candidate; from condensed storage half of that row is a strided column walk (a cache miss
/// per element), so when n² values fit in @p dense_limit_bytes a dense row-major copy is made
/// once (tiled, in parallel) and rows are then plain pointers. Otherwise each row is gathered
/// into a caller-provided scratch buffer.
template <DistanceMatrixLike M>
class RowSource {
 public:
  using value_type = typename distance_value<M>::type;

  /// A dense copy is made only for a caller's matrix type (whose entries may be costly to
  /// compute) and only when n² values fit in @p dense_limit_bytes; DistanceMatrix rows are
  /// gathered in blocks instead, which is as fast and needs no extra n² memory.
  RowSource(const M& D, std::size_t dense_limit_bytes, unsigned threads) : D_(D), n_(D.size()) {
    if constexpr (DenseRowDistances<M>) {
      if (n_ > 0) dense_rows_ = D.row(0);  // read in place: the caller's rows are already dense
    } else if (!is_condensed_v<M> && n_ > 0 && n_ <= dense_limit_bytes / sizeof(value_type) / n_) {
      build_dense(threads);
    }
  }

  std::size_t size() const noexcept { return n_; }
  bool dense() const noexcept { return dense_rows_ != nullptr; }

  /// Pointer to the n distances of row @p i; @p scratch (n values) is used when not dense.
  const value_type* row(std::size_t i, value_type* scratch) const {
    if (dense_rows_) return dense_rows_ + i * n_;
    gather(i, scratch);
    return scratch;
  }

  /// Rows are gathered this many at a time from condensed storage: 256 bytes of distances per
  /// row, 32 in double and 64 in float. Left of the block each earlier row contributes one run
  /// of kBlock values, and runs of 128 bytes (32 floats) made a float sweep's reads cost 5–6
  /// streaming reads of the matrix against 3.5 in double (bench/sweep_bench.cpp). Runs of 64
  /// floats made FastPAM1 (n = 10,000) about a third faster and FasterPAM (n = 20,000) about
  /// 9% (bench/kmedoids_bench.cpp), with the same results: a candidate's gains do not depend
  /// on the block it is evaluated in.
  static constexpr std::size_t kBlock = 256 / sizeof(value_type);

  /// Values of scratch rows() needs: 0 when dense.
  std::size_t block_buffer_size() const noexcept { return dense() ? 0 : kBlock * n_; }

  /// Pointer to the @p count (≤ kBlock) consecutive rows h0, h0+1, ..., each n values. From
  /// condensed storage, the part of each row left of the diagonal is a column of the upper
  /// triangle; for a block of rows those columns are contiguous runs of @p count values in
  /// every earlier condensed row, so the block is gathered with streaming reads, as cheaply
  /// per row as from a dense matrix, without the dense copy.
  const value_type* rows(std::size_t h0, std::size_t count, value_type* buffer) const {
    if (dense_rows_) return dense_rows_ + h0 * n_;
    const std::size_t n = n_, h1 = h0 + count;
    if constexpr (is_condensed_v<M>) {
      const value_type* c = D_.condensed().data();
      fill_left(h0, count, buffer);
      for (std::size_t t = 0; t < count; ++t) {
        value_type* out = buffer + t * n;
        const std::size_t h = h0 + t;
        out[h] = value_type(0);
        if (h + 1 < n) std::memcpy(out + h + 1, c + D_.index(h, h + 1), (n - h - 1) * sizeof(value_type));
      }
    } else {
      for (std::size_t h = h0; h < h1; ++h) gather(h, buffer + (h - h0) * n);
    }
    return buffer;
  }

  /// Like rows(), but for condensed storage fills only the part of each row left of the
  /// diagonal (j < h); the part right of it is read in place through right_of(). Saves
  /// copying half of every row.
  const value_type* rows_left(std::size_t h0, std::size_t count, value_type* buffer) const {
    if constexpr (is_condensed_v<M>) {
      if (!dense_rows_) {
        fill_left(h0, count, buffer);
        return buffer;
      }
    }
    return rows(h0, count, buffer);
  }

  /// The distances d(h, j) for j = h+1 .. n−1, consecutive; @p row is row h as returned by
  /// rows_left() (used unless the storage is condensed).
  const value_type* right_of(std::size_t h, const value_type* row) const {
    if constexpr (is_condensed_v<M>) {
      if (!dense_rows_) return h + 1 < n_ ? D_.condensed().data() + D_.index(h, h + 1) : row;
    }
    return row + h + 1;
  }

  /// True for condensed storage, where each distance is stored once for both of its items and
  /// segment() reads it in place. Dense rows are not: a caller's square matrix may differ across
  /// the diagonal in the last bits, and every algorithm reads its rows as given.
  static constexpr bool segments_in_place() noexcept { return is_condensed_v<M>; }

  /// The distances d(i, j0), d(i, j0 + 1), ..., d(i, n − 1) side by side, for j0 > i: the part
  /// of condensed row i from j0 on, in place. Only when segments_in_place().
  const value_type* segment(std::size_t i, std::size_t j0) const noexcept
    requires(is_condensed_v<M>)
  {
    return D_.condensed().data() + D_.index(i, j0);
  }

  /// The distances of the @p count (≤ kBlock) candidates h0 .. h0+count−1 to the items j in
  /// [jlo, jhi), item-major: out[(j − jlo)·kBlock + t] = d(h0 + t, j), with d(h, h) = 0 (lanes
  /// t ≥ count are left as they are). From condensed storage the entries for j < h0 are one
  /// contiguous run of condensed row j, and those for j ≥ h0 + count lie along the candidates'
  /// own condensed rows, so every value is read in a streaming pattern.
  void fill_columns(std::size_t h0, std::size_t count, std::size_t jlo, std::size_t jhi, value_type* out) const {
    constexpr std::size_t B = kBlock;
    const std::size_t n = n_, h1 = h0 + count;
    if (dense_rows_) {
      for (std::size_t t = 0; t < count; ++t) {
        const value_type* r = dense_rows_ + (h0 + t) * n;
        for (std::size_t j = jlo; j < jhi; ++j) out[(j - jlo) * B + t] = r[j];
      }
      return;
    }
    if constexpr (is_condensed_v<M>) {
      const value_type* c = D_.condensed().data();
      const std::size_t left_end = std::min(jhi, h0);
      // Each j is a different condensed row at an irregular stride, which the hardware
      // prefetcher cannot follow: ask for the run kAhead rows ahead explicitly. A full block's
      // runs have a length known at compile time, so their copies are a few vector moves.
      constexpr std::size_t kAhead = 16;
      auto copy_runs = [&](auto len) {
        const std::size_t bytes = len * sizeof(value_type);
        for (std::size_t j = jlo; j < left_end; ++j) {
          if (j + kAhead < left_end) {
            const char* next = reinterpret_cast<const char*>(c + D_.index(j + kAhead, h0));
            for (std::size_t b = 0; b < bytes; b += 64) __builtin_prefetch(next + b);
            __builtin_prefetch(next + bytes - 1);
          }
          std::memcpy(out + (j - jlo) * B, c + D_.index(j, h0), bytes);
        }
      };
      if (count == B) {
        copy_runs(std::integral_constant<std::size_t, B>{});
      } else {
        copy_runs(count);
      }
      for (std::size_t j = std::max(jlo, h0); j < std::min(jhi, h1); ++j) {
        for (std::size_t t = 0; t < count; ++t) {
          const std::size_t h = h0 + t;
          out[(j - jlo) * B + t] = j < h ? c[D_.index(j, h)] : j == h ? value_type(0) : c[D_.index(h, j)];
        }
      }
      const std::size_t right_begin = std::max(jlo, h1);
      if (right_begin < jhi) {
        // kBlock rows read side by side are more streams than the hardware prefetcher follows:
        // ask for each row's next run (the next call's, as long as this one) explicitly.
        const std::size_t ahead_bytes = (jhi - jlo) * sizeof(value_type);
        const value_type* src[B];
        for (std::size_t t = 0; t < count; ++t) {
          src[t] = c + D_.index(h0 + t, right_begin);
          const char* next = reinterpret_cast<const char*>(src[t] + (jhi - right_begin));
          for (std::size_t b = 0; b < ahead_bytes; b += 64) __builtin_prefetch(next + b);
        }
        value_type* dst = out + (right_begin - jlo) * B;
        if (count == B) {
          transpose_runs<B>(src, jhi - right_begin, dst);
        } else {
          for (std::size_t t = 0; t < count; ++t)
            for (std::size_t j = 0; j < jhi - right_begin; ++j) dst[j * B + t] = src[t][j];
        }
      }
    } else {
      for (std::size_t t = 0; t < count; ++t)
        for (std::size_t j = jlo; j < jhi; ++j)
          out[(j - jlo) * B + t] = j == h0 + t ? value_type(0) : static_cast<value_type>(D_(h0 + t, j));
    }
  }

  double operator()(std::size_t i, std::size_t j) const {
    if (dense_rows_) return static_cast<double>(dense_rows_[i * n_ + j]);
    return static_cast<double>(D_(i, j));
  }

 private:
  const M& D_;
  std::size_t n_;
  std::vector<value_type> dense_;
  const value_type* dense_rows_ = nullptr;  // dense_.data() or the caller's dense rows

  // Left parts (j < h) of rows h0 .. h0+count−1 from condensed storage.
  void fill_left(std::size_t h0, std::size_t count, value_type* buffer) const {
    fill_left_columns(h0, count, buffer, 0, h0 + count);
  }

  // The entries of columns j in [jlo, jhi) of fill_left(): for j < h0 the run of condensed
  // row j that holds d(j, h0 .. h0+count−1); for j inside the block, its upper triangle.
  // Out of line, so that profiles show the gathering apart from the gain loop that follows;
  // one call per chunk of columns costs nothing.
  [[gnu::noinline]] void fill_left_columns(std::size_t h0, std::size_t count, value_type* buffer, std::size_t jlo,
                         std::size_t jhi) const {
    const std::size_t n = n_;
    const value_type* c = D_.condensed().data();
    // Each j is a different condensed row at an irregular stride, which the hardware
    // prefetcher cannot follow: ask for the run kAhead rows ahead explicitly.
    constexpr std::size_t kAhead = 24;
    const std::size_t jrun = std::min(jhi, h0);
    for (std::size_t j = jlo; j < jrun; ++j) {
      if (j + kAhead < jrun) {
        const char* next = reinterpret_cast<const char*>(c + D_.index(j + kAhead, h0));
        for (std::size_t b = 0; b < count * sizeof(value_type); b += 64) __builtin_prefetch(next + b);
        __builtin_prefetch(next + count * sizeof(value_type) - 1);
      }
      const value_type* src = c + D_.index(j, h0);
      for (std::size_t t = 0; t < count; ++t) buffer[t * n + j] = src[t];
    }
    for (std::size_t j = std::max(jlo, h0); j < jhi; ++j)
      for (std::size_t h = j + 1; h < h0 + count; ++h) buffer[(h - h0) * n + j] = c[D_.index(j, h)];
  }

  void gather(std::size_t i, value_type* out) const {
    if constexpr (is_condensed_v<M>) {
      const value_type* c = D_.condensed().data();
      for (std::size_t j = 0; j < i; ++j) out[j] = c[D_.index(j, i)];
      out[i] = value_type(0);
      if (i + 1 < n_) std::memcpy(out + i + 1, c + D_.index(i, i + 1), (n_ - i - 1) * sizeof(value_type));
    } else {
      for (std::size_t j = 0; j < n_; ++j) out[j] = i == j ? value_type(0) : static_cast<value_type>(D_(i, j));
    }
  }

  void build_dense(unsigned threads) {
    dense_.resize(n_ * n_);
    value_type* out = dense_.data();
    dense_rows_ = out;
    const std::size_t n = n_;
    parallel_for(n, effective_threads(threads, n), [&](std::size_t i) {
      for (std::size_t j = 0; j < n; ++j) out[i * n + j] = i == j ? value_type(0) : static_cast<value_type>(D_(i, j));
    });
  }
};

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

/// Calls f(h, row) for every h in [lo, hi), rows fetched a block at a time into @p buffer.
template <class Rows, class F>
void for_each_row(const Rows& rows, std::size_t lo, std::size_t hi, typename Rows::value_type* buffer, F&& f) {
  const std::size_t n = rows.size();
  for (std::size_t h0 = lo; h0 < hi; h0 += Rows::kBlock) {
    const std::size_t count = std::min(Rows::kBlock, hi - h0);
    const auto* block = rows.rows(h0, count, buffer);
    for (std::size_t t = 0; t < count; ++t) f(h0 + t, block + t * n);
  }
}

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

/// The distances of every item to every medoid, by medoid slot, kept item-major
/// (dmed[j·k + s]) so that a rescan of one item reads k adjacent values.
struct MedoidDistances {
  std::size_t n = 0, k = 0;
  double big = 0.0;                  // "no such medoid" distance
  std::vector<std::size_t> medoids;  // slot -> item
  std::vector<double> dmed;          // n × k

  template <class Rows>
  void load(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    n = rows.size();
    k = initial.size();
    big = big_value;
    medoids = std::move(initial);
    dmed.assign(n * k, 0.0);
    std::vector<typename Rows::value_type> scratch(rows.dense() ? 0 : n);
    for (std::size_t s = 0; s < k; ++s) set_column(s, rows.row(medoids[s], scratch.data()));
  }

  /// Column @p s from the distance row @p r of its medoid.
  template <class V>
  void set_column(std::size_t s, const V* r) {
    for (std::size_t j = 0; j < n; ++j) dmed[j * k + s] = static_cast<double>(r[j]);
  }
};

/// Nearest and second-nearest medoid of every item, by medoid slot.
/// Ties go to the lower slot (the scan is in slot order with strict comparisons), as in R.
struct NearestCache : MedoidDistances {
  std::vector<double> dnear, dsec;      // per item
  std::vector<std::uint32_t> near, sec; // per item, slots
  std::vector<double> remove_loss;      // per slot: loss increase if it were removed alone

  template <class Rows>
  void init(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    load(rows, std::move(initial), big_value);
    dnear.assign(n, big);
    dsec.assign(n, big);
    near.assign(n, 0);
    sec.assign(n, 0);
    for (std::size_t j = 0; j < n; ++j) rescan(j);
  }

  void rescan(std::size_t j) {
    double a = big, b = big;
    std::uint32_t na = 0, nb = 0;
    const double* d = dmed.data() + j * k;
    for (std::size_t s = 0; s < k; ++s) {
      if (a > d[s]) {
        nb = na;
        b = a;
        na = static_cast<std::uint32_t>(s);
        a = d[s];
      } else if (b > d[s]) {
        nb = static_cast<std::uint32_t>(s);
        b = d[s];
      }
    }
    dnear[j] = a;
    dsec[j] = b;
    near[j] = na;
    sec[j] = nb;
  }

  void compute_remove_loss() {
    remove_loss.assign(k, 0.0);
    for (std::size_t j = 0; j < n; ++j) remove_loss[near[j]] += dsec[j] - dnear[j];
  }

  double loss() const {
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) total += dnear[j];
    return total;
  }

  /// Replaces the medoid in slot @p s by item @p h and updates the caches incrementally: only
  /// items whose nearest or second nearest was slot s need a rescan of all k medoids.
  /// Returns the new loss, summed afresh (more accurate than accumulating the changes).
  template <class Rows>
  double swap(const Rows& rows, std::size_t s, std::size_t h, typename Rows::value_type* scratch) {
    return swap_row(s, h, rows.row(h, scratch));
  }

  /// As swap(), given the distance row @p r of item h.
  template <class V>
  double swap_row(std::size_t s, std::size_t h, const V* r) {
    medoids[s] = h;
    set_column(s, r);
    double total = 0.0;
    const auto slot = static_cast<std::uint32_t>(s);
    for (std::size_t j = 0; j < n; ++j) {
      const double dnew = dmed[j * k + s];
      if (near[j] == slot) {
        if (dnew < dsec[j]) {
          dnear[j] = dnew;
        } else {
          rescan(j);
        }
      } else if (dnew < dnear[j]) {
        sec[j] = near[j];
        dsec[j] = dnear[j];
        near[j] = slot;
        dnear[j] = dnew;
      } else if (sec[j] == slot) {
        rescan(j);
      } else if (dnew < dsec[j]) {
        sec[j] = slot;
        dsec[j] = dnew;
      }
      total += dnear[j];
    }
    return total;
  }
};

/// Adds item j's contributions to the swap gains of a block of B candidates at once, from
/// their distances @p d to it (d[t]: candidate t). An item closer to candidate t than to its
/// nearest medoid adds d − D_j to acc[t] and D_j − E_j to its medoid's entry g[t]; an item that
/// would only switch to the candidate when its medoid leaves adds d − E_j there (D_j, E_j:
/// distances to the nearest and second-nearest medoid, D_j ≤ E_j).
///
/// Written as min(d − D_j, 0) and min(max(d, D_j), E_j) − E_j, which give exactly those values
/// (and +0 where nothing is added), so the B lanes need no masks or branches: min, max, sub and
/// add over contiguous lanes, which any target with vectors runs as plain vector code.
inline void add_contribution(double x, double dn, double ds, double& acc, double& g) noexcept {
  const double closer = x - dn;
  acc += closer < 0.0 ? closer : 0.0;
  const double y = x > dn ? x : dn;
  g += (y < ds ? y : ds) - ds;
}

template <std::size_t B, class V>
inline void accumulate_item(const V* __restrict d, double dn, double ds, double* __restrict acc,
                            double* __restrict g) {
  for (std::size_t t = 0; t < B; ++t) add_contribution(static_cast<double>(d[t]), dn, ds, acc[t], g[t]);
}

/// accumulate_item for items [jlo, jhi) in increasing order, from @p cols item-major:
/// cols[(j − jlo)·B + t] is the distance of candidate t to item j; g of item j is
/// gains[near_j·B ...].
template <std::size_t B, class V>
inline void accumulate_columns(const V* __restrict cols, std::size_t jlo, std::size_t jhi,
                               const double* __restrict dnear, const double* __restrict dsec,
                               const std::uint32_t* __restrict near, double* __restrict acc,
                               double* __restrict gains) {
  for (std::size_t j = jlo; j < jhi; ++j)
    accumulate_item<B>(cols + (j - jlo) * B, dnear[j], dsec[j], acc, gains + std::size_t{near[j]} * B);
}

/// From the summed gains of a block of B candidates (acc in totals[0, B), the entry of slot s
/// in totals[(s + 1)·B, (s + 2)·B)): the smallest Δ(s, h) = (gain_s(h) + acc(h)) +
/// remove_loss_s of each candidate t < @p count in best[t] and its slot in slot[t] (the lowest
/// slot on a tie).
template <std::size_t B>
inline void best_swaps(const double* totals, const std::vector<double>& remove_loss, std::size_t count, double* best,
                       std::uint32_t* slot) {
  for (std::size_t t = 0; t < count; ++t) {
    const double acc = totals[t];
    double b = std::numeric_limits<double>::infinity();
    std::uint32_t s_best = 0;
    for (std::size_t s = 0; s < remove_loss.size(); ++s) {
      const double loss = totals[(s + 1) * B + t] + acc + remove_loss[s];
      if (loss < b) {
        b = loss;
        s_best = static_cast<std::uint32_t>(s);
      }
    }
    best[t] = b;
    slot[t] = s_best;
  }
}

/// The change of loss of every swap "slot s → candidate h" for a block of consecutive
/// candidates h0 .. h0+count−1 (Schubert & Rousseeuw's shared accumulators):
/// Δ(s, h) = (gain_s(h) + acc(h)) + remove_loss_s.
///
/// The items are split into stripes of kStripe items; a stripe's partial sums are computed
/// in one piece (by whichever thread claims it, see stripe()) and the stripes are added in
/// their fixed order by finish(), so every Δ is the same for any thread count. Within a
/// stripe the candidates' distances are fetched kChunk items at a time into a small
/// item-major buffer (RowSource::fill_columns) and consumed while still in cache.
template <class Rows>
class BlockGains {
 public:
  using V = typename Rows::value_type;
  static constexpr std::size_t B = Rows::kBlock;
  static constexpr std::size_t kStripe = 1024;
  static constexpr std::size_t kChunk = 128;

  /// Buffers for @p members threads calling stripe() at the same time.
  BlockGains(const Rows& rows, std::size_t k, unsigned members)
      : rows_(rows),
        k_(k),
        stripes_((rows.size() + kStripe - 1) / kStripe),
        part_(stripes_ * (k + 1) * B),
        total_((k + 1) * B),
        cols_(std::size_t{std::max(1u, members)} * kChunk * B, V(0)) {}

  std::size_t stripes() const noexcept { return stripes_; }

  /// Partial sums of stripe @p q for candidates h0 .. h0+count−1; @p member picks the buffer.
  void stripe(const NearestCache& c, std::size_t h0, std::size_t count, std::size_t q, unsigned member) {
    double* acc = part_.data() + q * (k_ + 1) * B;
    std::fill(acc, acc + (k_ + 1) * B, 0.0);
    V* cols = cols_.data() + std::size_t{member} * kChunk * B;
    const std::size_t lo = q * kStripe, hi = std::min(c.n, lo + kStripe);
    const double* dn = c.dnear.data();
    const double* ds = c.dsec.data();
    const std::uint32_t* near = c.near.data();
    for (std::size_t j0 = lo; j0 < hi; j0 += kChunk) {
      const std::size_t j1 = std::min(hi, j0 + kChunk);
      rows_.fill_columns(h0, count, j0, j1, cols);
      accumulate_columns<B>(cols, j0, j1, dn, ds, near, acc, acc + B);
    }
  }

  /// After every stripe is done: the smallest Δ of each candidate t < @p count in best[t] and
  /// its slot in slot[t] (the lowest slot on a tie).
  void finish(const NearestCache& c, std::size_t count, double* best, std::uint32_t* slot) {
    const std::size_t width = (k_ + 1) * B;
    std::copy(part_.begin(), part_.begin() + static_cast<std::ptrdiff_t>(width), total_.begin());
    for (std::size_t q = 1; q < stripes_; ++q) {
      const double* p = part_.data() + q * width;
      for (std::size_t i = 0; i < width; ++i) total_[i] += p[i];
    }
    best_swaps<B>(total_.data(), c.remove_loss, count, best, slot);
  }

  /// stripe() for every stripe on the calling thread, then finish().
  void evaluate(const NearestCache& c, std::size_t h0, std::size_t count, double* best, std::uint32_t* slot) {
    for (std::size_t q = 0; q < stripes_; ++q) stripe(c, h0, count, q, 0);
    finish(c, count, best, slot);
  }

 private:
  const Rows& rows_;
  std::size_t k_, stripes_;
  std::vector<double> part_, total_;
  std::vector<V> cols_;
};

/// accumulate_item with the roles turned: item i's contributions to @p len candidates at once,
/// from their distances @p d to it (d[c]: candidate c), into acc[c] and g[c] (the entry of
/// item i's medoid). The same formula, so the same values, vectorised over the candidates.
template <class V>
inline void accumulate_item_over_candidates(const V* __restrict d, std::size_t len, double dn, double ds,
                                            double* __restrict acc, double* __restrict g) {
  for (std::size_t c = 0; c < len; ++c) add_contribution(static_cast<double>(d[c]), dn, ds, acc[c], g[c]);
}

/// total += part, part = 0, over @p count values: a stripe of items is complete.
inline void close_stripe(double* __restrict total, double* __restrict part, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    total[i] += part[i];
    part[i] = 0.0;
  }
}

/// FastPAM1's pass: the smallest Δ of every candidate h in [lo, hi) (lo a multiple of
/// Rows::kBlock) in best[h] and its slot in slot[h], the same values BlockGains::evaluate gives
/// block by block, but reading each stored distance the range needs once instead of twice.
///
/// All candidates of a pass are scored against the same medoids, so d(i, h), i < h, can add
/// its terms to candidate i (item h) and candidate h (item i) at one reading. A block of B rows
/// is read from its diagonal on: turned item-major, its B candidates add their items in B lanes
/// (accumulate_columns); in place, the same rows add their items to the running sums of all
/// later candidates, vectorised over them (accumulate_item_over_candidates). A candidate's sums
/// still run over the items in increasing order, split at the same stripes of
/// BlockGains::kStripe items whose partial sums are then added in order, so every Δ is
/// bit-identical to BlockGains' and does not depend on the range or the thread. Condensed
/// storage only (rows.segments_in_place()).
template <class Rows>
void pass_gains_in_place(const Rows& rows, const NearestCache& c, std::size_t lo, std::size_t hi, double* best,
                         std::uint32_t* slot) {
  using V = typename Rows::value_type;
  constexpr std::size_t B = Rows::kBlock, kStripe = BlockGains<Rows>::kStripe, kChunk = BlockGains<Rows>::kChunk;
  static_assert(kStripe % B == 0 && kStripe % kChunk == 0, "stripes must be whole blocks and chunks");
  const std::size_t n = rows.size(), k = c.k, m = hi - lo, width = (k + 1) * m;
  const double* dn = c.dnear.data();
  const double* ds = c.dsec.data();
  const std::uint32_t* near = c.near.data();
  // Running sums of the candidates in [lo, hi) over the items read so far: acc in [0, m), the
  // entry of slot s in [(s + 1)·m, (s + 2)·m); `part` for the current stripe, `total` for the
  // stripes before it.
  std::vector<double> part(width, 0.0), total(width, 0.0);
  auto add_item = [&](std::size_t i, const V* d, std::size_t c0, std::size_t len) {
    const std::size_t off = c0 - lo;
    accumulate_item_over_candidates(d, len, dn[i], ds[i], part.data() + off, part.data() + (near[i] + 1) * m + off);
  };
  for (std::size_t i = 0; i < lo; ++i) {
    if (i > 0 && i % kStripe == 0) close_stripe(total.data(), part.data(), width);
    add_item(i, rows.segment(i, lo), lo, m);
  }
  const std::size_t lanes = (k + 1) * B;
  std::vector<double> lane_part(lanes), lane_total(lanes);
  std::vector<V> cols(kChunk * B, V(0));
  for (std::size_t h0 = lo; h0 < hi; h0 += B) {
    const std::size_t count = std::min(B, hi - h0), h1 = h0 + count;
    // The block's candidates take over their running sums as lanes.
    std::fill(lane_part.begin(), lane_part.end(), 0.0);
    std::fill(lane_total.begin(), lane_total.end(), 0.0);
    for (std::size_t a = 0; a <= k; ++a) {
      for (std::size_t t = 0; t < count; ++t) {
        lane_part[a * B + t] = part[a * m + (h0 - lo) + t];
        lane_total[a * B + t] = total[a * m + (h0 - lo) + t];
      }
    }
    if (h0 > 0 && h0 % kStripe == 0) close_stripe(total.data(), part.data(), width);
    for (std::size_t j0 = h0; j0 < n;) {
      if (j0 > 0 && j0 % kStripe == 0) close_stripe(lane_total.data(), lane_part.data(), lanes);
      const std::size_t j1 = std::min({n, j0 + kChunk, (j0 / kStripe + 1) * kStripe});
      rows.fill_columns(h0, count, j0, j1, cols.data());
      accumulate_columns<B>(cols.data(), j0, j1, dn, ds, near, lane_part.data(), lane_part.data() + B);
      // The same rows, in place, for the later candidates of the range among these items.
      const std::size_t c0 = std::max(j0, h1), c1 = std::min(j1, hi);
      for (std::size_t t = 0; t < count && c0 < c1; ++t) add_item(h0 + t, rows.segment(h0 + t, c0), c0, c1 - c0);
      j0 = j1;
    }
    close_stripe(lane_total.data(), lane_part.data(), lanes);
    best_swaps<B>(lane_total.data(), c.remove_loss, count, best + h0, slot + h0);
  }
}

/// Mean medoid silhouette (Lenssen & Schubert 2022) from each item's nearest (@p d1) and
/// second-nearest (@p d2) medoid distance: the mean of 1 − d1/d2, an item with d1 = 0 counting
/// 1 (as clir::medoid_silhouette). NaN with fewer than 2 medoids (d2 infinite), where it is
/// undefined.
inline double mean_medoid_silhouette(const std::vector<double>& d1, const std::vector<double>& d2) {
  if (d1.empty() || !std::isfinite(d2[0])) return std::numeric_limits<double>::quiet_NaN();
  double total = 0.0;
  for (std::size_t j = 0; j < d1.size(); ++j) total += d1[j] > 0.0 ? 1.0 - d1[j] / d2[j] : 1.0;
  return total / static_cast<double>(d1.size());
}

/// The final result: medoids sorted by item index, each item labelled with its nearest medoid
/// (ties to the lower item index, i.e. the lower label), and the loss summed in item order.
template <class Rows>
MedoidResult finish_result(const Rows& rows, std::vector<std::size_t> medoids, std::size_t iterations,
                           std::size_t swaps, bool converged) {
  std::sort(medoids.begin(), medoids.end());
  const std::size_t n = rows.size(), k = medoids.size();
  MedoidResult result;
  result.labels.assign(n, 0);
  std::vector<double> best(n, std::numeric_limits<double>::infinity()), second(best);
  std::vector<typename Rows::value_type> scratch(rows.dense() ? 0 : n);
  for (std::size_t g = 0; g < k; ++g) {
    const auto* r = rows.row(medoids[g], scratch.data());
    for (std::size_t j = 0; j < n; ++j) {
      const double d = static_cast<double>(r[j]);
      if (d < best[j]) {
        second[j] = best[j];
        best[j] = d;
        result.labels[j] = static_cast<std::int32_t>(g);
      } else if (d < second[j]) {
        second[j] = d;
      }
    }
  }
  result.medoid_silhouette = mean_medoid_silhouette(best, second);
  // A medoid always belongs to its own group, even when it coincides with another medoid.
  for (std::size_t g = 0; g < k; ++g) result.labels[medoids[g]] = static_cast<std::int32_t>(g);
  double loss = 0.0;
  for (std::size_t j = 0; j < n; ++j) loss += best[j];
  result.medoids = std::move(medoids);
  result.loss = loss;
  result.iterations = iterations;
  result.swaps = swaps;
  result.converged = converged;
  return result;
}

}  // namespace clir::detail
