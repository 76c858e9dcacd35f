#include "fit.h"

#include "gate.h"

#include <cmath>
#include <limits>
#include <utility>

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
  double previous_record = 0.0;

  for (int64_t iteration = 0; iteration < options.iterations; ++iteration) {
    if (observer.stop_requested()) {
      return finish(FitStatus::Stopped, iteration, std::numeric_limits<double>::quiet_NaN());
    }
    // The cost of the parameters before update `iteration`. Each half of the
    // iteration is a turn at the compute gate (other networks training now get
    // the next one); the observer is called between turns, never inside one.
    const double cost = [&] {
      ComputeTurn turn;
      return forward_cost(activation, shape, m, params, X, Y, ws);
    }();
    if (cost_diverged(cost, shape)) return finish(FitStatus::Diverged, iteration, cost);

    if (iteration % options.progress_every == 0) {
      outcome.costs.push_back(cost);
      if (options.tolerance > 0.0 && iteration > 0 &&
          std::fabs(cost - previous_record) < options.tolerance) {
        observer.progress(iteration, cost);
        return finish(FitStatus::Converged, iteration, cost);
      }
      previous_record = cost;
      if (!observer.progress(iteration, cost)) {
        return finish(FitStatus::Stopped, iteration, std::numeric_limits<double>::quiet_NaN());
      }
    }
    const bool updated = [&] {
      ComputeTurn turn;
      return backward_update(activation, shape, m, params, X, options.learning_rate, ws);
    }();
    if (!updated) return finish(FitStatus::Diverged, iteration, cost);
  }
  const double final_cost = [&] {
    ComputeTurn turn;
    return evaluate_cost(activation, shape, m, params, X, Y, ws);
  }();
  if (cost_diverged(final_cost, shape)) return finish(FitStatus::Diverged, options.iterations, final_cost);
  observer.progress(options.iterations, final_cost);
  return finish(FitStatus::Completed, options.iterations, final_cost);
}

}  // namespace shallownet
