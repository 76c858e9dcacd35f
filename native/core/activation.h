// The hidden-layer activations g1 the network can use. Their values and
// derivatives, side by side, are in kernels/activations.h (what the core
// computes) and lib/ts/activation.ts (the TS backend).
#pragma once

namespace shallownet {

enum class Activation { Tanh = 0, Sigmoid = 1, Relu = 2, LeakyRelu = 3 };

// leakyRelu's slope below zero.
constexpr double kLeakySlope = 0.01;

}  // namespace shallownet
