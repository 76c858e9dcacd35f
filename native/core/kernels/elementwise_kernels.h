// The element-wise passes of forward and backward propagation, one row (one
// unit, across examples) at a time, written once on the 8-lane vector type
// (vec.h) and compiled once per instruction set by the kernels/isa_*.cpp files
// that include this header. Row-sized pieces let the caller split a pass
// across threads; each row is always computed whole by one call, so results
// never depend on how the rows were shared out.
#pragma once

#include "../elementwise.h"
#include "activations.h"
#include "kernel_table.h"
#include "update_kernels.h"

namespace shallownet::SHALLOWNET_ISA {

template <Activation Kind>
SHALLOWNET_INLINE void bias_activate_impl(const double* in, double bias, double* Z, double* A, int64_t count) {
  const vec b = splat(bias);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec z = load(in + j) + b;
    if (Z != nullptr) store(Z + j, z);
    store(A + j, Act<Kind>::g(z));
  }
  if (const int64_t rest = count - body) {
    const vec z = load_tail(in + body, rest) + b;
    if (Z != nullptr) store_tail(Z + body, z, rest);
    store_tail(A + body, Act<Kind>::g(z), rest);
  }
}

template <Activation Kind>
SHALLOWNET_INLINE double hidden_delta_impl(const double* A, double* dZ, int64_t count) {
  vec sum = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec d = load(dZ + j) * Act<Kind>::dg(load(A + j));
    store(dZ + j, d);
    sum += d;
  }
  if (const int64_t rest = count - body) {
    const vec d = load_tail(dZ + body, rest) * Act<Kind>::dg(load_tail(A + body, rest));
    store_tail(dZ + body, d, rest);
    sum += keep_lanes(d, rest);
  }
  return horizontal_sum(sum);
}

// Columns j..j+7 of hidden unit i's backward pass (see hidden_backward_row):
// returns dZ1[i, j..j+7] and adds dZ2[k, j..j+7] * A1[i, j..j+7] into dw[k].
// With `rest` < kLanes, only that many columns are real; the others are read as 0.
template <Activation Kind>
SHALLOWNET_INLINE vec hidden_backward_columns(vec a, const vec* w, const double* dZ2, int64_t n2, int64_t m,
                                              int64_t j, int64_t rest, vec* dw) {
  vec back = splat(0.0);  // (W2ᵀ·dZ2)[i, j..j+7]
  for (int64_t k = 0; k < n2; ++k) {
    const double* p = dZ2 + k * m + j;
    const vec delta = rest == kLanes ? load(p) : load_tail(p, rest);
    back += w[k] * delta;
    dw[k] += delta * a;
  }
  return back * Act<Kind>::dg(a);
}

template <Activation Kind>
SHALLOWNET_INLINE double hidden_backward_impl(const double* A1, const double* W2, int64_t n1, const double* dZ2,
                                              int64_t n2, int64_t m, double* dZ1, double* dW2) {
  vec dw[kMaxFusedOutputs];
  vec w[kMaxFusedOutputs];
  for (int64_t k = 0; k < n2; ++k) {
    dw[k] = splat(0.0);
    w[k] = splat(W2[k * n1]);
  }
  vec db = splat(0.0);
  const int64_t body = m - m % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec d = hidden_backward_columns<Kind>(load(A1 + j), w, dZ2, n2, m, j, kLanes, dw);
    store(dZ1 + j, d);
    db += d;
  }
  if (const int64_t rest = m - body) {
    // Padded lanes hold a = 0 and dZ2 = 0, so they add nothing to dW2.
    const vec d = hidden_backward_columns<Kind>(load_tail(A1 + body, rest), w, dZ2, n2, m, body, rest, dw);
    store_tail(dZ1 + body, d, rest);
    db += keep_lanes(d, rest);
  }
  for (int64_t k = 0; k < n2; ++k) dW2[k * n1] = horizontal_sum(dw[k]);
  return horizontal_sum(db);
}

// One switch per entry point, outside the loops: each loop is compiled for one activation.
static void bias_activate_row(Activation activation, const double* in, double bias, double* Z, double* A,
                              int64_t count) {
  switch (activation) {
    case Activation::Tanh: return bias_activate_impl<Activation::Tanh>(in, bias, Z, A, count);
    case Activation::Sigmoid: return bias_activate_impl<Activation::Sigmoid>(in, bias, Z, A, count);
    case Activation::Relu: return bias_activate_impl<Activation::Relu>(in, bias, Z, A, count);
    case Activation::LeakyRelu: return bias_activate_impl<Activation::LeakyRelu>(in, bias, Z, A, count);
  }
}

static double hidden_delta_row(Activation activation, const double* A, double* dZ, int64_t count) {
  switch (activation) {
    case Activation::Sigmoid: return hidden_delta_impl<Activation::Sigmoid>(A, dZ, count);
    case Activation::Relu: return hidden_delta_impl<Activation::Relu>(A, dZ, count);
    case Activation::LeakyRelu: return hidden_delta_impl<Activation::LeakyRelu>(A, dZ, count);
    case Activation::Tanh: break;
  }
  return hidden_delta_impl<Activation::Tanh>(A, dZ, count);
}

static double hidden_backward_row(Activation activation, const double* A1, const double* W2, int64_t n1,
                                  const double* dZ2, int64_t n2, int64_t m, double* dZ1, double* dW2) {
  switch (activation) {
    case Activation::Sigmoid: return hidden_backward_impl<Activation::Sigmoid>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::Relu: return hidden_backward_impl<Activation::Relu>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::LeakyRelu: return hidden_backward_impl<Activation::LeakyRelu>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::Tanh: break;
  }
  return hidden_backward_impl<Activation::Tanh>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
}

static double output_cost_delta_row(double* row, double bias, const double* Y, int64_t count, double* delta_sum) {
  const vec b = splat(bias);
  vec loss = splat(0.0);
  vec deltas = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec z = load(row + j) + b;
    const vec y = load(Y + j);
    const vec e = vmath::exp(-vabs(z));
    loss += vmath::logistic_loss_from(z, y, e);
    const vec d = vmath::sigmoid_from(z, e) - y;
    store(row + j, d);
    deltas += d;
  }
  if (const int64_t rest = count - body) {
    const vec z = load_tail(row + body, rest) + b;
    const vec y = load_tail(Y + body, rest);
    const vec e = vmath::exp(-vabs(z));
    loss += keep_lanes(vmath::logistic_loss_from(z, y, e), rest);
    const vec d = vmath::sigmoid_from(z, e) - y;
    store_tail(row + body, d, rest);
    deltas += keep_lanes(d, rest);
  }
  *delta_sum = horizontal_sum(deltas);
  return horizontal_sum(loss);
}

static void bias_sigmoid_row(double* Z, double bias, double* A, int64_t count) {
  const vec b = splat(bias);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec z = load(Z + j) + b;
    store(Z + j, z);
    if (A != nullptr) store(A + j, vmath::sigmoid(z));
  }
  if (const int64_t rest = count - body) {
    const vec z = load_tail(Z + body, rest) + b;
    store_tail(Z + body, z, rest);
    if (A != nullptr) store_tail(A + body, vmath::sigmoid(z), rest);
  }
}

static double output_delta_row(const double* A, const double* Y, double* dZ, int64_t count) {
  vec sum = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec d = load(A + j) - load(Y + j);
    store(dZ + j, d);
    sum += d;
  }
  if (const int64_t rest = count - body) {
    const vec d = load_tail(A + body, rest) - load_tail(Y + body, rest);
    store_tail(dZ + body, d, rest);
    sum += keep_lanes(d, rest);
  }
  return horizontal_sum(sum);
}

// The linear output's pass over one row: z = logit + bias; returns Σ ½(z − y)²;
// overwrites the row with dZ2 = z − y and stores Σ dZ2 in *delta_sum.
static double linear_cost_delta_row(double* row, double bias, const double* Y, int64_t count, double* delta_sum) {
  const vec b = splat(bias);
  vec loss = splat(0.0);
  vec deltas = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec d = (load(row + j) + b) - load(Y + j);
    loss += (d * d) * splat(0.5);
    store(row + j, d);
    deltas += d;
  }
  if (const int64_t rest = count - body) {
    const vec d = (load_tail(row + body, rest) + b) - load_tail(Y + body, rest);
    loss += keep_lanes((d * d) * splat(0.5), rest);
    store_tail(row + body, d, rest);
    deltas += keep_lanes(d, rest);
  }
  *delta_sum = horizontal_sum(deltas);
  return horizontal_sum(loss);
}

// Z += bias; A = Z too unless A is null (the linear output: A2 = Z2).
static void bias_row(double* Z, double bias, double* A, int64_t count) {
  const vec b = splat(bias);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) {
    const vec z = load(Z + j) + b;
    store(Z + j, z);
    if (A != nullptr) store(A + j, z);
  }
  if (const int64_t rest = count - body) {
    const vec z = load_tail(Z + body, rest) + b;
    store_tail(Z + body, z, rest);
    if (A != nullptr) store_tail(A + body, z, rest);
  }
}

// The softmax output over `count` columns of Z (`rows` rows, row stride ld),
// eight columns at a time: z = Z + b (per row); with t = z − max over the
// column, e = exp(t), the column's loss −Σ_k y_k log softmax(z)_k is
// log(Σe)·Σy − Σ y·t (log-sum-exp, exact where a probability rounds to 0).
// Overwrites Z with dZ2 = softmax(z) − y (Y rows of stride ldy); returns the loss summed over the columns.
static double softmax_cost_delta(double* Z, int64_t ld, const double* b, const double* Y, int64_t ldy, int64_t rows,
                                 int64_t count) {
  vec loss = splat(0.0);
  for (int64_t j = 0; j < count; j += kLanes) {
    const int64_t width = count - j < kLanes ? count - j : kLanes;
    const auto get = [&](const double* p) { return width == kLanes ? load(p) : load_tail(p, width); };
    const auto put = [&](double* p, vec v) { width == kLanes ? store(p, v) : store_tail(p, v, width); };
    vec top = get(Z + j) + splat(b[0]);
    for (int64_t k = 1; k < rows; ++k) top = vmax(top, get(Z + k * ld + j) + splat(b[k]));
    vec sum = splat(0.0), sum_y = splat(0.0), sum_yt = splat(0.0);
    for (int64_t k = 0; k < rows; ++k) {
      const vec t = (get(Z + k * ld + j) + splat(b[k])) - top;
      const vec e = vmath::exp(t);
      const vec y = get(Y + k * ldy + j);
      put(Z + k * ld + j, e);
      sum += e;
      sum_y += y;
      sum_yt += y * t;
    }
    loss += keep_lanes(vmath::log(sum) * sum_y - sum_yt, width);
    const vec inverse = splat(1.0) / sum;
    for (int64_t k = 0; k < rows; ++k) put(Z + k * ld + j, get(Z + k * ld + j) * inverse - get(Y + k * ldy + j));
  }
  return horizontal_sum(loss);
}

// A = softmax(Z + b) over `count` columns; Z += b too. Rows of stride ld (Z) and lda (A).
// A logit of +∞ (a hidden layer overflowed on huge inputs) gets its limit: its
// column's probability, shared with any other +∞ in the column.
static void softmax_columns(double* Z, int64_t ld, const double* b, double* A, int64_t lda, int64_t rows,
                            int64_t count) {
  for (int64_t j = 0; j < count; j += kLanes) {
    const int64_t width = count - j < kLanes ? count - j : kLanes;
    const auto get = [&](const double* p) { return width == kLanes ? load(p) : load_tail(p, width); };
    const auto put = [&](double* p, vec v) { width == kLanes ? store(p, v) : store_tail(p, v, width); };
    vec top = get(Z + j) + splat(b[0]);
    for (int64_t k = 1; k < rows; ++k) top = vmax(top, get(Z + k * ld + j) + splat(b[k]));
    vec sum = splat(0.0);
    for (int64_t k = 0; k < rows; ++k) {
      const vec z = get(Z + k * ld + j) + splat(b[k]);
      put(Z + k * ld + j, z);
      // z − top, with 0 where z is the top: an infinite logit then takes the
      // column's probability (shared among equal ones) instead of ∞ − ∞ = NaN.
      const vec e = vmath::exp(select(z == top, splat(0.0), z - top));
      if (A != nullptr) put(A + k * lda + j, e);
      sum += e;
    }
    if (A == nullptr) continue;
    const vec inverse = splat(1.0) / sum;
    for (int64_t k = 0; k < rows; ++k) put(A + k * lda + j, get(A + k * lda + j) * inverse);
  }
}

// Σ of a row, eight lanes reduced in the fixed tree.
static double row_sum(const double* row, int64_t count) {
  vec sum = splat(0.0);
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) sum += load(row + j);
  if (body < count) sum += load_tail(row + body, count - body);
  return horizontal_sum(sum);
}

// C (M, N) = alpha * op(A) * op(B), beta = 0: products too small for BLAS to
// pay off (the flower network's), as plain loops. Each element of C is summed
// in an order fixed by K alone.
static void small_gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,
                       int64_t lda, const double* B, int64_t ldb, double* C, int64_t ldc) {
  if (!transB) {
    // C[i, :] = alpha * Σ_k op(A)[i, k] B[k, :]: rows of B streamed into rows of C.
    for (int64_t i = 0; i < M; ++i) {
      double* c = C + i * ldc;
      for (int64_t j = 0; j < N; ++j) c[j] = 0.0;
      for (int64_t k = 0; k < K; ++k) {
        const double a = transA ? A[k * lda + i] : A[i * lda + k];
        const double* b = B + k * ldb;
        for (int64_t j = 0; j < N; ++j) c[j] += a * b[j];
      }
      if (alpha != 1.0) for (int64_t j = 0; j < N; ++j) c[j] *= alpha;
    }
    return;
  }
  // C[i, j] = alpha * op(A)[i, :] · B[j, :]: dot products along contiguous rows.
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) {
      const double* b = B + j * ldb;
      double sum = 0.0;
      if (!transA) {
        const double* a = A + i * lda;
        const int64_t body = K - K % kLanes;
        vec partial = splat(0.0);
        for (int64_t k = 0; k < body; k += kLanes) partial += load(a + k) * load(b + k);
        if (body < K) partial += load_tail(a + body, K - body) * load_tail(b + body, K - body);
        sum = horizontal_sum(partial);
      } else {
        for (int64_t k = 0; k < K; ++k) sum += A[k * lda + i] * b[k];
      }
      C[i * ldc + j] = alpha * sum;
    }
  }
}

// The vector math over arrays (vmath_test).
template <vec (*F)(vec)>
static void over_array(const double* x, double* out, int64_t count) {
  const int64_t body = count - count % kLanes;
  for (int64_t j = 0; j < body; j += kLanes) store(out + j, F(load(x + j)));
  if (const int64_t rest = count - body) store_tail(out + body, F(load_tail(x + body, rest)), rest);
}

SHALLOWNET_INLINE vec exp_of(vec x) { return vmath::exp(x); }
SHALLOWNET_INLINE vec tanh_of(vec x) { return vmath::tanh(x); }
SHALLOWNET_INLINE vec log1p_unit_of(vec x) { return vmath::log1p_unit(x); }
SHALLOWNET_INLINE vec sigmoid_of(vec x) { return vmath::sigmoid(x); }
SHALLOWNET_INLINE vec log_of(vec x) { return vmath::log(x); }

constexpr KernelTable make_kernel_table(const char* name) {
  return KernelTable{
      name,
      bias_activate_row,
      hidden_delta_row,
      hidden_backward_row,
      output_cost_delta_row,
      bias_sigmoid_row,
      output_delta_row,
      linear_cost_delta_row,
      bias_row,
      softmax_cost_delta,
      softmax_columns,
      row_sum,
      small_gemm,
      sum_of_squares,
      add_scaled,
      gd_update,
      momentum_update,
      adam_update,
      over_array<exp_of>,
      over_array<tanh_of>,
      over_array<log1p_unit_of>,
      over_array<sigmoid_of>,
      over_array<log_of>,
  };
}

}  // namespace shallownet::SHALLOWNET_ISA
