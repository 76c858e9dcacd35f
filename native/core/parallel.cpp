#include "parallel.h"

#include "gate.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace shallownet {

namespace {

// Below this many elements a pass takes a few microseconds: waking a thread would cost more.
constexpr int64_t kMinElements = 1 << 15;

class Pool {
 public:
  explicit Pool(int threads) { start(threads); }

  int threads() {
    std::lock_guard<std::mutex> busy(busy_);
    return static_cast<int>(workers_.size()) + 1;
  }

  // Waits for a running pass to finish first.
  void resize(int threads) {
    std::lock_guard<std::mutex> busy(busy_);
    stop_workers();
    start(threads);
  }

  // false if another pass holds the pool (the caller then runs the pass itself).
  bool try_run(int64_t rows, const RowBody& body) {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock() || workers_.empty()) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      body_ = &body;
      rows_ = rows;
      next_row_ = 0;
      active_ = static_cast<int>(workers_.size());
      ++generation_;
    }
    wake_.notify_all();
    drain();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return active_ == 0; });
    body_ = nullptr;
    return true;
  }

 private:
  void drain() {
    for (int64_t row = next_row_.fetch_add(1); row < rows_; row = next_row_.fetch_add(1)) (*body_)(row);
  }

  void work(uint64_t seen) {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
      }
      drain();
      std::lock_guard<std::mutex> lock(mutex_);
      if (--active_ == 0) done_.notify_one();
    }
  }

  void start(int threads) {
    stopping_ = false;
    // New workers start from the current generation: a pass that ran before
    // a resize must not look new to them.
    const uint64_t current = generation_;
    for (int k = 1; k < threads; ++k) workers_.emplace_back([this, current] { work(current); });
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
  }

  std::mutex busy_;  // held by the pass that owns the pool
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  const RowBody* body_ = nullptr;
  int64_t rows_ = 0;
  std::atomic<int64_t> next_row_{0};
  int active_ = 0;
  uint64_t generation_ = 0;
  bool stopping_ = false;
};

int default_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

Pool& pool() {
  // Never destroyed: worker threads must not be joined during static destruction at exit.
  static Pool* instance = new Pool(default_threads());
  return *instance;
}

}  // namespace

void parallel_rows(int64_t rows, int64_t row_length, RowBody body) {
  if (rows > 1 && rows * row_length >= kMinElements && pool().try_run(rows, body)) return;
  for (int64_t row = 0; row < rows; ++row) body(row);
}

ComputeGate& compute_gate() {
  static ComputeGate* gate = new ComputeGate();  // never destroyed, like the pool
  return *gate;
}

void set_elementwise_threads(int threads) { pool().resize(threads < 1 ? 1 : threads); }

int elementwise_threads() { return pool().threads(); }

}  // namespace shallownet
