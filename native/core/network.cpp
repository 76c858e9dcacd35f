#include "network.h"

#include <cmath>

#include "blas.h"

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

namespace {

// A = g(in + b) row by row, optionally keeping Z = in + b. `in` may alias A.
template <Activation Kind>
void bias_activate(int64_t rows, int64_t cols, const double* in, const double* bias, double* Z,
                   double* A) {
  for (int64_t i = 0; i < rows; ++i) {
    const double b = bias[i];
    const double* in_row = in + i * cols;
    double* a_row = A + i * cols;
    if (Z != nullptr) {
      double* z_row = Z + i * cols;
      for (int64_t j = 0; j < cols; ++j) {
        const double z = in_row[j] + b;
        z_row[j] = z;
        a_row[j] = Act<Kind>::g(z);
      }
    } else {
      for (int64_t j = 0; j < cols; ++j) a_row[j] = Act<Kind>::g(in_row[j] + b);
    }
  }
}

// dZ1 *= g'(A1) and db1 = (1/m) row sums of the result, in one pass.
template <Activation Kind>
void hidden_delta(int64_t rows, int64_t cols, const double* A1, double* dZ1, double* db1) {
  const double inv_m = 1.0 / static_cast<double>(cols);
  for (int64_t i = 0; i < rows; ++i) {
    const double* a_row = A1 + i * cols;
    double* d_row = dZ1 + i * cols;
    double sum = 0.0;
    for (int64_t j = 0; j < cols; ++j) {
      const double d = d_row[j] * Act<Kind>::dg(a_row[j]);
      d_row[j] = d;
      sum += d;
    }
    db1[i] = sum * inv_m;
  }
}

inline double logistic_loss_from_logit(double z, double y) {
  return (z > 0.0 ? z : 0.0) - z * y + std::log1p(std::exp(-std::fabs(z)));
}

// The training loop's output pass. On entry Z2 holds W2·A1; on exit it holds
// dZ2 = sigmoid(Z2 + b2) - Y. Writes db2 and returns the cost J.
double output_cost_and_delta(int64_t rows, int64_t cols, double* Z2, const double* b2,
                             const double* Y, double* db2) {
  const double inv_m = 1.0 / static_cast<double>(cols);
  double loss = 0.0;
  for (int64_t i = 0; i < rows; ++i) {
    const double b = b2[i];
    double* row = Z2 + i * cols;
    const double* y_row = Y + i * cols;
    double sum = 0.0;
    for (int64_t j = 0; j < cols; ++j) {
      const double z = row[j] + b;
      const double y = y_row[j];
      loss += logistic_loss_from_logit(z, y);
      const double d = sigmoid(z) - y;
      row[j] = d;
      sum += d;
    }
    db2[i] = sum * inv_m;
  }
  return loss * inv_m;
}

}  // namespace

void forward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W1,
                    const double* b1, const double* X, double* Z1, double* A1) {
  double* product = Z1 != nullptr ? Z1 : A1;
  gemm(false, false, shape.n1, m, shape.n0, 1.0, W1, shape.n0, X, m, 0.0, product, m);
  dispatch(activation, [&]<Activation Kind>() {
    bias_activate<Kind>(shape.n1, m, product, b1, Z1, A1);
  });
}

void forward_output(const Shape& shape, int64_t m, const double* W2, const double* b2,
                    const double* A1, double* Z2, double* A2) {
  gemm(false, false, shape.n2, m, shape.n1, 1.0, W2, shape.n1, A1, m, 0.0, Z2, m);
  for (int64_t i = 0; i < shape.n2; ++i) {
    double* z_row = Z2 + i * m;
    for (int64_t j = 0; j < m; ++j) z_row[j] += b2[i];
    if (A2 != nullptr) {
      double* a_row = A2 + i * m;
      for (int64_t j = 0; j < m; ++j) a_row[j] = sigmoid(z_row[j]);
    }
  }
}

double cost_from_logits(const Shape& shape, int64_t m, const double* Z2, const double* Y) {
  double loss = 0.0;
  const int64_t count = shape.n2 * m;
  for (int64_t k = 0; k < count; ++k) loss += logistic_loss_from_logit(Z2[k], Y[k]);
  return loss * (1.0 / static_cast<double>(m));
}

void output_delta(const Shape& shape, int64_t m, const double* A2, const double* Y, double* dZ2,
                  double* db2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  for (int64_t i = 0; i < shape.n2; ++i) {
    double sum = 0.0;
    for (int64_t j = 0; j < m; ++j) {
      const double d = A2[i * m + j] - Y[i * m + j];
      dZ2[i * m + j] = d;
      sum += d;
    }
    db2[i] = sum * inv_m;
  }
}

void backward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W2,
                     const double* X, const double* A1, const double* dZ2, double* dZ1,
                     double* dW1, double* db1, double* dW2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  const int64_t n0 = shape.n0, n1 = shape.n1, n2 = shape.n2;
  gemm(false, true, n2, n1, m, inv_m, dZ2, m, A1, m, 0.0, dW2, n1);   // dZ2·A1ᵀ
  gemm(true, false, n1, m, n2, 1.0, W2, n1, dZ2, m, 0.0, dZ1, m);     // W2ᵀ·dZ2
  dispatch(activation, [&]<Activation Kind>() { hidden_delta<Kind>(n1, m, A1, dZ1, db1); });
  gemm(false, true, n1, n0, m, inv_m, dZ1, m, X, m, 0.0, dW1, n0);    // dZ1·Xᵀ
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
  return output_cost_and_delta(shape.n2, m, Z2, p.b2, Y, unpack<double>(ws.grads.data(), shape).b2);
}

bool backward_update(Activation activation, const Shape& shape, int64_t m, double* params,
                     const double* X, double learning_rate, Workspace& ws) {
  const auto p = unpack<const double>(params, shape);
  const auto g = unpack<double>(ws.grads.data(), shape);
  backward_hidden(activation, shape, m, p.W2, X, ws.A1.data(), ws.Z2.data(), ws.dZ1.data(), g.W1,
                  g.b1, g.W2);
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
