// The lecture's network as functions on raw row-major buffers with explicit
// shapes. Nothing here knows about Node; every buffer is owned by the caller.
//
// Convention (the lecture's): one column per example.
//   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
//
// The output layer may be the lecture's sigmoid or one of the heads of the
// course's next part (output_head.h); each keeps dZ2 = A2 − Y, so the six
// backward equations below serve all three.
#pragma once

#include <cstdint>
#include <vector>

#include "activation.h"
#include "bounds.h"
#include "output_head.h"
#include "shapes.h"

namespace shallownet {

// What kind of network: its sizes and its two activations.
struct Architecture {
  Shape shape;
  Activation hidden = Activation::Tanh;
  OutputHead output = OutputHead::Sigmoid;
};

// Floating-point operations of one training iteration over m examples: the
// five products, 2 n1 n0 m each for the two of the first layer (W1·X, dZ1·Xᵀ)
// and 2 n2 n1 m each for the three of the second (W2·A1, dZ2·A1ᵀ, W2ᵀ·dZ2). The benchmarks' GFLOP/s use the same count.
inline int64_t flops_per_iteration(const Shape& shape, int64_t m) {
  return 2 * m * (2 * shape.n1 * shape.n0 + 3 * shape.n2 * shape.n1);
}

// The inputs X of m examples: the lecture's (n0, m), one column per example,
// rows ld apart; or (m, n0), one row per example (how a shuffled mini-batch is
// gathered: a row copy per example instead of n0 scattered reads).
struct Inputs {
  const double* data;
  int64_t ld;
  bool rows_are_examples = false;

  static Inputs columns(const double* X, int64_t m) { return {X, m, false}; }
};

// X and Y of m examples; Y is (n2, m) with rows ldy apart.
struct Examples {
  Inputs X;
  const double* Y;
  int64_t ldy;
  int64_t m;

  static Examples columns(const double* X, const double* Y, int64_t m) { return {Inputs::columns(X, m), Y, m, m}; }
};

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
void forward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W1, const double* b1,
                    Inputs X, double* Z1, double* A1);

// Z2 = W2·A1 + b2 (n2, m);  A2 = g2(Z2) (n2, m), the output head's.  A2 may be null.
void forward_output(OutputHead head, const Shape& shape, int64_t m, const double* W2, const double* b2,
                    const double* A1, double* Z2, double* A2);

// The head's cost, fused with the first backward equation: given the logits
// W2·A1 (without b2) in Z2, returns Σ over the examples of the loss (the cost
// J times m) and overwrites Z2 with dZ2 = A2 − Y; db2 = (1/m) Σ dZ2 (n2, 1).
// Computed from the logits, stably: exact where A2 rounds to 0 or 1.
double output_loss_delta(OutputHead head, const Shape& shape, int64_t m, double* Z2, const double* b2,
                         const double* Y, int64_t ldy, double* db2);

// dZ2 = A2 - Y (n2, m);  db2 = (1/m) sum over examples (n2, 1).
void output_delta(const Shape& shape, int64_t m, const double* A2, const double* Y, double* dZ2, double* db2);

// The rest of backpropagation, given dZ2 (n2, m):
//   dW2 = (1/m) dZ2·A1ᵀ (n2, n1)
//   dZ1 = (W2ᵀ·dZ2) * g1'(A1) (n1, m)     written into dZ1
//   db1 = (1/m) sum over examples of dZ1 (n1, 1)
//   dW1 = (1/m) dZ1·Xᵀ (n1, n0)
void backward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W2, Inputs X,
                     const double* A1, const double* dZ2, double* dZ1, double* dW1, double* db1, double* dW2);

// L2 regularisation (the course's form; scikit-learn's alpha is the same λ):
// the cost gains λ/(2m) (‖W1‖² + ‖W2‖²) and each weight's gradient (λ/m)·W.
// Biases are not regularised.
double l2_cost(const Shape& shape, const double* params, double lambda, int64_t m);
void add_l2_gradient(const Shape& shape, const double* params, double* grads, double lambda, int64_t m);

// params := params - learningRate * grads, over the packed buffers of `count`
// values — but only if every new value is finite. Returns false and changes
// nothing otherwise, so a diverging step never leaves a half-applied update.
bool update(double* params, const double* grads, int64_t count, double learning_rate);

// One gradient-descent iteration is forward_cost then backward_update.
//
// forward_cost: forward propagation and the cost J (without L2), fused with
// dZ2 = A2 - Y and db2; leaves A1, dZ2 and db2 in ws for what follows.
double forward_cost(const Architecture& net, const double* params, const Examples& batch, Workspace& ws);

// gradients_from_cost: the rest of backpropagation, from what forward_cost
// left in ws; writes all four gradients to ws.grads.
void gradients_from_cost(const Architecture& net, const double* params, Inputs X, int64_t m, Workspace& ws);

// backward_update: gradients_from_cost, then update(). Returns false
// (parameters unchanged) if the update would not be finite.
bool backward_update(const Architecture& net, double* params, Inputs X, int64_t m, double learning_rate,
                     Workspace& ws);

// The cost J (without L2) of the current parameters: a forward pass only, using ws.
double evaluate_cost(const Architecture& net, const double* params, const Examples& examples, Workspace& ws);

// How well the network fits examples, from a forward pass (using ws):
//   sigmoid: the share of outputs right at 0.5 (a > 0.5, that is z > 0, exactly where y > 0.5)
//   softmax: the share of columns whose largest a is where Y's largest is (first of ties)
//   linear:  R² per output, averaged (a constant target: 1 if matched exactly, else 0)
struct Score {
  double cost;    // J, without L2
  double metric;  // accuracy, or R² for a linear output
};
Score evaluate_score(const Architecture& net, const double* params, const Examples& examples, Workspace& ws);

// The same over a set taken a chunk of examples at a time (so the work
// buffers need room for a chunk only): start, add each chunk, finish.
struct ScoreSums {
  double loss = 0.0;
  int64_t right = 0;
  std::vector<double> mean, residual, spread;  // linear outputs: per output

  // Once per set: room for a linear output's sums, and its targets' means (allocates).
  void prepare(const Architecture& net, const Examples& all);
  void start();  // zeroes the sums (allocates nothing)
  void add_chunk(const Architecture& net, const double* params, const Examples& chunk, Workspace& ws);
  Score finish(const Architecture& net, int64_t m) const;
};

// The examples [from, from + count) of a set, as a set of their own.
Examples slice(const Examples& examples, int64_t from, int64_t count);

}  // namespace shallownet
