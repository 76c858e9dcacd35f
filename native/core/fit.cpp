#include "fit.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <utility>

#include "big_buffer.h"
#include "random.h"
#include "threads/compute_budget.h"
#include "threads/parallel.h"

namespace shallownet {

int64_t evaluation_chunk(int64_t batch_size, int64_t m) {
  // Full batch: the whole set in one pass, as the lecture computes it.
  if (batch_size >= m) return m;
  return std::min(m, std::max<int64_t>(batch_size, 4096));
}

namespace {

// Where mini-batches come from. In order: columns of X as they stand (no
// copy). Shuffled: each batch gathered from a copy of X with one row per
// example (a row copy per example, instead of n0 scattered reads), in the
// order of a permutation drawn anew every epoch.
class Batches {
 public:
  Batches(const Shape& shape, const Examples& train, const FitOptions& options)
      : shape_(shape), train_(train), size_(std::min(options.batch_size, train.m)), shuffle_(options.shuffle),
        random_(options.seed) {
    per_epoch_ = (train.m + size_ - 1) / size_;
    if (!shuffle_) return;
    order_.resize(static_cast<size_t>(train.m));
    std::iota(order_.begin(), order_.end(), int64_t{0});
    const int64_t n0 = shape.n0, m = train.m;
    rows_.reserve(m * n0);
    transpose(train.X, rows_.data());
    X_.resize(static_cast<size_t>(size_ * n0));
    Y_.resize(static_cast<size_t>(shape.n2 * size_));
  }

  int64_t size() const { return size_; }
  int64_t per_epoch() const { return per_epoch_; }

  // Batch `position` of the current epoch (a new order is drawn at position 0).
  Examples get(int64_t position) {
    const int64_t from = position * size_;
    const int64_t count = std::min(size_, train_.m - from);
    if (!shuffle_) return slice(train_, from, count);
    if (position == 0) random_.shuffle(order_.data(), train_.m);
    const int64_t n0 = shape_.n0, n2 = shape_.n2;
    for (int64_t j = 0; j < count; ++j) {
      const int64_t example = order_[static_cast<size_t>(from + j)];
      std::memcpy(X_.data() + j * n0, rows_.data() + example * n0, static_cast<size_t>(n0) * sizeof(double));
      for (int64_t i = 0; i < n2; ++i) Y_[static_cast<size_t>(i * count + j)] = train_.Y[i * train_.ldy + example];
    }
    return Examples{Inputs{X_.data(), n0, true}, Y_.data(), count, count};
  }

 private:
  // rows = Xᵀ, (m, n0), in blocks that stay in cache (fit's X is one column per example).
  void transpose(const Inputs& X, double* rows) const {
    const int64_t n0 = shape_.n0, m = train_.m;
    constexpr int64_t kBlock = 64;
    for (int64_t i0 = 0; i0 < n0; i0 += kBlock) {
      for (int64_t j0 = 0; j0 < m; j0 += kBlock) {
        for (int64_t i = i0; i < std::min(n0, i0 + kBlock); ++i) {
          for (int64_t j = j0; j < std::min(m, j0 + kBlock); ++j) rows[j * n0 + i] = X.data[i * X.ld + j];
        }
      }
    }
  }

  const Shape& shape_;
  Examples train_;
  int64_t size_;
  int64_t per_epoch_ = 1;
  bool shuffle_;
  SeededRandom random_;
  std::vector<int64_t> order_;
  BigBuffer rows_;            // Xᵀ
  std::vector<double> X_;     // the batch, one row per example
  std::vector<double> Y_;     // the batch's targets, (n2, count)
};

}  // namespace

FitOutcome fit(const Architecture& net, double* params, const Examples& train, const Examples* validation,
               const FitOptions& options, Workspace& ws, OptimizerState& optimizer, FitObserver& observer) {
  const Shape& shape = net.shape;
  const int64_t count = shape.parameter_count();
  FitOutcome outcome;
  // Everything the loop needs, allocated before it starts.
  Batches batches(shape, train, options);
  const int64_t records = fit_records(options.iterations, options.progress_every, batches.size(), train.m, options.shuffle);
  outcome.costs.reserve(static_cast<size_t>(records));
  outcome.history.reserve(static_cast<size_t>(records));
  const bool full_batch = batches.size() >= train.m && !options.shuffle;
  const int64_t chunk = evaluation_chunk(batches.size(), train.m);
  ws.ensure(shape, std::max(batches.size(), chunk));
  if (!options.keep_optimizer_state || !optimizer.fits(options.optimizer, count)) optimizer.reset(options.optimizer, count);
  std::vector<double> best;  // the parameters of the best validation, for restore_best
  const bool early_stopping = validation != nullptr && options.patience > 0;
  if (early_stopping && options.restore_best) best.resize(static_cast<size_t>(count));
  // Each set's sums, prepared once (a linear output's target means): a record allocates nothing.
  ScoreSums train_sums, validation_sums;
  train_sums.prepare(net, train);
  if (validation != nullptr) validation_sums.prepare(net, *validation);
  const double no_value = std::numeric_limits<double>::quiet_NaN();

  // With restore_best, a fit ends with the parameters of its best validation
  // however it ends (completed, stopped early, or stopped by its observer).
  const auto restore_best = [&] {
    if (!best.empty() && outcome.best_epoch >= 0) std::memcpy(params, best.data(), static_cast<size_t>(count) * sizeof(double));
  };
  const auto finish = [&](FitStatus status, int64_t updates, double final_cost) {
    if (status == FitStatus::Stopped) restore_best();
    outcome.status = status;
    outcome.iterations = updates;
    if (full_batch) outcome.epochs = updates;  // an update is an epoch, however the fit ends
    outcome.final_cost = final_cost;
    return std::move(outcome);
  };
  // A whole set's score, a chunk at a time.
  const auto score = [&](ScoreSums& sums, const Examples& examples) {
    sums.start();
    for (int64_t from = 0; from < examples.m; from += chunk) {
      sums.add_chunk(net, params, slice(examples, from, std::min(chunk, examples.m - from)), ws);
    }
    return sums.finish(net, examples.m);
  };

  // Threads for this fit: its share of the budget, by the size of a batch.
  const int share = compute_share(flops_per_iteration(shape, batches.size()));
  const auto cancelled = [&] { return observer.stop_requested(); };
  Lease threads(share, options.wait_for_threads ? Lease::Mode::Wait : Lease::Mode::NoWait, cancelled);
  if (!threads.granted()) return finish(FitStatus::Stopped, 0, no_value);
  auto slice_start = std::chrono::steady_clock::now();

  double previous_record = 0.0, epoch_cost = 0.0;
  double best_validation = std::numeric_limits<double>::infinity();
  double best_epoch_cost = no_value;  // the training cost of the record of the best validation
  int64_t without_improvement = 0;
  // The validation figures of the parameters as they stand (none without validation examples).
  const auto validate = [&](ProgressReport& report) {
    if (validation == nullptr) return;
    const Score s = score(validation_sums, *validation);
    report.validation_cost = s.cost + l2_cost(shape, params, options.l2, validation->m);
    report.validation_metric = s.metric;
  };
  // Whether a validated report is the best so far; if so it is kept (and the
  // parameters, for restore_best).
  const auto improved = [&](const ProgressReport& report) {
    if (validation == nullptr || !(report.validation_cost < best_validation - options.min_delta)) return false;
    best_validation = report.validation_cost;
    outcome.best_epoch = report.epoch;
    best_epoch_cost = report.cost;
    if (!best.empty()) std::memcpy(best.data(), params, static_cast<size_t>(count) * sizeof(double));
    return true;
  };
  // Takes a record (validated already): reports, and decides whether to go on.
  // Returns the status to stop with, or Completed to go on.
  const auto record = [&](const ProgressReport& report) {
    outcome.costs.push_back(report.cost);
    outcome.history.push_back(report);
    const bool converged =
        options.tolerance > 0.0 && outcome.costs.size() > 1 && std::fabs(report.cost - previous_record) < options.tolerance;
    previous_record = report.cost;
    bool stop_early = false;
    if (improved(report)) {
      without_improvement = 0;
    } else if (early_stopping && ++without_improvement >= options.patience) {
      stop_early = true;
    }
    if (!observer.progress(report)) return FitStatus::Stopped;
    if (converged) return FitStatus::Converged;
    if (stop_early) return FitStatus::StoppedEarly;
    return FitStatus::Completed;
  };

  int64_t update = 0;
  FitStatus ended = FitStatus::Completed;
  for (; update < options.iterations; ++update) {
    if (observer.stop_requested()) return finish(FitStatus::Stopped, update, no_value);
    // Take turns: after a time slice, give the threads back if others wait
    // for them (or take more if this fit runs with fewer than its share).
    if (std::chrono::steady_clock::now() - slice_start >= kTimeSlice &&
        (compute_budget().contended() || threads.threads() < share)) {
      if (!threads.renew()) return finish(FitStatus::Stopped, update, no_value);
      slice_start = std::chrono::steady_clock::now();
    }
    const int64_t epoch = update / batches.per_epoch();
    const int64_t position = update % batches.per_epoch();
    const Examples batch = batches.get(position);

    // A full-batch record is of the parameters before this update: its
    // validation is scored first, as scoring uses ws, where the forward pass
    // below leaves what backpropagation needs.
    const bool recording = full_batch && update % options.progress_every == 0;
    ProgressReport report{update, update, no_value, no_value, no_value};
    if (recording) validate(report);

    // Forward propagation and the cost of the parameters before this update.
    const double cost = forward_cost(net, params, batch, ws) + l2_cost(shape, params, options.l2, batch.m);
    if (cost_diverged(cost, net.output, shape.n2)) return finish(FitStatus::Diverged, update, cost);
    if (full_batch) {
      if (recording) {
        report.cost = cost;
        ended = record(report);
      }
    } else {
      epoch_cost += cost;
    }
    if (ended != FitStatus::Completed) break;

    // Backward propagation, then the update.
    gradients_from_cost(net, params, batch.X, batch.m, ws);
    add_l2_gradient(shape, params, ws.grads.data(), options.l2, batch.m);
    const double rate = options.learning_rate / (1.0 + options.learning_rate_decay * static_cast<double>(options.epoch_offset + epoch));
    if (!apply_update(options.optimizer, optimizer, params, ws.grads.data(), count, rate)) {
      return finish(FitStatus::Diverged, update, cost);
    }

    // An epoch's end (or the last update): its mean batch cost is the record.
    if (!full_batch && (position == batches.per_epoch() - 1 || update + 1 == options.iterations)) {
      ProgressReport epoch_report{update + 1, epoch + 1, epoch_cost / static_cast<double>(position + 1), no_value, no_value};
      validate(epoch_report);
      ended = record(epoch_report);
      epoch_cost = 0.0;
      outcome.epochs = epoch + 1;
      if (ended != FitStatus::Completed) {
        ++update;
        break;
      }
    }
  }
  if (ended == FitStatus::Stopped) return finish(FitStatus::Stopped, update, no_value);
  double final_cost = no_value;
  if (full_batch) {
    // The cost after the last update, one more forward pass (the lecture's
    // "cost after the last iteration"). A run that completed reports it, with
    // its validation, as the last record of its history (costs keeps the
    // costs before updates), and those parameters may be the best.
    final_cost = score(train_sums, train).cost + l2_cost(shape, params, options.l2, train.m);
    if (cost_diverged(final_cost, net.output, shape.n2)) return finish(FitStatus::Diverged, update, final_cost);
    if (ended == FitStatus::Completed) {
      ProgressReport last{update, update, final_cost, no_value, no_value};
      validate(last);
      improved(last);
      outcome.history.push_back(last);
      observer.progress(last);
    }
  } else {
    // Mini-batches: the record of the parameters left behind, its epoch's
    // mean batch cost, as scikit-learn and Keras report: a pass over the whole
    // training set would cost half an epoch more.
    final_cost = outcome.costs.back();
  }
  if (!best.empty() && outcome.best_epoch >= 0) {
    restore_best();
    final_cost = full_batch ? score(train_sums, train).cost + l2_cost(shape, params, options.l2, train.m) : best_epoch_cost;
  }
  return finish(ended, update, final_cost);
}

}  // namespace shallownet
