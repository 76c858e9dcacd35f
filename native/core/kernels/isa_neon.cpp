// The element-wise kernels for arm64 (NEON is part of every ARMv8-A core, so this is arm64's only build).
#define SHALLOWNET_ISA isa_neon
#include "elementwise_kernels.h"

namespace shallownet {
extern const KernelTable kernels_neon;
const KernelTable kernels_neon = isa_neon::make_kernel_table("neon");
}  // namespace shallownet
