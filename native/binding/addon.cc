// Module entry: NativeNet plus a few process-wide functions (BLAS info,
// thread count, and the dgemm probe the benchmarks measure peak with).
#include <napi.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "../core/blas.h"
#include "../core/blas_core.h"
#include "../core/kernels/kernel_table.h"
#include "../core/bounds.h"
#include "../core/threads/compute_budget.h"
#include "args.h"
#include "guard.h"
#include "native_net.h"

namespace shallownet::binding {

namespace {

Napi::Value NativeInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("blas", std::string(openblas_get_config()));
  result.Set("blasCore", blas_core());
  Napi::Array cores = Napi::Array::New(env);
  for (const std::string& core : blas_cores_supported()) cores.Set(cores.Length(), core);
  result.Set("blasCores", cores);
  result.Set("threads", compute_budget().capacity());
  result.Set("napiVersion", NAPI_VERSION);
  result.Set("simd", kernels().name);
  Napi::Object limits = Napi::Object::New(env);
  limits.Set("maxDimension", static_cast<double>(kMaxDimension));
  limits.Set("maxParameters", static_cast<double>(kMaxParameters));
  limits.Set("maxThreads", static_cast<double>(kMaxThreads));
  limits.Set("divergedCostPerOutput", kDivergedCostPerOutput);
  limits.Set("bytesPerRecord", static_cast<double>(kBytesPerRecord));
  limits.Set("probabilitySumTolerance", kProbabilitySumTolerance);
  result.Set("limits", limits);
  return result;
}

// setThreads(n): the compute budget, threads for every network in this
// process together. Safe at any time: running computations keep what they
// hold and give back the excess at their next turn.
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  const int64_t threads = to_integer(argument(info, 0), "threads", 1, kMaxThreads);
  compute_budget().set_capacity(static_cast<int>(threads));
  return info.Env().Undefined();
}

// dgemmProbe(size, repeats) -> seconds of the fastest of `repeats` size^3 products.
Napi::Value DgemmProbe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t size = to_integer(argument(info, 0), "size", 1, 8192);
  const int64_t repeats = to_integer(argument(info, 1), "repeats", 1, 1000);
  std::vector<double> A(static_cast<size_t>(size * size), 0.5);
  std::vector<double> B(static_cast<size_t>(size * size), 0.25);
  std::vector<double> C(static_cast<size_t>(size * size), 0.0);
  double best = 0.0;
  // The whole budget, as a training thread would take it (BLAS is single-threaded; the product is shared out as tiles).
  Lease threads(compute_budget().capacity(), Lease::Mode::Wait, [] { return false; });
  for (int64_t r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    gemm(false, false, size, size, size, 1.0, A.data(), size, B.data(), size, 0.0, C.data(), size);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r == 0 || seconds < best) best = seconds;
  }
  return Napi::Number::New(env, best);
}

}  // namespace

}  // namespace shallownet::binding

namespace {

// SHALLOWNET_BLAS_CORETYPE: the OpenBLAS kernel set for shallownet alone,
// applied once per process, when the addon first loads (a worker thread
// loading it again must not switch kernels under a product running elsewhere).
void apply_blas_core_override(Napi::Env env) {
  static std::string failure;
  static const bool applied = [] {
    const char* requested = std::getenv("SHALLOWNET_BLAS_CORETYPE");
    if (requested == nullptr || *requested == '\0' || shallownet::set_blas_core(requested)) return true;
    std::string supported;
    for (const std::string& core : shallownet::blas_cores_supported()) supported += (supported.empty() ? "" : ", ") + core;
    failure = shallownet::binding::argument_message(
        "SHALLOWNET_BLAS_CORETYPE", "one of the OpenBLAS kernel sets this CPU runs (" + supported + ")",
        std::string("'") + requested + "'");
    return false;
  }();
  if (!applied) throw Napi::Error::New(env, failure);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace shallownet::binding;
  shallownet::use_single_threaded_blas();
  apply_blas_core_override(env);
  exports.Set("NativeNet", NativeNet::Define(env));
  exports.Set("nativeInfo", Napi::Function::New<guarded<NativeInfo>>(env, "nativeInfo"));
  exports.Set("setThreads", Napi::Function::New<guarded<SetThreads>>(env, "setThreads"));
  exports.Set("dgemmProbe", Napi::Function::New<guarded<DgemmProbe>>(env, "dgemmProbe"));
  return exports;
}

}  // namespace

NODE_API_MODULE(shallownet, Init)
