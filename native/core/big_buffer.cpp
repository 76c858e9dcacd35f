#include "big_buffer.h"

#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace shallownet {

namespace {
// A huge page's size on x86-64 and arm64 (4 KiB base pages); smaller buffers are allocated as usual.
constexpr size_t kHugePage = size_t{2} << 20;

double* allocate(size_t bytes) {
  const bool huge = bytes >= kHugePage;
  if (huge) bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
#if defined(_WIN32)
  void* p = _aligned_malloc(bytes, huge ? kHugePage : 64);
#else
  void* p = nullptr;
  if (posix_memalign(&p, huge ? kHugePage : 64, bytes) != 0) p = nullptr;
#endif
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: where the kernel has no huge page to give, 4 KiB pages as usual.
  if (huge) madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return static_cast<double*>(p);
}
}  // namespace

void BigBuffer::Free::operator()(double* p) const {
#if defined(_WIN32)
  _aligned_free(p);
#else
  std::free(p);
#endif
}

void BigBuffer::reserve(int64_t count) {
  if (count <= capacity_) return;
  release();
  data_.reset(allocate(static_cast<size_t>(count) * sizeof(double)));
  capacity_ = count;
}

void BigBuffer::release() {
  data_.reset();
  capacity_ = 0;
}

}  // namespace shallownet
