#include "optimizer.h"

#include <cmath>

namespace shallownet {

void OptimizerState::reset(const OptimizerSettings& settings, int64_t count) {
  const bool velocity = settings.kind != OptimizerKind::GradientDescent;
  v.assign(velocity ? static_cast<size_t>(count) : 0, 0.0);
  s.assign(settings.kind == OptimizerKind::Adam ? static_cast<size_t>(count) : 0, 0.0);
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
  // Each rule twice: first to check that every new value is finite, then to
  // write. Reading twice is cheap next to the products of an iteration.
  switch (settings.kind) {
    case OptimizerKind::GradientDescent: {
      bool finite = true;
      for (int64_t k = 0; k < count; ++k) finite &= std::isfinite(params[k] - learning_rate * grads[k]);
      if (!finite) return false;
      for (int64_t k = 0; k < count; ++k) params[k] -= learning_rate * grads[k];
      return true;
    }
    case OptimizerKind::Momentum: {
      const double beta = settings.beta;
      double* v = state.v.data();
      bool finite = true;
      for (int64_t k = 0; k < count; ++k) {
        const double velocity = beta * v[k] + (1.0 - beta) * grads[k];
        finite &= std::isfinite(velocity) && std::isfinite(params[k] - learning_rate * velocity);
      }
      if (!finite) return false;
      for (int64_t k = 0; k < count; ++k) {
        v[k] = beta * v[k] + (1.0 - beta) * grads[k];
        params[k] -= learning_rate * v[k];
      }
      return true;
    }
    case OptimizerKind::Adam: {
      const double beta1 = settings.beta1, beta2 = settings.beta2, epsilon = settings.epsilon;
      const double correction1 = 1.0 - state.beta1_power * beta1;  // 1 − β1ᵗ for the new t
      const double correction2 = 1.0 - state.beta2_power * beta2;
      double* v = state.v.data();
      double* s = state.s.data();
      const auto step = [&](int64_t k, double& velocity, double& square) {
        velocity = beta1 * v[k] + (1.0 - beta1) * grads[k];
        square = beta2 * s[k] + (1.0 - beta2) * (grads[k] * grads[k]);
        return learning_rate * (velocity / correction1) / (std::sqrt(square / correction2) + epsilon);
      };
      bool finite = true;
      for (int64_t k = 0; k < count; ++k) {
        double velocity, square;
        finite &= std::isfinite(params[k] - step(k, velocity, square)) && std::isfinite(square);
      }
      if (!finite) return false;
      for (int64_t k = 0; k < count; ++k) {
        double velocity, square;
        params[k] -= step(k, velocity, square);
        v[k] = velocity;
        s[k] = square;
      }
      state.t += 1;
      state.beta1_power *= beta1;
      state.beta2_power *= beta2;
      return true;
    }
  }
  return false;
}

}  // namespace shallownet
