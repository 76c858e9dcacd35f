#include "fit_job.h"

#include <algorithm>
#include <limits>
#include <cstring>
#include <new>
#include <utility>

#include "../core/network.h"
#include "../core/threads/compute_budget.h"
#include "args.h"
#include "js_values.h"
#include "native_net.h"

namespace shallownet::binding {

// Polls the abort flag; publishes each report for the main thread (no allocation).
class FitJob::Observer : public FitObserver {
 public:
  explicit Observer(FitJob& job) : job_(job) {}
  bool stop_requested() override { return job_.abort_.load(std::memory_order_relaxed); }
  bool progress(const ProgressReport& report) override {
    job_.publish(report);
    return true;
  }

 private:
  FitJob& job_;
};

FitJob::FitJob(NativeNet* net, int64_t m, int64_t validation_m, std::vector<TrainingInput> inputs, FitOptions options)
    : net_(net), deferred_(Napi::Promise::Deferred::New(net->Env())), m_(m), validation_m_(validation_m),
      inputs_(std::move(inputs)), options_(options) {}

Napi::Promise FitJob::start(Napi::Env env, NativeNet* net, Napi::Object net_object, int64_t m, int64_t validation_m,
                            std::vector<TrainingInput> inputs, FitOptions options, Napi::Value on_progress) {
  auto* job = new FitJob(net, m, validation_m, std::move(inputs), options);
  job->net_ref_ = Napi::Persistent(net_object);
  if (on_progress.IsFunction()) job->on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
  job->has_callback_ = on_progress.IsFunction();
  const napi_status status =
      napi_create_threadsafe_function(env, nullptr, nullptr, Napi::String::New(env, "shallownet.fitAsync"), 0, 1,
                                      job, &FitJob::finalize, job, &FitJob::call_js, &job->tsfn_);
  if (status != napi_ok) {
    delete job;
    throw Napi::Error::New(env, "shallownet native error: cannot create fitAsync's thread-safe function");
  }
  // From here the thread-safe function owns the job: its finalizer deletes it.
  try {
    job->thread_ = std::thread([job] { job->run(); });
  } catch (const std::exception& error) {
    napi_release_threadsafe_function(job->tsfn_, napi_tsfn_abort);
    throw Napi::Error::New(env, std::string("shallownet native error: cannot start fitAsync's thread: ") + error.what());
  }
  net->start_training(job);
  return job->deferred_.Promise();
}

void FitJob::abort() {
  abort_.store(true);
  compute_budget().interrupt();  // if it waits for threads
  {
    std::lock_guard<std::mutex> lock(copy_mutex_);
  }
  copy_done_.notify_all();  // if it waits for a piece of its input
}

void FitJob::detach_net() {
  abort();
  join();
  net_ = nullptr;
}

// ---------------------------------------------------------------------------
// The training thread

void FitJob::run() {
  // The message is built inside the try: out of memory, even that may fail.
  const auto fail = [&](Failure kind, const auto& message) noexcept {
    try {
      failure_message_ = message();
    } catch (...) {
      failure_message_.clear();
    }
    failure_ = kind;
  };
  try {
    train();
  } catch (const std::bad_alloc&) {
    fail(Failure::Range, [] { return allocation_failure_message("fitAsync()'s work buffers and copies of X and Y"); });
  } catch (const std::exception& error) {
    fail(Failure::Other, [&] { return std::string(error.what()); });
  } catch (...) {
    fail(Failure::Other, [] { return std::string("an unknown exception"); });
  }
  // Here, off the event loop: freeing hundreds of megabytes takes a while.
  net_->release_large_training_data();
  send(Message::Done);
  napi_release_threadsafe_function(tsfn_, napi_tsfn_release);
}

void FitJob::train() {
  NativeNet& net = *net_;  // alive: net_ref_ holds it, and detach_net() joins this thread first
  const Architecture& architecture = net.architecture();
  // The work buffers are allocated by fit() below, on this thread (filling
  // tens of megabytes with fresh pages on the main thread would stall the
  // event loop); its std::bad_alloc ends in run()'s handler.
  // Room for every report (one per record, and the last), reserved but not
  // touched: pages are used only as reports arrive, and publish() never reallocates.
  if (has_callback_) {
    reports_.reserve(static_cast<size_t>(fit_records(options_.iterations, options_.progress_every, options_.batch_size, m_, options_.shuffle)));
  }
  int64_t total = 0;
  for (const TrainingInput& input : inputs_) total += input.source == TrainingInput::Source::Pieces ? input.length : 0;
  if (total > 0) {
    double* copies = net.training_data(total);
    std::fill(copies, copies + total, 0.0);  // faults the pages in here, not during the copy
    for (TrainingInput& input : inputs_) {
      if (input.source != TrainingInput::Source::Pieces) continue;
      input.copy = copies;
      copies += input.length;
    }
    for (TrainingInput& input : inputs_) {
      if (!copy_in_pieces(input)) return;
    }
  }
  for (const TrainingInput& input : inputs_) {
    check_in_place(input);
    check_columns(input);
  }
  if (failure_ != Failure::None || abort_) {
    stop_before_training();
    return;
  }
  Observer observer(*this);
  FitOptions options = options_;
  options.wait_for_threads = true;
  const Examples train = Examples::columns(inputs_[0].data(), inputs_[1].data(), m_);
  const Examples validation =
      validation_m_ > 0 ? Examples::columns(inputs_[2].data(), inputs_[3].data(), validation_m_) : train;
  outcome_ = fit(architecture, net.params(), train, validation_m_ > 0 ? &validation : nullptr, options, net.workspace(),
                 net.optimizer(), observer);
}

bool FitJob::copy_in_pieces(TrainingInput& input) {
  if (input.source != TrainingInput::Source::Pieces) return true;
  std::unique_lock<std::mutex> lock(copy_mutex_);
  while (input.copied < input.length) {
    if (abort_ || failure_ != Failure::None) break;
    copying_ = &input;
    piece_ready_ = false;
    lock.unlock();
    send(Message::CopyPiece);
    lock.lock();
    copy_done_.wait(lock, [&] { return piece_ready_ || abort_.load(); });
  }
  copying_ = nullptr;
  if (abort_ || failure_ != Failure::None) {
    stop_before_training();
    return false;
  }
  return true;
}

void FitJob::stop_before_training() {
  outcome_.status = FitStatus::Stopped;
  outcome_.iterations = 0;
  outcome_.final_cost = std::numeric_limits<double>::quiet_NaN();
}

void FitJob::check_in_place(const TrainingInput& input) {
  // A SharedArrayBuffer's data is read in place, so it is checked here.
  if (input.source != TrainingInput::Source::Shared || failure_ != Failure::None) return;
  const int64_t bad = first_invalid(input.shared, input.length, input.rule);
  if (bad >= 0) {
    failure_message_ = invalid_value_message(input.name, input.rule, bad, input.shared[bad], input.cols);
    failure_ = Failure::Range;
  }
}

void FitJob::check_columns(const TrainingInput& input) {
  // A softmax's targets: each column a probability vector. Copies made within
  // the call were checked there; pieces and shared data are checked here, whole.
  if (!input.probability_columns || input.source == TrainingInput::Source::Copied || failure_ != Failure::None) return;
  double sum = 0.0;
  const int64_t column = first_bad_column(input.data(), input.length / input.cols, input.cols, &sum);
  if (column >= 0) {
    failure_message_ = column_sum_message(input.name, column, sum);
    failure_ = Failure::Range;
  }
}

void FitJob::publish(const ProgressReport& report) {
  if (!has_callback_ || reports_.size() == reports_.capacity()) return;
  // The main thread reads reports below published_ through data(), never size():
  // this push_back, within the reserved capacity, moves nothing it reads.
  reports_.push_back(report);
  published_.store(static_cast<int64_t>(reports_.size()), std::memory_order_release);
  // One call drains every report published until it runs: a fast loop never floods the event loop.
  if (!progress_pending_.exchange(true)) send(Message::Progress);
}

void FitJob::send(Message message) {
  void* data = reinterpret_cast<void*>(static_cast<uintptr_t>(message) + 1);
  if (napi_call_threadsafe_function(tsfn_, data, napi_tsfn_blocking) != napi_ok) {
    abort_.store(true);  // closing: the environment is going away
  }
}

// ---------------------------------------------------------------------------
// The main thread

void FitJob::call_js(napi_env env, napi_value, void* context, void* data) {
  // env is null when the environment is torn down with calls still queued:
  // nothing to do then, the finalizer stops the thread.
  if (env == nullptr) return;
  auto* job = static_cast<FitJob*>(context);
  const auto message = static_cast<Message>(reinterpret_cast<uintptr_t>(data) - 1);
  // Nothing may escape into Node (it would end in std::terminate).
  try {
    Napi::Env js(env);
    Napi::HandleScope scope(js);
    switch (message) {
      case Message::Progress: job->deliver_progress(js); break;
      case Message::CopyPiece: job->copy_piece(js); break;
      case Message::Done: job->settle(js); break;
    }
  } catch (...) {
    job->abort();
    // The end failed to settle (say, out of memory building the outcome):
    // the promise must not stay pending, nor the net busy.
    if (message == Message::Done) job->settle_failed(Napi::Env(env));
  }
}

void FitJob::settle_failed(Napi::Env env) noexcept {
  if (net_ != nullptr) {
    net_->finish_training(this);
    net_ = nullptr;
  }
  try {
    Napi::HandleScope scope(env);
    deferred_.Reject(Napi::Error::New(env, "shallownet native error: fitAsync() ended but its outcome could not be delivered").Value());
  } catch (...) {
    // Nothing more can be done: JS cannot be reached.
  }
  try {
    net_ref_.Reset();
    on_progress_.Reset();
  } catch (...) {
  }
}

void FitJob::finalize(napi_env, void* data, void*) {
  auto* job = static_cast<FitJob*>(data);
  // After the thread let go of the thread-safe function, or at teardown while
  // it still runs: either way, stop it and wait for it.
  job->abort();
  job->join();
  if (job->net_ != nullptr) job->net_->forget_job(job);
  delete job;
}

void FitJob::join() {
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void FitJob::deliver_progress(Napi::Env env) {
  progress_pending_.store(false);
  const int64_t published = published_.load(std::memory_order_acquire);
  for (; delivered_ < published; ++delivered_) {
    if (on_progress_.IsEmpty() || !callback_error_.IsEmpty()) continue;
    const ProgressReport& report = reports_.data()[delivered_];
    Napi::HandleScope scope(env);  // one call may drain many reports: free each one's handles
    try {
      call_on_progress(on_progress_.Value(), report);
    } catch (const Napi::Error& error) {
      // A failing callback stops training; the promise rejects with exactly what it threw.
      callback_error_ = box_thrown(error);
      abort();
    }
  }
}

void FitJob::copy_piece(Napi::Env env) {
  std::lock_guard<std::mutex> lock(copy_mutex_);
  TrainingInput* input = copying_;
  if (input != nullptr && !abort_) {
    // Asked afresh each time: between pieces, JS may have resized or detached the array.
    const double* data = nullptr;
    int64_t length = -1;
    current_data(env, input->array.Value(), &data, &length);
    if (length != input->length) {
      failure_message_ = argument_message(input->name, "left alone while fitAsync() copies it",
                                          "a buffer resized or detached during the copy", "training did not start");
      failure_ = Failure::Range;
    } else {
      const int64_t count = std::min(kPieceValues, input->length - input->copied);
      const int64_t bad = copy_checked(data + input->copied, input->copy + input->copied, count, input->rule);
      if (bad >= 0) {
        failure_message_ =
            invalid_value_message(input->name, input->rule, input->copied + bad, data[input->copied + bad], input->cols);
        failure_ = Failure::Range;
      }
      input->copied += count;
    }
  }
  piece_ready_ = true;
  copy_done_.notify_one();
}

void FitJob::settle(Napi::Env env) {
  deliver_progress(env);
  if (net_ != nullptr) {
    net_->finish_training(this);
    // The net may be collected from now on (net_ref_ is reset below): the
    // finalizer, which runs later, must not reach it through net_.
    net_ = nullptr;
  }
  if (!callback_error_.IsEmpty()) {
    deferred_.Reject(unbox_thrown(callback_error_));
  } else if (failure_ == Failure::Range) {
    deferred_.Reject(Napi::RangeError::New(env, failure_message_).Value());
  } else if (failure_ == Failure::Other) {
    deferred_.Reject(Napi::Error::New(env, "shallownet native error during fitAsync: " + failure_message_).Value());
  } else {
    deferred_.Resolve(fit_outcome_to_js(env, outcome_));
  }
  net_ref_.Reset();
  on_progress_.Reset();
}

}  // namespace shallownet::binding
