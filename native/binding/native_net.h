// NativeNet: the JS-facing object that owns one network's parameters and
// work buffers in C++ memory and calls the core. Private to the package:
// lib/native/binding.ts types it, lib/net.ts is the public API over it.
#pragma once

#include <napi.h>

#include <atomic>
#include <memory>
#include <vector>

#include "../core/activation.h"
#include "../core/big_buffer.h"
#include "../core/fit.h"
#include "../core/network.h"
#include "../core/optimizer.h"
#include "../core/shapes.h"
#include "args.h"
#include "fit_job.h"
#include "guard.h"

namespace shallownet::binding {

class NativeNet : public Napi::ObjectWrap<NativeNet> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit NativeNet(const Napi::CallbackInfo& info);
  ~NativeNet() override;

  // Used by the FitJob training this net (which holds a reference to it while it runs).
  const Architecture& architecture() const { return net_; }
  double* params() { return params_.data(); }
  Workspace& workspace() { return workspace_; }
  OptimizerState& optimizer() { return optimizer_; }
  // Room for fitAsync's copies of X and Y: kept (and grown) across calls while
  // small, released when a training that needed more ends. Throws std::bad_alloc.
  double* training_data(int64_t length);
  // Small copies are kept for the next call; copies made in pieces (as large
  // as X, hundreds of megabytes) must not outlive their training for the net's life.
  void release_large_training_data() noexcept;
  void start_training(FitJob* job);
  void finish_training(FitJob* job);  // the job settled its promise
  void forget_job(FitJob* job);       // the job is being deleted

 private:
  // Every method's body runs through guard(): no C++ exception reaches Node.
  template <Napi::Value (NativeNet::*Method)(const Napi::CallbackInfo&)>
  Napi::Value Guarded(const Napi::CallbackInfo& info) {
    return guard(info.Env(), [&] { return (this->*Method)(info); });
  }

  Napi::Value Parameters(const Napi::CallbackInfo& info);
  Napi::Value SetParameters(const Napi::CallbackInfo& info);
  Napi::Value Forward(const Napi::CallbackInfo& info);
  Napi::Value PredictProba(const Napi::CallbackInfo& info);
  Napi::Value Gradients(const Napi::CallbackInfo& info);
  Napi::Value Backward(const Napi::CallbackInfo& info);
  Napi::Value Update(const Napi::CallbackInfo& info);
  Napi::Value Cost(const Napi::CallbackInfo& info);
  Napi::Value Evaluate(const Napi::CallbackInfo& info);
  Napi::Value Step(const Napi::CallbackInfo& info);
  Napi::Value Fit(const Napi::CallbackInfo& info);
  Napi::Value FitAsync(const Napi::CallbackInfo& info);
  Napi::Value Abort(const Napi::CallbackInfo& info);
  Napi::Value IsTraining(const Napi::CallbackInfo& info);

  void construct(const Napi::CallbackInfo& info);
  void assert_idle(Napi::Env env, const char* method) const;
  // m from info[index]; then X (n0, m) and Y (n2, m), checked in full (Y as
  // the output head needs its targets: target_rule, and a softmax's columns).
  int64_t examples(const Napi::CallbackInfo& info, size_t index) const;
  // `what` names the length in a message ("inputSize * m"; validation arrays: "inputSize * validationM").
  const double* inputs(const Napi::CallbackInfo& info, size_t index, int64_t m, const char* name = "X",
                       const char* what = "inputSize * m") const;
  const double* targets(const Napi::CallbackInfo& info, size_t index, int64_t m, const char* name = "Y",
                        const char* what = "outputSize * m") const;
  ValueRule target_rule() const;
  void check_targets(Napi::Env env, const double* Y, int64_t m, const char* name) const;
  // fit's and fitAsync's (X, Y, m, options, onProgress?, validationX?,
  // validationY?, validationM?): everything but the arrays, read and checked.
  struct TrainingCall {
    int64_t m = 0;
    FitOptions options;
    Napi::Value on_progress;
    bool validating = false;
    int64_t mv = 0;  // validationM, or 0
    size_t operands() const { return validating ? 4 : 2; }    // the arrays given (kOperands)
    int64_t examples(size_t k) const { return k < 2 ? m : mv; }  // the columns of array k
  };
  TrainingCall read_training_call(const Napi::CallbackInfo& info, const char* method);
  // method(X, Y, m, ...): idle, m, X and Y checked, and the work buffers for m examples.
  struct LabelledBatch {
    int64_t m = 0;
    const double* X = nullptr;
    const double* Y = nullptr;
    Examples examples() const { return Examples::columns(X, Y, m); }
  };
  LabelledBatch labelled_batch(const Napi::CallbackInfo& info, const char* method);
  // The work buffers for m examples, checked against memory first.
  void ensure_workspace(Napi::Env env, const char* method, int64_t m);
  // The compute threads a call over m examples may use (its share of the budget).
  int share(int64_t m) const;

  Architecture net_;
  std::vector<double> params_;  // packed [W1 | b1 | W2 | b2]
  Workspace workspace_;
  OptimizerState optimizer_;    // kept between partialFit calls
  BigBuffer training_data_;  // fitAsync's copies of its inputs
  bool training_ = false;
  std::atomic<bool> abort_{false};  // a synchronous fit's (onProgress may call abort())
  FitJob* job_ = nullptr;           // the fitAsync running, if any
};

}  // namespace shallownet::binding
