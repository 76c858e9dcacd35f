#include "blas_core.h"

#include <cblas.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

// OpenBLAS's own entry points for choosing its kernels (dynamic.c), present
// in every DYNAMIC_ARCH build: forget the current choice, choose again.
extern "C" {
void gotoblas_dynamic_init(void) __attribute__((weak));
void gotoblas_dynamic_quit(void) __attribute__((weak));
}

namespace shallownet {

namespace {

struct Core {
  const char* name;  // as OPENBLAS_CORETYPE takes it
  bool (*supported)();
};

#if defined(__x86_64__)
bool avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd");
}
bool avx2() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

// The x86-64 sets OpenBLAS 0.3 builds into DYNAMIC_ARCH, newest first, with
// the instructions each needs. (Cooperlake's bfloat16 kernels are single
// precision only, but its double kernels are SkylakeX's; both are listed.)
const Core kCores[] = {
    {"Cooperlake", [] { return avx512() && __builtin_cpu_supports("avx512bf16"); }},
    {"SkylakeX", avx512},
    {"Haswell", avx2},
    {"Zen", avx2},
    {"Sandybridge", [] { return __builtin_cpu_supports("avx") != 0; }},
    {"Nehalem", [] { return __builtin_cpu_supports("sse4.2") != 0; }},
    {"Prescott", [] { return __builtin_cpu_supports("sse3") != 0; }},
};
#else
const Core kCores[] = {{"", nullptr}};
#endif

void set_environment(const char* name, const char* value) {
#ifdef _WIN32
  _putenv_s(name, value != nullptr ? value : "");
#else
  if (value != nullptr) {
    setenv(name, value, 1);
  } else {
    unsetenv(name);
  }
#endif
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::string blas_core() { return openblas_get_corename(); }

std::vector<std::string> blas_cores_supported() {
  std::vector<std::string> names;
  if (gotoblas_dynamic_init == nullptr || gotoblas_dynamic_quit == nullptr) return names;
  for (const Core& core : kCores) {
    if (core.supported != nullptr && core.supported()) names.emplace_back(core.name);
  }
  return names;
}

bool set_blas_core(const std::string& name) {
  const std::vector<std::string> supported = blas_cores_supported();
  const auto found = std::find_if(supported.begin(), supported.end(), [&](const std::string& s) { return lower(s) == lower(name); });
  if (found == supported.end()) return false;
  // OpenBLAS takes the choice only from OPENBLAS_CORETYPE, read in
  // gotoblas_dynamic_init: set it for that call, then put it back as it was.
  const char* previous = std::getenv("OPENBLAS_CORETYPE");
  const std::string saved = previous != nullptr ? previous : "";
  set_environment("OPENBLAS_CORETYPE", found->c_str());
  gotoblas_dynamic_quit();
  gotoblas_dynamic_init();
  set_environment("OPENBLAS_CORETYPE", previous != nullptr ? saved.c_str() : nullptr);
  return true;
}

}  // namespace shallownet
