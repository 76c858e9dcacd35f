// fitAsync: the training loop on a libuv worker thread. Progress reaches JS
// through the worker's thread-safe queue (never by blocking the loop on JS);
// the promise settles in OnOK/OnError on the main thread. The worker trains
// on its own copies of X and Y, so the caller may mutate or drop theirs, and
// it holds a reference to the NativeNet so the parameters outlive the call.
#pragma once

#include <napi.h>

#include <vector>

#include "../core/fit.h"
#include "native_net.h"

namespace shallownet::binding {

struct ProgressReport {
  int64_t iteration;
  double cost;
};

class FitWorker : public Napi::AsyncProgressQueueWorker<ProgressReport> {
 public:
  FitWorker(Napi::Env env, NativeNet* net, Napi::Object net_object, std::vector<double> X,
            std::vector<double> Y, int64_t m, FitOptions options, Napi::Value on_progress);

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
  std::vector<double> X_;
  std::vector<double> Y_;
  int64_t m_;
  FitOptions options_;
  FitOutcome outcome_;
};

}  // namespace shallownet::binding
