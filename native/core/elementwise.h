// The element-wise passes of forward and backward propagation, one row (one
// unit, across examples) at a time, vectorised (vmath.h) and compiled twice:
// for x86-64-v3 (AVX2) and for baseline x86-64, picked at load time.
// Row-sized pieces let the caller split a pass across threads.
#pragma once

#include <cstdint>

#include "activation.h"

namespace shallownet {

// A = g(in + bias) over `count` values; also Z = in + bias when Z is not null.
// `in` may be A (or Z).
void bias_activate_row(Activation activation, const double* in, double bias, double* Z, double* A,
                       int64_t count);

// dZ *= g'(A) over `count` values; returns the sum of the new dZ.
double hidden_delta_row(Activation activation, const double* A, double* dZ, int64_t count);

// The training loop's output pass over one row: z = logit + bias; returns the
// sum of the logistic losses; overwrites the row with dZ2 = sigmoid(z) - y and
// stores the sum of dZ2 in *delta_sum.
double output_cost_delta_row(double* row, double bias, const double* Y, int64_t count,
                             double* delta_sum);

// Z += bias; A = sigmoid(Z) unless A is null.
void bias_sigmoid_row(double* Z, double bias, double* A, int64_t count);

// The sum of the logistic losses of sigmoid(Z) against Y.
double logistic_loss_sum(const double* Z, const double* Y, int64_t count);

// dZ = A - Y; returns the sum of dZ.
double output_delta_row(const double* A, const double* Y, double* dZ, int64_t count);

}  // namespace shallownet
