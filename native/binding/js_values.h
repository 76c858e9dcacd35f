// Conversions between JS values and the core's types, shared by NativeNet
// (native_net.cc) and the fitAsync job (fit_job.cc).
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

#include "../core/fit.h"

namespace shallownet::binding {

// What every layer says when a network is used while it trains (lib/errors.ts busyMessage).
std::string busy_message(const std::string& method);

// A new Float64Array holding a copy of `length` values.
Napi::Float64Array copy_to_js(Napi::Env env, const double* data, int64_t length);

// fit's options object, every field required (the TS layer fills in the
// defaults): iterations, batchSize, shuffle, seed, learningRate,
// learningRateDecay, optimizer, beta, beta1, beta2, epsilon, l2,
// progressEvery, tolerance, patience, minDelta, restoreBest,
// keepOptimizerState, epochOffset. m is the number of training examples.
FitOptions read_fit_options(const Napi::Value& value, int64_t m);

// A report's five numbers, in the order onProgress takes them and history
// lays them out: iteration, epoch, cost, validationCost, validationMetric.
constexpr int kReportFields = 5;
void report_fields(const ProgressReport& report, double fields[kReportFields]);

// onProgress(iteration, epoch, cost, validationCost, validationMetric). Throws
// (Napi::Error) what the callback threw.
void call_on_progress(const Napi::Function& on_progress, const ProgressReport& report);

// A finished fit as the object the TS layer reads: { status, iterations,
// epochs, finalCost, costs, history (5 numbers per record: iteration, epoch,
// cost, validationCost, validationMetric), bestEpoch }.
Napi::Object fit_outcome_to_js(Napi::Env env, const FitOutcome& outcome);

// What a JS callback threw (any value, not only an Error), kept alive for rethrowing.
Napi::ObjectReference box_thrown(const Napi::Error& error);
Napi::Value unbox_thrown(const Napi::ObjectReference& box);

}  // namespace shallownet::binding
