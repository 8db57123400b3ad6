// The k-medoids input check's loops (clir/cluster/detail/checks.hpp), compiled for the CPU's
// widest vectors: the scan of condensed storage (scan_run) and the one check of a square
// distance matrix (scan_square).
//
// scan_square: every
// value finite and >= 0, a zero diagonal, d(i, j) and d(j, i) equal within a relative
// kSymmetryTolerance, and the largest value above the diagonal (R's "big" is 1.1 · that + 1).
// The k-medoids engine runs it on square input and the Python binding on the square arrays it
// hands to the other functions, so a matrix is read for this once, in the same way everywhere.
//
// The rows are taken a block of B = 256 / sizeof(T) at a time (64 floats, 32 doubles). Right of
// the block's diagonal tile, a chunk of its B rows is turned item-major by the engine's transpose
// kernel, so that d(i0 + t, j) for t < B lie side by side, and compared with d(j, i0 .. i0 + B − 1),
// which row j holds side by side already: the tile (I, J) and the tile (J, I) are both read once,
// whole, and the comparison runs in vector lanes. Every value of the matrix is read once. The
// comparison is a conservative filter (it may flag a pair that passes): when a block is flagged,
// its rows are read again one pair at a time in row order with the exact test, which names the
// first offending pair. Nothing here depends on the thread count: the maximum and the flags do
// not depend on the order they are taken in, and the error is the first in row order.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "clir/cluster/detail/checks.hpp"
#include "clir/cluster/detail/kernels.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"

#if defined(CLIR_KERNELS_X86) && defined(__GNUC__)
// The loops for the CPU's widest vectors, chosen when the library is loaded (a maximum and a
// flag: the same bits at every width).
#define CLIR_SQUARE_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLIR_SQUARE_CLONES
#endif

namespace clir::detail {

namespace {

template <class T>
constexpr std::size_t kRows = 256 / sizeof(T);  // the transpose kernel's block

// The filter's tolerance, a little below kSymmetryTolerance so that the filter, computed in T,
// flags every pair that the exact test in double rejects (for float the product is rounded up
// by at most 2^-24, far less than the margin).
template <class T>
constexpr T kFilterTolerance = static_cast<T>(kSymmetryTolerance * (1.0 - 1e-6));

// For r < len: x = xs[r·B + t] = d(i0 + t, j0 + r) (above the diagonal) and y = ys[r·stride + t]
// = d(j0 + r, i0 + t), t < B. Lane maxima of x into mx; bad[t] becomes nonzero when a value is
// NaN, infinite or negative or when the pair may differ by more than the tolerance.
// (The bodies are templates inlined into one function per type: Clang cannot multiversion a
// template.)
template <class T>
[[gnu::always_inline]] inline void compare_tiles_body(const T* __restrict xs, const T* __restrict ys,
                                                      std::size_t stride, std::size_t len, T* __restrict mx,
                                                      T* __restrict bad) {
  constexpr std::size_t B = kRows<T>;
  constexpr T top = std::numeric_limits<T>::max();
  // Lanes in locals and the tests joined by & (not &&): no branch, so the loop vectorises.
  T m[B], b[B];
  for (std::size_t t = 0; t < B; ++t) {
    m[t] = mx[t];
    b[t] = bad[t];
  }
  for (std::size_t r = 0; r < len; ++r) {
    const T* x = xs + r * B;
    const T* y = ys + r * stride;
    for (std::size_t t = 0; t < B; ++t) {
      const T xv = x[t], yv = y[t];
      m[t] = xv > m[t] ? xv : m[t];
      const T diff = xv > yv ? xv - yv : yv - xv;
      const T larger = xv > yv ? xv : yv;
      const bool ok = (xv >= T(0)) & (xv <= top) & (yv >= T(0)) & (yv <= top) & (diff <= kFilterTolerance<T> * larger);
      b[t] = ok ? b[t] : T(1);
    }
  }
  for (std::size_t t = 0; t < B; ++t) {
    mx[t] = m[t];
    bad[t] = b[t];
  }
}

// The largest of the @p len values at @p p and whether any is NaN, infinite or negative, in T:
// the maximum of floats is the float of the maximum of their doubles, and v >= 0 && v <= max of
// T rejects exactly what good_distance rejects of static_cast<double>(v).
template <class T>
[[gnu::always_inline]] inline void scan_values_body(const T* __restrict p, std::size_t len, double& mx,
                                                    unsigned& bad) {
  constexpr std::size_t W = 64 / sizeof(T);
  constexpr T top = std::numeric_limits<T>::max();
  T m[W], b[W];
  for (std::size_t t = 0; t < W; ++t) {
    m[t] = T(0);
    b[t] = T(0);
  }
  std::size_t i = 0;
  for (; i + W <= len; i += W)
    for (std::size_t t = 0; t < W; ++t) {
      const T v = p[i + t];
      m[t] = v > m[t] ? v : m[t];
      b[t] = (static_cast<int>(v >= T(0)) & static_cast<int>(v <= top)) ? b[t] : T(1);
    }
  for (; i < len; ++i) {
    const T v = p[i];
    m[0] = v > m[0] ? v : m[0];
    b[0] = (static_cast<int>(v >= T(0)) & static_cast<int>(v <= top)) ? b[0] : T(1);
  }
  for (std::size_t t = 0; t < W; ++t) {
    mx = static_cast<double>(m[t]) > mx ? static_cast<double>(m[t]) : mx;
    bad |= static_cast<unsigned>(b[t] != T(0));
  }
}

CLIR_SQUARE_CLONES void compare_tiles(const float* xs, const float* ys, std::size_t stride, std::size_t len,
                                      float* mx, float* bad) {
  compare_tiles_body(xs, ys, stride, len, mx, bad);
}
CLIR_SQUARE_CLONES void compare_tiles(const double* xs, const double* ys, std::size_t stride, std::size_t len,
                                      double* mx, double* bad) {
  compare_tiles_body(xs, ys, stride, len, mx, bad);
}
CLIR_SQUARE_CLONES void scan_values(const float* p, std::size_t len, double& mx, unsigned& bad) {
  scan_values_body(p, len, mx, bad);
}
CLIR_SQUARE_CLONES void scan_values(const double* p, std::size_t len, double& mx, unsigned& bad) {
  scan_values_body(p, len, mx, bad);
}

std::string shown(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

// The exact test of the pair (i, j), i <= j, as documented: throws for the first thing wrong.
template <class T>
void check_pair(const T* a, std::size_t n, std::size_t i, std::size_t j, std::string_view key) {
  const double x = static_cast<double>(a[i * n + j]);
  if (i == j) {
    if (x != 0.0)
      throw InputError("d(" + std::to_string(i) + ", " + std::to_string(i) + ") = " + shown(x) +
                           "; the diagonal of a distance matrix must be 0",
                       {.key = std::string(key)});
    return;
  }
  const double y = static_cast<double>(a[j * n + i]);
  if (!good_distance(x)) throw_bad_distance(i, j, x, key);
  if (!good_distance(y)) throw_bad_distance(j, i, y, key);
  if (!symmetric_pair(x, y))
    throw InputError("the square matrix is not symmetric: d(" + std::to_string(i) + ", " + std::to_string(j) +
                         ") = " + shown(x) + " but d(" + std::to_string(j) + ", " + std::to_string(i) + ") = " +
                         shown(y) + " (they may differ by a relative " + shown(kSymmetryTolerance) +
                         "; symmetrise it, as (D + D.T) / 2, or pass the condensed form)",
                     {.key = std::string(key)});
}

// Rows [i0, i1) against everything right of their diagonal, one pair at a time: the maximum of
// d(i, j), j > i, and (when validating) the exact test of every pair (i, j), j >= i, in row order.
template <class T>
void scan_rows_exactly(const T* a, std::size_t n, std::size_t i0, std::size_t i1, bool validate, double& mx,
                       std::string_view key) {
  for (std::size_t i = i0; i < i1; ++i) {
    if (validate) check_pair(a, n, i, i, key);
    for (std::size_t j = i + 1; j < n; ++j) {
      if (validate) check_pair(a, n, i, j, key);
      const double x = static_cast<double>(a[i * n + j]);
      mx = x > mx ? x : mx;
    }
  }
}

// Block q of rows: their maximum above the diagonal into mx; true when the filter flags a pair.
template <class T>
bool scan_block(const T* a, std::size_t n, std::size_t q, bool validate, double& mx, std::vector<T>& buffer) {
  constexpr std::size_t B = kRows<T>, kChunk = 256;
  const std::size_t i0 = q * B, i1 = std::min(n, i0 + B);
  bool flagged = false;
  // The diagonal tile and a short last block, one pair at a time (B² of the n² values).
  const std::size_t tile_end = std::min(n, i0 + B);
  for (std::size_t i = i0; i < i1; ++i) {
    const double dii = static_cast<double>(a[i * n + i]);
    flagged |= validate && dii != 0.0;
    const std::size_t end = i1 - i0 < B ? n : tile_end;
    for (std::size_t j = i + 1; j < end; ++j) {
      const double x = static_cast<double>(a[i * n + j]), y = static_cast<double>(a[j * n + i]);
      mx = x > mx ? x : mx;
      flagged |= validate && !(good_distance(x) && good_distance(y) && symmetric_pair(x, y));
    }
  }
  if (i1 - i0 < B) return flagged;
  T lane_max[B], lane_bad[B];
  std::fill(lane_max, lane_max + B, T(0));
  std::fill(lane_bad, lane_bad + B, T(0));
  const KernelSet<T>& kernels = kernel_set<T>();
  buffer.resize(B * kChunk);
  const T* src[B];
  for (std::size_t j0 = tile_end; j0 < n; j0 += kChunk) {
    const std::size_t j1 = std::min(n, j0 + kChunk), len = j1 - j0;
    for (std::size_t t = 0; t < B; ++t) {
      src[t] = a + (i0 + t) * n + j0;
      // B rows side by side are more streams than the hardware prefetcher follows, and the
      // rows j are n values apart: ask for the next chunk's runs of both explicitly.
      if (j1 + len <= n) {
        const char* next = reinterpret_cast<const char*>(src[t] + len);
        for (std::size_t b = 0; b < len * sizeof(T); b += 64) __builtin_prefetch(next + b);
      }
    }
    kernels.transpose(src, len, buffer.data());
    for (std::size_t j = j1; j < std::min(n, j1 + len); ++j) {
      const char* next = reinterpret_cast<const char*>(a + j * n + i0);
      for (std::size_t b = 0; b < B * sizeof(T); b += 64) __builtin_prefetch(next + b);
    }
    compare_tiles(buffer.data(), a + j0 * n + i0, n, len, lane_max, lane_bad);
  }
  for (std::size_t t = 0; t < B; ++t) {
    mx = static_cast<double>(lane_max[t]) > mx ? static_cast<double>(lane_max[t]) : mx;
    flagged |= validate && lane_bad[t] != T(0);
  }
  return flagged;
}

template <class T>
double scan_square_impl(const T* a, std::size_t n, bool validate, unsigned threads, std::string_view key) {
  if (!validate) {
    // Only the maximum above the diagonal: the upper parts of rows i and n − 1 − i together.
    std::vector<double> part_max((n + 1) / 2, 0.0);
    parallel_for(part_max.size(), std::max(1u, threads), [&](std::size_t q) {
      unsigned unused = 0;
      scan_values(a + q * n + q + 1, n - q - 1, part_max[q], unused);
      const std::size_t mirror = n - 1 - q;
      if (mirror != q) scan_values(a + mirror * n + mirror + 1, n - mirror - 1, part_max[q], unused);
    });
    double mx = 0.0;
    for (double v : part_max) mx = v > mx ? v : mx;
    return mx;
  }
  constexpr std::size_t B = kRows<T>;
  const std::size_t blocks = (n + B - 1) / B;
  std::vector<double> block_max(blocks, 0.0);
  std::vector<char> block_flag(blocks, 0);
  // Block q has n − qB columns to read: pair it with block blocks − 1 − q so that the tasks,
  // which parallel_for hands out in contiguous runs, weigh the same.
  parallel_for((blocks + 1) / 2, std::max(1u, threads), [&](std::size_t p) {
    std::vector<T> buffer;
    block_flag[p] = scan_block(a, n, p, validate, block_max[p], buffer);
    const std::size_t mirror = blocks - 1 - p;
    if (mirror != p) block_flag[mirror] = scan_block(a, n, mirror, validate, block_max[mirror], buffer);
  });
  double mx = 0.0;
  for (std::size_t q = 0; q < blocks; ++q) {
    // The first flagged block holds the first offending pair in row order, if the filter's
    // flag was not a false alarm; a block that passes the exact test lets the search go on.
    if (block_flag[q]) {
      double unused = 0.0;
      scan_rows_exactly(a, n, q * B, std::min(n, q * B + B), true, unused, key);
    }
    mx = block_max[q] > mx ? block_max[q] : mx;
  }
  return mx;
}

}  // namespace

void scan_run(const float* p, std::size_t len, double& mx, unsigned& bad) noexcept { scan_values(p, len, mx, bad); }

void scan_run(const double* p, std::size_t len, double& mx, unsigned& bad) noexcept { scan_values(p, len, mx, bad); }

double scan_square(const float* a, std::size_t n, bool validate, unsigned threads, std::string_view key) {
  return scan_square_impl(a, n, validate, threads, key);
}

double scan_square(const double* a, std::size_t n, bool validate, unsigned threads, std::string_view key) {
  return scan_square_impl(a, n, validate, threads, key);
}

}  // namespace clir::detail
