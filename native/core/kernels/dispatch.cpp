// Picks the element-wise kernels once per process: the best build the CPU
// supports, unless SHALLOWNET_SIMD names another (for tests and benchmarks).
#include <cstdlib>
#include <cstring>

#include "kernel_table.h"

namespace shallownet {

#if defined(__x86_64__)
extern const KernelTable kernels_avx512;
extern const KernelTable kernels_avx2;
extern const KernelTable kernels_baseline;
static const KernelTable* const kTables[] = {&kernels_avx512, &kernels_avx2, &kernels_baseline};
#elif defined(__aarch64__)
extern const KernelTable kernels_neon;
static const KernelTable* const kTables[] = {&kernels_neon};
#else
extern const KernelTable kernels_baseline;
static const KernelTable* const kTables[] = {&kernels_baseline};
#endif

const KernelTable* const* kernel_tables(int* count) {
  *count = static_cast<int>(sizeof kTables / sizeof kTables[0]);
  return kTables;
}

bool kernel_table_supported(const KernelTable& table) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  // __builtin_cpu_supports also checks that the OS saves the wider registers.
  if (&table == &kernels_avx512) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("bmi2");
  }
  if (&table == &kernels_avx2) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
  }
#endif
  (void)table;
  return true;
}

namespace {

const KernelTable& choose() {
  const char* requested = std::getenv("SHALLOWNET_SIMD");
  for (const KernelTable* table : kTables) {
    if (requested != nullptr && *requested != '\0' && std::strcmp(requested, table->name) != 0) continue;
    if (kernel_table_supported(*table)) return *table;
  }
  // A name this CPU (or build) does not have: the best it does.
  for (const KernelTable* table : kTables) {
    if (kernel_table_supported(*table)) return *table;
  }
  return *kTables[sizeof kTables / sizeof kTables[0] - 1];
}

}  // namespace

const KernelTable& kernels() {
  static const KernelTable& chosen = choose();
  return chosen;
}

}  // namespace shallownet
