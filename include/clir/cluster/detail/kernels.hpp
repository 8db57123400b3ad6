#pragma once
/// @file
/// @brief The vector kernels of the k-medoids engine, chosen at run time for the CPU: the
/// library holds each kernel compiled for several instruction sets (src/cluster/kernels*.cpp)
/// and the first call picks the widest the CPU and the OS support, so a build without
/// -march=native (the release preset, the installed library, the Python module) still runs
/// AVX2 or AVX-512 code where there is one, and an older CPU the portable code.
///
/// Every level computes the same values bit for bit: each kernel adds lane by lane in a fixed
/// order (the lanes are independent candidates or items, never a reassociated sum), the kernel
/// sources are compiled with -ffp-contract=off, and min/max are the exact ternaries.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <cstddef>
#include <cstdint>

namespace clir::detail {

/// The instruction sets the kernels are compiled for, narrowest first.
enum class KernelLevel : unsigned {
  portable,  ///< the target's baseline (SSE2 on x86-64; WebAssembly, other CPUs)
  avx2,      ///< x86-64 with AVX2
  avx512,    ///< x86-64 with AVX-512 F, BW, DQ and VL
};

/// The kernels for storage type V (float or double), for blocks of B = 256 / sizeof(V) rows
/// (RowSource::kBlock). Items and candidates are always taken in increasing order.
template <class V>
struct KernelSet {
  static constexpr std::size_t B = 256 / sizeof(V);
  /// out[i·B + t] = src[t][i] for i < len, t < B: B runs turned item-major.
  void (*transpose)(const V* const* src, std::size_t len, V* out);
  /// For j in [jlo, jhi): the swap-gain terms of item j (nearest dn[j], second ds[j], medoid
  /// slot near[j]) for B candidates, from cols[(j − jlo)·B + t], into acc[t] and
  /// gains[near[j]·B + t] (see accumulate_item in gains.hpp).
  void (*accumulate_columns)(const V* cols, std::size_t jlo, std::size_t jhi, const double* dn, const double* ds,
                             const std::uint32_t* near, double* acc, double* gains);
  /// One item's swap-gain terms for @p len candidates at once: acc[c], g[c] from d[c].
  void (*accumulate_over_candidates)(const V* d, std::size_t len, double dn, double ds, double* acc, double* g);
  /// BUILD: g[t] += max(0, dysma[i] − cols[i·B + t]) for i < items, in item order.
  void (*build_lanes)(const V* cols, std::size_t items, const double* dysma, double* g);
  /// BUILD: col[c] += max(0, di − r[c]) for c < len.
  void (*build_over_candidates)(const V* r, std::size_t len, double di, double* col);
};

struct KernelTable {
  KernelLevel level;
  KernelSet<float> f;
  KernelSet<double> d;
};

/// The kernels in use: on first use the widest level available (kernel_level_available).
const KernelTable& kernels() noexcept;

template <class V>
const KernelSet<V>& kernel_set() noexcept {
  if constexpr (sizeof(V) == sizeof(float)) {
    return kernels().f;
  } else {
    return kernels().d;
  }
}

/// True when this library holds kernels for @p level and the CPU and OS can run them.
bool kernel_level_available(KernelLevel level) noexcept;

/// Switches every later k-medoids call to the kernels of @p level (tests and benchmarks compare
/// the levels with it); throws clir::ConfigError when the level is not available. Not to be
/// called while a k-medoids call runs.
void use_kernel_level(KernelLevel level);

/// "portable", "avx2" or "avx512".
const char* kernel_level_name(KernelLevel level) noexcept;

}  // namespace clir::detail
