// The threads a computation runs on: the calling thread, plus helper threads
// it borrows for a while under a Lease, within the process's compute budget
// (threads/compute_budget.h).
//
// Work is split into independent rows (or tiles), and each is always processed
// whole by one thread: results never depend on how many threads ran.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace shallownet {

// A non-owning reference to a callable taking a row index. Unlike
// std::function it never allocates, so passing a lambda per pass keeps the
// training loop free of allocations.
class RowBody {
 public:
  template <typename F>
  RowBody(const F& body)  // NOLINT: implicit, so call sites pass lambdas directly
      : object_(&body), call_([](const void* object, int64_t row) { (*static_cast<const F*>(object))(row); }) {}
  void operator()(int64_t row) const { call_(object_, row); }

 private:
  const void* object_;
  void (*call_)(const void*, int64_t);
};

// The same for a question polled while waiting ("has this been cancelled?").
class Predicate {
 public:
  template <typename F>
  Predicate(const F& predicate)  // NOLINT: implicit
      : object_(&predicate), call_([](const void* object) { return (*static_cast<const F*>(object))(); }) {}
  bool operator()() const { return call_(object_); }

 private:
  const void* object_;
  bool (*call_)(const void*);
};

// Runs body(row) for every row in [0, rows), on the calling thread and the
// helpers of its current Lease, if the pass is big enough (rows * row_length
// elements) to be worth sharing; otherwise on the calling thread alone.
void parallel_rows(int64_t rows, int64_t row_length, RowBody body);

// The threads parallel_rows would run on now: the caller plus its lease's helpers.
int parallel_threads();

// Threads for one computation, held for a while and then given back.
//   Wait:   a training thread's. It waits its turn for at least one slot (its
//           own thread) and takes up to `threads` (its share), the rest as helpers.
//   NoWait: the caller's own thread (a synchronous call), which never waits:
//           it runs with whatever free slots it gets as helpers, possibly none.
// While a Lease lives, parallel_rows on the constructing thread uses its helpers.
// `cancelled` is kept by reference (a Predicate does not own its callable)
// and polled again by renew(): it must outlive the Lease.
class Lease {
 public:
  enum class Mode { Wait, NoWait };
  Lease(int threads, Mode mode, Predicate cancelled);
  explicit Lease(int threads);  // NoWait
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // False only if `cancelled` became true while waiting for a slot.
  bool granted() const { return granted_; }
  // The threads this computation runs on now, the caller included.
  int threads() const { return 1 + helper_count_; }
  // Gives the threads back and takes new ones, so that others waiting get
  // their turn. Returns false if cancelled while waiting.
  bool renew();

  static constexpr int kMaxHelpers = 64;

 private:
  void take();
  void give_back();

  int wanted_;
  Mode mode_;
  Predicate cancelled_;
  bool granted_ = false;
  int slots_ = 0;
  int helper_count_ = 0;
  void* helpers_[kMaxHelpers];
  Lease* previous_;  // the calling thread's lease before this one

 public:
  // Where the caller of a parallel pass sleeps until its helpers are done:
  // built once per lease, not once per pass (on mingw's winpthreads a mutex
  // and a condition variable allocate on first use).
  struct PassSignal {
    std::mutex mutex;
    std::condition_variable done;
  };

 private:
  PassSignal signal_;
};

// Every helper thread that exists (they are created as the budget grows, and
// never exit: idle ones sleep).
int helper_threads();

}  // namespace shallownet
