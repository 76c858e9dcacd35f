// The lecture's network as functions on raw row-major buffers with explicit
// shapes. Nothing here knows about Node; every buffer is owned by the caller.
//
// Convention (the lecture's): one column per example.
//   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
#pragma once

#include <cstdint>
#include <vector>

#include "activation.h"
#include "bounds.h"
#include "shapes.h"

namespace shallownet {

// Floating-point operations of one training iteration over m examples: the
// four products 2 n1 n0 m each (W1·X, dZ1·Xᵀ) and 2 n2 n1 m each (W2·A1,
// dZ2·A1ᵀ, W2ᵀ·dZ2). The benchmarks' GFLOP/s use the same count.
inline int64_t flops_per_iteration(const Shape& shape, int64_t m) {
  return 2 * m * (2 * shape.n1 * shape.n0 + 3 * shape.n2 * shape.n1);
}

// Work buffers for one pass over m examples. They grow to the largest m seen
// and are then reused, so repeated steps and the whole of fit allocate nothing.
struct Workspace {
  std::vector<double> A1;     // (n1, m)  activations; W1·X is written here first
  std::vector<double> dZ1;    // (n1, m)
  std::vector<double> Z2;     // (n2, m)  logits, overwritten by dZ2
  std::vector<double> grads;  // packed like the parameters: [dW1 | db1 | dW2 | db2]

  void ensure(const Shape& shape, int64_t m);  // throws std::bad_alloc
};

// Z1 = W1·X + b1 (n1, m);  A1 = g1(Z1) (n1, m).
// Z1 may be null: then W1·X is written straight into A1 and overwritten.
void forward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W1,
                    const double* b1, const double* X, double* Z1, double* A1);

// Z2 = W2·A1 + b2 (n2, m);  A2 = sigmoid(Z2) (n2, m).  A2 may be null.
void forward_output(const Shape& shape, int64_t m, const double* W2, const double* b2,
                    const double* A1, double* Z2, double* A2);

// J = (1/m) sum_ij L(sigmoid(Z2_ij), Y_ij), computed from the logits as
// max(z, 0) - y z + log1p(exp(-|z|)): exact where A2 would round to 0 or 1.
double cost_from_logits(const Shape& shape, int64_t m, const double* Z2, const double* Y);

// dZ2 = A2 - Y (n2, m);  db2 = (1/m) sum over examples (n2, 1).
void output_delta(const Shape& shape, int64_t m, const double* A2, const double* Y, double* dZ2,
                  double* db2);

// The rest of backpropagation, given dZ2 (n2, m):
//   dW2 = (1/m) dZ2·A1ᵀ (n2, n1)
//   dZ1 = (W2ᵀ·dZ2) * g1'(A1) (n1, m)     written into dZ1
//   db1 = (1/m) sum over examples of dZ1 (n1, 1)
//   dW1 = (1/m) dZ1·Xᵀ (n1, n0)
void backward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W2,
                     const double* X, const double* A1, const double* dZ2, double* dZ1,
                     double* dW1, double* db1, double* dW2);

// params := params - learningRate * grads, over the packed buffers of `count`
// values — but only if every new value is finite. Returns false and changes
// nothing otherwise, so a diverging step never leaves a half-applied update.
bool update(double* params, const double* grads, int64_t count, double learning_rate);

// One gradient-descent iteration is forward_cost then backward_update.
//
// forward_cost: forward propagation and the cost, fused with dZ2 = A2 - Y and
// db2; leaves A1, dZ2 and db2 in ws for backward_update. Returns J.
double forward_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                    const double* X, const double* Y, Workspace& ws);

// gradients_from_cost: the rest of backpropagation, from what forward_cost
// left in ws; writes all four gradients to ws.grads.
void gradients_from_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                         const double* X, Workspace& ws);

// backward_update: gradients_from_cost, then update(). Returns false
// (parameters unchanged) if the update would not be finite.
bool backward_update(Activation activation, const Shape& shape, int64_t m, double* params,
                     const double* X, double learning_rate, Workspace& ws);

// The cost of the current parameters (a forward pass only), using ws.
double evaluate_cost(Activation activation, const Shape& shape, int64_t m, const double* params,
                     const double* X, const double* Y, Workspace& ws);

}  // namespace shallownet
