// The vector type every element-wise kernel computes with: eight doubles,
// whatever the instruction set — one AVX-512 register, two AVX2 registers, or
// four SSE2 / NEON registers. Each lane does the same scalar operations in the
// same order (no FMA contraction: -ffp-contract=off), and every sum is
// reduced over the same eight lanes in the same fixed tree, so every ISA gives
// the same bits; native/test/vmath_test.cpp checks that over 10^6 inputs.
//
// Eight lanes are spelled as an array of the ISA's own registers rather than
// as one 64-byte GCC vector: GCC lowers a 64-byte vector's comparisons and
// selects to scalar code on AVX2 (measured: tanh 2.5x slower).
//
// Included only by the per-ISA kernel files (kernels/isa_*.cpp), inside a
// namespace named after the ISA: the same inline functions compiled for
// different instruction sets must never be merged by the linker.
#pragma once

#ifndef SHALLOWNET_ISA
#error "kernels/vec.h is included only by a per-ISA kernel file, which defines SHALLOWNET_ISA"
#endif

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

#define SHALLOWNET_INLINE static inline __attribute__((always_inline))

namespace shallownet::SHALLOWNET_ISA {

constexpr int64_t kLanes = 8;
#if defined(__AVX512F__)
constexpr int64_t kWidth = 8;  // doubles per register
#elif defined(__AVX__)
constexpr int64_t kWidth = 4;
#else
constexpr int64_t kWidth = 2;  // SSE2, NEON
#endif
constexpr int64_t kRegs = kLanes / kWidth;

typedef double reg __attribute__((vector_size(kWidth * sizeof(double))));
typedef int64_t reg_mask __attribute__((vector_size(kWidth * sizeof(int64_t))));

struct vec {
  reg r[kRegs];
};
struct vmask {  // all ones where true; also holds the integer bits of exponents
  reg_mask r[kRegs];
};

#define SHALLOWNET_EACH(out, expression) \
  for (int64_t i = 0; i < kRegs; ++i) (out).r[i] = (expression)

SHALLOWNET_INLINE vec operator+(vec a, vec b) { vec c; SHALLOWNET_EACH(c, a.r[i] + b.r[i]); return c; }
SHALLOWNET_INLINE vec operator-(vec a, vec b) { vec c; SHALLOWNET_EACH(c, a.r[i] - b.r[i]); return c; }
SHALLOWNET_INLINE vec operator*(vec a, vec b) { vec c; SHALLOWNET_EACH(c, a.r[i] * b.r[i]); return c; }
SHALLOWNET_INLINE vec operator/(vec a, vec b) { vec c; SHALLOWNET_EACH(c, a.r[i] / b.r[i]); return c; }
SHALLOWNET_INLINE vec operator-(vec a) { vec c; SHALLOWNET_EACH(c, -a.r[i]); return c; }
SHALLOWNET_INLINE vec& operator+=(vec& a, vec b) { return a = a + b; }
SHALLOWNET_INLINE vmask operator<(vec a, vec b) { vmask c; SHALLOWNET_EACH(c, a.r[i] < b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator>(vec a, vec b) { vmask c; SHALLOWNET_EACH(c, a.r[i] > b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator>=(vec a, vec b) { vmask c; SHALLOWNET_EACH(c, a.r[i] >= b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator==(vec a, vec b) { vmask c; SHALLOWNET_EACH(c, a.r[i] == b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator+(vmask a, vmask b) { vmask c; SHALLOWNET_EACH(c, a.r[i] + b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator-(vmask a, vmask b) { vmask c; SHALLOWNET_EACH(c, a.r[i] - b.r[i]); return c; }
SHALLOWNET_INLINE vmask operator<<(vmask a, int bits) { vmask c; SHALLOWNET_EACH(c, a.r[i] << bits); return c; }
SHALLOWNET_INLINE vmask operator>>(vmask a, int bits) { vmask c; SHALLOWNET_EACH(c, a.r[i] >> bits); return c; }

// x - (+0) is x for every x, -0 included (a broadcast; x + 0 would turn -0 into +0).
SHALLOWNET_INLINE vec splat(double x) { vec c; SHALLOWNET_EACH(c, x - reg{}); return c; }
SHALLOWNET_INLINE vmask splat_int(int64_t x) { vmask c; SHALLOWNET_EACH(c, x + reg_mask{}); return c; }

SHALLOWNET_INLINE vec select(vmask mask, vec yes, vec no) {
  vec c;
  SHALLOWNET_EACH(c, mask.r[i] ? yes.r[i] : no.r[i]);
  return c;
}

SHALLOWNET_INLINE vec vmin(vec a, vec b) { return select(a < b, a, b); }
SHALLOWNET_INLINE vec vmax(vec a, vec b) { return select(a > b, a, b); }

SHALLOWNET_INLINE vmask operator&(vmask a, vmask b) { vmask c; SHALLOWNET_EACH(c, a.r[i] & b.r[i]); return c; }

// The correctly rounded square root (IEEE 754 requires it of every ISA, so the
// bits are the same everywhere, and the same as JavaScript's Math.sqrt).
#pragma GCC diagnostic push
// GCC 12's _mm512_sqrt_pd passes an undefined vector as its unused merge source.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
SHALLOWNET_INLINE vec vsqrt(vec a) {
  vec c;
#if defined(__AVX512F__)
  SHALLOWNET_EACH(c, (reg)_mm512_sqrt_pd((__m512d)a.r[i]));
#elif defined(__AVX__)
  SHALLOWNET_EACH(c, (reg)_mm256_sqrt_pd((__m256d)a.r[i]));
#elif defined(__SSE2__)
  SHALLOWNET_EACH(c, (reg)_mm_sqrt_pd((__m128d)a.r[i]));
#elif defined(__ARM_NEON)
  SHALLOWNET_EACH(c, (reg)vsqrtq_f64((float64x2_t)a.r[i]));
#else
#error "vsqrt: no square root for this instruction set"
#endif
  return c;
}
#pragma GCC diagnostic pop

// Reinterprets the bits (for the exponent tricks of vmath.h): a cast between
// GCC vectors of one size is a bit cast.
SHALLOWNET_INLINE vmask bits_of(vec v) { vmask m; SHALLOWNET_EACH(m, (reg_mask)v.r[i]); return m; }
SHALLOWNET_INLINE vec from_bits(vmask m) { vec v; SHALLOWNET_EACH(v, (reg)m.r[i]); return v; }

SHALLOWNET_INLINE vec vabs(vec x) {
  vmask bits = bits_of(x);
  SHALLOWNET_EACH(bits, bits.r[i] & INT64_MAX);
  return from_bits(bits);
}

// Register by register: one 64-byte copy through the stack would stall every
// load on store forwarding.
SHALLOWNET_INLINE vec load(const double* p) {
  vec v;
  for (int64_t i = 0; i < kRegs; ++i) std::memcpy(&v.r[i], p + i * kWidth, sizeof(reg));
  return v;
}
SHALLOWNET_INLINE void store(double* p, vec v) {
  for (int64_t i = 0; i < kRegs; ++i) std::memcpy(p + i * kWidth, &v.r[i], sizeof(reg));
}

SHALLOWNET_INLINE double lane(vec v, int64_t k) { return v.r[k / kWidth][k % kWidth]; }

// Always the same tree, so a sum does not depend on the register width.
SHALLOWNET_INLINE double horizontal_sum(vec v) {
  double x[kLanes];
  store(x, v);
  return ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
}

// The last `rest` (< kLanes) values, padded with zeros, so a row's tail goes
// through exactly the same arithmetic as its body.
SHALLOWNET_INLINE vec load_tail(const double* p, int64_t rest) {
  double padded[kLanes] = {};
  for (int64_t k = 0; k < rest; ++k) padded[k] = p[k];
  return load(padded);
}

SHALLOWNET_INLINE void store_tail(double* p, vec v, int64_t rest) {
  double x[kLanes];
  store(x, v);
  for (int64_t k = 0; k < rest; ++k) p[k] = x[k];
}

// Lanes from `rest` on set to zero, so padding never reaches a sum.
SHALLOWNET_INLINE vec keep_lanes(vec v, int64_t rest) {
  double lanes[kLanes];
  for (int64_t k = 0; k < kLanes; ++k) lanes[k] = static_cast<double>(k);
  return select(load(lanes) < splat(static_cast<double>(rest)), v, splat(0.0));
}

// All ones in the lanes whose value is finite (not NaN, not ±Infinity).
SHALLOWNET_INLINE vmask finite_lanes(vec v) { return vabs(v) < splat(__builtin_inf()); }

// Whether every lane of a mask is set.
SHALLOWNET_INLINE bool all_lanes(vmask m) {
  int64_t lanes[kLanes];
  for (int64_t i = 0; i < kRegs; ++i) std::memcpy(lanes + i * kWidth, &m.r[i], sizeof(reg_mask));
  int64_t all = -1;
  for (int64_t k = 0; k < kLanes; ++k) all &= lanes[k];
  return all == -1;
}

#undef SHALLOWNET_EACH

}  // namespace shallownet::SHALLOWNET_ISA
