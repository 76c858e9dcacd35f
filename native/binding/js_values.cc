#include "js_values.h"

#include <cstring>

#include "args.h"

namespace shallownet::binding {

namespace {

const char* status_name(FitStatus status) {
  switch (status) {
    case FitStatus::Converged: return "converged";
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

FitOptions read_fit_options(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) invalid_type(env, "options", "an object", value);
  Napi::Object object = value.As<Napi::Object>();
  FitOptions options;
  options.iterations = to_integer(object.Get("iterations"), "options.iterations", 1, kMaxDimension);
  options.learning_rate = to_positive_finite(object.Get("learningRate"), "options.learningRate");
  options.progress_every = to_integer(object.Get("progressEvery"), "options.progressEvery", 1, kMaxDimension);
  options.tolerance = to_nonnegative_finite(object.Get("tolerance"), "options.tolerance");
  require_memory(env, static_cast<double>(kBytesPerRecord) * static_cast<double>(options.iterations / options.progress_every + 1),
                 "options: the cost record (iterations / progressEvery + 1 entries)");
  return options;
}

Napi::Object fit_outcome_to_js(Napi::Env env, const FitOutcome& outcome) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("status", status_name(outcome.status));
  result.Set("iterations", static_cast<double>(outcome.iterations));
  result.Set("finalCost", outcome.final_cost);
  result.Set("costs", copy_to_js(env, outcome.costs.data(), static_cast<int64_t>(outcome.costs.size())));
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
