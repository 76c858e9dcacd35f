#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "compute_budget.h"

namespace shallownet {

namespace {

// Below this many elements a pass takes a few microseconds: waking a thread would cost more.
constexpr int64_t kMinElements = 1 << 15;

// How long a helper, or a caller waiting for its helpers, spins before it
// sleeps. A training loop posts several passes per update, microseconds
// apart; waking a sleeping thread costs a futex call and, on the VMs measured
// here, tens of microseconds of interrupt handling (8 % of an MNIST-sized
// mini-batch epoch). Spinning this long bounds the waste to a short burst
// after the last pass.
constexpr auto kSpin = std::chrono::microseconds(100);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// One parallel pass: rows handed out one at a time until none are left.
struct Pass {
  const RowBody* body;
  int64_t rows;
  Lease::PassSignal* signal;  // the caller's lease's
  std::atomic<int64_t> next{0};
  std::atomic<int> running{0};  // helpers still working on it
  std::atomic<bool> waiting{false};  // the caller sleeps on signal->done

  void drain() {
    for (int64_t row = next.fetch_add(1); row < rows; row = next.fetch_add(1)) (*body)(row);
  }

  // A helper is done with it. Under the mutex: the caller, once it has seen
  // running reach 0, takes the mutex before the pass (on its stack) goes away,
  // so no helper still touches it.
  void leave() {
    std::lock_guard<std::mutex> lock(signal->mutex);
    if (running.fetch_sub(1) == 1 && waiting.load()) signal->done.notify_one();
  }

  // The caller, its own share drained: waits for the helpers, spinning first.
  void wait_for_helpers() {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    while (running.load() != 0 && std::chrono::steady_clock::now() < until) cpu_relax();
    std::unique_lock<std::mutex> lock(signal->mutex);
    waiting.store(true);
    signal->done.wait(lock, [&] { return running.load() == 0; });
  }
};

// A helper thread: spins briefly, then sleeps, until a lease's owner posts it a pass.
class Helper {
 public:
  Helper() : thread_([this] { loop(); }) {}

  void post(Pass* pass) {
    pass_.store(pass);
    // Sequentially consistent with the helper's store to sleeping_ and its
    // check of pass_: either it sees the pass, or this sees it asleep.
    if (sleeping_.load()) {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_.notify_one();
    }
  }

 private:
  Pass* next_pass() {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (;;) {
      if (Pass* pass = pass_.exchange(nullptr)) return pass;
      if (std::chrono::steady_clock::now() >= until) break;
      cpu_relax();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    sleeping_.store(true);
    Pass* pass = nullptr;
    wake_.wait(lock, [&] { return (pass = pass_.exchange(nullptr)) != nullptr; });
    sleeping_.store(false);
    return pass;
  }

  void loop() {
    for (;;) {
      Pass* pass = next_pass();
      pass->drain();
      pass->leave();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<Pass*> pass_{nullptr};
  std::atomic<bool> sleeping_{false};
  std::thread thread_;  // last: starts once the rest is built
};

// The helpers: as many as the budget has slots (a caller that does not count
// itself may borrow one per slot), created on demand, lent out and given back.
class HelperPool {
 public:
  // Borrows `count` idle helpers, creating any that are missing.
  int borrow(int count, void** out) {
    std::lock_guard<std::mutex> lock(mutex_);
    int taken = 0;
    while (taken < count) {
      if (idle_.empty()) {
        all_.push_back(new Helper());  // never deleted: helpers live as long as the process
        idle_.push_back(all_.back());
      }
      out[taken++] = idle_.back();
      idle_.pop_back();
    }
    return taken;
  }

  void give_back(void** helpers, int count) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int k = 0; k < count; ++k) idle_.push_back(static_cast<Helper*>(helpers[k]));
  }

  int size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(all_.size());
  }

 private:
  std::mutex mutex_;
  std::vector<Helper*> all_;
  std::vector<Helper*> idle_;
};

HelperPool& pool() {
  static HelperPool* instance = new HelperPool();  // never destroyed, like its threads
  return *instance;
}

thread_local Lease* current_lease = nullptr;
thread_local void* const* current_helpers = nullptr;
thread_local int current_helper_count = 0;
thread_local Lease::PassSignal* current_signal = nullptr;

}  // namespace

Lease::Lease(int threads, Mode mode, Predicate cancelled)
    : wanted_(std::clamp(threads, 1, kMaxHelpers)), mode_(mode), cancelled_(cancelled), previous_(current_lease) {
  take();
  current_lease = this;
  current_signal = &signal_;
}

namespace {
const auto kNever = [] { return false; };
}  // namespace

Lease::Lease(int threads) : Lease(threads, Mode::NoWait, kNever) {}

Lease::~Lease() {
  give_back();
  current_lease = previous_;
  if (previous_ == nullptr) {
    current_helpers = nullptr;
    current_helper_count = 0;
    current_signal = nullptr;
  } else {
    current_helpers = previous_->helpers_;
    current_helper_count = previous_->helper_count_;
    current_signal = &previous_->signal_;
  }
}

void Lease::take() {
  ComputeBudget& budget = compute_budget();
  if (mode_ == Mode::Wait) {
    slots_ = budget.acquire(wanted_, cancelled_);
    granted_ = slots_ > 0;
    helper_count_ = std::max(0, slots_ - 1);
  } else {
    slots_ = budget.try_acquire(wanted_ - 1);
    granted_ = true;
    helper_count_ = slots_;
  }
  helper_count_ = pool().borrow(std::min(helper_count_, kMaxHelpers), helpers_);
  current_helpers = helpers_;
  current_helper_count = helper_count_;
}

void Lease::give_back() {
  pool().give_back(helpers_, helper_count_);
  compute_budget().release(slots_);
  helper_count_ = 0;
  slots_ = 0;
  current_helper_count = 0;
}

bool Lease::renew() {
  give_back();
  take();
  return granted_;
}

int helper_threads() { return pool().size(); }

int parallel_threads() { return 1 + current_helper_count; }

void parallel_rows(int64_t rows, int64_t row_length, RowBody body) {
  const int helpers = current_helper_count;
  if (helpers == 0 || rows <= 1 || rows * row_length < kMinElements) {
    for (int64_t row = 0; row < rows; ++row) body(row);
    return;
  }
  Pass pass;
  pass.body = &body;
  pass.rows = rows;
  pass.signal = current_signal;
  const int used = static_cast<int>(std::min<int64_t>(helpers, rows - 1));
  pass.running = used;
  for (int k = 0; k < used; ++k) static_cast<Helper*>(current_helpers[k])->post(&pass);
  pass.drain();
  pass.wait_for_helpers();
}

}  // namespace shallownet
