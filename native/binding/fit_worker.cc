#include "fit_worker.h"

#include "js_values.h"

#include <limits>
#include <new>
#include <string>

namespace shallownet::binding {

namespace {

// Runs on the worker thread: polls the abort flag, queues progress reports.
class QueueObserver : public FitObserver {
 public:
  QueueObserver(std::atomic<bool>& abort, const FitWorker::ExecutionProgress& queue, bool report)
      : abort_(abort), queue_(queue), report_(report) {}
  bool stop_requested() override { return abort_.load(std::memory_order_relaxed); }
  bool progress(int64_t iteration, double cost) override {
    if (report_) {
      const ProgressReport report{iteration, cost};
      queue_.Send(&report, 1);
    }
    return true;
  }

 private:
  std::atomic<bool>& abort_;
  const FitWorker::ExecutionProgress& queue_;
  bool report_;
};

}  // namespace

FitWorker::FitWorker(Napi::Env env, NativeNet* net, Napi::Object net_object,
                     const double* X, const double* Y, int64_t m, FitOptions options,
                     Napi::Value on_progress)
    : Napi::AsyncProgressQueueWorker<ProgressReport>(env, "shallownet.fitAsync"),
      net_(net),
      net_ref_(Napi::Persistent(net_object)),
      deferred_(Napi::Promise::Deferred::New(env)),
      X_(X),
      Y_(Y),
      m_(m),
      options_(options) {
  if (on_progress.IsFunction()) on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
}

void FitWorker::Execute(const ExecutionProgress& progress) {
  // Nothing here touches JS: only the net's C++ buffers (kept alive by
  // net_ref_, and guarded by the training flag) and this worker's own copies.
  // The work buffers are allocated here, not on the main thread: filling
  // tens of megabytes would stall the event loop.
  try {
    net_->workspace().ensure(net_->shape(), m_);
  } catch (const std::bad_alloc&) {
    out_of_memory_ = true;
    SetError("fitAsync()'s work buffers for m = " + std::to_string(m_) +
             " examples must be allocatable, got an allocation failure; train on fewer examples at a time");
    return;
  }
  QueueObserver observer(net_->abort_flag(), progress, !on_progress_.IsEmpty());
  try {
    outcome_ = fit(net_->activation(), net_->shape(), m_, net_->params(), X_, Y_, options_,
                   net_->workspace(), observer);
  } catch (const std::bad_alloc&) {
    out_of_memory_ = true;
    SetError("options: the cost record must be allocatable, got " +
             std::to_string(options_.iterations / options_.progress_every + 1) + " values; raise progressEvery");
  }
}

void FitWorker::OnProgress(const ProgressReport* reports, size_t count) {
  if (on_progress_.IsEmpty() || !callback_error_.IsEmpty()) return;
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  for (size_t k = 0; k < count; ++k) {
    try {
      on_progress_.Call({Napi::Number::New(env, static_cast<double>(reports[k].iteration)),
                         Napi::Number::New(env, reports[k].cost)});
    } catch (const Napi::Error& error) {
      // A failing callback stops training; the promise rejects with its error.
      callback_error_ = box_thrown(error);
      net_->abort_flag() = true;
      return;
    }
  }
}

void FitWorker::OnOK() {
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  net_->set_training(false);
  if (!callback_error_.IsEmpty()) {
    deferred_.Reject(unbox_thrown(callback_error_));
    return;
  }
  deferred_.Resolve(fit_outcome_to_js(env, outcome_));
}

void FitWorker::OnError(const Napi::Error& error) {
  net_->set_training(false);
  if (out_of_memory_) {
    deferred_.Reject(Napi::RangeError::New(Env(), error.Message()).Value());
    return;
  }
  deferred_.Reject(error.Value());
}

}  // namespace shallownet::binding
