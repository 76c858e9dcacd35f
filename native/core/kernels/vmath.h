// Vectorised exp, tanh and log1p, eight doubles at a time, accurate to a few
// ulp over the ranges the network uses (native/test/vmath_test.cpp checks
// every ISA's build against libm, and the builds against each other, bit for bit).
//
// Why our own: libm's scalar tanh costs ~15 ns an element, which made tanh
// the largest single cost of training a hidden layer; these run at ~1 ns.
//
// Every step is a plain multiply, add or divide: the build turns off FMA
// contraction (-ffp-contract=off), which is what makes the AVX-512, AVX2,
// SSE2 and NEON builds agree to the last bit, so training gives the same
// numbers on every CPU (beyond what BLAS itself does).
#pragma once

#include "vec.h"

namespace shallownet::SHALLOWNET_ISA::vmath {

// Rounds to the nearest integer (ties to even) and returns it both as a double
// and as the integer bits: adding 1.5 * 2^52 leaves the integer in the low
// mantissa bits. Valid for |x| < 2^51.
SHALLOWNET_INLINE vec round_with_bits(vec x, vmask* integer) {
  const vec shifter = splat(0x1.8p52);
  const vec shifted = x + shifter;
  *integer = bits_of(shifted) - bits_of(shifter);
  return shifted - shifter;
}

// 2^n for integer n in [-1022, 1023].
SHALLOWNET_INLINE vec pow2(vmask n) {
  return from_bits((n + splat_int(1023)) << 52);
}

constexpr double kLn2Hi = 0x1.62e42fefa3800p-1;   // ln 2, high bits (exact times small n)
constexpr double kLn2Lo = 0x1.ef35793c76730p-45;  // ln 2 - kLn2Hi
constexpr double kLog2e = 0x1.71547652b82fep0;

// e^r - 1 for |r| <= ln(2)/2, Taylor to degree 13 (truncation < 5e-18).
SHALLOWNET_INLINE vec expm1_reduced(vec r) {
  vec p = splat(1.0 / 6227020800.0);       // 1/13!
  p = p * r + splat(1.0 / 479001600.0);    // 1/12!
  p = p * r + splat(1.0 / 39916800.0);     // 1/11!
  p = p * r + splat(1.0 / 3628800.0);      // 1/10!
  p = p * r + splat(1.0 / 362880.0);       // 1/9!
  p = p * r + splat(1.0 / 40320.0);        // 1/8!
  p = p * r + splat(1.0 / 5040.0);         // 1/7!
  p = p * r + splat(1.0 / 720.0);          // 1/6!
  p = p * r + splat(1.0 / 120.0);          // 1/5!
  p = p * r + splat(1.0 / 24.0);           // 1/4!
  p = p * r + splat(1.0 / 6.0);            // 1/3!
  p = p * r + splat(0.5);                  // 1/2!
  return r + (r * r) * p;                  // r + r^2 (1/2 + r/6 + ...)
}

// Splits x = n ln2 + r with |r| <= ln(2)/2.
SHALLOWNET_INLINE vec reduce(vec x, vmask* n) {
  const vec nd = round_with_bits(x * splat(kLog2e), n);
  return (x - nd * splat(kLn2Hi)) - nd * splat(kLn2Lo);
}

// e^x: a few ulp on [-745.1, 709.78]; 0 below, +inf above.
SHALLOWNET_INLINE vec exp(vec x) {
  constexpr double kMax = 709.782712893384;  // log(DBL_MAX)
  constexpr double kMin = -745.2;            // below log(smallest subnormal / 2)
  const vec clamped = vmin(vmax(x, splat(kMin)), splat(kMax));
  vmask n;
  const vec r = reduce(clamped, &n);
  const vec e = splat(1.0) + expm1_reduced(r);
  // 2^n as two factors, each a normal double: n runs from -1075 to 1024 here,
  // and the single rounding at the last product makes subnormal results right.
  const vmask half = n >> 1;
  const vec result = (e * pow2(half)) * pow2(n - half);
  return select(x > splat(kMax), splat(__builtin_inf()), select(x < splat(kMin), splat(0.0), result));
}

// tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x.
SHALLOWNET_INLINE vec tanh(vec x) {
  // tanh(|x|) rounds to 1 from |x| = 19.06 on; clamping also keeps 2^n normal.
  const vec ax = vmin(vabs(x), splat(20.0));
  const vec y = splat(-2.0) * ax;
  vmask n;
  const vec r = reduce(y, &n);
  const vec em = expm1_reduced(r);
  const vec scale = pow2(n);
  // expm1(y) = 2^n (expm1(r) + 1) - 1 = 2^n expm1(r) + (2^n - 1); exact for n = 0.
  const vec u = scale * em + (scale - splat(1.0));
  const vec t = -u / (splat(2.0) + u);
  return select(x < splat(0.0), -t, t);
}

// log f for f in [sqrt(1/2), sqrt(2)]: 2 atanh(s), s = (f - 1)/(f + 1),
// |s| <= 0.1716, by its series to s^23 (log1p_unit's and log's last step).
SHALLOWNET_INLINE vec log_reduced(vec f) {
  const vec s = (f - splat(1.0)) / (f + splat(1.0));
  const vec s2 = s * s;
  vec p = splat(2.0 / 23.0);
  p = p * s2 + splat(2.0 / 21.0);
  p = p * s2 + splat(2.0 / 19.0);
  p = p * s2 + splat(2.0 / 17.0);
  p = p * s2 + splat(2.0 / 15.0);
  p = p * s2 + splat(2.0 / 13.0);
  p = p * s2 + splat(2.0 / 11.0);
  p = p * s2 + splat(2.0 / 9.0);
  p = p * s2 + splat(2.0 / 7.0);
  p = p * s2 + splat(2.0 / 5.0);
  p = p * s2 + splat(2.0 / 3.0);
  const vec log_f = splat(2.0) * s + s * (s2 * p);
  return log_f;
}

// log(1 + v) for v in [0, 1].
SHALLOWNET_INLINE vec log1p_unit(vec v) {
  const vec u = splat(1.0) + v;
  // The rounding error of 1 + v, added back at first order: log(u + c) ~ log u + c / u.
  const vec correction = (v - (u - splat(1.0))) / u;
  // u in [1, 2]: take f = u or u / 2 in [sqrt(1/2), sqrt(2)], log u = k ln2 + log f.
  const vmask big = u > splat(1.4142135623730951);
  const vec f = select(big, u * splat(0.5), u);
  const vec k = select(big, splat(1.0), splat(0.0));
  const vec log_f = log_reduced(f);
  return k * splat(kLn2Hi) + ((k * splat(kLn2Lo) + correction) + log_f);
}

// log(x) for a positive normal x (softmax's log-sum-exp takes it of a sum in
// [1, classes]): x = 2^k f with f in [sqrt(1/2), sqrt(2)), log x = k ln2 + log f,
// log f by log_reduced, as log1p_unit.
SHALLOWNET_INLINE vec log(vec x) {
  vmask bits = bits_of(x);
  const vmask exponent = (bits >> 52) - splat_int(1023);
  vmask mantissa_bits = bits;
  for (int64_t i = 0; i < kRegs; ++i) mantissa_bits.r[i] = (bits.r[i] & 0x000fffffffffffffLL) | 0x3ff0000000000000LL;
  vec f = from_bits(mantissa_bits);  // in [1, 2)
  vec k;
  for (int64_t i = 0; i < kRegs; ++i) k.r[i] = __builtin_convertvector(exponent.r[i], reg);
  const vmask big = f > splat(1.4142135623730951);
  f = select(big, f * splat(0.5), f);
  k = select(big, k + splat(1.0), k);
  const vec log_f = log_reduced(f);
  return k * splat(kLn2Hi) + (k * splat(kLn2Lo) + log_f);
}

// sigmoid(z) from e = e^-|z|: 1 / (1 + e) for z >= 0, e / (1 + e) below, so
// the output pass can share one exp between sigmoid and the loss.
SHALLOWNET_INLINE vec sigmoid_from(vec z, vec e) {
  const vec inverse = splat(1.0) / (splat(1.0) + e);
  return select(z >= splat(0.0), inverse, e * inverse);
}

SHALLOWNET_INLINE vec sigmoid(vec z) { return sigmoid_from(z, exp(-vabs(z))); }

// The logistic loss of sigmoid(z) against y, from e = e^-|z|:
// max(z, 0) - z y + log1p(e).
SHALLOWNET_INLINE vec logistic_loss_from(vec z, vec y, vec e) {
  return (vmax(z, splat(0.0)) - z * y) + log1p_unit(e);
}

}  // namespace shallownet::SHALLOWNET_ISA::vmath
