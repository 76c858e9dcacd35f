// fitAsync: the training loop on a libuv worker thread. Progress reaches JS
// through the worker's thread-safe queue (never by blocking the loop on JS);
// the promise settles in OnOK/OnError on the main thread. The worker trains
// on copies of X and Y (kept by the NativeNet), so the caller may mutate or
// drop theirs, and it holds a reference to the NativeNet so the parameters
// and those copies outlive the call.
#pragma once

#include <napi.h>

#include <memory>

#include "../core/fit.h"
#include "native_net.h"

namespace shallownet::binding {

struct ProgressReport {
  int64_t iteration;
  double cost;
};

class FitWorker : public Napi::AsyncProgressQueueWorker<ProgressReport> {
 public:
  // X and Y are the net's own copies (NativeNet::training_data), which nothing
  // else touches while the net trains.
  FitWorker(Napi::Env env, NativeNet* net, Napi::Object net_object, const double* X, const double* Y,
            int64_t m, FitOptions options, Napi::Value on_progress);

  Napi::Promise promise() const { return deferred_.Promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override;
  void OnProgress(const ProgressReport* reports, size_t count) override;
  void OnOK() override;
  void OnError(const Napi::Error& error) override;

 private:
  NativeNet* net_;
  Napi::ObjectReference net_ref_;
  Napi::FunctionReference on_progress_;
  Napi::ObjectReference callback_error_;  // boxed; set if onProgress threw
  Napi::Promise::Deferred deferred_;
  const double* X_;  // copies: the caller may change or drop theirs meanwhile
  const double* Y_;
  bool out_of_memory_ = false;   // the work buffers could not be allocated
  int64_t m_;
  FitOptions options_;
  FitOutcome outcome_;
};

}  // namespace shallownet::binding
