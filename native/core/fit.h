// The gradient-descent loop, run entirely in C++: one call trains for many
// iterations with no allocation inside the loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "network.h"

namespace shallownet {

// How long a training thread keeps its threads before letting others waiting
// for the budget have a turn: long next to the hand-over (microseconds), short
// next to a user waiting on several networks.
constexpr std::chrono::milliseconds kTimeSlice{25};

struct FitOptions {
  int64_t iterations = 0;      // updates to apply, > 0
  double learning_rate = 0.0;  // alpha, > 0
  int64_t progress_every = 1;  // record (and report) the cost every this many iterations, > 0
  double tolerance = 0.0;      // stop when the cost moves less than this between records; 0 = never
  // How the fit shares the machine (parallel.h): a training thread of its own
  // waits its turn for threads; the caller's thread (a synchronous fit) never waits.
  bool wait_for_threads = false;
};

enum class FitStatus {
  Completed,  // ran all iterations
  Converged,  // the cost moved less than `tolerance` between two records
  Diverged,   // the cost passed the divergence bound (network.h) or an update was not
              // finite; the parameters are those from before that update
  Stopped,    // the observer asked to stop (abort signal, or a progress callback failed)
};

struct FitOutcome {
  FitStatus status = FitStatus::Completed;
  int64_t iterations = 0;     // updates applied
  double final_cost = 0.0;    // cost of the parameters left behind (NaN when Stopped)
  std::vector<double> costs;  // costs[k]: cost before update k * progress_every
};

// Hooks into the loop, called on the training thread.
class FitObserver {
 public:
  virtual ~FitObserver() = default;
  // Polled before every iteration; true stops the loop at that boundary.
  virtual bool stop_requested() { return false; }
  // Called at every record and once at the end; false stops the loop.
  virtual bool progress(int64_t /*iteration*/, double /*cost*/) { return true; }
};

// Trains `params` (packed [W1 | b1 | W2 | b2]) in place. ws must hold room for m examples.
// Runs on the calling thread plus helpers from the compute budget, taking
// turns with other computations every kTimeSlice while any wait.
FitOutcome fit(Activation activation, const Shape& shape, int64_t m, double* params,
               const double* X, const double* Y, const FitOptions& options, Workspace& ws,
               FitObserver& observer);

}  // namespace shallownet
