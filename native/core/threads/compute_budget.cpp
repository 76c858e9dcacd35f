#include "compute_budget.h"

#include <algorithm>
#include <thread>

namespace shallownet {

void ComputeBudget::set_capacity(int capacity) {
  std::lock_guard<std::mutex> lock(mutex_);
  capacity_ = std::max(1, capacity);
  serve_waiters();
}

int ComputeBudget::capacity() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_;
}

void ComputeBudget::serve_waiters() {
  while (head_ != nullptr && free_slots() > 0) {
    Waiter* first = head_;
    head_ = first->next;
    if (head_ == nullptr) tail_ = nullptr;
    first->taken = std::min(first->wanted, free_slots());
    in_use_ += first->taken;
    waiting_.fetch_sub(1, std::memory_order_relaxed);
    first->served.notify_one();
  }
}

int ComputeBudget::acquire(int wanted, Predicate cancelled) {
  std::unique_lock<std::mutex> lock(mutex_);
  Waiter self;
  self.wanted = std::max(wanted, 1);
  (tail_ != nullptr ? tail_->next : head_) = &self;
  tail_ = &self;
  waiting_.fetch_add(1, std::memory_order_relaxed);
  serve_waiters();  // free slots and nobody ahead: served at once
  self.served.wait(lock, [&] { return self.taken > 0 || cancelled(); });
  if (self.taken > 0) return self.taken;
  // Cancelled while still queued: leave the queue.
  Waiter* previous = nullptr;
  for (Waiter* w = head_; w != &self; w = w->next) previous = w;
  (previous != nullptr ? previous->next : head_) = self.next;
  if (tail_ == &self) tail_ = previous;
  waiting_.fetch_sub(1, std::memory_order_relaxed);
  return 0;
}

int ComputeBudget::try_acquire(int wanted) {
  if (wanted <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (head_ != nullptr) return 0;
  const int taken = std::max(0, std::min(wanted, free_slots()));
  in_use_ += taken;
  return taken;
}

void ComputeBudget::release(int slots) {
  if (slots <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  in_use_ -= slots;
  serve_waiters();
}

void ComputeBudget::interrupt() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Waiter* w = head_; w != nullptr; w = w->next) w->served.notify_one();
}

ComputeBudget& compute_budget() {
  // Never destroyed: training threads may still hold slots during static destruction at exit.
  static ComputeBudget* budget = new ComputeBudget(std::max(1u, std::thread::hardware_concurrency()));
  return *budget;
}

int compute_share(int64_t flops_per_iteration) {
  // One thread per ~4 MFLOP of an iteration (~0.1 ms of one core): below
  // that, handing rows to another thread costs about what it saves.
  constexpr int64_t kFlopsPerThread = 4'000'000;
  const int64_t share = std::max<int64_t>(1, flops_per_iteration / kFlopsPerThread);
  return static_cast<int>(std::min<int64_t>(share, compute_budget().capacity()));
}

}  // namespace shallownet
