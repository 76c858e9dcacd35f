// A small pool for the element-wise passes, which are memory- and
// transcendental-bound and so worth spreading over the cores that BLAS also
// uses (BLAS is idle while they run).
//
// Work is split into independent rows, and each row is always processed
// whole by one thread: results never depend on how many threads ran.
#pragma once

#include <cstdint>

namespace shallownet {

// A non-owning reference to a callable taking a row index. Unlike
// std::function it never allocates, so passing a lambda per pass keeps the
// training loop free of allocations.
class RowBody {
 public:
  template <typename F>
  RowBody(const F& body)  // NOLINT: implicit, so call sites pass lambdas directly
      : object_(&body), call_([](const void* object, int64_t row) { (*static_cast<const F*>(object))(row); }) {}
  void operator()(int64_t row) const { call_(object_, row); }

 private:
  const void* object_;
  void (*call_)(const void*, int64_t);
};

// Runs body(row) for every row in [0, rows). Uses the pool when the pass is
// big enough (rows * row_length elements); otherwise, or while the pool is
// being resized (set_elementwise_threads), runs on the calling thread. Callers
// hold the compute gate (gate.h), so two passes never compete for the pool.
void parallel_rows(int64_t rows, int64_t row_length, RowBody body);

// Threads used for element-wise passes (the caller included); 1 disables the pool.
void set_elementwise_threads(int threads);
int elementwise_threads();

}  // namespace shallownet
