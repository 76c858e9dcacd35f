// The element-wise passes of forward and backward propagation, one row (one
// unit, across examples) at a time. Each call goes to the build of the
// kernels chosen for this CPU (kernels/: AVX-512, AVX2, baseline x86-64 or
// NEON), which all give the same bits. Row-sized pieces let the caller split
// a pass across threads.
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

// Up to this many outputs, backpropagation through the output layer is fused
// into one pass over each hidden row instead of two thin BLAS products.
constexpr int64_t kMaxFusedOutputs = 16;

// For hidden unit i, given its row of A1 and dZ2 (n2, m) with n2 <= kMaxFusedOutputs:
//   dZ1[i, :] = (W2ᵀ·dZ2)[i, :] * g'(A1[i, :])     written to dZ1 (the row)
//   dW2[k, i] = Σ_j dZ2[k, j] A1[i, j]              written to dW2[k * n1] for each k (unscaled)
// W2 points at W2[0, i] (stride n1). Returns Σ_j dZ1[i, j].
double hidden_backward_row(Activation activation, const double* A1, const double* W2, int64_t n1,
                           const double* dZ2, int64_t n2, int64_t m, double* dZ1, double* dW2);

// The training loop's output pass over one row: z = logit + bias; returns the
// sum of the logistic losses; overwrites the row with dZ2 = sigmoid(z) - y and
// stores the sum of dZ2 in *delta_sum.
double output_cost_delta_row(double* row, double bias, const double* Y, int64_t count,
                             double* delta_sum);

// Z += bias; A = sigmoid(Z) unless A is null.
void bias_sigmoid_row(double* Z, double bias, double* A, int64_t count);

// dZ = A - Y; returns the sum of dZ.
double output_delta_row(const double* A, const double* Y, double* dZ, int64_t count);

// The linear output's pass over one row: z = logit + bias; returns Σ ½(z − y)²;
// overwrites the row with dZ2 = z − y and stores Σ dZ2 in *delta_sum.
double linear_cost_delta_row(double* row, double bias, const double* Y, int64_t count, double* delta_sum);

// Z += bias; A = Z too unless A is null.
void bias_row(double* Z, double bias, double* A, int64_t count);

// The softmax output's pass over `count` columns of Z ((rows, count), row
// stride ld): z = Z + b; returns Σ over the columns of −Σ_k y_k log softmax(z)_k;
// overwrites Z with dZ2 = softmax(z) − Y (Y's rows of stride ldy).
double softmax_cost_delta(double* Z, int64_t ld, const double* b, const double* Y, int64_t ldy, int64_t rows,
                          int64_t count);

// Z += b; A = softmax over each column of Z, unless A is null.
void softmax_columns(double* Z, int64_t ld, const double* b, double* A, int64_t lda, int64_t rows, int64_t count);

// The sum of a row.
double row_sum(const double* row, int64_t count);

}  // namespace shallownet
