// The element-wise kernels for x86-64-v4 (AVX-512 F/BW/CD/DQ/VL: Skylake-X, Ice Lake, Zen 4 on): compiled with -march=x86-64-v4.
#define SHALLOWNET_ISA isa_avx512
#include "elementwise_kernels.h"

namespace shallownet {
extern const KernelTable kernels_avx512;
const KernelTable kernels_avx512 = isa_avx512::make_kernel_table("avx512");
}  // namespace shallownet
