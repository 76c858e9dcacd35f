// The training loop allocates nothing per iteration: counts every C++
// allocation during fit() of 10 and of 100 iterations and expects the same
// number (the per-call ones: the cost record). Not built under sanitizers,
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
  // The flower shape (small products, no BLAS), a wide hidden layer (the
  // element-wise pool), a few outputs (fused backward) and many (BLAS backward).
  const struct { Shape shape; int64_t m; } cases[] = {
      {{2, 4, 1}, 400}, {{64, 128, 1}, 8192}, {{30, 40, 12}, 500}, {{10, 20, 20}, 500}};
  for (const auto& [shape, m] : cases) {
    std::mt19937_64 generator(1);
    std::normal_distribution<double> normal;
    std::vector<double> params(static_cast<size_t>(shape.parameter_count()));
    std::vector<double> X(static_cast<size_t>(shape.n0 * m));
    std::vector<double> Y(static_cast<size_t>(shape.n2 * m));
    for (auto& value : params) value = normal(generator) * 0.1;
    for (auto& value : X) value = normal(generator);
    for (auto& value : Y) value = normal(generator) > 0.0 ? 1.0 : 0.0;
    Workspace ws;
    ws.ensure(shape, m);
    FitObserver observer;
    long counts[2] = {0, 0};
    const int64_t iterations[2] = {10, 100};
    for (int k = 0; k < 2; ++k) {
      FitOptions options;
      options.iterations = iterations[k];
      options.learning_rate = 0.1;
      options.progress_every = 1000;
      fit(Activation::Tanh, shape, m, params.data(), X.data(), Y.data(), options, ws, observer);  // warm-up
      const long before = allocations.load();
      fit(Activation::Tanh, shape, m, params.data(), X.data(), Y.data(), options, ws, observer);
      counts[k] = allocations.load() - before;
    }
    const bool ok = counts[0] == counts[1];
    (ok ? passed : failed)++;
    std::printf("%s n0=%ld n1=%ld n2=%ld m=%ld: %ld allocations in fit() of 10 iterations, %ld in 100\n",
                ok ? "ok  " : "FAIL", static_cast<long>(shape.n0), static_cast<long>(shape.n1),
                static_cast<long>(shape.n2), static_cast<long>(m), counts[0], counts[1]);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
