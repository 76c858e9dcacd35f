// Which of OpenBLAS's kernel sets runs. A DYNAMIC_ARCH OpenBLAS (every one
// shallownet builds with) picks the best set for the CPU when it loads, or
// the one OPENBLAS_CORETYPE names: that variable is honoured as OpenBLAS
// honours it, for every OpenBLAS in the process. SHALLOWNET_BLAS_CORETYPE
// overrides it for shallownet's OpenBLAS alone (the addon applies it when it
// loads), and the core tests use set_blas_core to check the products against
// the naive reference under every set this CPU can run.
#pragma once

#include <string>
#include <vector>

namespace shallownet {

// The kernel set running now, as OpenBLAS names it ("Haswell", "SkylakeX", …).
std::string blas_core();

// The sets this build can switch to and this CPU can run (switching to a set
// the CPU lacks the instructions for would crash on the first product).
std::vector<std::string> blas_cores_supported();

// Switches to a kernel set by name (case-insensitive). Only while no product
// runs. Returns false, changing nothing, if the name is not one of
// blas_cores_supported().
bool set_blas_core(const std::string& name);

}  // namespace shallownet
