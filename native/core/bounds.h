// Every limit of the native code, defined once. lib/limits.ts holds the same
// values for the TS layer; the addon reports these through nativeInfo().limits
// and test/limits.test.ts checks that the two agree.
#pragma once

#include <cstdint>

#include "shapes.h"

namespace shallownet {

// Largest dimension (rows, columns, examples, iterations) BLAS takes with 32-bit integers.
constexpr int64_t kMaxDimension = 2147483647;

// Most parameters a network may have: 2^28 doubles are 2 GiB, far past any
// one-hidden-layer network worth training, and refusing larger sizes up front
// beats starting to fill tens of gigabytes.
constexpr int64_t kMaxParameters = int64_t{1} << 28;

// Most threads setThreads accepts.
constexpr int64_t kMaxThreads = 1024;

// Training has diverged when the cost of a sigmoid output exceeds this per
// output unit, or a softmax output's per example (or the cost is not finite;
// output_head.h). Past it, some example's logit is beyond ~745 on the wrong side:
// sigmoid rounds to exactly 0 or 1 there, and the lecture's form of the cost,
// -(y log a + (1 - y) log(1 - a)), would be infinite (-log of the smallest
// double is 744.4). Only a far too large learning rate gets there; our cost,
// computed from the logits, stays finite, so this is where we call it.
constexpr double kDivergedCostPerOutput = 745.0;

// A softmax output's targets: each column must sum to 1 within this.
constexpr double kProbabilitySumTolerance = 1e-9;

// Bytes kept per record of the cost (fit.h): the cost itself (8), its entry in
// the history (40), and its progress report until onProgress has seen it (40).
constexpr int64_t kBytesPerRecord = 88;

// Doubles per example that one pass over m examples keeps: A1 and dZ1 (n1
// each) and Z2 (n2). Shuffled mini-batches add a copy of X with one row per
// example, and the batch (n0 + n2); fitAsync, its copies of X and Y (n0 + n2).
inline int64_t work_doubles_per_example(const Shape& shape) { return 2 * shape.n1 + shape.n2; }
inline int64_t training_doubles_per_example(const Shape& shape, bool shuffle) {
  return work_doubles_per_example(shape) + (shuffle ? shape.n0 + shape.n2 : 0);
}
inline int64_t fit_async_doubles_per_example(const Shape& shape, bool shuffle) {
  return training_doubles_per_example(shape, shuffle) + shape.n0 + shape.n2;
}

}  // namespace shallownet
