#include "fit.h"

#include <cmath>
#include <limits>
#include <utility>

#include "threads/parallel.h"
#include "threads/compute_budget.h"

namespace shallownet {

FitOutcome fit(Activation activation, const Shape& shape, int64_t m, double* params,
               const double* X, const double* Y, const FitOptions& options, Workspace& ws,
               FitObserver& observer) {
  FitOutcome outcome;
  outcome.costs.reserve(static_cast<size_t>(options.iterations / options.progress_every + 1));
  const auto finish = [&](FitStatus status, int64_t iterations, double final_cost) {
    outcome.status = status;
    outcome.iterations = iterations;
    outcome.final_cost = final_cost;
    return std::move(outcome);
  };
  const double stopped = std::numeric_limits<double>::quiet_NaN();

  // Threads for this fit: its share of the budget, by its size.
  const int share = compute_share(flops_per_iteration(shape, m));
  const auto cancelled = [&] { return observer.stop_requested(); };
  Lease threads(share, options.wait_for_threads ? Lease::Mode::Wait : Lease::Mode::NoWait, cancelled);
  if (!threads.granted()) return finish(FitStatus::Stopped, 0, stopped);
  auto slice_start = std::chrono::steady_clock::now();
  double previous_record = 0.0;

  for (int64_t iteration = 0; iteration < options.iterations; ++iteration) {
    if (observer.stop_requested()) return finish(FitStatus::Stopped, iteration, stopped);
    // Take turns: after a time slice, give the threads back if others wait
    // for them (or take more if this fit runs with fewer than its share).
    const auto now = std::chrono::steady_clock::now();
    if (now - slice_start >= kTimeSlice && (compute_budget().contended() || threads.threads() < share)) {
      if (!threads.renew()) return finish(FitStatus::Stopped, iteration, stopped);
      slice_start = std::chrono::steady_clock::now();
    }
    // The cost of the parameters before update `iteration`.
    const double cost = forward_cost(activation, shape, m, params, X, Y, ws);
    if (cost_diverged(cost, shape)) return finish(FitStatus::Diverged, iteration, cost);

    if (iteration % options.progress_every == 0) {
      outcome.costs.push_back(cost);
      if (options.tolerance > 0.0 && iteration > 0 &&
          std::fabs(cost - previous_record) < options.tolerance) {
        observer.progress(iteration, cost);
        return finish(FitStatus::Converged, iteration, cost);
      }
      previous_record = cost;
      if (!observer.progress(iteration, cost)) return finish(FitStatus::Stopped, iteration, stopped);
    }
    if (!backward_update(activation, shape, m, params, X, options.learning_rate, ws)) {
      return finish(FitStatus::Diverged, iteration, cost);
    }
  }
  const double final_cost = evaluate_cost(activation, shape, m, params, X, Y, ws);
  if (cost_diverged(final_cost, shape)) return finish(FitStatus::Diverged, options.iterations, final_cost);
  observer.progress(options.iterations, final_cost);
  return finish(FitStatus::Completed, options.iterations, final_cost);
}

}  // namespace shallownet
