// A deliberately naive reference implementation of the lecture's network
// (/work/shared/lecture.md), for core_test.cpp to check native/core against.
//
// Written straight from the lecture's equations: plain loops, no BLAS, no
// fused passes, no buffer reuse, std::tanh / std::exp / std::log1p. It is slow
// and simple on purpose; it shares nothing with the core but the Activation enum.
//
// Convention (the lecture's): one column per example. Every matrix is stored
// row-major, so element (i, j) of an (r, c) matrix is at [i * c + j].
//   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
#pragma once

#include <cstdint>
#include <vector>

#include "../core/activation.h"  // only for the enum shallownet::Activation

namespace reference {

using shallownet::Activation;

struct Dims {
  int64_t n0;  // features per example
  int64_t n1;  // hidden units
  int64_t n2;  // sigmoid output units
  int64_t m;   // examples
};

struct Params {
  std::vector<double> W1;  // (n1, n0)
  std::vector<double> b1;  // (n1, 1)
  std::vector<double> W2;  // (n2, n1)
  std::vector<double> b2;  // (n2, 1)
};

// Everything forward propagation computes.
struct Forward {
  std::vector<double> Z1;  // (n1, m)  W1·X + b1
  std::vector<double> A1;  // (n1, m)  g1(Z1)
  std::vector<double> Z2;  // (n2, m)  W2·A1 + b2
  std::vector<double> A2;  // (n2, m)  sigmoid(Z2), i.e. y-hat
};

// Everything backward propagation computes.
struct Gradients {
  std::vector<double> dZ2;  // (n2, m)  A2 - Y
  std::vector<double> dW2;  // (n2, n1)
  std::vector<double> db2;  // (n2, 1)
  std::vector<double> dZ1;  // (n1, m)  (W2ᵀ·dZ2) * g1'(Z1)
  std::vector<double> dW1;  // (n1, n0)
  std::vector<double> db1;  // (n1, 1)
};

// The costs gradient_descent saw.
struct Trace {
  std::vector<double> costs;  // costs[k]: cost before iteration k * record_every
  double final_cost = 0.0;    // cost of the parameters after the last iteration
};

double sigmoid(double z);
double g(Activation activation, double z);        // g1(z)
double g_prime(Activation activation, double z);  // g1'(z), from z (the lecture's table)

// Z1 = W1·X + b1, A1 = g1(Z1), Z2 = W2·A1 + b2, A2 = sigmoid(Z2).
Forward forward(Activation activation, const Dims& d, const Params& p, const double* X);

// J = (1/m) sum_i sum_k L(sigmoid(Z2[k, i]), Y[k, i]) with the lecture's
// L(yhat, y) = -(y log yhat + (1 - y) log(1 - yhat)), taken from the logits:
// log sigmoid(z) = -log(1 + e^-z) and log(1 - sigmoid(z)) = -log(1 + e^z).
// Naive: only valid while |z| < ~709 (e^|z| overflows beyond that).
double cost(const Dims& d, const double* Z2, const double* Y);

// The lecture's six backward equations.
Gradients backward(Activation activation, const Dims& d, const Params& p, const double* X,
                   const double* Y, const Forward& f);

// W := W - learning_rate * dW, for all four parameters.
void step(Params& p, const Gradients& grads, double learning_rate);

// `iterations` times: forward, cost, backward, step. Records the cost before
// every iteration that is a multiple of record_every, and the final cost.
Trace gradient_descent(Activation activation, const Dims& d, Params& p, const double* X,
                       const double* Y, double learning_rate, int64_t iterations,
                       int64_t record_every);

}  // namespace reference
