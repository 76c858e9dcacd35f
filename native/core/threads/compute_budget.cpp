#include "compute_budget.h"

#include <algorithm>
#include <thread>

namespace shallownet {

void ComputeBudget::set_capacity(int capacity) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    capacity_ = std::max(1, capacity);
  }
  changed_.notify_all();
}

int ComputeBudget::capacity() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_;
}

int ComputeBudget::acquire(int wanted, Predicate cancelled) {
  std::unique_lock<std::mutex> lock(mutex_);
  Waiter self;
  (tail_ != nullptr ? tail_->next : head_) = &self;
  tail_ = &self;
  waiting_.fetch_add(1, std::memory_order_relaxed);
  bool stop = false;
  changed_.wait(lock, [&] { return (stop = cancelled()) || (head_ == &self && free_slots() > 0); });
  // Leave the queue (from the head when served; from anywhere when cancelled).
  Waiter** link = &head_;
  Waiter* previous = nullptr;
  while (*link != &self) previous = *link, link = &(*link)->next;
  *link = self.next;
  if (tail_ == &self) tail_ = previous;
  waiting_.fetch_sub(1, std::memory_order_relaxed);
  int taken = 0;
  if (!stop) {
    taken = std::min(std::max(wanted, 1), free_slots());
    in_use_ += taken;
  }
  lock.unlock();
  changed_.notify_all();  // the next in line may be served too
  return taken;
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
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_ -= slots;
  }
  changed_.notify_all();
}

void ComputeBudget::interrupt() {
  { std::lock_guard<std::mutex> lock(mutex_); }
  changed_.notify_all();
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
