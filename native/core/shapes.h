// Sizes of the network and the packed parameter layout shared by the core,
// the binding and the TS backend: one contiguous buffer [W1 | b1 | W2 | b2],
// each row-major, so an update is one pass and a copy is one memcpy.
#pragma once

#include <cstdint>

namespace shallownet {

struct Shape {
  int64_t n0;  // inputSize: features per example
  int64_t n1;  // hiddenSize: hidden units
  int64_t n2;  // outputSize: output units (sigmoid, softmax or linear head)

  int64_t w1_size() const { return n1 * n0; }
  int64_t b1_offset() const { return w1_size(); }
  int64_t w2_offset() const { return b1_offset() + n1; }
  int64_t b2_offset() const { return w2_offset() + n2 * n1; }
  int64_t parameter_count() const { return b2_offset() + n2; }
};

// Views into a packed parameter (or gradient) buffer.
template <typename T>
struct PackedView {
  T* W1;  // (n1, n0)
  T* b1;  // (n1, 1)
  T* W2;  // (n2, n1)
  T* b2;  // (n2, 1)
};

template <typename T>
PackedView<T> unpack(T* packed, const Shape& s) {
  return {packed, packed + s.b1_offset(), packed + s.w2_offset(), packed + s.b2_offset()};
}

}  // namespace shallownet
