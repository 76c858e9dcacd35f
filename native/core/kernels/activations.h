// Hidden-layer activations as the kernels compute them: each one is g and g'
// side by side, so one can be checked against the other at a glance
// (lib/ts/activation.ts holds the same pairs in TypeScript).
//
// g' is written in terms of a = g(z) for all four. That is what lets the
// training loop overwrite Z1 with A1 and keep one (n1, m) buffer instead of two:
//   tanh      g' = 1 - a^2
//   sigmoid   g' = a (1 - a)
//   relu      g' = 1 if z > 0 else 0      and  z > 0  <=>  a > 0
//   leakyRelu g' = 1 if z > 0 else 0.01   and  z > 0  <=>  a > 0
#pragma once

#include "../activation.h"
#include "vmath.h"

namespace shallownet::SHALLOWNET_ISA {

template <Activation Kind>
struct Act;

template <>
struct Act<Activation::Tanh> {
  SHALLOWNET_INLINE vec g(vec z) { return vmath::tanh(z); }
  SHALLOWNET_INLINE vec dg(vec a) { return splat(1.0) - a * a; }
};

template <>
struct Act<Activation::Sigmoid> {
  SHALLOWNET_INLINE vec g(vec z) { return vmath::sigmoid(z); }
  SHALLOWNET_INLINE vec dg(vec a) { return a * (splat(1.0) - a); }
};

template <>
struct Act<Activation::Relu> {
  SHALLOWNET_INLINE vec g(vec z) { return vmax(z, splat(0.0)); }
  SHALLOWNET_INLINE vec dg(vec a) { return select(a > splat(0.0), splat(1.0), splat(0.0)); }
};

template <>
struct Act<Activation::LeakyRelu> {
  SHALLOWNET_INLINE vec g(vec z) { return select(z > splat(0.0), z, z * splat(kLeakySlope)); }
  SHALLOWNET_INLINE vec dg(vec a) { return select(a > splat(0.0), splat(1.0), splat(kLeakySlope)); }
};

}  // namespace shallownet::SHALLOWNET_ISA
