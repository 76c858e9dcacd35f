// One computation at a time per process. BLAS and the element-wise pool each
// use every core, so two networks training at once (two fitAsync calls, or a
// fit beside a step) would put twice as many threads as cores to work and
// slow both. Instead they take turns, an iteration at a time, in arrival
// order (a ticket lock, so neither starves), and each turn has the machine.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace shallownet {

class ComputeGate {
 public:
  void enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    const uint64_t ticket = next_ticket_++;
    turn_.wait(lock, [&] { return serving_ == ticket; });
  }
  void leave() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  uint64_t next_ticket_ = 0;
  uint64_t serving_ = 0;
};

ComputeGate& compute_gate();

// Holds the gate for a scope: one iteration, or one call.
class ComputeTurn {
 public:
  ComputeTurn() { compute_gate().enter(); }
  ~ComputeTurn() { compute_gate().leave(); }
  ComputeTurn(const ComputeTurn&) = delete;
  ComputeTurn& operator=(const ComputeTurn&) = delete;
};

}  // namespace shallownet
