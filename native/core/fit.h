// The training loop, run entirely in C++: one call trains for many updates
// with no allocation inside the loop. The lecture's full-batch gradient
// descent is its simplest setting (batch_size = m, optimizer gd); the course's
// next part adds mini-batches, momentum and Adam, L2, a decaying learning
// rate, validation and early stopping, each a small piece of the loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

#include "network.h"
#include "optimizer.h"

namespace shallownet {

// How long a training thread keeps its threads before letting others waiting
// for the budget have a turn: long next to the hand-over (microseconds), short
// next to a user waiting on several networks.
constexpr std::chrono::milliseconds kTimeSlice{25};

struct FitOptions {
  int64_t iterations = 0;      // updates to apply, > 0
  int64_t batch_size = 0;      // examples per update, 1 to m; m (or more): full batch, the lecture's
  bool shuffle = false;        // a new order of the examples every epoch
  uint32_t seed = 0;           // of the orders (random.h; the TS backend draws the same)
  double learning_rate = 0.0;  // alpha, > 0
  double learning_rate_decay = 0.0;  // alpha / (1 + decay * epoch), epochs counted from 0
  OptimizerSettings optimizer;
  double l2 = 0.0;              // lambda >= 0
  int64_t progress_every = 1;   // full batch: record (and report) the cost every this many updates
  double tolerance = 0.0;       // stop when the cost moves less than this between records; 0 = never
  // Early stopping, on validation examples: stop once the validation cost has
  // not improved by more than min_delta for `patience` validations (0: never).
  int64_t patience = 0;
  double min_delta = 0.0;
  bool restore_best = true;     // and end with the parameters of the best validation (stopped early or not)
  // partialFit: carry the optimizer's state on from the last call, and count
  // the epochs before this call for the learning-rate decay.
  bool keep_optimizer_state = false;
  int64_t epoch_offset = 0;
  // How the fit shares the machine (threads/parallel.h): a training thread of
  // its own waits its turn for threads; the caller's thread (a synchronous fit) never waits.
  bool wait_for_threads = false;
};

enum class FitStatus {
  Completed,     // ran all its updates
  Converged,     // the cost moved less than `tolerance` between two records
  StoppedEarly,  // the validation cost stopped improving (early stopping)
  Diverged,      // the cost passed its bound (output_head.h) or an update was not
                 // finite; the parameters are those from before that update
  Stopped,       // the observer asked to stop (abort signal, or a progress callback failed)
};

// One record: full batch, every progress_every updates, the cost before that
// update; mini-batches, every epoch's end, the mean of its batches' costs
// (each taken before its batch's update). With validation examples, their cost
// and metric (network.h Score) for the same parameters; NaN without.
struct ProgressReport {
  int64_t iteration = 0;  // updates so far
  int64_t epoch = 0;      // full batch: the same; mini-batches: epochs completed
  double cost = 0.0;
  double validation_cost = std::numeric_limits<double>::quiet_NaN();
  double validation_metric = std::numeric_limits<double>::quiet_NaN();
};

struct FitOutcome {
  FitStatus status = FitStatus::Completed;
  int64_t iterations = 0;     // updates applied
  int64_t epochs = 0;         // epochs completed (full batch: updates)
  // Cost (with L2) of the parameters left behind (NaN when Stopped): full
  // batch, on the training examples; mini-batches, their record's (an epoch's mean batch cost).
  double final_cost = 0.0;
  std::vector<double> costs;  // costs[k]: record k's cost
  std::vector<ProgressReport> history;  // record k; a completed full-batch fit adds the state after its last update
  int64_t best_epoch = -1;    // with validation: the record with the lowest validation cost
};

// Hooks into the loop, called on the training thread.
class FitObserver {
 public:
  virtual ~FitObserver() = default;
  // Polled before every update; true stops the loop at that boundary.
  virtual bool stop_requested() { return false; }
  // Called at every record, and at the end of a full-batch fit; false stops the loop.
  virtual bool progress(const ProgressReport& /*report*/) { return true; }
};

// Records a fit keeps (for its memory check, and reserved before it starts):
// full batch, one every progress_every updates; mini-batches, one per epoch;
// and the last.
inline int64_t fit_records(int64_t iterations, int64_t progress_every, int64_t batch_size, int64_t m, bool shuffle) {
  if (batch_size >= m && !shuffle) return iterations / progress_every + 2;
  const int64_t per_epoch = (m + batch_size - 1) / batch_size;
  return iterations / per_epoch + 2;
}

// Trains `params` (packed [W1 | b1 | W2 | b2]) in place on `train` (X one
// column per example, as every caller holds it), reporting on `validation` (may be null). Grows ws to a batch's and an evaluation
// chunk's size (evaluation_chunk). Runs on the
// calling thread plus helpers from the compute budget, taking turns with
// other computations every kTimeSlice while any wait. Throws std::bad_alloc
// (before the first update) if its buffers cannot be allocated.
FitOutcome fit(const Architecture& net, double* params, const Examples& train, const Examples* validation,
               const FitOptions& options, Workspace& ws, OptimizerState& optimizer, FitObserver& observer);

// Examples per forward pass when evaluating a whole set (the final cost, the
// validation): the full set in full-batch training; otherwise pieces, so the
// work buffers stay the size of a mini-batch's.
int64_t evaluation_chunk(int64_t batch_size, int64_t m);

}  // namespace shallownet
