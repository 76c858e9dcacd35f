// The update step: the lecture's gradient descent, and momentum and Adam in
// the forms of the course's next part (g is a parameter's gradient):
//
//   gd        W −= α·g
//   momentum  v = β·v + (1 − β)·g;                       W −= α·v
//   adam      v = β1·v + (1 − β1)·g;  s = β2·s + (1 − β2)·g²;  t += 1
//             W −= α·(v / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε)
//
// All or nothing: an update that would make any parameter non-finite changes
// neither the parameters nor the optimizer's state.
#pragma once

#include <cstdint>
#include <vector>

namespace shallownet {

enum class OptimizerKind { GradientDescent = 0, Momentum = 1, Adam = 2 };

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::GradientDescent;
  double beta = 0.9;      // momentum
  double beta1 = 0.9;     // adam
  double beta2 = 0.999;   // adam
  double epsilon = 1e-8;  // adam
};

// v and s start at 0; t counts the updates so far. β1ᵗ and β2ᵗ are kept as
// running products (one multiply per update), so both backends compute them
// to the same bits.
struct OptimizerState {
  std::vector<double> v;
  std::vector<double> s;
  int64_t t = 0;
  double beta1_power = 1.0;
  double beta2_power = 1.0;
  // An update is computed (a chunk per thread) into these, then kept (copied or
  // swapped in) only if every value is finite: all or nothing.
  std::vector<double> next_params, next_v, next_s;

  // Back to zero, sized for `count` parameters. Throws std::bad_alloc.
  void reset(const OptimizerSettings& settings, int64_t count);
  // Whether this state is one that `settings` can carry on from (partialFit):
  // sized for its rule and for `count` parameters.
  bool fits(const OptimizerSettings& settings, int64_t count) const;
};

// params −= the step for grads, over `count` values; false (nothing changed) if not finite.
bool apply_update(const OptimizerSettings& settings, OptimizerState& state, double* params, const double* grads,
                  int64_t count, double learning_rate);

}  // namespace shallownet
