// The output layer's activation g2 and its cost — the lecture's sigmoid with
// the logistic cost, and the two heads of the course's next part:
//
//   sigmoid   A2 = σ(Z2)            J = (1/m) Σ −(y log a + (1 − y) log(1 − a))   Y in [0, 1]
//   softmax   A2 = softmax(Z2)      J = (1/m) Σ_columns −Σ_k y_k log a_k           each column of Y sums to 1
//             (over each column)
//   linear    A2 = Z2               J = (1/(2m)) Σ (a − y)²                        any finite Y
//
// Each is paired with its cost so that dJ/dZ2 = (1/m)(A2 − Y) for all three:
// the lecture's first backward equation, dZ2 = A2 − Y, holds unchanged, and so
// do the other five. Every cost is computed from the logits Z2, stably
// (log-sum-exp for softmax), never from a rounded A2.
#pragma once

namespace shallownet {

enum class OutputHead { Sigmoid = 0, Softmax = 1, Linear = 2 };

// Training has diverged when the cost is not finite, or (for the heads whose
// cost is a log-likelihood) exceeds kDivergedCostPerOutput per output unit
// (sigmoid) or per example (softmax): past it some prediction is exactly 0 or
// 1 on the wrong side (bounds.h).
double diverged_cost_bound(OutputHead head, long long outputs);

inline bool cost_diverged(double cost, OutputHead head, long long outputs) {
  return !(cost <= diverged_cost_bound(head, outputs));
}

}  // namespace shallownet
