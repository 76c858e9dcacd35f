// The seeded generator of lib/random.ts, bit for bit (xoshiro128**, seeded
// through splitmix32, uniform doubles from 53 random bits), so that both
// backends shuffle a training set into the same order for the same seed.
#pragma once

#include <cstdint>

namespace shallownet {

class SeededRandom {
 public:
  explicit SeededRandom(uint32_t seed);
  uint32_t next_uint32();
  double uniform();  // in [0, 1), 53 random bits

  // Fisher–Yates, in place: for i from count − 1 down to 1, swap order[i] with
  // order[floor(uniform() · (i + 1))]. lib/random.ts shuffles the same way.
  void shuffle(int64_t* order, int64_t count);

 private:
  uint32_t a_, b_, c_, d_;
};

}  // namespace shallownet
