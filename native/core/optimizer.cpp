#include "optimizer.h"

#include <cstddef>
#include <cstring>

#include <algorithm>
#include <atomic>

#include "kernels/kernel_table.h"
#include "threads/parallel.h"

namespace shallownet {

void OptimizerState::reset(const OptimizerSettings& settings, int64_t count) {
  const bool velocity = settings.kind != OptimizerKind::GradientDescent;
  v.assign(velocity ? static_cast<size_t>(count) : 0, 0.0);
  const size_t adam = settings.kind == OptimizerKind::Adam ? static_cast<size_t>(count) : 0;
  s.assign(adam, 0.0);
  next_params.assign(static_cast<size_t>(count), 0.0);
  next_v.assign(velocity ? static_cast<size_t>(count) : 0, 0.0);
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

namespace {
// Parameters per chunk of an update: a chunk per thread of the caller's lease
// (threads/parallel.h), the same arithmetic whatever the split.
constexpr int64_t kUpdateChunk = int64_t{1} << 14;
}  // namespace

bool apply_update(const OptimizerSettings& settings, OptimizerState& state, double* params, const double* grads,
                  int64_t count, double learning_rate) {
  // Each rule is a vector kernel (kernels/update_kernels.h) computing the new
  // values into the state's next_* buffers, a chunk per thread; they are kept
  // only if every one is finite.
  if (state.next_params.size() < static_cast<size_t>(count)) state.next_params.resize(static_cast<size_t>(count));
  const KernelTable& k = kernels();
  const double correction1 = 1.0 - state.beta1_power * settings.beta1;  // Adam: 1 − β1ᵗ for the new t
  const double correction2 = 1.0 - state.beta2_power * settings.beta2;
  const int64_t chunks = (count + kUpdateChunk - 1) / kUpdateChunk;
  std::atomic<bool> finite{true};
  const auto chunk = [&](int64_t c, auto&& body) {
    const int64_t from = c * kUpdateChunk;
    body(from, std::min(kUpdateChunk, count - from));
  };
  parallel_rows(chunks, kUpdateChunk, [&](int64_t c) {
    chunk(c, [&](int64_t from, int64_t n) {
      bool ok = false;
      switch (settings.kind) {
        case OptimizerKind::GradientDescent:
          ok = k.gd_update(params + from, grads + from, state.next_params.data() + from, n, learning_rate);
          break;
        case OptimizerKind::Momentum:
          ok = k.momentum_update(params + from, grads + from, state.v.data() + from, state.next_params.data() + from,
                                 state.next_v.data() + from, n, learning_rate, settings.beta);
          break;
        case OptimizerKind::Adam:
          ok = k.adam_update(params + from, grads + from, state.v.data() + from, state.s.data() + from,
                             state.next_params.data() + from, state.next_v.data() + from, state.next_s.data() + from,
                             n, learning_rate, settings.beta1, settings.beta2, settings.epsilon, correction1,
                             correction2);
          break;
      }
      if (!ok) finite.store(false, std::memory_order_relaxed);
    });
  });
  if (!finite.load()) return false;
  parallel_rows(chunks, kUpdateChunk, [&](int64_t c) {
    chunk(c, [&](int64_t from, int64_t n) {
      std::memcpy(params + from, state.next_params.data() + from, static_cast<size_t>(n) * sizeof(double));
    });
  });
  if (settings.kind == OptimizerKind::GradientDescent) return true;
  state.v.swap(state.next_v);
  if (settings.kind == OptimizerKind::Momentum) return true;
  state.s.swap(state.next_s);
  state.t += 1;
  state.beta1_power *= settings.beta1;
  state.beta2_power *= settings.beta2;
  return true;
}

}  // namespace shallownet
