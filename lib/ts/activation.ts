/**
 * Hidden-layer activations, each one g and g' side by side
 * (native/core/kernels/activations.h holds the same pairs in C++). g' is
 * written in terms of a = g(z) for all four, which lets the training loop keep
 * A1 and drop Z1:
 *   tanh: 1 - a²   sigmoid: a(1 - a)   relu: a > 0 ? 1 : 0   leakyRelu: a > 0 ? 1 : 0.01
 *
 * Each is written as two loops over a row rather than two scalar functions:
 * every loop is then its own function, which V8 keeps monomorphic and inlines.
 */
import type { Activation } from '../engine';

export const LEAKY_SLOPE = 0.01;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

interface ActivationLoops {
  /** A[k] = g(source[k] + bias) for k in [start, end). */
  g(source: Float64Array, bias: number, A: Float64Array, start: number, end: number): void;
  /** dZ[k] *= g'(A[k]) for k in [start, end); returns the sum of the new dZ[k]. */
  dg(A: Float64Array, dZ: Float64Array, start: number, end: number): number;
}

const LOOPS: Record<Activation, ActivationLoops> = {
  tanh: {
    g(source, bias, A, start, end) {
      for (let k = start; k < end; k++) A[k] = Math.tanh((source[k] as number) + bias);
    },
    dg(A, dZ, start, end) {
      let sum = 0;
      for (let k = start; k < end; k++) {
        const a = A[k] as number;
        const d = (dZ[k] as number) * (1 - a * a);
        dZ[k] = d;
        sum += d;
      }
      return sum;
    },
  },
  sigmoid: {
    g(source, bias, A, start, end) {
      for (let k = start; k < end; k++) A[k] = sigmoid((source[k] as number) + bias);
    },
    dg(A, dZ, start, end) {
      let sum = 0;
      for (let k = start; k < end; k++) {
        const a = A[k] as number;
        const d = (dZ[k] as number) * (a * (1 - a));
        dZ[k] = d;
        sum += d;
      }
      return sum;
    },
  },
  relu: {
    g(source, bias, A, start, end) {
      for (let k = start; k < end; k++) {
        const z = (source[k] as number) + bias;
        A[k] = z > 0 ? z : 0;
      }
    },
    dg(A, dZ, start, end) {
      let sum = 0;
      for (let k = start; k < end; k++) {
        const d = (dZ[k] as number) * ((A[k] as number) > 0 ? 1 : 0);
        dZ[k] = d;
        sum += d;
      }
      return sum;
    },
  },
  leakyRelu: {
    g(source, bias, A, start, end) {
      for (let k = start; k < end; k++) {
        const z = (source[k] as number) + bias;
        A[k] = z > 0 ? z : LEAKY_SLOPE * z;
      }
    },
    dg(A, dZ, start, end) {
      let sum = 0;
      for (let k = start; k < end; k++) {
        const d = (dZ[k] as number) * ((A[k] as number) > 0 ? 1 : LEAKY_SLOPE);
        dZ[k] = d;
        sum += d;
      }
      return sum;
    },
  },
};

/** A = g(input + bias) row by row; also Z = input + bias when Z is given. `input` may be A. */
export function biasActivate(
  activation: Activation,
  rows: number,
  cols: number,
  input: Float64Array,
  bias: Float64Array,
  Z: Float64Array | null,
  A: Float64Array,
): void {
  const { g } = LOOPS[activation];
  for (let i = 0; i < rows; i++) {
    const start = i * cols;
    const end = start + cols;
    const b = bias[i] as number;
    if (Z === null) {
      g(input, b, A, start, end);
    } else {
      for (let k = start; k < end; k++) Z[k] = (input[k] as number) + b;
      g(Z, 0, A, start, end);
    }
  }
}

/** dZ1 *= g'(A1) element-wise, and db1 = (1/m) row sums of the result, in one pass. */
export function hiddenDelta(
  activation: Activation,
  rows: number,
  cols: number,
  A1: Float64Array,
  dZ1: Float64Array,
  db1: Float64Array,
): void {
  const { dg } = LOOPS[activation];
  const invM = 1 / cols;
  for (let i = 0; i < rows; i++) db1[i] = dg(A1, dZ1, i * cols, (i + 1) * cols) * invM;
}
