#include "elementwise.h"

#include "vmath.h"

// Two clones of every kernel; the loader picks one per CPU (GCC ifunc).
#define SHALLOWNET_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))

namespace shallownet {

namespace {

using vmath::v4d;
using vmath::splat;

// Loads the last count % 4 values padded with zeros, so the tail goes
// through exactly the same arithmetic as the body.
SHALLOWNET_INLINE v4d load_tail(const double* p, int64_t rest) {
  double padded[4] = {0.0, 0.0, 0.0, 0.0};
  for (int64_t k = 0; k < rest; ++k) padded[k] = p[k];
  return vmath::load(padded);
}

SHALLOWNET_INLINE void store_tail(double* p, v4d v, int64_t rest) {
  for (int64_t k = 0; k < rest; ++k) p[k] = v[k];
}

// Lanes past `rest` zeroed, so padded values never reach a sum.
SHALLOWNET_INLINE v4d keep_lanes(v4d v, int64_t rest) {
  const vmath::v4i lane = {0, 1, 2, 3};
  return vmath::select(lane < rest, v, splat(0.0));
}

template <Activation Kind>
SHALLOWNET_INLINE void bias_activate_impl(const double* in, double bias, double* Z, double* A, int64_t count) {
  const v4d b = splat(bias);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d z = vmath::load(in + j) + b;
    if (Z != nullptr) vmath::store(Z + j, z);
    vmath::store(A + j, Act<Kind>::g(z));
  }
  if (const int64_t rest = count - body) {
    const v4d z = load_tail(in + body, rest) + b;
    if (Z != nullptr) store_tail(Z + body, z, rest);
    store_tail(A + body, Act<Kind>::g(z), rest);
  }
}

template <Activation Kind>
SHALLOWNET_INLINE double hidden_delta_impl(const double* A, double* dZ, int64_t count) {
  v4d sum = splat(0.0);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d d = vmath::load(dZ + j) * Act<Kind>::dg(vmath::load(A + j));
    vmath::store(dZ + j, d);
    sum += d;
  }
  if (const int64_t rest = count - body) {
    const v4d d = load_tail(dZ + body, rest) * Act<Kind>::dg(load_tail(A + body, rest));
    store_tail(dZ + body, d, rest);
    sum += keep_lanes(d, rest);
  }
  return vmath::horizontal_sum(sum);
}

// Four columns j..j+3 of hidden unit i's backward pass (see hidden_backward_row):
// returns dZ1[i, j..j+3] and adds dZ2[k, j..j+3] * A1[i, j..j+3] into dw[k].
// With `rest` < 4, only that many columns are real; the others are read as 0.
template <Activation Kind>
SHALLOWNET_INLINE v4d hidden_backward_columns(v4d a, const v4d* w, const double* dZ2, int64_t n2, int64_t m,
                                              int64_t j, int64_t rest, v4d* dw) {
  v4d back = splat(0.0);  // (W2ᵀ·dZ2)[i, j..j+3]
  for (int64_t k = 0; k < n2; ++k) {
    const double* p = dZ2 + k * m + j;
    const v4d delta = rest == 4 ? vmath::load(p) : load_tail(p, rest);
    back += w[k] * delta;
    dw[k] += delta * a;
  }
  return back * Act<Kind>::dg(a);
}

template <Activation Kind>
SHALLOWNET_INLINE double hidden_backward_impl(const double* A1, const double* W2, int64_t n1, const double* dZ2,
                                              int64_t n2, int64_t m, double* dZ1, double* dW2) {
  v4d dw[kMaxFusedOutputs];
  v4d w[kMaxFusedOutputs];
  for (int64_t k = 0; k < n2; ++k) {
    dw[k] = splat(0.0);
    w[k] = splat(W2[k * n1]);
  }
  v4d db = splat(0.0);
  const int64_t body = m & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d d = hidden_backward_columns<Kind>(vmath::load(A1 + j), w, dZ2, n2, m, j, 4, dw);
    vmath::store(dZ1 + j, d);
    db += d;
  }
  if (const int64_t rest = m - body) {
    // Padded lanes hold a = 0 and dZ2 = 0, so they add nothing to dW2.
    const v4d d = hidden_backward_columns<Kind>(load_tail(A1 + body, rest), w, dZ2, n2, m, body, rest, dw);
    store_tail(dZ1 + body, d, rest);
    db += keep_lanes(d, rest);
  }
  for (int64_t k = 0; k < n2; ++k) dW2[k * n1] = vmath::horizontal_sum(dw[k]);
  return vmath::horizontal_sum(db);
}

}  // namespace

SHALLOWNET_CLONES
double hidden_backward_row(Activation activation, const double* A1, const double* W2, int64_t n1,
                           const double* dZ2, int64_t n2, int64_t m, double* dZ1, double* dW2) {
  switch (activation) {
    case Activation::Sigmoid: return hidden_backward_impl<Activation::Sigmoid>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::Relu: return hidden_backward_impl<Activation::Relu>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::LeakyRelu: return hidden_backward_impl<Activation::LeakyRelu>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
    case Activation::Tanh: break;
  }
  return hidden_backward_impl<Activation::Tanh>(A1, W2, n1, dZ2, n2, m, dZ1, dW2);
}

SHALLOWNET_CLONES
void bias_activate_row(Activation activation, const double* in, double bias, double* Z, double* A,
                       int64_t count) {
  switch (activation) {
    case Activation::Tanh: return bias_activate_impl<Activation::Tanh>(in, bias, Z, A, count);
    case Activation::Sigmoid: return bias_activate_impl<Activation::Sigmoid>(in, bias, Z, A, count);
    case Activation::Relu: return bias_activate_impl<Activation::Relu>(in, bias, Z, A, count);
    case Activation::LeakyRelu: return bias_activate_impl<Activation::LeakyRelu>(in, bias, Z, A, count);
  }
}

SHALLOWNET_CLONES
double hidden_delta_row(Activation activation, const double* A, double* dZ, int64_t count) {
  switch (activation) {
    case Activation::Sigmoid: return hidden_delta_impl<Activation::Sigmoid>(A, dZ, count);
    case Activation::Relu: return hidden_delta_impl<Activation::Relu>(A, dZ, count);
    case Activation::LeakyRelu: return hidden_delta_impl<Activation::LeakyRelu>(A, dZ, count);
    case Activation::Tanh: break;
  }
  return hidden_delta_impl<Activation::Tanh>(A, dZ, count);
}

SHALLOWNET_CLONES
double output_cost_delta_row(double* row, double bias, const double* Y, int64_t count,
                             double* delta_sum) {
  const v4d b = splat(bias);
  v4d loss = splat(0.0);
  v4d deltas = splat(0.0);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d z = vmath::load(row + j) + b;
    const v4d y = vmath::load(Y + j);
    const v4d e = vmath::exp(-vmath::vabs(z));
    loss += vmath::logistic_loss_from(z, y, e);
    const v4d d = vmath::sigmoid_from(z, e) - y;
    vmath::store(row + j, d);
    deltas += d;
  }
  if (const int64_t rest = count - body) {
    const v4d z = load_tail(row + body, rest) + b;
    const v4d y = load_tail(Y + body, rest);
    const v4d e = vmath::exp(-vmath::vabs(z));
    loss += keep_lanes(vmath::logistic_loss_from(z, y, e), rest);
    const v4d d = vmath::sigmoid_from(z, e) - y;
    store_tail(row + body, d, rest);
    deltas += keep_lanes(d, rest);
  }
  *delta_sum = vmath::horizontal_sum(deltas);
  return vmath::horizontal_sum(loss);
}

SHALLOWNET_CLONES
void bias_sigmoid_row(double* Z, double bias, double* A, int64_t count) {
  const v4d b = splat(bias);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d z = vmath::load(Z + j) + b;
    vmath::store(Z + j, z);
    if (A != nullptr) vmath::store(A + j, vmath::sigmoid(z));
  }
  if (const int64_t rest = count - body) {
    const v4d z = load_tail(Z + body, rest) + b;
    store_tail(Z + body, z, rest);
    if (A != nullptr) store_tail(A + body, vmath::sigmoid(z), rest);
  }
}

SHALLOWNET_CLONES
double logistic_loss_sum(const double* Z, const double* Y, int64_t count) {
  v4d loss = splat(0.0);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) loss += vmath::logistic_loss(vmath::load(Z + j), vmath::load(Y + j));
  if (const int64_t rest = count - body) {
    loss += keep_lanes(vmath::logistic_loss(load_tail(Z + body, rest), load_tail(Y + body, rest)), rest);
  }
  return vmath::horizontal_sum(loss);
}

SHALLOWNET_CLONES
double output_delta_row(const double* A, const double* Y, double* dZ, int64_t count) {
  v4d sum = splat(0.0);
  const int64_t body = count & ~int64_t{3};
  for (int64_t j = 0; j < body; j += 4) {
    const v4d d = vmath::load(A + j) - vmath::load(Y + j);
    vmath::store(dZ + j, d);
    sum += d;
  }
  if (const int64_t rest = count - body) {
    const v4d d = load_tail(A + body, rest) - load_tail(Y + body, rest);
    store_tail(dZ + body, d, rest);
    sum += keep_lanes(d, rest);
  }
  return vmath::horizontal_sum(sum);
}

}  // namespace shallownet
