/**
 * Hidden-layer activations, g and g' side by side (native/core/activation.h
 * mirrors this file). g' is written in terms of a = g(z) for all four, which
 * lets the training loop keep A1 and drop Z1:
 *   tanh: 1 - a²   sigmoid: a(1 - a)   relu: a > 0 ? 1 : 0   leakyRelu: a > 0 ? 1 : 0.01
 */
import type { Activation } from '../engine';

export const LEAKY_SLOPE = 0.01;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

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
  for (let i = 0; i < rows; i++) {
    const start = i * cols;
    const end = start + cols;
    let source = input;
    let b = bias[i];
    if (Z !== null) {
      for (let k = start; k < end; k++) Z[k] = input[k] + b;
      source = Z;
      b = 0;
    }
    // One loop per activation: each stays monomorphic, and the switch is out of the hot path.
    switch (activation) {
      case 'tanh':
        for (let k = start; k < end; k++) A[k] = Math.tanh(source[k] + b);
        break;
      case 'sigmoid':
        for (let k = start; k < end; k++) A[k] = sigmoid(source[k] + b);
        break;
      case 'relu':
        for (let k = start; k < end; k++) {
          const z = source[k] + b;
          A[k] = z > 0 ? z : 0;
        }
        break;
      case 'leakyRelu':
        for (let k = start; k < end; k++) {
          const z = source[k] + b;
          A[k] = z > 0 ? z : LEAKY_SLOPE * z;
        }
        break;
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
  const invM = 1 / cols;
  for (let i = 0; i < rows; i++) {
    const start = i * cols;
    const end = start + cols;
    let sum = 0;
    switch (activation) {
      case 'tanh':
        for (let k = start; k < end; k++) {
          const a = A1[k];
          const d = (dZ1[k]) * (1 - a * a);
          dZ1[k] = d;
          sum += d;
        }
        break;
      case 'sigmoid':
        for (let k = start; k < end; k++) {
          const a = A1[k];
          const d = (dZ1[k]) * (a * (1 - a));
          dZ1[k] = d;
          sum += d;
        }
        break;
      case 'relu':
        for (let k = start; k < end; k++) {
          const d = (dZ1[k]) * ((A1[k]) > 0 ? 1 : 0);
          dZ1[k] = d;
          sum += d;
        }
        break;
      case 'leakyRelu':
        for (let k = start; k < end; k++) {
          const d = (dZ1[k]) * ((A1[k]) > 0 ? 1 : LEAKY_SLOPE);
          dZ1[k] = d;
          sum += d;
        }
        break;
    }
    db1[i] = sum * invM;
  }
}
