#pragma once
// The bodies of the k-medoids vector kernels (clir/cluster/detail/kernels.hpp), compiled once
// per instruction set: each src/cluster/kernels*.cpp includes this file with its own compiler
// flags and defines its KernelTable with kernel_table(). Everything here has internal linkage
// (an unnamed namespace), so no inline function compiled for AVX2 can be merged by the linker
// into code that runs on an older CPU; for the same reason only headers whose functions are
// compile-time only or always inlined are included.
//
// The loops are plain C++ over independent lanes, which the compiler vectorises at the width
// of the flags it is given; they never reassociate a sum, so every width gives the same bits.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "clir/cluster/detail/kernels.hpp"

namespace clir::detail {
namespace {

/// Width in bytes of the widest vector registers this file is compiled for: wider GCC vector
/// types than the target has would be split and change the ABI.
constexpr std::size_t kVectorBytes =
#if defined(__AVX512F__)
    64;
#elif defined(__AVX__)
    32;
#else
    16;
#endif

// A GCC/Clang vector of kVectorBytes / sizeof(V) values of V, lowered to whatever the target has.
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

// W × W tiles (W values per vector) are transposed in registers, so a block costs a few
// shuffles per vector instead of one scalar store per value.
template <class V>
void transpose_runs(const V* const* src, std::size_t len, V* __restrict out) {
  constexpr std::size_t B = KernelSet<V>::B;
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

// min(x − dn, 0) into acc and min(max(x, dn), ds) − ds into g: exactly the terms of
// accumulate_item (gains.hpp), +0 where nothing is added, so the lanes need no masks.
inline void add_contribution(double x, double dn, double ds, double& acc, double& g) noexcept {
  const double closer = x - dn;
  acc += closer < 0.0 ? closer : 0.0;
  const double y = x > dn ? x : dn;
  g += (y < ds ? y : ds) - ds;
}

template <class V>
void accumulate_columns(const V* __restrict cols, std::size_t jlo, std::size_t jhi, const double* __restrict dn,
                        const double* __restrict ds, const std::uint32_t* __restrict near, double* __restrict acc,
                        double* __restrict gains) {
  constexpr std::size_t B = KernelSet<V>::B;
  for (std::size_t j = jlo; j < jhi; ++j) {
    const V* __restrict d = cols + (j - jlo) * B;
    double* __restrict g = gains + std::size_t{near[j]} * B;
    const double dnj = dn[j], dsj = ds[j];
    for (std::size_t t = 0; t < B; ++t) add_contribution(static_cast<double>(d[t]), dnj, dsj, acc[t], g[t]);
  }
}

template <class V>
void accumulate_over_candidates(const V* __restrict d, std::size_t len, double dn, double ds, double* __restrict acc,
                                double* __restrict g) {
  for (std::size_t c = 0; c < len; ++c) add_contribution(static_cast<double>(d[c]), dn, ds, acc[c], g[c]);
}

// max(0, v) written so that it adds exactly what `if (v > 0) g += v` adds.
inline double positive_part(double v) noexcept { return v > 0.0 ? v : 0.0; }

template <class V>
void build_lanes(const V* __restrict cols, std::size_t items, const double* __restrict dysma, double* __restrict g) {
  constexpr std::size_t B = KernelSet<V>::B;
  for (std::size_t i = 0; i < items; ++i) {
    const double di = dysma[i];
    const V* __restrict x = cols + i * B;
    for (std::size_t t = 0; t < B; ++t) g[t] += positive_part(di - static_cast<double>(x[t]));
  }
}

template <class V>
void build_over_candidates(const V* __restrict r, std::size_t len, double di, double* __restrict col) {
  for (std::size_t c = 0; c < len; ++c) col[c] += positive_part(di - static_cast<double>(r[c]));
}

template <class V>
constexpr KernelSet<V> kernel_set_here() {
  return {&transpose_runs<V>, &accumulate_columns<V>, &accumulate_over_candidates<V>, &build_lanes<V>,
          &build_over_candidates<V>};
}

constexpr KernelTable kernel_table(KernelLevel level) {
  return {level, kernel_set_here<float>(), kernel_set_here<double>()};
}

}  // namespace
}  // namespace clir::detail

// The table of one level, with external linkage, for src/cluster/kernels.cpp to choose from.
#define CLIR_DEFINE_KERNEL_TABLE(level)                                  \
  namespace clir::detail {                                               \
  extern const KernelTable level##_kernels;                              \
  const KernelTable level##_kernels = kernel_table(KernelLevel::level);  \
  }
