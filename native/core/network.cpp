#include "network.h"

#include <cmath>

#include "blas.h"
#include "elementwise.h"
#include "threads/parallel.h"

namespace shallownet {

void Workspace::ensure(const Shape& shape, int64_t m) {
  const auto grow = [](std::vector<double>& buffer, int64_t size) {
    if (static_cast<int64_t>(buffer.size()) < size) buffer.resize(static_cast<size_t>(size));
  };
  grow(A1, shape.n1 * m);
  grow(dZ1, shape.n1 * m);
  grow(Z2, shape.n2 * m);
  grow(grads, shape.parameter_count());
}

void forward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W1,
                    const double* b1, const double* X, double* Z1, double* A1) {
  double* product = Z1 != nullptr ? Z1 : A1;
  gemm(false, false, shape.n1, m, shape.n0, 1.0, W1, shape.n0, X, m, 0.0, product, m);
  parallel_rows(shape.n1, m, [&](int64_t i) {
    bias_activate_row(activation, product + i * m, b1[i], Z1 != nullptr ? Z1 + i * m : nullptr,
                      A1 + i * m, m);
  });
}

void forward_output(const Shape& shape, int64_t m, const double* W2, const double* b2,
                    const double* A1, double* Z2, double* A2) {
  gemm(false, false, shape.n2, m, shape.n1, 1.0, W2, shape.n1, A1, m, 0.0, Z2, m);
  for (int64_t i = 0; i < shape.n2; ++i) {
    bias_sigmoid_row(Z2 + i * m, b2[i], A2 != nullptr ? A2 + i * m : nullptr, m);
  }
}

double cost_from_logits(const Shape& shape, int64_t m, const double* Z2, const double* Y) {
  // Row by row, in the same order as the training loop's fused pass, so that
  // cost() and the cost fit() reports agree to the last bit.
  double loss = 0.0;
  for (int64_t i = 0; i < shape.n2; ++i) loss += logistic_loss_sum(Z2 + i * m, Y + i * m, m);
  return loss * (1.0 / static_cast<double>(m));
}

void output_delta(const Shape& shape, int64_t m, const double* A2, const double* Y, double* dZ2,
                  double* db2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  for (int64_t i = 0; i < shape.n2; ++i) {
    db2[i] = output_delta_row(A2 + i * m, Y + i * m, dZ2 + i * m, m) * inv_m;
  }
}

void backward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W2,
                     const double* X, const double* A1, const double* dZ2, double* dZ1,
                     double* dW1, double* db1, double* dW2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  const int64_t n0 = shape.n0, n1 = shape.n1, n2 = shape.n2;
  if (n2 <= kMaxFusedOutputs) {
    // dW2, W2ᵀ·dZ2, g' and db1 in one pass over each row of A1: for a few
    // outputs those two products are thin and memory-bound, and reading A1
    // once instead of twice is what counts.
    parallel_rows(n1, m * (n2 + 1), [&](int64_t i) {
      db1[i] = hidden_backward_row(activation, A1 + i * m, W2 + i, n1, dZ2, n2, m, dZ1 + i * m, dW2 + i) * inv_m;
      for (int64_t k = 0; k < n2; ++k) dW2[k * n1 + i] *= inv_m;
    });
  } else {
    gemm(false, true, n2, n1, m, inv_m, dZ2, m, A1, m, 0.0, dW2, n1);  // dZ2·A1ᵀ
    gemm(true, false, n1, m, n2, 1.0, W2, n1, dZ2, m, 0.0, dZ1, m);    // W2ᵀ·dZ2
    parallel_rows(n1, m, [&](int64_t i) {
      db1[i] = hidden_delta_row(activation, A1 + i * m, dZ1 + i * m, m) * inv_m;
    });
  }
  gemm(false, true, n1, n0, m, inv_m, dZ1, m, X, m, 0.0, dW1, n0);  // dZ1·Xᵀ
}

bool update(double* params, const double* grads, int64_t count, double learning_rate) {
  // Check first, then write: reading twice is cheap next to the products,
  // and it means a failed update leaves nothing half-applied.
  bool finite = true;
  for (int64_t k = 0; k < count; ++k) finite &= std::isfinite(params[k] - learning_rate * grads[k]);
  if (!finite) return false;
  for (int64_t k = 0; k < count; ++k) params[k] -= learning_rate * grads[k];
  return true;
}

double forward_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                    const double* X, const double* Y, Workspace& ws) {
  const auto p = unpack<const double>(params, shape);
  double* A1 = ws.A1.data();
  double* Z2 = ws.Z2.data();
  forward_hidden(activation, shape, m, p.W1, p.b1, X, nullptr, A1);
  gemm(false, false, shape.n2, m, shape.n1, 1.0, p.W2, shape.n1, A1, m, 0.0, Z2, m);
  double* db2 = unpack<double>(ws.grads.data(), shape).b2;
  const double inv_m = 1.0 / static_cast<double>(m);
  double loss = 0.0;
  for (int64_t i = 0; i < shape.n2; ++i) {
    double delta_sum = 0.0;
    loss += output_cost_delta_row(Z2 + i * m, p.b2[i], Y + i * m, m, &delta_sum);
    db2[i] = delta_sum * inv_m;
  }
  return loss * inv_m;
}

void gradients_from_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                         const double* X, Workspace& ws) {
  const auto g = unpack<double>(ws.grads.data(), shape);
  backward_hidden(activation, shape, m, unpack<const double>(params, shape).W2, X, ws.A1.data(), ws.Z2.data(),
                  ws.dZ1.data(), g.W1, g.b1, g.W2);
}

bool backward_update(Activation activation, const Shape& shape, int64_t m, double* params,
                     const double* X, double learning_rate, Workspace& ws) {
  gradients_from_cost(activation, shape, m, params, X, ws);
  return update(params, ws.grads.data(), shape.parameter_count(), learning_rate);
}

double evaluate_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                     const double* X, const double* Y, Workspace& ws) {
  const auto p = unpack<const double>(params, shape);
  forward_hidden(activation, shape, m, p.W1, p.b1, X, nullptr, ws.A1.data());
  forward_output(shape, m, p.W2, p.b2, ws.A1.data(), ws.Z2.data(), nullptr);
  return cost_from_logits(shape, m, ws.Z2.data(), Y);
}

}  // namespace shallownet
