// The k-medoids kernels compiled for AVX2 (flags in CMakeLists.txt; empty off x86-64),
// chosen by src/cluster/kernels.cpp only when the CPU runs them.
#if defined(CLIR_KERNELS_X86)
#include "kernel_bodies.hpp"
CLIR_DEFINE_KERNEL_TABLE(avx2)
#endif
