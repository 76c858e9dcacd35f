// The element-wise kernels for x86-64-v3 (AVX2, Haswell and Zen on): compiled with -march=x86-64-v3.
#define SHALLOWNET_ISA isa_avx2
#include "elementwise_kernels.h"

namespace shallownet {
extern const KernelTable kernels_avx2;
const KernelTable kernels_avx2 = isa_avx2::make_kernel_table("avx2");
}  // namespace shallownet
