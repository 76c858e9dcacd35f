// The element-wise kernels for Any x86-64 CPU (SSE2 registers): the fallback for CPUs older than Haswell (2013).
#define SHALLOWNET_ISA isa_baseline
#include "elementwise_kernels.h"

namespace shallownet {
extern const KernelTable kernels_baseline;
const KernelTable kernels_baseline = isa_baseline::make_kernel_table("baseline");
}  // namespace shallownet
