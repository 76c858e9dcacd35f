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
  return static_cast<Activation>(read_choice(value, "activation", {"tanh", "sigmoid", "relu", "leakyRelu"}));
}

OutputHead parse_output(const Napi::Value& value) {
  return static_cast<OutputHead>(read_choice(value, "outputActivation", {"sigmoid", "softmax", "linear"}));
}

// fit's and fitAsync's arrays, in order: X and Y, then the validation set's.
struct Operand {
  size_t index;      // among the arguments
  const char* name;
  const char* what;  // its length, in a message
  bool targets;      // Y-like: n2 rows, the output head's rule; else X-like: n0 rows, finite
};
constexpr Operand kOperands[] = {{0, "X", "inputSize * m", false},
                                 {1, "Y", "outputSize * m", true},
                                 {5, "validationX", "inputSize * validationM", false},
                                 {6, "validationY", "outputSize * validationM", true}};

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

// Calls onProgress(iteration, epoch, cost, validationCost, validationMetric)
// on the main thread during a synchronous fit.
class SyncObserver : public FitObserver {
 public:
  SyncObserver(Napi::Value on_progress, std::vector<PinnedInput> inputs, const std::atomic<bool>& abort)
      : on_progress_(on_progress), inputs_(std::move(inputs)), abort_(abort) {}
  bool stop_requested() override { return abort_.load(std::memory_order_relaxed); }
  bool progress(const ProgressReport& report) override {
    if (!on_progress_.IsFunction()) return true;
    Napi::Env env = on_progress_.Env();
    // fit() runs inside one JS call: without a scope per report, every
    // report's handles would live until fit() returns.
    Napi::HandleScope scope(env);
    try {
      call_on_progress(on_progress_.As<Napi::Function>(), report);
      // onProgress ran JS: it could have resized or detached an input's buffer.
      for (size_t k = 0; k < inputs_.size(); ++k) {
        if (!inputs_[k].still_valid()) {
          invalid_value(env, kOperands[k].name, "left alone until fit() returns (fitAsync() trains on copies)",
                        "a buffer resized or detached by onProgress; training stopped");
        }
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
  std::vector<PinnedInput> inputs_;
  const std::atomic<bool>& abort_;
  Napi::ObjectReference error_;
};

// Whether fit's validation examples are given: validationX, validationY and
// validationM come all three or not at all, so any one of them counts (a
// missing other is then an argument error, never silently no validation).
bool has_validation(const Napi::CallbackInfo& info) {
  return !argument(info, 5).IsUndefined() || !argument(info, 6).IsUndefined() || !argument(info, 7).IsUndefined();
}

void check_progress_callback(const Napi::Value& value) {
  if (!value.IsUndefined() && !value.IsFunction()) invalid_type(value.Env(), "onProgress", "a function", value);
}

// Early stopping watches the validation cost: patience without validation
// examples is a mistake, refused as the TS layer refuses earlyStopping
// without validationData or validationSplit (lib/options.ts).
void check_patience(Napi::Env env, const FitOptions& options, bool validating) {
  if (options.patience > 0 && !validating) {
    invalid_value(env, "options.patience",
                  "0 without validationX, validationY and validationM (early stopping watches the validation cost)",
                  std::to_string(options.patience));
  }
}

// fitAsync's X or Y: a Float64Array of `length` values. A SharedArrayBuffer's
// is read in place (it can be neither detached nor shrunk), and kept alive
// while the job runs; any other is copied (how, FitAsync decides).
TrainingInput training_input(const Napi::Float64Array& array, const char* name, ValueRule rule, int64_t cols) {
  napi_value buffer = array.ArrayBuffer();
  bool plain = true;
  napi_is_arraybuffer(array.Env(), buffer, &plain);  // false for a SharedArrayBuffer
  TrainingInput input;
  input.name = name;
  input.rule = rule;
  input.cols = cols;
  input.length = static_cast<int64_t>(array.ElementLength());
  input.source = plain ? TrainingInput::Source::Copied : TrainingInput::Source::Shared;
  if (!plain) {
    input.array = Napi::Persistent(array);
    input.shared = array.Data();
  }
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
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Evaluate>>("evaluate"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Step>>("step"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Fit>>("fit"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::FitAsync>>("fitAsync"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::Abort>>("abort"),
                         InstanceMethod<&NativeNet::Guarded<&NativeNet::IsTraining>>("isTraining"),
                     });
}

// new NativeNet(inputSize, hiddenSize, outputSize, activation, params, outputActivation)
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
  Shape& shape = net_.shape;
  shape.n0 = to_integer(argument(info, 0), "inputSize", 1, kMaxDimension);
  shape.n1 = to_integer(argument(info, 1), "hiddenSize", 1, kMaxDimension);
  shape.n2 = to_integer(argument(info, 2), "outputSize", 1, kMaxDimension);
  net_.hidden = parse_activation(argument(info, 3));
  // The count as the TS layer computes it (in doubles), checked before any
  // int64 arithmetic on it can overflow; the same message as lib/packing.ts.
  const double sizes = static_cast<double>(shape.n1) * static_cast<double>(shape.n0) + static_cast<double>(shape.n1) +
                       static_cast<double>(shape.n2) * static_cast<double>(shape.n1) + static_cast<double>(shape.n2);
  if (sizes > static_cast<double>(kMaxParameters)) {
    invalid_value(env,
                  "the parameter count of inputSize = " + std::to_string(shape.n0) + ", hiddenSize = " +
                      std::to_string(shape.n1) + ", outputSize = " + std::to_string(shape.n2),
                  "at most " + std::to_string(kMaxParameters), format_number(sizes), "use smaller sizes");
  }
  const int64_t count = shape.parameter_count();
  Napi::Float64Array packed = to_f64(argument(info, 4), "params", count,
                                     "hiddenSize*inputSize + hiddenSize + outputSize*hiddenSize + outputSize");
  require_finite(env, packed.Data(), count, "params");
  net_.output = parse_output(argument(info, 5));
  if (net_.output == OutputHead::Softmax && shape.n2 < 2) {
    invalid_value(env, "outputSize", "at least 2 for a softmax output (one row per class)", std::to_string(shape.n2));
  }
  params_.assign(packed.Data(), packed.Data() + count);
}

void NativeNet::assert_idle(Napi::Env env, const char* method) const {
  if (training_) throw Napi::Error::New(env, busy_message(method));
}

int64_t NativeNet::examples(const Napi::CallbackInfo& info, size_t index) const {
  return to_integer(argument(info, index), "m", 1, kMaxDimension);
}

const double* NativeNet::inputs(const Napi::CallbackInfo& info, size_t index, int64_t m, const char* name,
                                const char* what) const {
  const int64_t length = checked_product(info.Env(), net_.shape.n0, m, what);
  Napi::Float64Array X = to_f64(argument(info, index), name, length, what);
  require_finite(info.Env(), X.Data(), length, name, m);
  return X.Data();
}

ValueRule NativeNet::target_rule() const {
  return net_.output == OutputHead::Linear ? ValueRule::Finite : ValueRule::UnitInterval;
}

void NativeNet::check_targets(Napi::Env env, const double* Y, int64_t m, const char* name) const {
  require_valid(env, Y, net_.shape.n2 * m, name, target_rule(), m);
  if (net_.output != OutputHead::Softmax) return;
  double sum = 0.0;
  const int64_t column = first_bad_column(Y, net_.shape.n2, m, &sum);
  if (column >= 0) throw Napi::RangeError::New(env, column_sum_message(name, column, sum));
}

const double* NativeNet::targets(const Napi::CallbackInfo& info, size_t index, int64_t m, const char* name,
                                 const char* what) const {
  const int64_t length = checked_product(info.Env(), net_.shape.n2, m, what);
  Napi::Float64Array Y = to_f64(argument(info, index), name, length, what);
  check_targets(info.Env(), Y.Data(), m, name);
  return Y.Data();
}

double* NativeNet::training_data(int64_t length) {
  training_data_.reserve(length);
  return training_data_.data();
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

void NativeNet::release_large_training_data() noexcept {
  if (training_data_.capacity() > FitJob::kPieceValues) training_data_.release();
}

void NativeNet::forget_job(FitJob* job) {
  if (job_ == job) job_ = nullptr;
}

int NativeNet::share(int64_t m) const { return compute_share(flops_per_iteration(net_.shape, m)); }

NativeNet::TrainingCall NativeNet::read_training_call(const Napi::CallbackInfo& info, const char* method) {
  Napi::Env env = info.Env();
  assert_idle(env, method);
  TrainingCall call;
  call.m = examples(info, 2);
  // Options first: reading them can run JS (getters), which must not see, or
  // change, the data pointers taken after this.
  call.options = read_fit_options(argument(info, 3), call.m);
  call.on_progress = argument(info, 4);
  check_progress_callback(call.on_progress);
  call.validating = has_validation(info);
  check_patience(env, call.options, call.validating);
  call.mv = call.validating ? to_integer(argument(info, 7), "validationM", 1, kMaxDimension) : 0;
  assert_idle(env, method);  // a getter may have started a training
  return call;
}

NativeNet::LabelledBatch NativeNet::labelled_batch(const Napi::CallbackInfo& info, const char* method) {
  assert_idle(info.Env(), method);
  LabelledBatch batch;
  batch.m = examples(info, 2);
  batch.X = inputs(info, 0, batch.m);
  batch.Y = targets(info, 1, batch.m);
  ensure_workspace(info.Env(), method, batch.m);
  return batch;
}

void NativeNet::ensure_workspace(Napi::Env env, const char* method, int64_t m) {
  const Shape& shape = net_.shape;
  require_memory(env, 8.0 * static_cast<double>(m) * static_cast<double>(work_doubles_per_example(shape)),
                 std::string(method) + "()'s work buffers for m = " + std::to_string(m) + " examples");
  try {
    workspace_.ensure(shape, m);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(
        env, allocation_failure_message(std::string(method) + "()'s work buffers for m = " + std::to_string(m) + " examples"));
  }
}

Napi::Value NativeNet::Parameters(const Napi::CallbackInfo& info) {
  assert_idle(info.Env(), "parameters");
  return copy_to_js(info.Env(), params_.data(), net_.shape.parameter_count());
}

// setParameters(params)
Napi::Value NativeNet::SetParameters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "setParameters");
  const int64_t count = net_.shape.parameter_count();
  Napi::Float64Array packed = to_f64(argument(info, 0), "params", count, "the parameter count");
  require_finite(env, packed.Data(), count, "params");
  std::memcpy(params_.data(), packed.Data(), static_cast<size_t>(count) * sizeof(double));
  return env.Undefined();
}

// forward(X, m) -> { Z1, A1, Z2, A2 }
Napi::Value NativeNet::Forward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "forward");
  const Shape& shape = net_.shape;
  const int64_t m = examples(info, 1);
  const double* X = inputs(info, 0, m);
  require_memory(env, 16.0 * static_cast<double>(m) * static_cast<double>(shape.n1 + shape.n2),
                 "forward()'s work buffers for m = " + std::to_string(m) + " examples");
  Napi::Float64Array Z1 = Napi::Float64Array::New(env, static_cast<size_t>(shape.n1 * m));
  Napi::Float64Array A1 = Napi::Float64Array::New(env, static_cast<size_t>(shape.n1 * m));
  Napi::Float64Array Z2 = Napi::Float64Array::New(env, static_cast<size_t>(shape.n2 * m));
  Napi::Float64Array A2 = Napi::Float64Array::New(env, static_cast<size_t>(shape.n2 * m));
  const auto p = unpack<const double>(params_.data(), shape);
  Lease threads(share(m));
  forward_hidden(net_.hidden, shape, m, p.W1, p.b1, Inputs::columns(X, m), Z1.Data(), A1.Data());
  forward_output(net_.output, shape, m, p.W2, p.b2, A1.Data(), Z2.Data(), A2.Data());
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
  const Shape& shape = net_.shape;
  const int64_t m = examples(info, 1);
  const double* X = inputs(info, 0, m);
  ensure_workspace(env, "predictProba", m);
  Napi::Float64Array A2 = Napi::Float64Array::New(env, static_cast<size_t>(shape.n2 * m));
  const auto p = unpack<const double>(params_.data(), shape);
  Lease threads(share(m));
  forward_hidden(net_.hidden, shape, m, p.W1, p.b1, Inputs::columns(X, m), nullptr, workspace_.A1.data());
  forward_output(net_.output, shape, m, p.W2, p.b2, workspace_.A1.data(), workspace_.Z2.data(), A2.Data());
  return A2;
}

// gradients(X, Y, m) -> packed gradients [dW1 | db1 | dW2 | db2] at the current parameters
Napi::Value NativeNet::Gradients(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const LabelledBatch batch = labelled_batch(info, "gradients");
  const int64_t m = batch.m;
  {
    Lease threads(share(m));
    forward_cost(net_, params_.data(), batch.examples(), workspace_);
    gradients_from_cost(net_, params_.data(), batch.examples().X, m, workspace_);
  }
  return copy_to_js(env, workspace_.grads.data(), net_.shape.parameter_count());
}

// backward(X, Y, A1, A2, m) -> packed gradients [dW1 | db1 | dW2 | db2]
Napi::Value NativeNet::Backward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "backward");
  const Shape& shape = net_.shape;
  const int64_t m = examples(info, 4);
  const double* X = inputs(info, 0, m);
  const double* Y = targets(info, 1, m);
  const int64_t hidden_length = checked_product(env, shape.n1, m, "hiddenSize * m");
  const int64_t output_length = checked_product(env, shape.n2, m, "outputSize * m");
  Napi::Float64Array A1 = to_f64(argument(info, 2), "A1", hidden_length, "hiddenSize * m");
  Napi::Float64Array A2 = to_f64(argument(info, 3), "A2", output_length, "outputSize * m");
  require_finite(env, A1.Data(), hidden_length, "A1", m);
  require_finite(env, A2.Data(), output_length, "A2", m);
  ensure_workspace(env, "backward", m);
  Napi::Float64Array grads = Napi::Float64Array::New(env, static_cast<size_t>(shape.parameter_count()));
  const auto g = unpack<double>(grads.Data(), shape);
  const auto p = unpack<const double>(params_.data(), shape);
  double* dZ2 = workspace_.Z2.data();
  Lease threads(share(m));
  // dZ2 = A2 - Y whatever the output head: the lecture's first backward equation holds for all three.
  output_delta(shape, m, A2.Data(), Y, dZ2, g.b2);
  backward_hidden(net_.hidden, shape, m, p.W2, Inputs::columns(X, m), A1.Data(), dZ2, workspace_.dZ1.data(), g.W1,
                  g.b1, g.W2);
  return grads;
}

// update(grads, learningRate) -> true, or false if the result would overflow (unchanged);
// non-finite gradients are an argument error, as in the TS layer
Napi::Value NativeNet::Update(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  assert_idle(env, "update");
  const int64_t count = net_.shape.parameter_count();
  Napi::Float64Array grads = to_f64(argument(info, 0), "grads", count, "the parameter count");
  require_finite(env, grads.Data(), count, "grads");
  const double learning_rate = to_positive_finite(argument(info, 1), "learningRate");
  return Napi::Boolean::New(env, update(params_.data(), grads.Data(), count, learning_rate));
}

// cost(X, Y, m) -> J
Napi::Value NativeNet::Cost(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const LabelledBatch batch = labelled_batch(info, "cost");
  const int64_t m = batch.m;
  Lease threads(share(m));
  return Napi::Number::New(env, evaluate_cost(net_, params_.data(), batch.examples(), workspace_));
}

// evaluate(X, Y, m) -> { cost, metric }: J and accuracy (sigmoid, softmax) or R² (linear)
Napi::Value NativeNet::Evaluate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const LabelledBatch batch = labelled_batch(info, "evaluate");
  const int64_t m = batch.m;
  Score score;
  {
    Lease threads(share(m));
    score = evaluate_score(net_, params_.data(), batch.examples(), workspace_);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("cost", score.cost);
  result.Set("metric", score.metric);
  return result;
}

// step(X, Y, m, learningRate) -> { cost, updated }: one iteration of the lecture's gradient descent
Napi::Value NativeNet::Step(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const LabelledBatch batch = labelled_batch(info, "step");
  const int64_t m = batch.m;
  const double learning_rate = to_positive_finite(argument(info, 3), "learningRate");
  double cost = 0.0;
  bool updated = false;
  {
    Lease threads(share(m));
    cost = forward_cost(net_, params_.data(), batch.examples(), workspace_);
    updated = !cost_diverged(cost, net_.output, net_.shape.n2) &&
              backward_update(net_, params_.data(), batch.examples().X, m, learning_rate, workspace_);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("cost", cost);
  result.Set("updated", updated);
  return result;
}

// fit(X, Y, m, options, onProgress?, validationX?, validationY?, validationM?)
//   -> { status, iterations, epochs, finalCost, costs, history, bestEpoch }
Napi::Value NativeNet::Fit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const TrainingCall call = read_training_call(info, "fit");
  const int64_t m = call.m, mv = call.mv;
  const bool validating = call.validating;
  const FitOptions& options = call.options;
  const Shape& shape = net_.shape;
  // The arrays, checked in full; onProgress runs JS mid-training and could
  // resize or detach one: after each call the observer checks they are still where they were.
  const double* data[4] = {};
  std::vector<PinnedInput> pinned;
  for (size_t k = 0; k < call.operands(); ++k) {
    const Operand& operand = kOperands[k];
    const int64_t cols = call.examples(k);
    data[k] = operand.targets ? targets(info, operand.index, cols, operand.name, operand.what)
                              : inputs(info, operand.index, cols, operand.name, operand.what);
    pinned.push_back({argument(info, operand.index).As<Napi::Float64Array>(), data[k],
                      (operand.targets ? shape.n2 : shape.n0) * cols});
  }
  const double *X = data[0], *Y = data[1], *Xv = data[2], *Yv = data[3];
  require_memory(env, 8.0 * static_cast<double>(m) * static_cast<double>(training_doubles_per_example(shape, options.shuffle)),
                 "fit()'s work buffers for m = " + std::to_string(m) + " examples");
  SyncObserver observer(call.on_progress, std::move(pinned), abort_);
  abort_ = false;
  const Examples train = Examples::columns(X, Y, m);
  const Examples validation = validating ? Examples::columns(Xv, Yv, mv) : train;
  // Training while the loop runs: onProgress may call back into this object.
  training_ = true;
  FitOutcome outcome;
  try {
    outcome = fit(net_, params_.data(), train, validating ? &validation : nullptr, options, workspace_, optimizer_,
                  observer);
  } catch (const std::bad_alloc&) {
    training_ = false;
    throw Napi::RangeError::New(
        env, allocation_failure_message("fit()'s work buffers and cost record for m = " + std::to_string(m) + " examples"));
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

// fitAsync(X, Y, m, options, onProgress?, validationX?, validationY?, validationM?)
//   -> Promise<{ status, iterations, epochs, finalCost, costs, history, bestEpoch }>
Napi::Value NativeNet::FitAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const TrainingCall call = read_training_call(info, "fitAsync");
  const int64_t m = call.m, mv = call.mv;
  const FitOptions& options = call.options;
  const Shape& shape = net_.shape;
  require_memory(env,
                 8.0 * static_cast<double>(m) * static_cast<double>(fit_async_doubles_per_example(shape, options.shuffle)) +
                     8.0 * static_cast<double>(mv) * static_cast<double>(shape.n0 + shape.n2),
                 "fitAsync()'s work buffers for m = " + std::to_string(m) + " examples");
  // The caller's arrays, local handles for this call; only those read after
  // it returns (in pieces, or in place) are kept by a reference.
  std::vector<Napi::Float64Array> arrays;
  std::vector<TrainingInput> inputs;
  for (size_t k = 0; k < call.operands(); ++k) {
    const Operand& operand = kOperands[k];
    const int64_t cols = call.examples(k);
    const int64_t length = checked_product(env, operand.targets ? shape.n2 : shape.n0, cols, operand.what);
    arrays.push_back(to_f64(argument(info, operand.index), operand.name, length, operand.what));
    inputs.push_back(training_input(arrays[k], operand.name, operand.targets ? target_rule() : ValueRule::Finite, cols));
    // A softmax output's targets are also checked column by column (each a probability vector).
    inputs[k].probability_columns = operand.targets && net_.output == OutputHead::Softmax;
  }
  // The event loop waits for what happens here, so it stays short whatever
  // the size of X: small inputs are copied (and checked) now, in one pass,
  // into buffers the net keeps for its next call; large ones in pieces over
  // the next turns of the event loop, into buffers the training thread
  // allocates and releases when it is done; a SharedArrayBuffer's not at all.
  int64_t to_copy = 0;
  for (const TrainingInput& input : inputs) to_copy += input.source == TrainingInput::Source::Copied ? input.length : 0;
  if (to_copy <= FitJob::kPieceValues) {
    double* copies = to_copy > 0 ? training_data(to_copy) : nullptr;
    for (size_t k = 0; k < inputs.size(); ++k) {
      TrainingInput& input = inputs[k];
      if (input.source != TrainingInput::Source::Copied) continue;
      const double* from = arrays[k].Data();
      const int64_t bad = copy_checked(from, copies, input.length, input.rule);
      if (bad >= 0) {
        throw Napi::RangeError::New(env, invalid_value_message(input.name, input.rule, bad, from[bad], input.cols));
      }
      input.copy = copies;
      copies += input.length;
      if (input.probability_columns) {
        double sum = 0.0;
        const int64_t column = first_bad_column(input.copy, shape.n2, input.cols, &sum);
        if (column >= 0) throw Napi::RangeError::New(env, column_sum_message(input.name, column, sum));
      }
    }
  } else {
    for (size_t k = 0; k < inputs.size(); ++k) {
      if (inputs[k].source != TrainingInput::Source::Copied) continue;
      inputs[k].source = TrainingInput::Source::Pieces;
      inputs[k].array = Napi::Persistent(arrays[k]);
    }
  }
  return FitJob::start(env, this, info.This().As<Napi::Object>(), m, mv, std::move(inputs), options, call.on_progress);
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
