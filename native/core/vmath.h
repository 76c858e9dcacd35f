// Vectorised exp, tanh and log1p on four doubles at a time, accurate to a few
// ulp over the ranges the network uses (native/test/core_test.cpp checks them
// against libm over millions of points).
//
// Why our own: libm's scalar tanh costs ~15 ns an element, which made tanh
// the largest single cost of training a hidden layer; these run at ~1 ns.
//
// Written with GCC vector extensions, so the same source compiles to AVX2 in
// the x86-64-v3 clone of the kernels that use it and to SSE2 in the baseline
// clone. Every step is a plain multiply or add (never a fused multiply-add),
// so both clones give bit-identical results: training does not depend on
// which CPU it runs on, beyond what BLAS itself does.
#pragma once

#include <cstdint>
#include <cstring>

namespace shallownet::vmath {

typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));

#define SHALLOWNET_INLINE inline __attribute__((always_inline))

SHALLOWNET_INLINE v4d load(const double* p) {
  v4d v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

SHALLOWNET_INLINE void store(double* p, v4d v) { std::memcpy(p, &v, sizeof v); }

SHALLOWNET_INLINE v4d splat(double x) { return v4d{x, x, x, x}; }

SHALLOWNET_INLINE v4d select(v4i mask, v4d yes, v4d no) { return mask ? yes : no; }

SHALLOWNET_INLINE v4d vmin(v4d a, v4d b) { return select(a < b, a, b); }
SHALLOWNET_INLINE v4d vmax(v4d a, v4d b) { return select(a > b, a, b); }

SHALLOWNET_INLINE v4d vabs(v4d x) {
  v4i bits;
  std::memcpy(&bits, &x, sizeof bits);
  bits &= INT64_MAX;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

SHALLOWNET_INLINE double horizontal_sum(v4d v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// Rounds to the nearest integer (ties to even) and returns it both as a double
// and as the integer bits: adding 1.5 * 2^52 leaves the integer in the low
// mantissa bits. Valid for |x| < 2^51.
SHALLOWNET_INLINE v4d round_with_bits(v4d x, v4i* integer) {
  const v4d shifter = splat(0x1.8p52);
  v4d shifted = x + shifter;
  v4i bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  v4i shifter_bits;
  const v4d s = shifter;
  std::memcpy(&shifter_bits, &s, sizeof shifter_bits);
  *integer = bits - shifter_bits;
  return shifted - shifter;
}

// 2^n for integer n in [-1022, 1023].
SHALLOWNET_INLINE v4d pow2(v4i n) {
  v4i bits = (n + 1023) << 52;
  v4d result;
  std::memcpy(&result, &bits, sizeof result);
  return result;
}

constexpr double kLn2Hi = 0x1.62e42fefa3800p-1;   // ln 2, high bits (exact times small n)
constexpr double kLn2Lo = 0x1.ef35793c76730p-45;  // ln 2 - kLn2Hi
constexpr double kLog2e = 0x1.71547652b82fep0;

// e^r - 1 for |r| <= ln(2)/2, Taylor to degree 13 (truncation < 5e-18).
SHALLOWNET_INLINE v4d expm1_reduced(v4d r) {
  v4d p = splat(1.0 / 6227020800.0);       // 1/13!
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
SHALLOWNET_INLINE v4d reduce(v4d x, v4i* n) {
  const v4d nd = round_with_bits(x * splat(kLog2e), n);
  return (x - nd * splat(kLn2Hi)) - nd * splat(kLn2Lo);
}

// e^x: a few ulp on [-745.1, 709.78]; 0 below, +inf above.
SHALLOWNET_INLINE v4d exp(v4d x) {
  constexpr double kMax = 709.782712893384;  // log(DBL_MAX)
  constexpr double kMin = -745.2;            // below log(smallest subnormal / 2)
  const v4d clamped = vmin(vmax(x, splat(kMin)), splat(kMax));
  v4i n;
  const v4d r = reduce(clamped, &n);
  const v4d e = splat(1.0) + expm1_reduced(r);
  // 2^n as two factors, each a normal double: n runs from -1075 to 1024 here,
  // and the single rounding at the last product makes subnormal results right.
  const v4i half = n >> 1;
  const v4d result = (e * pow2(half)) * pow2(n - half);
  return select(x > splat(kMax), splat(__builtin_inf()), select(x < splat(kMin), splat(0.0), result));
}

// tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x.
SHALLOWNET_INLINE v4d tanh(v4d x) {
  // tanh(|x|) rounds to 1 from |x| = 19.06 on; clamping also keeps 2^n normal.
  const v4d ax = vmin(vabs(x), splat(20.0));
  const v4d y = splat(-2.0) * ax;
  v4i n;
  const v4d r = reduce(y, &n);
  const v4d em = expm1_reduced(r);
  const v4d scale = pow2(n);
  // expm1(y) = 2^n (expm1(r) + 1) - 1 = 2^n expm1(r) + (2^n - 1); exact for n = 0.
  const v4d u = scale * em + (scale - splat(1.0));
  const v4d t = -u / (splat(2.0) + u);
  return select(x < splat(0.0), -t, t);
}

// log(1 + v) for v in [0, 1].
SHALLOWNET_INLINE v4d log1p_unit(v4d v) {
  const v4d u = splat(1.0) + v;
  // The rounding error of 1 + v, added back at first order: log(u + c) ~ log u + c / u.
  const v4d correction = (v - (u - splat(1.0))) / u;
  // u in [1, 2]: take f = u or u / 2 in [sqrt(1/2), sqrt(2)], log u = k ln2 + log f.
  const v4i big = u > splat(1.4142135623730951);
  const v4d f = select(big, u * splat(0.5), u);
  const v4d k = select(big, splat(1.0), splat(0.0));
  // log f = 2 atanh(s), s = (f - 1)/(f + 1), |s| <= 0.1716: the series to s^23.
  const v4d s = (f - splat(1.0)) / (f + splat(1.0));
  const v4d s2 = s * s;
  v4d p = splat(2.0 / 23.0);
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
  const v4d log_f = splat(2.0) * s + s * (s2 * p);
  return k * splat(kLn2Hi) + ((k * splat(kLn2Lo) + correction) + log_f);
}

// sigmoid(z) from e = e^-|z|: 1 / (1 + e) for z >= 0, e / (1 + e) below, so
// the output pass can share one exp between sigmoid and the loss.
SHALLOWNET_INLINE v4d sigmoid_from(v4d z, v4d e) {
  const v4d inverse = splat(1.0) / (splat(1.0) + e);
  return select(z >= splat(0.0), inverse, e * inverse);
}

SHALLOWNET_INLINE v4d sigmoid(v4d z) { return sigmoid_from(z, exp(-vabs(z))); }

// The logistic loss of sigmoid(z) against y, from e = e^-|z|:
// max(z, 0) - z y + log1p(e).
SHALLOWNET_INLINE v4d logistic_loss_from(v4d z, v4d y, v4d e) {
  return (vmax(z, splat(0.0)) - z * y) + log1p_unit(e);
}

SHALLOWNET_INLINE v4d logistic_loss(v4d z, v4d y) { return logistic_loss_from(z, y, exp(-vabs(z))); }

}  // namespace shallownet::vmath
