// Tests for the native core (native/core), with no Node and no test framework,
// in the spirit of llm.c's test_gpt2.c: run the core and a naive reference
// (reference.cpp, written from the lecture) on the same inputs and compare
// every tensor they produce.
//
//   1. random shapes x every activation: forward_hidden, forward_output,
//      cost_from_logits, output_delta + backward_hidden, update,
//      forward_cost + backward_update (one iteration), evaluate_cost, fit
//   2. update / backward_update refuse a non-finite result, changing nothing
//   3. fit with a huge learning rate diverges and keeps finite parameters
//   4. fit stops when the observer asks, after exactly k iterations
//   5. fit converges when tolerance > 0
//   6. the cost stays finite for huge logits
//   7. relu / leakyRelu hidden units exactly at the kink z = 0
//
// Tensors are compared normwise: max|got - want| / max(1, max|want|) < tol.
// The last line printed is "N passed, M failed" (N, M counts of checks);
// the exit code is non-zero if M > 0.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "../core/fit.h"
#include "../core/blas.h"
#include "../core/blas_core.h"
#include "../core/network.h"
#include "../core/optimizer.h"
#include "../core/threads/parallel.h"
#include "../core/threads/compute_budget.h"
#include "reference.h"

using shallownet::Activation;
using shallownet::FitObserver;
using shallownet::FitOptions;
using shallownet::FitOutcome;
using shallownet::FitStatus;
using shallownet::Shape;
using shallownet::Workspace;

namespace {

// The lecture's network (sigmoid output, one column per example) in the
// core's general API: what this file tests against the naive reference.
namespace lecture {

shallownet::Architecture arch(Activation activation, const Shape& shape) {
  return {shape, activation, shallownet::OutputHead::Sigmoid};
}
void forward_hidden(Activation a, const Shape& s, int64_t m, const double* W1, const double* b1, const double* X,
                    double* Z1, double* A1) {
  shallownet::forward_hidden(a, s, m, W1, b1, shallownet::Inputs::columns(X, m), Z1, A1);
}
void forward_output(const Shape& s, int64_t m, const double* W2, const double* b2, const double* A1, double* Z2,
                    double* A2) {
  shallownet::forward_output(shallownet::OutputHead::Sigmoid, s, m, W2, b2, A1, Z2, A2);
}
// J from the logits Z2 (bias included).
double cost_from_logits(const Shape& s, int64_t m, const double* Z2, const double* Y) {
  std::vector<double> logits(Z2, Z2 + s.n2 * m), zero_bias(s.n2, 0.0), db2(s.n2);
  return shallownet::output_loss_delta(shallownet::OutputHead::Sigmoid, s, m, logits.data(), zero_bias.data(), Y, m,
                                       db2.data()) / static_cast<double>(m);
}
void backward_hidden(Activation a, const Shape& s, int64_t m, const double* W2, const double* X, const double* A1,
                     const double* dZ2, double* dZ1, double* dW1, double* db1, double* dW2) {
  shallownet::backward_hidden(a, s, m, W2, shallownet::Inputs::columns(X, m), A1, dZ2, dZ1, dW1, db1, dW2);
}
double forward_cost(Activation a, const Shape& s, int64_t m, const double* params, const double* X, const double* Y,
                    Workspace& ws) {
  return shallownet::forward_cost(arch(a, s), params, shallownet::Examples::columns(X, Y, m), ws);
}
bool backward_update(Activation a, const Shape& s, int64_t m, double* params, const double* X, double rate,
                     Workspace& ws) {
  return shallownet::backward_update(arch(a, s), params, shallownet::Inputs::columns(X, m), m, rate, ws);
}
double evaluate_cost(Activation a, const Shape& s, int64_t m, const double* params, const double* X, const double* Y,
                     Workspace& ws) {
  return shallownet::evaluate_cost(arch(a, s), params, shallownet::Examples::columns(X, Y, m), ws);
}
FitOutcome fit(Activation a, const Shape& s, int64_t m, double* params, const double* X, const double* Y,
               FitOptions options, Workspace& ws, FitObserver& observer) {
  if (options.batch_size == 0) options.batch_size = m;  // full batch, the lecture's
  shallownet::OptimizerState state;
  return shallownet::fit(arch(a, s), params, shallownet::Examples::columns(X, Y, m), nullptr, options, ws, state,
                         observer);
}

}  // namespace lecture

constexpr double kTol = 1e-12;     // one pass: forward, cost, backward, update
constexpr double kFitTol = 1e-9;   // many iterations of gradient descent
constexpr uint64_t kSeed = 20240917;
constexpr int kRandomShapes = 300;

constexpr Activation kActivations[] = {Activation::Tanh, Activation::Sigmoid, Activation::Relu,
                                       Activation::LeakyRelu};

const char* activation_name(Activation activation) {
  switch (activation) {
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leakyRelu";
  }
  return "?";
}

const char* status_name(FitStatus status) {
  switch (status) {
    case FitStatus::Completed: return "Completed";
    case FitStatus::Converged: return "Converged";
    case FitStatus::StoppedEarly: return "StoppedEarly";
    case FitStatus::Diverged: return "Diverged";
    case FitStatus::Stopped: return "Stopped";
  }
  return "?";
}

// ----------------------------------------------------------------------------
// Checks: every CHECK and check_tensor is one check, counted here.

int g_passed = 0;
int g_failed = 0;
std::string g_case;  // what is being tested, printed with every failure

struct Worst {
  double error = 0.0;  // largest normwise error seen
  int count = 0;       // tensors compared
};
std::map<std::string, Worst> g_worst;  // per tensor name, for the summary

bool record(bool ok) {
  (ok ? g_passed : g_failed)++;
  return ok;
}

bool check_true(bool ok, const char* what, int line) {
  if (!ok) printf("FAIL line %d: %s   [%s]\n", line, what, g_case.c_str());
  return record(ok);
}
#define CHECK(cond) check_true((cond), #cond, __LINE__)

// got vs want over n values: max|got - want| / max(1, max|want|) < tol.
// A NaN or an infinity in either makes the error infinite.
bool check_tensor(const char* name, const double* got, const double* want, int64_t n, double tol) {
  double max_diff = 0.0;
  double max_want = 0.0;
  int64_t worst_index = 0;
  for (int64_t i = 0; i < n; i++) {
    double diff = std::fabs(got[i] - want[i]);
    if (!std::isfinite(diff)) diff = std::numeric_limits<double>::infinity();
    if (diff > max_diff) {
      max_diff = diff;
      worst_index = i;
    }
    max_want = std::max(max_want, std::fabs(want[i]));
  }
  const double error = max_diff / std::max(1.0, max_want);
  const bool ok = error < tol;

  Worst& worst = g_worst[name];
  worst.error = std::max(worst.error, error);
  worst.count++;

  if (!ok) {
    printf("FAIL %s: error %.3e >= %.0e at [%lld] of %lld: got %.17g want %.17g   [%s]\n", name,
           error, tol, static_cast<long long>(worst_index), static_cast<long long>(n),
           got[worst_index], want[worst_index], g_case.c_str());
    for (int64_t i = 0; i < std::min<int64_t>(n, 5); i++) {
      printf("    [%lld] got %.17g want %.17g\n", static_cast<long long>(i), got[i], want[i]);
    }
  }
  return record(ok);
}

bool check_tensor(const char* name, const std::vector<double>& got, const std::vector<double>& want,
                  double tol) {
  if (got.size() != want.size()) {
    printf("FAIL %s: size %zu, want %zu   [%s]\n", name, got.size(), want.size(), g_case.c_str());
    return record(false);
  }
  return check_tensor(name, got.data(), want.data(), static_cast<int64_t>(got.size()), tol);
}

bool check_scalar(const char* name, double got, double want, double tol) {
  return check_tensor(name, &got, &want, 1, tol);
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  // memcmp must not see the null data() of an empty vector, even for 0 bytes.
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// ----------------------------------------------------------------------------
// Test data

struct Problem {
  reference::Dims dims;
  Activation activation;
  std::vector<double> X;  // (n0, m)
  std::vector<double> Y;  // (n2, m)  0 or 1
  reference::Params params;
};

Shape shape_of(const reference::Dims& d) { return Shape{d.n0, d.n1, d.n2}; }

std::vector<double> uniform(std::mt19937_64& rng, int64_t n, double lo, double hi) {
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> values(static_cast<size_t>(n));
  for (double& v : values) v = dist(rng);
  return values;
}

std::vector<double> labels(std::mt19937_64& rng, int64_t n) {
  std::bernoulli_distribution coin(0.5);
  std::vector<double> values(static_cast<size_t>(n));
  for (double& v : values) v = coin(rng) ? 1.0 : 0.0;
  return values;
}

// Weights of order 1 rather than the lecture's 0.01, so every activation is
// exercised away from its linear region and the gradients are not tiny.
Problem random_problem(std::mt19937_64& rng, const reference::Dims& d, Activation activation) {
  Problem problem;
  problem.dims = d;
  problem.activation = activation;
  problem.X = uniform(rng, d.n0 * d.m, -2.0, 2.0);
  problem.Y = labels(rng, d.n2 * d.m);
  problem.params.W1 = uniform(rng, d.n1 * d.n0, -1.0, 1.0);
  problem.params.b1 = uniform(rng, d.n1, -0.5, 0.5);
  problem.params.W2 = uniform(rng, d.n2 * d.n1, -1.0, 1.0);
  problem.params.b2 = uniform(rng, d.n2, -0.5, 0.5);
  return problem;
}

// The core's packed layout: one buffer [W1 | b1 | W2 | b2], each row-major.
std::vector<double> pack(const reference::Params& p) {
  std::vector<double> packed;
  packed.insert(packed.end(), p.W1.begin(), p.W1.end());
  packed.insert(packed.end(), p.b1.begin(), p.b1.end());
  packed.insert(packed.end(), p.W2.begin(), p.W2.end());
  packed.insert(packed.end(), p.b2.begin(), p.b2.end());
  return packed;
}

std::vector<double> pack(const reference::Gradients& g) {
  std::vector<double> packed;
  packed.insert(packed.end(), g.dW1.begin(), g.dW1.end());
  packed.insert(packed.end(), g.db1.begin(), g.db1.end());
  packed.insert(packed.end(), g.dW2.begin(), g.dW2.end());
  packed.insert(packed.end(), g.db2.begin(), g.db2.end());
  return packed;
}

// The reference's parameters after `iterations` gradient-descent iterations.
std::vector<double> reference_params_after(const Problem& problem, double learning_rate,
                                           int64_t iterations) {
  reference::Params p = problem.params;
  reference::gradient_descent(problem.activation, problem.dims, p, problem.X.data(),
                              problem.Y.data(), learning_rate, iterations, 1);
  return pack(p);
}

std::string describe(const reference::Dims& d, Activation activation) {
  char text[128];
  snprintf(text, sizeof text, "%s n0=%lld n1=%lld n2=%lld m=%lld", activation_name(activation),
           static_cast<long long>(d.n0), static_cast<long long>(d.n1),
           static_cast<long long>(d.n2), static_cast<long long>(d.m));
  return text;
}

// Records what fit reports; can stop it after k polls or k progress calls.
class TestObserver : public FitObserver {
 public:
  int64_t stop_after_polls = -1;     // stop_requested() is true from poll k + 1 on; -1: never
  int64_t fail_after_progress = -1;  // progress() is false from call k + 1 on; -1: never

  int64_t polls = 0;
  std::vector<int64_t> progress_iterations;
  std::vector<double> progress_costs;

  bool stop_requested() override {
    polls++;
    return stop_after_polls >= 0 && polls > stop_after_polls;
  }
  bool progress(const shallownet::ProgressReport& report) override {
    progress_iterations.push_back(report.iteration);
    progress_costs.push_back(report.cost);
    const int64_t calls = static_cast<int64_t>(progress_iterations.size());
    return !(fail_after_progress >= 0 && calls > fail_after_progress);
  }
};

// ----------------------------------------------------------------------------
// 1. Random shapes x every activation against the reference.

void test_one_pass(const Problem& problem) {
  const reference::Dims& d = problem.dims;
  const Shape shape = shape_of(d);
  const int64_t n0 = d.n0, n1 = d.n1, n2 = d.n2, m = d.m;
  const Activation activation = problem.activation;
  const double* X = problem.X.data();  // (n0, m)
  const double* Y = problem.Y.data();  // (n2, m)
  const reference::Params& p = problem.params;

  // The reference, straight from the lecture.
  const reference::Forward ref = reference::forward(activation, d, p, X);
  const double ref_cost = reference::cost(d, ref.Z2.data(), Y);
  const reference::Gradients ref_grads = reference::backward(activation, d, p, X, Y, ref);
  const double learning_rate = 0.7;
  reference::Params ref_updated = p;
  reference::step(ref_updated, ref_grads, learning_rate);
  const std::vector<double> ref_updated_packed = pack(ref_updated);

  // forward_hidden: Z1 = W1·X + b1 (n1, m), A1 = g1(Z1) (n1, m)
  std::vector<double> Z1(n1 * m), A1(n1 * m);
  lecture::forward_hidden(activation, shape, m, p.W1.data(), p.b1.data(), X, Z1.data(),
                             A1.data());
  check_tensor("forward_hidden Z1", Z1, ref.Z1, kTol);
  check_tensor("forward_hidden A1", A1, ref.A1, kTol);
  // ... and with Z1 = null (W1·X written into A1 and overwritten)
  std::vector<double> A1_only(n1 * m);
  lecture::forward_hidden(activation, shape, m, p.W1.data(), p.b1.data(), X, nullptr,
                             A1_only.data());
  check_tensor("forward_hidden A1 (Z1 null)", A1_only, ref.A1, kTol);

  // forward_output: Z2 = W2·A1 + b2 (n2, m), A2 = sigmoid(Z2) (n2, m)
  std::vector<double> Z2(n2 * m), A2(n2 * m);
  lecture::forward_output(shape, m, p.W2.data(), p.b2.data(), A1.data(), Z2.data(), A2.data());
  check_tensor("forward_output Z2", Z2, ref.Z2, kTol);
  check_tensor("forward_output A2", A2, ref.A2, kTol);
  std::vector<double> Z2_only(n2 * m);
  lecture::forward_output(shape, m, p.W2.data(), p.b2.data(), A1.data(), Z2_only.data(),
                             nullptr);
  check_tensor("forward_output Z2 (A2 null)", Z2_only, ref.Z2, kTol);

  // cost_from_logits: J (scalar)
  check_scalar("cost_from_logits", lecture::cost_from_logits(shape, m, Z2.data(), Y), ref_cost,
               kTol);

  // output_delta: dZ2 = A2 - Y (n2, m), db2 (n2, 1)
  std::vector<double> dZ2(n2 * m), db2(n2);
  shallownet::output_delta(shape, m, A2.data(), Y, dZ2.data(), db2.data());
  check_tensor("output_delta dZ2", dZ2, ref_grads.dZ2, kTol);
  check_tensor("output_delta db2", db2, ref_grads.db2, kTol);

  // backward_hidden: dW2 (n2, n1), dZ1 (n1, m), db1 (n1, 1), dW1 (n1, n0)
  std::vector<double> dZ1(n1 * m), dW1(n1 * n0), db1(n1), dW2(n2 * n1);
  lecture::backward_hidden(activation, shape, m, p.W2.data(), X, A1.data(), dZ2.data(),
                              dZ1.data(), dW1.data(), db1.data(), dW2.data());
  check_tensor("backward_hidden dW2", dW2, ref_grads.dW2, kTol);
  check_tensor("backward_hidden dZ1", dZ1, ref_grads.dZ1, kTol);
  check_tensor("backward_hidden db1", db1, ref_grads.db1, kTol);
  check_tensor("backward_hidden dW1", dW1, ref_grads.dW1, kTol);

  // update: packed params (parameter_count) := params - learning_rate * grads
  std::vector<double> params = pack(p);
  const std::vector<double> grads = pack(ref_grads);
  CHECK(static_cast<int64_t>(params.size()) == shape.parameter_count());
  CHECK(shallownet::update(params.data(), grads.data(), shape.parameter_count(), learning_rate));
  check_tensor("update params", params, ref_updated_packed, kTol);

  // One training iteration: forward_cost then backward_update, in a Workspace.
  Workspace ws;
  ws.ensure(shape, m);
  params = pack(p);
  const double J = lecture::forward_cost(activation, shape, m, params.data(), X, Y, ws);
  check_scalar("forward_cost J", J, ref_cost, kTol);
  check_tensor("forward_cost ws.A1", ws.A1.data(), ref.A1.data(), n1 * m, kTol);
  check_tensor("forward_cost ws.Z2 (dZ2)", ws.Z2.data(), ref_grads.dZ2.data(), n2 * m, kTol);
  check_tensor("forward_cost db2", ws.grads.data() + shape.b2_offset(), ref_grads.db2.data(), n2,
               kTol);
  CHECK(lecture::backward_update(activation, shape, m, params.data(), X, learning_rate, ws));
  check_tensor("backward_update grads", ws.grads.data(), grads.data(), shape.parameter_count(),
               kTol);
  check_tensor("backward_update params", params, ref_updated_packed, kTol);

  // evaluate_cost of the updated parameters (a forward pass only)
  const reference::Forward ref_after = reference::forward(activation, d, ref_updated, X);
  check_scalar("evaluate_cost", lecture::evaluate_cost(activation, shape, m, params.data(), X, Y, ws),
               reference::cost(d, ref_after.Z2.data(), Y), kTol);
}

// fit: 50 iterations, recording every 7, against the reference's loop.
// ws is shared across problems, so it is usually larger than this one needs.
void test_fit(const Problem& problem, Workspace& ws) {
  const reference::Dims& d = problem.dims;
  const Shape shape = shape_of(d);
  FitOptions options;
  options.iterations = 50;
  options.learning_rate = 0.5;
  options.progress_every = 7;
  const int64_t records = (options.iterations + options.progress_every - 1) / options.progress_every;

  reference::Params ref_params = problem.params;
  const reference::Trace trace = reference::gradient_descent(
      problem.activation, d, ref_params, problem.X.data(), problem.Y.data(), options.learning_rate,
      options.iterations, options.progress_every);

  std::vector<double> params = pack(problem.params);
  ws.ensure(shape, d.m);
  TestObserver observer;
  const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(),
                                             problem.X.data(), problem.Y.data(), options, ws,
                                             observer);
  CHECK(outcome.status == FitStatus::Completed);
  CHECK(outcome.iterations == options.iterations);
  CHECK(static_cast<int64_t>(outcome.costs.size()) == records);  // iterations 0, 7, ..., 49
  check_tensor("fit costs", outcome.costs, trace.costs, kFitTol);
  check_scalar("fit final_cost", outcome.final_cost, trace.final_cost, kFitTol);
  check_tensor("fit params", params, pack(ref_params), kFitTol);

  // progress(iteration, cost) at every record, then once at the end.
  std::vector<int64_t> want_iterations;
  for (int64_t k = 0; k < records; k++) want_iterations.push_back(k * options.progress_every);
  want_iterations.push_back(options.iterations);
  std::vector<double> want_costs = trace.costs;
  want_costs.push_back(trace.final_cost);
  CHECK(observer.progress_iterations == want_iterations);
  check_tensor("fit progress costs", observer.progress_costs, want_costs, kFitTol);
  CHECK(observer.polls == options.iterations);
}

std::vector<reference::Dims> test_shapes(std::mt19937_64& rng) {
  // Edge shapes first: n0 = 1, m = 1, n2 > 1, single units, the largest, and
  // output layers on both sides of kMaxFusedOutputs = 16 (fused per-row
  // backward pass up to 16 outputs, two BLAS products above).
  std::vector<reference::Dims> shapes = {
      {1, 1, 1, 1},   {1, 1, 3, 1},     {1, 7, 4, 1},    {5, 3, 2, 1},   {12, 12, 12, 1},
      {1, 1, 1, 300}, {1, 12, 12, 300}, {12, 1, 12, 300}, {12, 12, 1, 300}, {12, 12, 12, 300},
      {1, 4, 2, 57},  {2, 4, 1, 200},   {3, 5, 16, 41},  {3, 5, 17, 41},  {9, 30, 20, 300},
      {4, 2, 40, 1},
  };
  std::uniform_int_distribution<int64_t> size(1, 12), examples(1, 300);
  std::bernoulli_distribution one_example(0.1), one_input(0.15);
  while (static_cast<int>(shapes.size()) < kRandomShapes) {
    reference::Dims d;
    d.n0 = one_input(rng) ? 1 : size(rng);
    d.n1 = size(rng);
    d.n2 = size(rng);
    d.m = one_example(rng) ? 1 : examples(rng);
    shapes.push_back(d);
  }
  return shapes;
}

void test_random_shapes(std::mt19937_64& rng) {
  const std::vector<reference::Dims> shapes = test_shapes(rng);
  printf("[1] %zu shapes x 4 activations against the reference\n", shapes.size());
  Workspace shared_ws;
  for (const reference::Dims& d : shapes) {
    for (Activation activation : kActivations) {
      const Problem problem = random_problem(rng, d, activation);
      g_case = describe(d, activation);
      test_one_pass(problem);
      test_fit(problem, shared_ws);
    }
  }
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 2. update and backward_update refuse a non-finite result and change nothing.

void test_update_refuses(std::mt19937_64& rng) {
  printf("[2] update refuses non-finite results\n");
  const int64_t count = 23;
  const std::vector<double> params_before = uniform(rng, count, -1.0, 1.0);
  const std::vector<double> finite_grads = uniform(rng, count, -1.0, 1.0);

  struct Case {
    const char* what;
    int64_t index;  // which gradient is spoiled
    double grad;
    double learning_rate;
  };
  const Case cases[] = {
      {"NaN gradient in the middle", 11, std::nan(""), 0.1},
      {"+inf gradient first", 0, std::numeric_limits<double>::infinity(), 0.1},
      {"overflow at the last value", count - 1, -1e308, 1e10},  // p - (-1e318) = +inf
      {"overflow from the learning rate", 5, 1e300, 1e300},
  };
  for (const Case& c : cases) {
    g_case = std::string("update: ") + c.what;
    std::vector<double> grads = finite_grads;
    grads[c.index] = c.grad;
    std::vector<double> params = params_before;
    CHECK(!shallownet::update(params.data(), grads.data(), count, c.learning_rate));
    CHECK(bit_identical(params, params_before));
  }

  // A finite update is applied in full.
  g_case = "update: finite";
  std::vector<double> params = params_before, want(count);
  for (int64_t k = 0; k < count; k++) want[k] = params_before[k] - 0.25 * finite_grads[k];
  CHECK(shallownet::update(params.data(), finite_grads.data(), count, 0.25));
  check_tensor("update finite", params, want, kTol);

  // The optimizers' apply_update over many chunks, a chunk per thread of a
  // 2-thread lease: a non-finite value in the last chunk keeps every
  // parameter and every optimizer state as it was; a finite update matches
  // the same update computed on one thread, bit for bit.
  {
    const int64_t many = (int64_t{1} << 16) + 77;  // five chunks, the last partial
    const std::vector<double> before = uniform(rng, many, -1.0, 1.0);
    const std::vector<double> good = uniform(rng, many, -1.0, 1.0);
    std::vector<double> spoiled = good;
    spoiled[many - 3] = std::numeric_limits<double>::infinity();
    // A budget of 2, so the lease below really gets 2 threads whatever this machine has.
    const int original = shallownet::compute_budget().capacity();
    shallownet::compute_budget().set_capacity(2);
    for (const auto kind : {shallownet::OptimizerKind::GradientDescent, shallownet::OptimizerKind::Momentum,
                            shallownet::OptimizerKind::Adam}) {
      g_case = "apply_update: optimizer " + std::to_string(static_cast<int>(kind)) + ", 2 threads";
      shallownet::OptimizerSettings settings;
      settings.kind = kind;
      shallownet::OptimizerState state, alone;
      state.reset(settings, many);
      alone.reset(settings, many);
      std::vector<double> params = before, single = before;
      {
        shallownet::Lease lease(2);
        CHECK(lease.threads() == 2);
        CHECK(shallownet::apply_update(settings, state, params.data(), good.data(), many, 0.01));
        const std::vector<double> v = state.v, sq = state.s;
        const std::vector<double> kept = params;
        CHECK(!shallownet::apply_update(settings, state, params.data(), spoiled.data(), many, 0.01));
        CHECK(bit_identical(params, kept));
        CHECK(bit_identical(state.v, v) && bit_identical(state.s, sq));
      }
      // The same update on one thread (no lease): the same bits, parameters and state.
      CHECK(shallownet::apply_update(settings, alone, single.data(), good.data(), many, 0.01));
      CHECK(bit_identical(params, single));
      CHECK(bit_identical(state.v, alone.v) && bit_identical(state.s, alone.s));
    }
    shallownet::compute_budget().set_capacity(original);
  }

  // backward_update with an infinite learning rate: refused, parameters untouched.
  const reference::Dims d{3, 5, 2, 17};
  const Problem problem = random_problem(rng, d, Activation::Tanh);
  const Shape shape = shape_of(d);
  g_case = "backward_update: infinite learning rate, " + describe(d, problem.activation);
  Workspace ws;
  ws.ensure(shape, d.m);
  const std::vector<double> packed_before = pack(problem.params);
  std::vector<double> packed = packed_before;
  lecture::forward_cost(problem.activation, shape, d.m, packed.data(), problem.X.data(),
                           problem.Y.data(), ws);
  CHECK(!lecture::backward_update(problem.activation, shape, d.m, packed.data(),
                                     problem.X.data(), std::numeric_limits<double>::infinity(),
                                     ws));
  CHECK(bit_identical(packed, packed_before));
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 3. A huge learning rate diverges; the parameters left are the last finite ones.
//
// ReLU hidden units are unbounded, so W1 and W2 feed each other's gradients and
// grow by a factor of about the learning rate per iteration; labels drawn at
// random (not separable) keep dZ2 = A2 - Y from vanishing. (fit calls it
// diverged as soon as the cost is not finite or passes 745 per output unit,
// or an update would not be finite; any of these may come first.)

void test_diverges(std::mt19937_64& rng) {
  printf("[3] fit with learning rate 1e6 diverges\n");
  for (Activation activation : {Activation::Relu, Activation::LeakyRelu}) {
    const reference::Dims d{2, 8, 1, 40};
    const Problem problem = random_problem(rng, d, activation);
    const Shape shape = shape_of(d);
    g_case = "diverge: " + describe(d, activation);

    FitOptions options;
    options.iterations = 1000;
    options.learning_rate = 1e6;
    options.progress_every = 1;
    std::vector<double> params = pack(problem.params);
    Workspace ws;
    ws.ensure(shape, d.m);
    TestObserver observer;
    const FitOutcome outcome = lecture::fit(activation, shape, d.m, params.data(),
                                               problem.X.data(), problem.Y.data(), options, ws,
                                               observer);
    printf("    %-9s %s after %lld iterations, final_cost %g\n", activation_name(activation),
           status_name(outcome.status), static_cast<long long>(outcome.iterations),
           outcome.final_cost);
    CHECK(outcome.status == FitStatus::Diverged);
    CHECK(outcome.iterations < options.iterations);
    CHECK(outcome.epochs == outcome.iterations);  // full batch: an update is an epoch, however the fit ends
    CHECK(all_finite(params));
    // The updates fit did apply are the reference's first `iterations` ones.
    check_tensor("diverged params", params,
                 reference_params_after(problem, options.learning_rate, outcome.iterations),
                 kFitTol);
  }

  // The other way to diverge: the cost is finite but the update is not. With an
  // infinite learning rate the very first update is refused, so fit returns the
  // initial parameters untouched and their (finite) cost.
  const reference::Dims d{3, 5, 2, 30};
  const Problem problem = random_problem(rng, d, Activation::Tanh);
  const Shape shape = shape_of(d);
  g_case = "diverge (infinite learning rate): " + describe(d, problem.activation);
  FitOptions options;
  options.iterations = 10;
  options.learning_rate = std::numeric_limits<double>::infinity();
  const std::vector<double> params_before = pack(problem.params);
  std::vector<double> params = params_before;
  Workspace ws;
  ws.ensure(shape, d.m);
  TestObserver observer;
  const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(),
                                             problem.X.data(), problem.Y.data(), options, ws,
                                             observer);
  CHECK(outcome.status == FitStatus::Diverged);
  CHECK(outcome.iterations == 0);
  CHECK(outcome.epochs == 0);
  CHECK(bit_identical(params, params_before));
  const reference::Forward ref = reference::forward(problem.activation, d, problem.params,
                                                    problem.X.data());
  check_scalar("diverged final_cost", outcome.final_cost,
               reference::cost(d, ref.Z2.data(), problem.Y.data()), kTol);
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 4. The observer stops fit: after k polls of stop_requested(), or when progress()
// returns false.

void test_stopped(std::mt19937_64& rng) {
  printf("[4] fit stops when the observer asks\n");
  const reference::Dims d{3, 6, 2, 50};
  const Problem problem = random_problem(rng, d, Activation::Tanh);
  const Shape shape = shape_of(d);
  FitOptions options;
  options.iterations = 40;
  options.learning_rate = 0.5;
  options.progress_every = 4;

  for (int64_t k : {0, 1, 5, 13, 39}) {
    g_case = "stop_requested after " + std::to_string(k) + " polls, " + describe(d, problem.activation);
    std::vector<double> params = pack(problem.params);
    Workspace ws;
    ws.ensure(shape, d.m);
    TestObserver observer;
    observer.stop_after_polls = k;
    const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(),
                                               problem.X.data(), problem.Y.data(), options, ws,
                                               observer);
    CHECK(outcome.status == FitStatus::Stopped);
    CHECK(outcome.iterations == k);
    CHECK(outcome.epochs == k);
    CHECK(std::isnan(outcome.final_cost));
    CHECK(static_cast<int64_t>(outcome.costs.size()) ==
          (k + options.progress_every - 1) / options.progress_every);
    if (k == 0) CHECK(bit_identical(params, pack(problem.params)));
    check_tensor("stopped params", params,
                 reference_params_after(problem, options.learning_rate, k), kFitTol);
  }

  // progress() returning false on its 3rd call (iteration 8) stops before update 8.
  g_case = "progress false on call 3, " + describe(d, problem.activation);
  std::vector<double> params = pack(problem.params);
  Workspace ws;
  ws.ensure(shape, d.m);
  TestObserver observer;
  observer.fail_after_progress = 2;
  const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(),
                                             problem.X.data(), problem.Y.data(), options, ws,
                                             observer);
  CHECK(outcome.status == FitStatus::Stopped);
  CHECK(outcome.iterations == 2 * options.progress_every);
  CHECK(outcome.epochs == outcome.iterations);
  CHECK(outcome.costs.size() == 3);
  check_tensor("stopped-by-progress params", params,
               reference_params_after(problem, options.learning_rate, 2 * options.progress_every),
               kFitTol);
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 5. tolerance > 0: fit stops at the first record whose cost moved less than
// tolerance since the previous record.

void test_converged(std::mt19937_64& rng) {
  printf("[5] fit converges when tolerance > 0\n");
  const reference::Dims d{2, 4, 1, 60};
  Problem problem = random_problem(rng, d, Activation::Tanh);
  // Separable labels, y = [x0 + 0.5 x1 > 0], so the cost keeps falling ever
  // more slowly and every tolerance below is reached.
  for (int64_t j = 0; j < d.m; j++) {
    problem.Y[j] = problem.X[0 * d.m + j] + 0.5 * problem.X[1 * d.m + j] > 0.0 ? 1.0 : 0.0;
  }
  const Shape shape = shape_of(d);
  const double learning_rate = 0.5;
  const int64_t progress_every = 10;
  const int64_t max_iterations = 3000;

  // The reference's record of costs, to find where fit should stop.
  reference::Params ref_params = problem.params;
  const reference::Trace trace =
      reference::gradient_descent(problem.activation, d, ref_params, problem.X.data(),
                                  problem.Y.data(), learning_rate, max_iterations, progress_every);

  for (double tolerance : {1e-3, 1e-4, 1e9}) {
    char tolerance_text[32];
    snprintf(tolerance_text, sizeof tolerance_text, "%g", tolerance);
    g_case = std::string("tolerance ") + tolerance_text + ", " + describe(d, problem.activation);
    int64_t record = -1;  // first k >= 1 with |costs[k] - costs[k-1]| < tolerance
    for (size_t k = 1; k < trace.costs.size() && record < 0; k++) {
      const double moved = std::fabs(trace.costs[k] - trace.costs[k - 1]);
      if (moved < tolerance) record = static_cast<int64_t>(k);
      // The test data must not sit on the knife edge of the comparison.
      CHECK(std::fabs(moved - tolerance) > 1e-6 * tolerance);
    }
    CHECK(record >= 1);  // the test needs a run that converges within max_iterations
    if (record < 1) continue;
    const int64_t stop_iteration = record * progress_every;

    FitOptions options;
    options.iterations = max_iterations;
    options.learning_rate = learning_rate;
    options.progress_every = progress_every;
    options.tolerance = tolerance;
    std::vector<double> params = pack(problem.params);
    Workspace ws;
    ws.ensure(shape, d.m);
    TestObserver observer;
    const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(),
                                               problem.X.data(), problem.Y.data(), options, ws,
                                               observer);
    printf("    tolerance %-6g %s after %lld iterations, final_cost %.6f\n", tolerance,
           status_name(outcome.status), static_cast<long long>(outcome.iterations),
           outcome.final_cost);
    CHECK(outcome.status == FitStatus::Converged);
    CHECK(outcome.iterations == stop_iteration);
    CHECK(static_cast<int64_t>(outcome.costs.size()) == record + 1);
    if (static_cast<int64_t>(outcome.costs.size()) == record + 1) {
      check_tensor("converged costs", outcome.costs.data(), trace.costs.data(), record + 1,
                   kFitTol);
    }
    check_scalar("converged final_cost", outcome.final_cost, trace.costs[record], kFitTol);
    check_tensor("converged params", params,
                 reference_params_after(problem, learning_rate, stop_iteration), kFitTol);
    CHECK(!observer.progress_iterations.empty() &&
          observer.progress_iterations.back() == stop_iteration);
  }
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 6. Huge logits: the cost is computed from the logits and stays finite where
// A2 rounds to exactly 0 or 1 (the naive reference::cost overflows there, so
// the expected values are worked out by hand).
//   L(z, y) = log(1 + e^-z) if y = 1, log(1 + e^z) if y = 0
//   z = +800, y = 1: 0     z = +800, y = 0: 800     (e^-800 underflows to 0)
//   z = -800, y = 0: 0     z = -800, y = 1: 800

void test_huge_logits() {
  printf("[6] the cost stays finite for huge logits\n");
  {
    g_case = "cost_from_logits, |z| = 800";
    const Shape shape{1, 1, 2};  // n2 = 2 outputs, m = 3 examples
    const std::vector<double> Z2 = {800.0, -800.0, 800.0,    // (2, 3)
                                    -800.0, 800.0, -800.0};
    const std::vector<double> Y = {1.0, 0.0, 0.0,  // losses 0, 0, 800
                                   1.0, 1.0, 0.0};  // losses 800, 0, 0
    const double J = lecture::cost_from_logits(shape, 3, Z2.data(), Y.data());
    CHECK(std::isfinite(J));
    check_scalar("cost |z|=800", J, 1600.0 / 3.0, kTol);

    g_case = "cost_from_logits, |z| = 1e300";
    const std::vector<double> Z2_extreme = {1e300, -1e300};  // (1, 2), losses 0 and 1e300
    const std::vector<double> Y_extreme = {1.0, 1.0};
    const double J_extreme =
        lecture::cost_from_logits(Shape{1, 1, 1}, 2, Z2_extreme.data(), Y_extreme.data());
    CHECK(std::isfinite(J_extreme));
    check_scalar("cost |z|=1e300", J_extreme, 0.5e300, kTol);
  }

  // Through the network: relu, X = [1 2], W1 = [1], b1 = 0  =>  A1 = [1 2];
  // W2 = [800; -800], b2 = 0  =>  Z2 = [800 1600; -800 -1600].
  const reference::Dims d{1, 1, 2, 2};
  const Shape shape = shape_of(d);
  const std::vector<double> X = {1.0, 2.0};  // (1, 2)
  const std::vector<double> Y = {0.0, 1.0,   // losses 800, 0
                                 1.0, 0.0};  // losses 800, 0
  const reference::Params p{{1.0}, {0.0}, {800.0, -800.0}, {0.0, 0.0}};
  std::vector<double> params = pack(p);
  Workspace ws;
  ws.ensure(shape, d.m);

  g_case = "forward_output / forward_cost / evaluate_cost / fit, Z2 = +-800, +-1600";
  std::vector<double> A1(2), Z2(4), A2(4);
  lecture::forward_hidden(Activation::Relu, shape, d.m, p.W1.data(), p.b1.data(), X.data(),
                             nullptr, A1.data());
  lecture::forward_output(shape, d.m, p.W2.data(), p.b2.data(), A1.data(), Z2.data(), A2.data());
  check_tensor("huge Z2", Z2, {800.0, 1600.0, -800.0, -1600.0}, kTol);
  check_tensor("huge A2", A2, {1.0, 1.0, 0.0, 0.0}, kTol);

  const double J = lecture::forward_cost(Activation::Relu, shape, d.m, params.data(), X.data(),
                                            Y.data(), ws);
  CHECK(std::isfinite(J));
  check_scalar("huge forward_cost", J, 800.0, kTol);
  // dZ2 = A2 - Y = [1 0; -1 0], db2 = [0.5; -0.5]
  check_tensor("huge dZ2", ws.Z2.data(), std::vector<double>{1.0, 0.0, -1.0, 0.0}.data(), 4, kTol);
  check_tensor("huge db2", ws.grads.data() + shape.b2_offset(),
               std::vector<double>{0.5, -0.5}.data(), 2, kTol);
  check_scalar("huge evaluate_cost",
               lecture::evaluate_cost(Activation::Relu, shape, d.m, params.data(), X.data(),
                                         Y.data(), ws),
               800.0, kTol);

  FitOptions options;
  options.iterations = 3;
  options.learning_rate = 1e-3;
  TestObserver observer;
  const FitOutcome outcome = lecture::fit(Activation::Relu, shape, d.m, params.data(), X.data(),
                                             Y.data(), options, ws, observer);
  CHECK(outcome.status == FitStatus::Completed);
  CHECK(all_finite(outcome.costs));
  CHECK(std::isfinite(outcome.final_cost));
  CHECK(all_finite(params));
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 7. Hidden units exactly at the kink z = 0, where the lecture's table gives
// g'(0) = 0 for relu and 0.01 for leakyRelu (random data never lands there).

void test_kinks(std::mt19937_64& rng) {
  printf("[7] hidden units at exactly z = 0\n");
  const reference::Dims d{3, 4, 2, 25};
  for (Activation activation : kActivations) {
    Problem problem = random_problem(rng, d, activation);
    // Hidden units 0 and 2 get zero weights and bias: their rows of Z1 are exactly 0.
    for (int64_t unit : {0, 2}) {
      for (int64_t k = 0; k < d.n0; k++) problem.params.W1[unit * d.n0 + k] = 0.0;
      problem.params.b1[unit] = 0.0;
    }
    g_case = "rows of Z1 at 0, " + describe(d, activation);
    test_one_pass(problem);
  }
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 8. The same bits whatever share of the budget a fit runs with: a budget of
// 4 threads, and fits holding 1 to 4 of them (products shared out as tiles,
// element-wise passes as rows), as the caller's lease or a training thread's.
// Across budgets of 1 to 4 threads the products may be cut differently, so
// there the results agree closely, not necessarily to the bit.

void test_thread_counts(std::mt19937_64& rng) {
  printf("[8] the same bits on 1 to 4 threads of a budget of 4\n");
  // Big enough for tiled products and row-parallel passes.
  const reference::Dims d{64, 200, 3, 8000};
  Problem problem = random_problem(rng, d, Activation::Tanh);
  const Shape shape = shape_of(d);
  FitOptions options;
  options.iterations = 4;
  options.learning_rate = 0.3;
  const auto train = [&](bool wait) {
    std::vector<double> params = pack(problem.params);
    Workspace ws;
    ws.ensure(shape, d.m);
    FitObserver observer;
    options.wait_for_threads = wait;
    const FitOutcome outcome = lecture::fit(problem.activation, shape, d.m, params.data(), problem.X.data(),
                                               problem.Y.data(), options, ws, observer);
    CHECK(outcome.status == FitStatus::Completed);
    params.push_back(outcome.final_cost);
    return params;
  };
  const int original = shallownet::compute_budget().capacity();
  shallownet::compute_budget().set_capacity(4);
  std::vector<double> first;
  for (int held = 1; held <= 4; held++) {
    // Take all but `held` slots away, so the fit gets exactly `held` threads.
    const int taken = shallownet::compute_budget().try_acquire(4 - held);
    for (bool wait : {false, true}) {
      g_case = std::to_string(held) + " of 4 threads, " + (wait ? "a training thread's lease" : "the caller's lease");
      const std::vector<double> params = train(wait);
      if (first.empty()) first = params;
      CHECK(bit_identical(params, first));
    }
    shallownet::compute_budget().release(taken);
  }
  for (int budget = 1; budget <= 3; budget++) {
    shallownet::compute_budget().set_capacity(budget);
    g_case = "a budget of " + std::to_string(budget);
    check_tensor("parameters on another budget", train(true), first, kTol);
  }
  shallownet::compute_budget().set_capacity(original);
  g_case.clear();
}

// ----------------------------------------------------------------------------
// 9. The products through BLAS (tiled, and every transpose) against a naive
// product, under every OpenBLAS kernel set this CPU can run — the sets
// OPENBLAS_CORETYPE or SHALLOWNET_BLAS_CORETYPE can select.

void naive_gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, double alpha, const double* A, int64_t lda,
                const double* B, int64_t ldb, double* C, int64_t ldc) {
  for (int64_t i = 0; i < M; i++) {
    for (int64_t j = 0; j < N; j++) {
      double sum = 0.0;
      for (int64_t k = 0; k < K; k++) sum += (ta ? A[k * lda + i] : A[i * lda + k]) * (tb ? B[j * ldb + k] : B[k * ldb + j]);
      C[i * ldc + j] = alpha * sum;
    }
  }
}

void test_blas_cores(std::mt19937_64& rng) {
  const std::string original = shallownet::blas_core();
  const std::vector<std::string> cores = shallownet::blas_cores_supported();
  printf("[9] products under every OpenBLAS kernel set this CPU runs (%zu; loaded with %s)\n", cores.size(),
         original.c_str());
  // Shapes past the small-product path: one tile, tiles by columns (N >= M), tiles by rows (N < M).
  struct Case {
    int64_t M, N, K;
    bool ta, tb;
    std::vector<double> A, B, want;
  };
  std::vector<Case> cases;
  for (const auto& [M, N, K] : {std::tuple<int64_t, int64_t, int64_t>{40, 50, 60}, {64, 1500, 400}, {700, 96, 500},
                                {256, 500, 1200}}) {
    for (bool ta : {false, true}) {
      for (bool tb : {false, true}) {
        Case c{M, N, K, ta, tb, uniform(rng, M * K, -1.0, 1.0), uniform(rng, K * N, -1.0, 1.0), std::vector<double>(M * N)};
        naive_gemm(ta, tb, M, N, K, 0.5, c.A.data(), ta ? M : K, c.B.data(), tb ? K : N, c.want.data(), N);
        cases.push_back(std::move(c));
      }
    }
  }
  const int capacity = shallownet::compute_budget().capacity();
  for (const std::string& core : cores) {
    CHECK(shallownet::set_blas_core(core));
    g_case = "kernel set " + core + " (OpenBLAS reports " + shallownet::blas_core() + ")";
    printf("    %s\n", g_case.c_str());
    for (const Case& c : cases) {
      const int64_t lda = c.ta ? c.M : c.K, ldb = c.tb ? c.K : c.N;
      std::vector<double> got(c.M * c.N);
      shallownet::gemm(c.ta, c.tb, c.M, c.N, c.K, 0.5, c.A.data(), lda, c.B.data(), ldb, 0.0, got.data(), c.N);
      check_tensor("gemm against the naive product", got, c.want, kTol);
      // With a budget of 4, cut into as many tiles, and shared out among 1 to 4 threads: the same bits.
      shallownet::compute_budget().set_capacity(4);
      std::vector<double> first;
      for (int threads = 1; threads <= 4; threads++) {
        std::vector<double> shared(c.M * c.N);
        {
          shallownet::Lease lease(threads, shallownet::Lease::Mode::Wait, [] { return false; });
          shallownet::gemm(c.ta, c.tb, c.M, c.N, c.K, 0.5, c.A.data(), lda, c.B.data(), ldb, 0.0, shared.data(), c.N);
        }
        if (first.empty()) first = shared;
        if (!CHECK(bit_identical(shared, first))) {
          printf("    %lld x %lld x %lld (%s%s) on %d of 4 threads differs from 1\n", (long long)c.M, (long long)c.N,
                 (long long)c.K, c.ta ? "T" : "N", c.tb ? "T" : "N", threads);
        }
        check_tensor("gemm on a budget of 4 against the naive product", shared, c.want, kTol);
      }
      shallownet::compute_budget().set_capacity(capacity);
    }
    // And a whole fit whose products go through BLAS.
    const reference::Dims d{30, 40, 3, 600};
    const Problem problem = random_problem(rng, d, Activation::Tanh);
    Workspace ws;
    test_fit(problem, ws);
  }
  if (!cores.empty()) CHECK(shallownet::set_blas_core(original) || original.empty());
  g_case.clear();
}

void print_summary() {
  printf("largest normwise error per tensor:\n");
  for (const auto& [name, worst] : g_worst) {
    printf("    %-30s %.2e over %d\n", name.c_str(), worst.error, worst.count);
  }
}

}  // namespace

int main() {
  std::mt19937_64 rng(kSeed);
  test_random_shapes(rng);
  test_update_refuses(rng);
  test_diverges(rng);
  test_stopped(rng);
  test_converged(rng);
  test_huge_logits();
  test_kinks(rng);
  test_thread_counts(rng);
  test_blas_cores(rng);
  print_summary();
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
