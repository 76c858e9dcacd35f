// The naive reference: each function is one block of the lecture, as loops.
#include "reference.h"

#include <algorithm>
#include <cmath>

namespace reference {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double g(Activation activation, double z) {
  switch (activation) {
    case Activation::Tanh: return std::tanh(z);
    case Activation::Sigmoid: return sigmoid(z);
    case Activation::Relu: return std::max(0.0, z);
    case Activation::LeakyRelu: return z > 0.0 ? z : 0.01 * z;
  }
  return NAN;
}

double g_prime(Activation activation, double z) {
  switch (activation) {
    case Activation::Tanh: return 1.0 - std::tanh(z) * std::tanh(z);
    case Activation::Sigmoid: return sigmoid(z) * (1.0 - sigmoid(z));
    case Activation::Relu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::LeakyRelu: return z > 0.0 ? 1.0 : 0.01;
  }
  return NAN;
}

Forward forward(Activation activation, const Dims& d, const Params& p, const double* X) {
  const int64_t n0 = d.n0, n1 = d.n1, n2 = d.n2, m = d.m;
  Forward f;
  f.Z1.assign(n1 * m, 0.0);
  f.A1.assign(n1 * m, 0.0);
  f.Z2.assign(n2 * m, 0.0);
  f.A2.assign(n2 * m, 0.0);

  // Z1 = W1·X + b1   (n1, n0)·(n0, m) + (n1, 1) broadcast over the m columns
  for (int64_t i = 0; i < n1; i++) {
    for (int64_t j = 0; j < m; j++) {
      double z = p.b1[i];
      for (int64_t k = 0; k < n0; k++) z += p.W1[i * n0 + k] * X[k * m + j];
      f.Z1[i * m + j] = z;
    }
  }
  // A1 = g1(Z1)   (n1, m)
  for (int64_t i = 0; i < n1 * m; i++) f.A1[i] = g(activation, f.Z1[i]);

  // Z2 = W2·A1 + b2   (n2, n1)·(n1, m) + (n2, 1)
  for (int64_t i = 0; i < n2; i++) {
    for (int64_t j = 0; j < m; j++) {
      double z = p.b2[i];
      for (int64_t k = 0; k < n1; k++) z += p.W2[i * n1 + k] * f.A1[k * m + j];
      f.Z2[i * m + j] = z;
    }
  }
  // A2 = sigmoid(Z2)   (n2, m)
  for (int64_t i = 0; i < n2 * m; i++) f.A2[i] = sigmoid(f.Z2[i]);
  return f;
}

double cost(const Dims& d, const double* Z2, const double* Y) {
  double total = 0.0;
  for (int64_t j = 0; j < d.m; j++) {      // over examples
    for (int64_t i = 0; i < d.n2; i++) {   // summed over the n2 outputs
      const double z = Z2[i * d.m + j];
      const double y = Y[i * d.m + j];
      const double log_yhat = -std::log1p(std::exp(-z));           // log sigmoid(z)
      const double log_one_minus_yhat = -std::log1p(std::exp(z));  // log (1 - sigmoid(z))
      total += -(y * log_yhat + (1.0 - y) * log_one_minus_yhat);
    }
  }
  return total / static_cast<double>(d.m);  // averaged over m
}

Gradients backward(Activation activation, const Dims& d, const Params& p, const double* X,
                   const double* Y, const Forward& f) {
  const int64_t n0 = d.n0, n1 = d.n1, n2 = d.n2, m = d.m;
  const double mm = static_cast<double>(m);
  Gradients grads;
  grads.dZ2.assign(n2 * m, 0.0);
  grads.dW2.assign(n2 * n1, 0.0);
  grads.db2.assign(n2, 0.0);
  grads.dZ1.assign(n1 * m, 0.0);
  grads.dW1.assign(n1 * n0, 0.0);
  grads.db1.assign(n1, 0.0);

  // dZ2 = A2 - Y   (n2, m)
  for (int64_t i = 0; i < n2 * m; i++) grads.dZ2[i] = f.A2[i] - Y[i];

  // dW2 = (1/m) dZ2·A1ᵀ   (n2, m)·(m, n1)
  for (int64_t i = 0; i < n2; i++) {
    for (int64_t k = 0; k < n1; k++) {
      double sum = 0.0;
      for (int64_t j = 0; j < m; j++) sum += grads.dZ2[i * m + j] * f.A1[k * m + j];
      grads.dW2[i * n1 + k] = sum / mm;
    }
  }
  // db2 = (1/m) np.sum(dZ2, axis=1, keepdims=True)   (n2, 1)
  for (int64_t i = 0; i < n2; i++) {
    double sum = 0.0;
    for (int64_t j = 0; j < m; j++) sum += grads.dZ2[i * m + j];
    grads.db2[i] = sum / mm;
  }

  // dZ1 = (W2ᵀ·dZ2) * g1'(Z1)   (n1, n2)·(n2, m), then element-wise
  for (int64_t k = 0; k < n1; k++) {
    for (int64_t j = 0; j < m; j++) {
      double sum = 0.0;
      for (int64_t i = 0; i < n2; i++) sum += p.W2[i * n1 + k] * grads.dZ2[i * m + j];
      grads.dZ1[k * m + j] = sum * g_prime(activation, f.Z1[k * m + j]);
    }
  }
  // dW1 = (1/m) dZ1·Xᵀ   (n1, m)·(m, n0)
  for (int64_t k = 0; k < n1; k++) {
    for (int64_t c = 0; c < n0; c++) {
      double sum = 0.0;
      for (int64_t j = 0; j < m; j++) sum += grads.dZ1[k * m + j] * X[c * m + j];
      grads.dW1[k * n0 + c] = sum / mm;
    }
  }
  // db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True)   (n1, 1)
  for (int64_t k = 0; k < n1; k++) {
    double sum = 0.0;
    for (int64_t j = 0; j < m; j++) sum += grads.dZ1[k * m + j];
    grads.db1[k] = sum / mm;
  }
  return grads;
}

void step(Params& p, const Gradients& grads, double learning_rate) {
  for (size_t i = 0; i < p.W1.size(); i++) p.W1[i] = p.W1[i] - learning_rate * grads.dW1[i];
  for (size_t i = 0; i < p.b1.size(); i++) p.b1[i] = p.b1[i] - learning_rate * grads.db1[i];
  for (size_t i = 0; i < p.W2.size(); i++) p.W2[i] = p.W2[i] - learning_rate * grads.dW2[i];
  for (size_t i = 0; i < p.b2.size(); i++) p.b2[i] = p.b2[i] - learning_rate * grads.db2[i];
}

Trace gradient_descent(Activation activation, const Dims& d, Params& p, const double* X,
                       const double* Y, double learning_rate, int64_t iterations,
                       int64_t record_every) {
  Trace trace;
  for (int64_t iteration = 0; iteration < iterations; iteration++) {
    const Forward f = forward(activation, d, p, X);
    if (iteration % record_every == 0) trace.costs.push_back(cost(d, f.Z2.data(), Y));
    const Gradients grads = backward(activation, d, p, X, Y, f);
    step(p, grads, learning_rate);
  }
  trace.final_cost = cost(d, forward(activation, d, p, X).Z2.data(), Y);
  return trace;
}

}  // namespace reference
