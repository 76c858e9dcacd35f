// A small pool for the element-wise passes, which are memory- and
// transcendental-bound and so worth spreading over the cores that BLAS also
// uses (BLAS is idle while they run).
//
// Work is split into independent rows, and each row is always processed
// whole by one thread: results never depend on how many threads ran.
#pragma once

#include <cstdint>
#include <functional>

namespace shallownet {

// Runs body(row) for every row in [0, rows). Uses the pool when the pass is
// big enough (rows * row_length elements) and the pool is free; otherwise, and
// when another network's pass holds the pool, runs on the calling thread.
void parallel_rows(int64_t rows, int64_t row_length, const std::function<void(int64_t)>& body);

// Threads used for element-wise passes (the caller included); 1 disables the pool.
void set_elementwise_threads(int threads);
int elementwise_threads();

}  // namespace shallownet
