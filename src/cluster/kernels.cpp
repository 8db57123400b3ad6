// The portable k-medoids kernels and the run-time choice among the levels
// (clir/cluster/detail/kernels.hpp). This file is compiled with the library's own flags; the
// AVX2 and AVX-512 tables come from kernels_avx2.cpp and kernels_avx512.cpp, built only for
// x86-64 (CLIR_KERNELS_X86, see CMakeLists.txt) with their instruction sets enabled.

#include <atomic>
#include <string>

#include "clir/cluster/detail/kernels.hpp"
#include "clir/core/error.hpp"
#include "kernel_bodies.hpp"

namespace clir::detail {

namespace {
constexpr KernelTable kPortableKernels = kernel_table(KernelLevel::portable);
}  // namespace

#if defined(CLIR_KERNELS_X86)
extern const KernelTable avx2_kernels;
extern const KernelTable avx512_kernels;
#endif

namespace {

const KernelTable* table_of(KernelLevel level) noexcept {
  switch (level) {
    case KernelLevel::portable: return &kPortableKernels;
#if defined(CLIR_KERNELS_X86)
    case KernelLevel::avx2: return __builtin_cpu_supports("avx2") ? &avx2_kernels : nullptr;
    case KernelLevel::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                     __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")
                 ? &avx512_kernels
                 : nullptr;
#else
    case KernelLevel::avx2:
    case KernelLevel::avx512: return nullptr;
#endif
  }
  return nullptr;
}

const KernelTable* widest_available() noexcept {
  for (KernelLevel level : {KernelLevel::avx512, KernelLevel::avx2})
    if (const KernelTable* t = table_of(level)) return t;
  return &kPortableKernels;
}

// Set once, before any k-medoids call can read it (a static local's initialisation is
// thread-safe); use_kernel_level changes it only between calls.
std::atomic<const KernelTable*>& current_table() noexcept {
  static std::atomic<const KernelTable*> current{widest_available()};
  return current;
}

}  // namespace

const KernelTable& kernels() noexcept { return *current_table().load(std::memory_order_relaxed); }

bool kernel_level_available(KernelLevel level) noexcept { return table_of(level) != nullptr; }

void use_kernel_level(KernelLevel level) {
  const KernelTable* t = table_of(level);
  if (!t)
    throw ConfigError("kernels", std::string("the ") + kernel_level_name(level) +
                                     " kernels are not available in this build or on this CPU",
                      {"portable"});
  current_table().store(t, std::memory_order_relaxed);
}

const char* kernel_level_name(KernelLevel level) noexcept {
  switch (level) {
    case KernelLevel::portable: return "portable";
    case KernelLevel::avx2: return "avx2";
    case KernelLevel::avx512: return "avx512";
  }
  return "portable";
}

}  // namespace clir::detail
