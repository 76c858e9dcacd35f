// The optimizers' update steps over the packed parameters (optimizer.h states
// the rules), eight lanes at a time, and L2's pieces. The arithmetic is the
// scalar rule's, operation for operation (no FMA), so every ISA and the TS
// backend get the same bits. Tails go through the same arithmetic on zero
// padding (finite, and never stored).
//
// Included by elementwise_kernels.h inside the per-ISA namespace.
#pragma once

#ifndef SHALLOWNET_ISA
#error "kernels/update_kernels.h is included only by a per-ISA kernel file, which defines SHALLOWNET_ISA"
#endif

#include "vec.h"

namespace shallownet::SHALLOWNET_ISA {

SHALLOWNET_INLINE vec load_lanes(const double* p, int64_t lanes) { return lanes == kLanes ? load(p) : load_tail(p, lanes); }
SHALLOWNET_INLINE void store_lanes(double* p, vec v, int64_t lanes) {
  if (lanes == kLanes) store(p, v);
  else store_tail(p, v, lanes);
}

// Σ x², over eight lanes in the fixed tree (L2's ‖W‖²; lib/ts/network.ts sums the same way).
static double sum_of_squares(const double* x, int64_t count) {
  vec sum = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec v = load(x + j);
    sum += v * v;
  }
  if (body < count) {
    const vec v = load_tail(x + body, count - body);
    sum += v * v;
  }
  return horizontal_sum(sum);
}

// y += a·x (L2's (λ/m)·W added to dW).
static void add_scaled(double* y, const double* x, double a, int64_t count) {
  const vec s = splat(a);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) store(y + j, load(y + j) + s * load(x + j));
  for (int64_t j = body; j < count; ++j) y[j] += a * x[j];
}

// The three rules below compute the new values into next_* buffers and
// return whether every one is finite; the caller keeps them (copies or swaps
// them in) only if all are, so an update is all or nothing even when it is
// computed a chunk per thread.

// W −= α·g
static bool gd_update(const double* params, const double* grads, double* next_params, int64_t count, double rate) {
  const vec a = splat(rate);
  vmask finite = splat_int(-1);
  const auto step = [&](int64_t j, int64_t lanes) {
    const vec p = load_lanes(params + j, lanes) - a * load_lanes(grads + j, lanes);
    finite = finite & finite_lanes(p);
    store_lanes(next_params + j, p, lanes);
  };
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) step(j, kLanes);
  if (body < count) step(body, count - body);
  return all_lanes(finite);
}

// v = β·v + (1 − β)·g;  W −= α·v
static bool momentum_update(const double* params, const double* grads, const double* v, double* next_params,
                            double* next_v, int64_t count, double rate, double beta) {
  const vec a = splat(rate), b = splat(beta), rest = splat(1.0 - beta);
  vmask finite = splat_int(-1);
  const auto step = [&](int64_t j, int64_t lanes) {
    const vec u = b * load_lanes(v + j, lanes) + rest * load_lanes(grads + j, lanes);
    const vec p = load_lanes(params + j, lanes) - a * u;
    finite = finite & finite_lanes(u) & finite_lanes(p);
    store_lanes(next_v + j, u, lanes);
    store_lanes(next_params + j, p, lanes);
  };
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) step(j, kLanes);
  if (body < count) step(body, count - body);
  return all_lanes(finite);
}

// v = β1·v + (1 − β1)·g;  s = β2·s + (1 − β2)·g²;  W −= α·(v / c1) / (√(s / c2) + ε),
// with c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ for this update's t.
static bool adam_update(const double* params, const double* grads, const double* v, const double* s,
                        double* next_params, double* next_v, double* next_s, int64_t count, double rate, double beta1,
                        double beta2, double epsilon, double correction1, double correction2) {
  const vec a = splat(rate), b1 = splat(beta1), r1 = splat(1.0 - beta1), b2 = splat(beta2), r2 = splat(1.0 - beta2);
  const vec c1 = splat(correction1), c2 = splat(correction2), eps = splat(epsilon);
  vmask finite = splat_int(-1);
  const auto step = [&](int64_t j, int64_t lanes) {
    const vec g = load_lanes(grads + j, lanes);
    const vec u = b1 * load_lanes(v + j, lanes) + r1 * g;
    const vec q = b2 * load_lanes(s + j, lanes) + r2 * (g * g);
    const vec p = load_lanes(params + j, lanes) - a * (u / c1) / (vsqrt(q / c2) + eps);
    finite = finite & finite_lanes(p) & finite_lanes(q);
    store_lanes(next_params + j, p, lanes);
    store_lanes(next_v + j, u, lanes);
    store_lanes(next_s + j, q, lanes);
  };
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) step(j, kLanes);
  if (body < count) step(body, count - body);
  return all_lanes(finite);
}

}  // namespace shallownet::SHALLOWNET_ISA
