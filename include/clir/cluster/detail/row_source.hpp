#pragma once
/// @file
/// @brief Where the k-medoids engine reads distances from: RowSource gives rows, blocks of
/// rows and item-major columns of any DistanceMatrixLike, gathered from condensed storage in
/// streaming patterns, read in place from dense rows, or copied densely for a caller's type.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <vector>

#include "clir/cluster/detail/simd.hpp"
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

}  // namespace clir::detail
