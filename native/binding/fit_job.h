// fitAsync: the training loop on a thread of its own, never on libuv's
// threadpool (which fs, dns.lookup, zlib and crypto share, so long work there
// starves them). The thread takes turns for compute threads with every other
// computation in the process (threads/compute_budget.h).
//
// The thread talks to JS through a thread-safe function: progress reports
// (coalesced: one call drains every report published since the last), the
// pieces of a large input copy, and the end. The promise settles on the main
// thread. Everything the thread needs lives in this job or in the NativeNet,
// which the job keeps alive with a reference while it runs.
//
// Teardown: when the environment goes away (worker.terminate(), process exit)
// Node closes the thread-safe function and calls its finalizer, which stops
// the training at the next iteration and joins the thread — so a worker thread
// can be terminated mid-training and the process lives on.
#pragma once

#include <napi.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../core/fit.h"
#include "args.h"

namespace shallownet::binding {

class NativeNet;

// One of fitAsync's inputs (X, Y, and the validation set's): where the
// training thread reads it, and how it gets there.
struct TrainingInput {
  enum class Source {
    Copied,  // copied (and checked) before fitAsync returned: small inputs
    Pieces,  // copied in pieces over turns of the event loop: large inputs
    Shared,  // a SharedArrayBuffer's, which cannot be detached or shrunk: read in place
  };
  const char* name = "X";
  ValueRule rule = ValueRule::Finite;
  bool probability_columns = false;  // a softmax's targets: each column sums to 1
  int64_t cols = 0;                  // m: the examples, for messages and the column check
  Source source = Source::Copied;
  int64_t length = 0;
  Napi::Reference<Napi::Float64Array> array;  // the caller's array (Pieces, Shared): kept alive
  const double* shared = nullptr;             // Shared: its data
  double* copy = nullptr;                     // Copied, Pieces: the copy (the net's training data)
  int64_t copied = 0;                         // Pieces: values copied so far

  const double* data() const { return source == Source::Shared ? shared : copy; }
};

class FitJob {
 public:
  // Starts training on a new thread; returns the promise of fitAsync.
  // (Throws, starting nothing, if the thread cannot be created.)
  // inputs: X and Y, then the validation set's (validation_m > 0).
  static Napi::Promise start(Napi::Env env, NativeNet* net, Napi::Object net_object, int64_t m, int64_t validation_m,
                             std::vector<TrainingInput> inputs, FitOptions options, Napi::Value on_progress);

  // Stops training at the next iteration boundary, or while it waits for
  // compute threads or for pieces of its input. Any thread.
  void abort();

  // The NativeNet is being destroyed: stop and wait for the thread.
  void detach_net();

  // Values copied per turn of the event loop (4 MB): each piece takes about a millisecond.
  static constexpr int64_t kPieceValues = int64_t{1} << 19;

 private:
  enum class Message { Progress, CopyPiece, Done };
  class Observer;

  FitJob(NativeNet* net, int64_t m, int64_t validation_m, std::vector<TrainingInput> inputs, FitOptions options);

  // On the training thread.
  void run();
  void train();
  bool copy_in_pieces(TrainingInput& input);
  void stop_before_training();
  void check_in_place(const TrainingInput& input);
  void check_columns(const TrainingInput& input);
  void publish(const ProgressReport& report);
  void send(Message message);

  // On the main thread.
  static void call_js(napi_env env, napi_value, void* context, void* data);
  static void finalize(napi_env env, void* data, void* hint);
  void deliver_progress(Napi::Env env);
  void copy_piece(Napi::Env env);
  void settle(Napi::Env env);
  void settle_failed(Napi::Env env) noexcept;  // settle() threw: reject with a plain Error
  void join();

  NativeNet* net_;  // null once the net is destroyed
  Napi::ObjectReference net_ref_;
  Napi::FunctionReference on_progress_;
  Napi::ObjectReference callback_error_;  // boxed; set if onProgress threw
  Napi::Promise::Deferred deferred_;
  napi_threadsafe_function tsfn_ = nullptr;
  std::thread thread_;

  const int64_t m_;
  const int64_t validation_m_;
  std::vector<TrainingInput> inputs_;  // X, Y[, validation X, validation Y]
  const FitOptions options_;
  FitOutcome outcome_;

  std::atomic<bool> abort_{false};
  bool has_callback_ = false;  // onProgress given: worth telling the main thread about progress

  // Progress: the training thread publishes reports; the main thread delivers them.
  std::vector<ProgressReport> reports_;  // reserved before training: one per record, and the last
  std::atomic<int64_t> published_{0};
  int64_t delivered_ = 0;
  std::atomic<bool> progress_pending_{false};

  // Copying in pieces: the training thread asks for a piece and waits.
  std::mutex copy_mutex_;
  std::condition_variable copy_done_;
  TrainingInput* copying_ = nullptr;  // the input whose next piece is asked for
  bool piece_ready_ = false;

  // How it ended, when not with an outcome.
  enum class Failure { None, Range, Other };
  Failure failure_ = Failure::None;
  std::string failure_message_;
};

}  // namespace shallownet::binding
