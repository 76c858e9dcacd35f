// Hidden-layer activations: each one is g and g' side by side, so one can be
// checked against the other at a glance (lib/ts/activation.ts mirrors this
// file). They work on four values at a time (vmath.h).
//
// g' is written in terms of a = g(z) for all four. That is what lets the
// training loop overwrite Z1 with A1 and keep one (n1, m) buffer instead of two:
//   tanh      g' = 1 - a^2
//   sigmoid   g' = a (1 - a)
//   relu      g' = 1 if z > 0 else 0      and  z > 0  <=>  a > 0
//   leakyRelu g' = 1 if z > 0 else 0.01   and  z > 0  <=>  a > 0
#pragma once

#include "vmath.h"

namespace shallownet {

enum class Activation { Tanh = 0, Sigmoid = 1, Relu = 2, LeakyRelu = 3 };

constexpr double kLeakySlope = 0.01;

template <Activation Kind>
struct Act;

template <>
struct Act<Activation::Tanh> {
  static SHALLOWNET_INLINE vmath::v4d g(vmath::v4d z) { return vmath::tanh(z); }
  static SHALLOWNET_INLINE vmath::v4d dg(vmath::v4d a) { return vmath::splat(1.0) - a * a; }
};

template <>
struct Act<Activation::Sigmoid> {
  static SHALLOWNET_INLINE vmath::v4d g(vmath::v4d z) { return vmath::sigmoid(z); }
  static SHALLOWNET_INLINE vmath::v4d dg(vmath::v4d a) { return a * (vmath::splat(1.0) - a); }
};

template <>
struct Act<Activation::Relu> {
  static SHALLOWNET_INLINE vmath::v4d g(vmath::v4d z) { return vmath::vmax(z, vmath::splat(0.0)); }
  static SHALLOWNET_INLINE vmath::v4d dg(vmath::v4d a) {
    return vmath::select(a > vmath::splat(0.0), vmath::splat(1.0), vmath::splat(0.0));
  }
};

template <>
struct Act<Activation::LeakyRelu> {
  static SHALLOWNET_INLINE vmath::v4d g(vmath::v4d z) {
    return vmath::select(z > vmath::splat(0.0), z, z * vmath::splat(kLeakySlope));
  }
  static SHALLOWNET_INLINE vmath::v4d dg(vmath::v4d a) {
    return vmath::select(a > vmath::splat(0.0), vmath::splat(1.0), vmath::splat(kLeakySlope));
  }
};

}  // namespace shallownet
