#include "native_net.h"

#include <cstring>
#include <new>
#include <string>

#include "../core/threads/compute_budget.h"
#include "../core/threads/parallel.h"
#include "args.h"
#include "js_values.h"

namespace shallownet::binding {

namespace {

Activation parse_activation(const Napi::Value& value) {
  static const char* const kExpected = "one of 'tanh', 'sigmoid', 'relu', 'leakyRelu'";
  if (!value.IsString()) invalid_type(value.Env(), "activation", kExpected, value);
  const std::string name = value.As<Napi::String>().Utf8Value();
  if (name == "tanh") return Activation::Tanh;
  if (name == "sigmoid") return Activation::Sigmoid;
  if (name == "relu") return Activation::Relu;
  if (name == "leakyRelu") return Activation::LeakyRelu;
  invalid_value(value.Env(), "activation", kExpected, "'" + name + "'");
}

// A typed array the loop reads through a raw pointer, and where it was.
struct PinnedInput {
  Napi::Float64Array array;
  const double* data;
  int64_t length;
  bool still_valid() const {
    const double* now = nullptr;
    int64_t now_length = -1;
    current_data(array.Env(), array, &now, &now_length);
    return now_length == length && now == data;
  }
};

// Calls onProgress(iteration, cost) on the main thread during a synchronous fit.
class SyncObserver : public FitObserver {
 public:
  SyncObserver(Napi::Value on_progress, PinnedInput X, PinnedInput Y, const std::atomic<bool>& abort)
      : on_progress_(on_progress), X_(X), Y_(Y), abort_(abort) {}
  bool stop_requested() override { return abort_.load(std::memory_order_relaxed); }
  bool progress(int64_t iteration, double cost) override {
    if (!on_progress_.IsFunction()) return true;
    Napi::Env env = on_progress_.Env();
    try {
      on_progress_.As<Napi::Function>().Call(
          {Napi::Number::New(env, static_cast<double>(iteration)), Napi::Number::New(env, cost)});
      if (!X_.still_valid() || !Y_.still_valid()) {
        invalid_value(env, X_.still_valid() ? "Y" : "X", "left alone until fit() returns (fitAsync() trains on copies)",
                      "a buffer resized or detached by onProgress; training stopped");
      }
    } catch (const Napi::Error& error) {
      error_ = box_thrown(error);
      return false;
    }
    return true;
  }
  bool failed() const { return !error_.IsEmpty(); }
  // Throws exactly what onProgress threw (an Error or any other value).
  void rethrow(Napi::Env env) const { napi_throw(env, unbox_thrown(error_)); }

 private:
  Napi::Value on_progress_;
  PinnedInput X_;
  PinnedInput Y_;
  const std::atomic<bool>& abort_;
  Napi::ObjectReference error_;
};

void check_progress_callback(const Napi::Value& value) {
  if (!value.IsUndefined() && !value.IsFunction()) invalid_type(value.Env(), "onProgress", "a function", value);
}

// fitAsync's X or Y: a Float64Array of `length` values. A SharedArrayBuffer's
// is read in place (it can be neither detached nor shrunk); any other is
// copied (how, FitAsync decides).
TrainingInput training_input(const Napi::Value& value, const char* name, int64_t length, const std::string& what,
                             TrainingInput::Check check) {
  Napi::Float64Array array = to_f64(value, name, length, what);
  napi_value buffer = array.ArrayBuffer();
  bool plain = true;
  napi_is_arraybuffer(value.Env(), buffer, &plain);  // false for a SharedArrayBuffer
  TrainingInput input;
  input.name = name;
  input.check = check;
  input.length = length;
  input.source = plain ? TrainingInput::Source::Copied : TrainingInput::Source::Shared;
  input.array = Napi::Persistent(array);
  if (!plain) input.shared = array.Data();
  return input;
}

}  // namespace

Napi::Function NativeNet::Define(Napi::Env env) {
  return DefineClass(env, "NativeNet",
                     {
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Parameters>>("parameters"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::SetParameters>>("setParameters"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Forward>>("forward"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::PredictProba>>("predictProba"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Gradients>>("gradients"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Backward>>("backward"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Update>>("update"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Cost>>("cost"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Step>>("step"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Fit>>("fit"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::FitAsync>>("fitAsync"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Abort>>("abort"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::IsTraining>>("isTraining"),
                     });
}

// new NativeNet(inputSize, hiddenSize, outputSize, activation, params)
NativeNet::NativeNet(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeNet>(info) {
  guard(info.Env(), [&] {
    construct(info);
    return info.Env().Undefined();
  });
}

NativeNet::~NativeNet() {
  // Collected mid-training only when its environment goes away: stop the thread first.
  if (job_ != nullptr) job_->detach_net();
}

void NativeNet::construct(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info.IsConstructCall()) throw Napi::TypeError::New(env, "NativeNet must be called with new");
  shape_.n0 = to_integer(argument(info, 0), "inputSize", 1, kMaxDimension);
  shape_.n1 = to_integer(argument(info, 1), "hiddenSize", 1, kMaxDimension);
  shape_.n2 = to_integer(argument(info, 2), "outputSize", 1, kMaxDimension);
  activation_ = parse_activation(argument(info, 3));
  // The count as the TS layer computes it (in doubles), checked before any
  // int64 arithmetic on it can overflow; the same message as lib/packing.ts.
  const double sizes = static_cast<double>(shape_.n1) * static_cast<double>(shape_.n0) + static_cast<double>(shape_.n1) +
                       static_cast<double>(shape_.n2) * static_cast<double>(shape_.n1) + static_cast<double>(shape_.n2);
  if (sizes > static_cast<double>(kMaxParameters)) {
    invalid_value(env,
                  "the parameter count of inputSize = " + std::to_string(shape_.n0) + ", hiddenSize = " +
                      std::to_string(shape_.n1) + ", outputSize = " + std::to_string(shape_.n2),
                  "at most " + std::to_string(kMaxParameters), format_number(sizes), "use smaller sizes");
  }
  const int64_t count = shape_.parameter_count();
  Napi::Float64Array packed = to_f64(argument(info, 4), "params", count,
                                     "hiddenSize*inputSize + hiddenSize + outputSize*hiddenSize + outputSize");
  require_finite(env, packed.Data(), count, "params");
  try {
    params_.assign(packed.Data(), packed.Data() + count);
  } catch (const std::bad_alloc&) {
    invalid_value(env, "the parameter count", "one this process can allocate", std::to_string(count), "use smaller sizes");
  }
}

void NativeNet::assert_idle(Napi::Env env, const char* method) const {
  if (training_) throw Napi::Error::New(env, busy_message(method));
}

int64_t NativeNet::examples(const Napi::CallbackInfo& info, size_t index) const {
  return to_integer(argument(info, index), "m", 1, kMaxDimension);
}

const double* NativeNet::inputs(const Napi::CallbackInfo& info, size_t index, int64_t m) const {
  const int64_t length = checked_product(info.Env(), shape_.n0, m, "inputSize * m");
  Napi::Float64Array X = to_f64(argument(info, index), "X", length, "inputSize * m");
  require_finite(info.Env(), X.Data(), length, "X", m);
  return X.Data();
}

const double* NativeNet::targets(const Napi::CallbackInfo& info, size_t index, int64_t m) const {
  const int64_t length = checked_product(info.Env(), shape_.n2, m, "outputSize * m");
  Napi::Float64Array Y = to_f64(argument(info, index), "Y", length, "outputSize * m");
  require_unit_interval(info.Env(), Y.Data(), length, "Y", m);
  return Y.Data();
}

double* NativeNet::training_data(int64_t length) {
  if (length > training_data_capacity_) {
    training_data_.reset();
    training_data_capacity_ = 0;
    training_data_.reset(new double[static_cast<size_t>(length)]);
    training_data_capacity_ = length;
  }
  return training_data_.get();
}

void NativeNet::start_training(FitJob* job) {
  job_ = job;
  training_ = true;
}

void NativeNet::finish_training(FitJob* job) {
  if (job_ != job) return;
  job_ = nullptr;
  training_ = false;
}

void NativeNet::forget_job(FitJob* job) {
  if (job_ == job) job_ = nullptr;
}

int NativeNet::share(int64_t m) const { return compute_share(flops_per_iteration(shape_, m)); }

void NativeNet::ensure_workspace(Napi::Env env, const char* method, int64_t m) {
  checked_product(env, shape_.n1, m, "hiddenSize * m");
  checked_product(env, shape_.n2, m, "outputSize * m");
  require_memory(env, 8.0 * static_cast<double>(m) * static_cast<double>(work_doubles_per_example(shape_)),
                 std::string(method) + "()'s work buffers for m = " + std::to_string(m) + " examples");
  try {
    workspace_.ensure(shape_, m);
  } catch (const std::bad_alloc&) {
    invalid_value(env, std::string(method) + "()'s work buffers for m = " + std::to_string(m) + " examples",
                  "allocatable", std::to_string(m * work_doubles_per_example(shape_)) + " values",
                  "train on fewer examples at a time");
  }
}

Napi::Value NativeNet::Parameters(const Napi::CallbackInfo& info) {
  assert_idle(info.Env(), "parameters");
  return copy_to_js(info.Env(), params_.data(), shape_.parameter_count());
}

// setParameters(params)
Napi::Value NativeNet::SetParameters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "setParameters");
  const int64_t count = shape_.parameter_count();
  Napi::Float64Array packed = to_f64(argument(info, 0), "params", count, "the parameter count");
  require_finite(env, packed.Data(), count, "params");
  std::memcpy(params_.data(), packed.Data(), static_cast<size_t>(count) * sizeof(double));
  return env.Undefined();
}

// forward(X, m) -> { Z1, A1, Z2, A2 }
Napi::Value NativeNet::Forward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "forward");
  const int64_t m = examples(info, 1);
  const double* X = inputs(info, 0, m);
  checked_product(env, shape_.n1, m, "hiddenSize * m");
  checked_product(env, shape_.n2, m, "outputSize * m");
  require_memory(env, 16.0 * static_cast<double>(m) * static_cast<double>(shape_.n1 + shape_.n2),
                 "forward()'s work buffers for m = " + std::to_string(m) + " examples");
  Napi::Float64Array Z1 = Napi::Float64Array::New(env, static_cast<size_t>(shape_.n1 * m));
  Napi::Float64Array A1 = Napi::Float64Array::New(env, static_cast<size_t>(shape_.n1 * m));
  Napi::Float64Array Z2 = Napi::Float64Array::New(env, static_cast<size_t>(shape_.n2 * m));
  Napi::Float64Array A2 = Napi::Float64Array::New(env, static_cast<size_t>(shape_.n2 * m));
  const auto p = unpack<const double>(params_.data(), shape_);
  Lease threads(share(m));
  forward_hidden(activation_, shape_, m, p.W1, p.b1, X, Z1.Data(), A1.Data());
  forward_output(shape_, m, p.W2, p.b2, A1.Data(), Z2.Data(), A2.Data());
  Napi::Object cache = Napi::Object::New(env);
  cache.Set("Z1", Z1);
  cache.Set("A1", A1);
  cache.Set("Z2", Z2);
  cache.Set("A2", A2);
  return cache;
}

// predictProba(X, m) -> A2
Napi::Value NativeNet::PredictProba(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "predictProba");
  const int64_t m = examples(info, 1);
  const double* X = inputs(info, 0, m);
  ensure_workspace(env, "predictProba", m);
  Napi::Float64Array A2 = Napi::Float64Array::New(env, static_cast<size_t>(shape_.n2 * m));
  const auto p = unpack<const double>(params_.data(), shape_);
  Lease threads(share(m));
  forward_hidden(activation_, shape_, m, p.W1, p.b1, X, nullptr, workspace_.A1.data());
  forward_output(shape_, m, p.W2, p.b2, workspace_.A1.data(), workspace_.Z2.data(), A2.Data());
  return A2;
}

// gradients(X, Y, m) -> packed gradients [dW1 | db1 | dW2 | db2] at the current parameters
Napi::Value NativeNet::Gradients(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "gradients");
  const int64_t m = examples(info, 2);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  ensure_workspace(env, "gradients", m);
  {
    Lease threads(share(m));
    forward_cost(activation_, shape_, m, params_.data(), X, Y, workspace_);
    gradients_from_cost(activation_, shape_, m, params_.data(), X, workspace_);
  }
  return copy_to_js(env, workspace_.grads.data(), shape_.parameter_count());
}

// backward(X, Y, A1, A2, m) -> packed gradients [dW1 | db1 | dW2 | db2]
Napi::Value NativeNet::Backward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "backward");
  const int64_t m = examples(info, 4);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  const int64_t hidden_length = checked_product(env, shape_.n1, m, "hiddenSize * m");
  const int64_t output_length = checked_product(env, shape_.n2, m, "outputSize * m");
  Napi::Float64Array A1 = to_f64(argument(info, 2), "A1", hidden_length, "hiddenSize * m");
  Napi::Float64Array A2 = to_f64(argument(info, 3), "A2", output_length, "outputSize * m");
  require_finite(env, A1.Data(), hidden_length, "A1", m);
  require_finite(env, A2.Data(), output_length, "A2", m);
  ensure_workspace(env, "backward", m);
  Napi::Float64Array grads = Napi::Float64Array::New(env, static_cast<size_t>(shape_.parameter_count()));
  const auto g = unpack<double>(grads.Data(), shape_);
  const auto p = unpack<const double>(params_.data(), shape_);
  double* dZ2 = workspace_.Z2.data();
  Lease threads(share(m));
  output_delta(shape_, m, A2.Data(), Y, dZ2, g.b2);
  backward_hidden(activation_, shape_, m, p.W2, X, A1.Data(), dZ2, workspace_.dZ1.data(), g.W1,
                  g.b1, g.W2);
  return grads;
}

// update(grads, learningRate) -> true, or false if the result would not be finite (unchanged)
Napi::Value NativeNet::Update(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "update");
  const int64_t count = shape_.parameter_count();
  Napi::Float64Array grads = to_f64(argument(info, 0), "grads", count, "the parameter count");
  const double learning_rate = to_positive_finite(argument(info, 1), "learningRate");
  return Napi::Boolean::New(env, update(params_.data(), grads.Data(), count, learning_rate));
}

// cost(X, Y, m) -> J
Napi::Value NativeNet::Cost(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "cost");
  const int64_t m = examples(info, 2);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  ensure_workspace(env, "cost", m);
  Lease threads(share(m));
  return Napi::Number::New(env, evaluate_cost(activation_, shape_, m, params_.data(), X, Y, workspace_));
}

// step(X, Y, m, learningRate) -> { cost, updated }
Napi::Value NativeNet::Step(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "step");
  const int64_t m = examples(info, 2);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  const double learning_rate = to_positive_finite(argument(info, 3), "learningRate");
  ensure_workspace(env, "step", m);
  double cost = 0.0;
  bool updated = false;
  {
    Lease threads(share(m));
    cost = forward_cost(activation_, shape_, m, params_.data(), X, Y, workspace_);
    updated = !cost_diverged(cost, shape_) &&
              backward_update(activation_, shape_, m, params_.data(), X, learning_rate, workspace_);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("cost", cost);
  result.Set("updated", updated);
  return result;
}

// fit(X, Y, m, options, onProgress?) -> { status, iterations, finalCost, costs }
Napi::Value NativeNet::Fit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "fit");
  // Options first: reading them can run JS (getters), which must not see, or
  // change, the data pointers taken below.
  const FitOptions options = read_fit_options(argument(info, 3));
  const Napi::Value on_progress = argument(info, 4);
  check_progress_callback(on_progress);
  assert_idle(env, "fit");
  const int64_t m = examples(info, 2);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  ensure_workspace(env, "fit", m);
  // onProgress runs JS mid-training: it could resize or detach X's or Y's
  // buffer. After each call the observer checks they are still where they were.
  SyncObserver observer(on_progress, {argument(info, 0).As<Napi::Float64Array>(), X, shape_.n0 * m},
                        {argument(info, 1).As<Napi::Float64Array>(), Y, shape_.n2 * m}, abort_);
  abort_ = false;
  // Busy while the loop runs: onProgress may call back into this object.
  training_ = true;
  FitOutcome outcome;
  try {
    outcome = fit(activation_, shape_, m, params_.data(), X, Y, options, workspace_, observer);
  } catch (const std::bad_alloc&) {
    training_ = false;
    invalid_value(env, "options: the cost record", "allocatable",
                  std::to_string(options.iterations / options.progress_every + 1) + " values",
                  "raise progressEvery");
  } catch (...) {
    training_ = false;
    throw;
  }
  training_ = false;
  if (observer.failed()) {
    observer.rethrow(env);  // pending: JS sees it when this call returns
    return env.Undefined();
  }
  return fit_outcome_to_js(env, outcome);
}

// fitAsync(X, Y, m, options, onProgress?) -> Promise<{ status, iterations, finalCost, costs }>
Napi::Value NativeNet::FitAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "fitAsync");
  // Options first (their getters may run JS), then the data.
  const FitOptions options = read_fit_options(argument(info, 3));
  const Napi::Value on_progress = argument(info, 4);
  check_progress_callback(on_progress);
  assert_idle(env, "fitAsync");
  const int64_t m = examples(info, 2);
  const int64_t x_length = checked_product(env, shape_.n0, m, "inputSize * m");
  const int64_t y_length = checked_product(env, shape_.n2, m, "outputSize * m");
  checked_product(env, shape_.n1, m, "hiddenSize * m");
  require_memory(env, 8.0 * static_cast<double>(m) * static_cast<double>(fit_async_doubles_per_example(shape_)),
                 "fitAsync()'s work buffers for m = " + std::to_string(m) + " examples");
  TrainingInput X = training_input(argument(info, 0), "X", x_length, "inputSize * m", TrainingInput::Check::Finite);
  TrainingInput Y =
      training_input(argument(info, 1), "Y", y_length, "outputSize * m", TrainingInput::Check::UnitInterval);
  // The event loop waits for what happens here, so it stays short whatever
  // the size of X: small inputs are copied (and checked) now, in one pass,
  // into buffers the net keeps for its next call; large ones in pieces over
  // the next turns of the event loop, into buffers the training thread
  // allocates; a SharedArrayBuffer's not at all.
  const int64_t to_copy = (X.source == TrainingInput::Source::Copied ? x_length : 0) +
                          (Y.source == TrainingInput::Source::Copied ? y_length : 0);
  if (to_copy <= FitJob::kPieceValues) {
    double* copies = to_copy > 0 ? training_data(to_copy) : nullptr;
    for (TrainingInput* input : {&X, &Y}) {
      if (input->source != TrainingInput::Source::Copied) continue;
      const bool unit = input->check == TrainingInput::Check::UnitInterval;
      const double* from = input->array.Value().Data();
      const int64_t bad = copy_checked(from, copies, input->length, unit);
      if (bad >= 0) throw Napi::RangeError::New(env, invalid_value_message(input->name, unit, bad, from[bad], m));
      input->copy = copies;
      copies += input->length;
    }
  } else {
    for (TrainingInput* input : {&X, &Y}) {
      if (input->source == TrainingInput::Source::Copied) input->source = TrainingInput::Source::Pieces;
    }
  }
  return FitJob::start(env, this, info.This().As<Napi::Object>(), m, std::move(X), std::move(Y), options,
                       on_progress);
}

// abort(): a running fit or fitAsync stops before its next iteration.
Napi::Value NativeNet::Abort(const Napi::CallbackInfo& info) {
  abort_ = true;
  if (job_ != nullptr) job_->abort();
  return info.Env().Undefined();
}

Napi::Value NativeNet::IsTraining(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), training_);
}

}  // namespace shallownet::binding
