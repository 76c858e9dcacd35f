#include "random.h"

#include <utility>

namespace shallownet {

namespace {
uint32_t rotl(uint32_t x, int bits) { return (x << bits) | (x >> (32 - bits)); }
}  // namespace

SeededRandom::SeededRandom(uint32_t seed) {
  // splitmix32 spreads any 32-bit seed over the four words of state.
  uint32_t state = seed;
  const auto next = [&] {
    state += 0x9e3779b9u;
    uint32_t z = state;
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
  };
  a_ = next();
  b_ = next();
  c_ = next();
  d_ = next();
}

uint32_t SeededRandom::next_uint32() {
  const uint32_t result = rotl(b_ * 5u, 7) * 9u;
  const uint32_t t = b_ << 9;
  c_ ^= a_;
  d_ ^= b_;
  b_ ^= c_;
  a_ ^= d_;
  c_ ^= t;
  d_ = rotl(d_, 11);
  return result;
}

double SeededRandom::uniform() {
  const uint32_t high = next_uint32() >> 5;  // 27 bits
  const uint32_t low = next_uint32() >> 6;   // 26 bits
  return (static_cast<double>(high) * 67108864.0 + static_cast<double>(low)) / 9007199254740992.0;
}

void SeededRandom::shuffle(int64_t* order, int64_t count) {
  for (int64_t i = count - 1; i >= 1; --i) {
    const auto j = static_cast<int64_t>(uniform() * static_cast<double>(i + 1));
    std::swap(order[i], order[j]);
  }
}

}  // namespace shallownet
