#include "optimizer.h"

#include <cstddef>
#include <cstring>

#include "kernels/kernel_table.h"

namespace shallownet {

void OptimizerState::reset(const OptimizerSettings& settings, int64_t count) {
  const bool velocity = settings.kind != OptimizerKind::GradientDescent;
  v.assign(velocity ? static_cast<size_t>(count) : 0, 0.0);
  const size_t adam = settings.kind == OptimizerKind::Adam ? static_cast<size_t>(count) : 0;
  s.assign(adam, 0.0);
  next_params.assign(adam, 0.0);
  next_v.assign(adam, 0.0);
  next_s.assign(adam, 0.0);
  t = 0;
  beta1_power = 1.0;
  beta2_power = 1.0;
}

bool OptimizerState::fits(const OptimizerSettings& settings, int64_t count) const {
  const bool velocity = settings.kind != OptimizerKind::GradientDescent;
  return v.size() == (velocity ? static_cast<size_t>(count) : 0u) &&
         s.size() == (settings.kind == OptimizerKind::Adam ? static_cast<size_t>(count) : 0u);
}

bool apply_update(const OptimizerSettings& settings, OptimizerState& state, double* params, const double* grads,
                  int64_t count, double learning_rate) {
  // Each rule is a vector kernel (kernels/update_kernels.h), all or nothing.
  const KernelTable& k = kernels();
  switch (settings.kind) {
    case OptimizerKind::GradientDescent:
      return k.gd_update(params, grads, count, learning_rate);
    case OptimizerKind::Momentum:
      return k.momentum_update(params, grads, state.v.data(), count, learning_rate, settings.beta);
    case OptimizerKind::Adam: {
      // 1 − β1ᵗ and 1 − β2ᵗ for the new t, from the running products.
      const double correction1 = 1.0 - state.beta1_power * settings.beta1;
      const double correction2 = 1.0 - state.beta2_power * settings.beta2;
      if (!k.adam_update(params, grads, state.v.data(), state.s.data(), state.next_params.data(), state.next_v.data(),
                         state.next_s.data(), count, learning_rate, settings.beta1, settings.beta2, settings.epsilon,
                         correction1, correction2)) {
        return false;
      }
      std::memcpy(params, state.next_params.data(), static_cast<size_t>(count) * sizeof(double));
      state.v.swap(state.next_v);
      state.s.swap(state.next_s);
      state.t += 1;
      state.beta1_power *= settings.beta1;
      state.beta2_power *= settings.beta2;
      return true;
    }
  }
  return false;
}

}  // namespace shallownet
