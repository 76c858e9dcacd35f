// Large buffers of doubles (a shuffled fit's copy of X, fitAsync's copies of
// its inputs), left uninitialised and, on Linux, backed by transparent huge
// pages where the kernel has them: the first touch of a fresh 4 KiB page costs
// a fault, and on some VMs those faults dominate (measured here: 1.7 s to
// first touch 376 MB in 4 KiB pages, 0.03 s when huge pages were available).
#pragma once

#include <cstdint>
#include <memory>

namespace shallownet {

class BigBuffer {
 public:
  BigBuffer() = default;

  // Room for at least `count` doubles, keeping the current buffer when it is
  // large enough (its contents are then kept too). Throws std::bad_alloc.
  void reserve(int64_t count);
  void release();

  double* data() const { return data_.get(); }
  int64_t capacity() const { return capacity_; }

 private:
  struct Free {
    void operator()(double* p) const;
  };
  std::unique_ptr<double[], Free> data_;
  int64_t capacity_ = 0;
};

}  // namespace shallownet
