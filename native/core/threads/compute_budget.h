// The machine's compute budget, shared by every network in the process: a
// number of threads (default: one per core; setThreads changes it) that all
// computations running at once may use together, so that training several
// networks at the same time never oversubscribes the cores.
//
// A computation takes "slots" (one per thread it runs on) and gives them back.
// Training threads wait their turn, first come first served; a call on the
// caller's own thread (a synchronous predictProba, step or fit) never waits:
// it takes whatever slots are free for helpers, possibly none.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "parallel.h"

namespace shallownet {

class ComputeBudget {
 public:
  explicit ComputeBudget(int capacity) : capacity_(capacity) {}

  // Takes effect as slots are given back: lowering it never interrupts a computation.
  void set_capacity(int capacity);
  int capacity() const;

  // Waits, in arrival order, until at least one slot is free or `cancelled`
  // returns true; then takes min(wanted, free) slots. Returns the number
  // taken, 0 only when cancelled. `cancelled` is polled when interrupt() is called.
  int acquire(int wanted, Predicate cancelled);

  // Takes up to `wanted` free slots without waiting (none while others wait).
  int try_acquire(int wanted);

  void release(int slots);

  // Whether a computation is waiting for slots (so the holders should take turns).
  bool contended() const { return waiting_.load(std::memory_order_relaxed) > 0; }

  // Wakes every waiter to poll its `cancelled` (after an abort).
  void interrupt();

 private:
  // A waiter, on its caller's stack: the queue allocates nothing. Slots are
  // handed to the head of the queue by whoever frees them, and only that
  // waiter is woken: waking them all would have each preempt a running
  // computation just to find it must wait on.
  struct Waiter {
    Waiter* next = nullptr;
    int wanted = 1;
    int taken = 0;  // set when served
    std::condition_variable served;
  };
  int free_slots() const { return capacity_ - in_use_; }
  void serve_waiters();  // with mutex_ held

  mutable std::mutex mutex_;
  int capacity_;
  int in_use_ = 0;
  Waiter* head_ = nullptr;  // the queue, first come first served
  Waiter* tail_ = nullptr;
  std::atomic<int> waiting_{0};
};

// The process's budget; its capacity starts at the number of cores.
ComputeBudget& compute_budget();

// Threads (slots) one computation would use, by its size: a tiny network's
// iteration takes microseconds and gains nothing from a second thread, a large
// one wants every core. At least 1, at most the budget's capacity.
int compute_share(int64_t flops_per_iteration);

}  // namespace shallownet
