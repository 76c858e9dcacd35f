// The training loop allocates nothing per iteration: counts every C++
// allocation during fit() of 10 and of 100 updates and expects the same number
// (the per-call ones: the cost record, the batches, the optimizer's state). Not built under sanitizers,
// which replace operator new themselves.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

#include "../core/fit.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main() {
  using namespace shallownet;
  int passed = 0;
  int failed = 0;
  struct Case {
    const char* what;
    Shape shape;
    int64_t m;
    OutputHead head;
    int64_t batch;  // 0: full batch
    OptimizerKind optimizer;
    bool validation;
    int64_t progress_every;  // a record every this many full-batch updates
  };
  // The flower shape (small products, no BLAS), a wide hidden layer (the
  // element-wise pool), a few outputs (fused backward) and many (BLAS
  // backward); then the trainer's pieces: shuffled mini-batches, Adam and
  // momentum, softmax and linear outputs, L2 and validation with early
  // stopping, and a full-batch fit validating a record at every update.
  const Case cases[] = {
      {"flower", {2, 4, 1}, 400, OutputHead::Sigmoid, 0, OptimizerKind::GradientDescent, false, 1000},
      {"wide", {64, 128, 1}, 8192, OutputHead::Sigmoid, 0, OptimizerKind::GradientDescent, false, 1000},
      {"fused outputs", {30, 40, 12}, 500, OutputHead::Sigmoid, 0, OptimizerKind::GradientDescent, false, 1000},
      {"BLAS outputs", {10, 20, 20}, 500, OutputHead::Sigmoid, 0, OptimizerKind::GradientDescent, false, 1000},
      {"softmax, Adam, batches of 32", {20, 30, 5}, 1000, OutputHead::Softmax, 32, OptimizerKind::Adam, true, 1000},
      {"linear, momentum, batches of 64", {8, 16, 2}, 700, OutputHead::Linear, 64, OptimizerKind::Momentum, true, 1000},
      // A record, validated, at every update: an allocation per record would show.
      {"linear, full batch, validated record every update", {8, 16, 2}, 300, OutputHead::Linear, 0,
       OptimizerKind::GradientDescent, true, 1},
  };
  for (const Case& c : cases) {
    const Shape& shape = c.shape;
    const int64_t m = c.m;
    std::mt19937_64 generator(1);
    std::normal_distribution<double> normal;
    std::vector<double> params(static_cast<size_t>(shape.parameter_count()));
    std::vector<double> X(static_cast<size_t>(shape.n0 * m));
    std::vector<double> Y(static_cast<size_t>(shape.n2 * m));
    for (auto& value : params) value = normal(generator) * 0.1;
    for (auto& value : X) value = normal(generator);
    for (auto& value : Y) value = normal(generator) > 0.0 ? 1.0 : 0.0;
    if (c.head == OutputHead::Softmax) {  // one-hot columns
      for (int64_t j = 0; j < m; ++j) {
        for (int64_t i = 0; i < shape.n2; ++i) Y[static_cast<size_t>(i * m + j)] = (j % shape.n2) == i ? 1.0 : 0.0;
      }
    }
    const Architecture net{shape, Activation::Tanh, c.head};
    const Examples train = Examples::columns(X.data(), Y.data(), m);
    Workspace ws;
    OptimizerState state;
    FitObserver observer;
    long counts[2] = {0, 0};
    const int64_t iterations[2] = {10, 100};
    for (int k = 0; k < 2; ++k) {
      FitOptions options;
      options.iterations = iterations[k];
      options.batch_size = c.batch == 0 ? m : c.batch;
      options.shuffle = c.batch != 0;
      options.seed = 7;
      options.learning_rate = 0.01;
      options.optimizer.kind = c.optimizer;
      options.l2 = 0.01;
      options.progress_every = c.progress_every;
      options.patience = c.validation ? 1000 : 0;
      fit(net, params.data(), train, c.validation ? &train : nullptr, options, ws, state, observer);  // warm-up
      const long before = allocations.load();
      fit(net, params.data(), train, c.validation ? &train : nullptr, options, ws, state, observer);
      counts[k] = allocations.load() - before;
    }
    const bool ok = counts[0] == counts[1];
    (ok ? passed : failed)++;
    std::printf("%s %s, n0=%ld n1=%ld n2=%ld m=%ld: %ld allocations in fit() of 10 updates, %ld in 100\n",
                ok ? "ok  " : "FAIL", c.what, static_cast<long>(shape.n0), static_cast<long>(shape.n1),
                static_cast<long>(shape.n2), static_cast<long>(m), counts[0], counts[1]);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
