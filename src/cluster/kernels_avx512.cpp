// The k-medoids kernels compiled for AVX512 (flags set in CMakeLists.txt; empty elsewhere than
// x86-64). Chosen at run time by src/cluster/kernels.cpp only when the CPU supports them.

#if defined(CLIR_KERNELS_X86)
#include "kernel_bodies.hpp"

namespace clir::detail {
extern const KernelTable avx512_kernels;
const KernelTable avx512_kernels = kernel_table(KernelLevel::avx512);
}  // namespace clir::detail
#endif
