#include "js_values.h"

#include <cstring>

#include "args.h"

namespace shallownet::binding {

namespace {

const char* status_name(FitStatus status) {
  switch (status) {
    case FitStatus::Converged: return "converged";
    case FitStatus::StoppedEarly: return "stoppedEarly";
    case FitStatus::Diverged: return "diverged";
    case FitStatus::Stopped: return "stopped";
    case FitStatus::Completed: break;
  }
  return "completed";
}

}  // namespace

std::string busy_message(const std::string& method) {
  return "cannot call " + method + "() while this network is training; await fitAsync() (or abort it) first";
}

Napi::Float64Array copy_to_js(Napi::Env env, const double* data, int64_t length) {
  Napi::Float64Array array = Napi::Float64Array::New(env, static_cast<size_t>(length));
  if (length > 0) std::memcpy(array.Data(), data, static_cast<size_t>(length) * sizeof(double));
  return array;
}

FitOptions read_fit_options(const Napi::Value& value, int64_t m) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) invalid_type(env, "options", "an object", value);
  Napi::Object object = value.As<Napi::Object>();
  FitOptions options;
  options.iterations = to_integer(object.Get("iterations"), "options.iterations", 1, kMaxDimension);
  options.batch_size = to_integer(object.Get("batchSize"), "options.batchSize", 1, kMaxDimension);
  if (options.batch_size > m) {
    // As lib/options.ts forExamples: the full batch is batchSize = m, nothing larger.
    invalid_value(env, "options.batchSize", "an integer from 1 to m = " + std::to_string(m) + " (the training examples)",
                  format_number(static_cast<double>(options.batch_size)));
  }
  options.shuffle = to_boolean(object.Get("shuffle"), "options.shuffle");
  options.seed = static_cast<uint32_t>(to_integer(object.Get("seed"), "options.seed", 0, 4294967295LL));
  options.learning_rate = to_positive_finite(object.Get("learningRate"), "options.learningRate");
  options.learning_rate_decay = to_nonnegative_finite(object.Get("learningRateDecay"), "options.learningRateDecay");
  options.optimizer.kind = static_cast<OptimizerKind>(read_choice(object.Get("optimizer"), "options.optimizer", {"gd", "momentum", "adam"}));
  options.optimizer.beta = to_number_in(object.Get("beta"), "options.beta", 0.0, 1.0);
  options.optimizer.beta1 = to_number_in(object.Get("beta1"), "options.beta1", 0.0, 1.0);
  options.optimizer.beta2 = to_number_in(object.Get("beta2"), "options.beta2", 0.0, 1.0);
  options.optimizer.epsilon = to_positive_finite(object.Get("epsilon"), "options.epsilon");
  options.l2 = to_nonnegative_finite(object.Get("l2"), "options.l2");
  options.progress_every = to_integer(object.Get("progressEvery"), "options.progressEvery", 1, kMaxDimension);
  options.tolerance = to_nonnegative_finite(object.Get("tolerance"), "options.tolerance");
  options.patience = to_integer(object.Get("patience"), "options.patience", 0, kMaxDimension);
  options.min_delta = to_nonnegative_finite(object.Get("minDelta"), "options.minDelta");
  options.restore_best = to_boolean(object.Get("restoreBest"), "options.restoreBest");
  options.keep_optimizer_state = to_boolean(object.Get("keepOptimizerState"), "options.keepOptimizerState");
  options.epoch_offset = to_integer(object.Get("epochOffset"), "options.epochOffset", 0, kMaxDimension);
  const int64_t records = fit_records(options.iterations, options.progress_every, options.batch_size, m, options.shuffle);
  require_memory(env, static_cast<double>(kBytesPerRecord) * static_cast<double>(records),
                 "options: the cost record (" + std::to_string(records) + " entries)");
  return options;
}

void report_fields(const ProgressReport& report, double fields[kReportFields]) {
  fields[0] = static_cast<double>(report.iteration);
  fields[1] = static_cast<double>(report.epoch);
  fields[2] = report.cost;
  fields[3] = report.validation_cost;
  fields[4] = report.validation_metric;
}

void call_on_progress(const Napi::Function& on_progress, const ProgressReport& report) {
  const Napi::Env env = on_progress.Env();
  double fields[kReportFields];
  report_fields(report, fields);
  napi_value arguments[kReportFields];
  for (int k = 0; k < kReportFields; ++k) arguments[k] = Napi::Number::New(env, fields[k]);
  on_progress.Call(kReportFields, arguments);
}

Napi::Object fit_outcome_to_js(Napi::Env env, const FitOutcome& outcome) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("status", status_name(outcome.status));
  result.Set("iterations", static_cast<double>(outcome.iterations));
  result.Set("epochs", static_cast<double>(outcome.epochs));
  result.Set("finalCost", outcome.final_cost);
  result.Set("costs", copy_to_js(env, outcome.costs.data(), static_cast<int64_t>(outcome.costs.size())));
  Napi::Float64Array history = Napi::Float64Array::New(env, outcome.history.size() * kReportFields);
  for (size_t k = 0; k < outcome.history.size(); ++k) report_fields(outcome.history[k], history.Data() + kReportFields * k);
  result.Set("history", history);
  result.Set("bestEpoch", static_cast<double>(outcome.best_epoch));
  return result;
}

Napi::ObjectReference box_thrown(const Napi::Error& error) {
  // A reference can only hold an object under Node-API 8, and JS may throw
  // anything: keep the thrown value in a box.
  Napi::Object box = Napi::Object::New(error.Env());
  box.Set("thrown", static_cast<napi_value>(error.Value()));
  return Napi::Persistent(box);
}

Napi::Value unbox_thrown(const Napi::ObjectReference& box) { return box.Value().Get("thrown"); }

}  // namespace shallownet::binding
