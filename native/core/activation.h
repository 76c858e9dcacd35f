// Hidden-layer activations: each one is g and g' side by side, so one can be
// checked against the other at a glance (lib/ts/activation.ts mirrors this file).
//
// g' is written in terms of a = g(z) for all four. That is what lets the
// training loop overwrite Z1 with A1 and keep one (n1, m) buffer instead of two:
//   tanh      g' = 1 - a^2
//   sigmoid   g' = a (1 - a)
//   relu      g' = 1 if z > 0 else 0      and  z > 0  <=>  a > 0
//   leakyRelu g' = 1 if z > 0 else 0.01   and  z > 0  <=>  a > 0
#pragma once

#include <cmath>

namespace shallownet {

enum class Activation { Tanh = 0, Sigmoid = 1, Relu = 2, LeakyRelu = 3 };

constexpr double kLeakySlope = 0.01;

inline double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

template <Activation A>
struct Act;

template <>
struct Act<Activation::Tanh> {
  static double g(double z) { return std::tanh(z); }
  static double dg(double a) { return 1.0 - a * a; }
};

template <>
struct Act<Activation::Sigmoid> {
  static double g(double z) { return sigmoid(z); }
  static double dg(double a) { return a * (1.0 - a); }
};

template <>
struct Act<Activation::Relu> {
  static double g(double z) { return z > 0.0 ? z : 0.0; }
  static double dg(double a) { return a > 0.0 ? 1.0 : 0.0; }
};

template <>
struct Act<Activation::LeakyRelu> {
  static double g(double z) { return z > 0.0 ? z : kLeakySlope * z; }
  static double dg(double a) { return a > 0.0 ? 1.0 : kLeakySlope; }
};

// Calls f.template operator()<A>() with the activation as a compile-time
// constant, so the element-wise loops are specialised and never branch on it.
template <typename F>
decltype(auto) dispatch(Activation activation, F&& f) {
  switch (activation) {
    case Activation::Sigmoid: return f.template operator()<Activation::Sigmoid>();
    case Activation::Relu: return f.template operator()<Activation::Relu>();
    case Activation::LeakyRelu: return f.template operator()<Activation::LeakyRelu>();
    case Activation::Tanh: break;
  }
  return f.template operator()<Activation::Tanh>();
}

}  // namespace shallownet
