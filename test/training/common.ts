// Shared pieces of the training tests (test/training/*.test.ts): parameters as
// one flat vector in the packed order [W1 | b1 | W2 | b2], data for each
// output head, and comparisons.
import { expect } from 'vitest';
import { oneHot, ShallowNet, type Backend, type Matrix, type OutputActivation, type Parameters } from 'shallownet';
import { bernoulliMatrix, expectSameBits, flat, gaussianMatrix, PARAMETER_KEYS, Random, randomParameters, relativeError } from '../helpers';

export const GRADIENT_KEYS = ['dW1', 'db1', 'dW2', 'db2'] as const;

// Defined in ../helpers (the tests outside training/ use them too); the training tests import them from here.
export { expectSameBits, flat };

/** The inverse of flat, shaped like `like`. */
export function unflat(values: Float64Array, like: Parameters): Parameters {
  let at = 0;
  const part = (M: Matrix): Matrix => {
    const data = values.slice(at, at + M.data.length);
    at += M.data.length;
    return { rows: M.rows, cols: M.cols, data };
  };
  return { W1: part(like.W1), b1: part(like.b1), W2: part(like.W2), b2: part(like.b2) };
}

/** Which entries of the flat vector are weights (W1, W2) rather than biases. */
export function weightMask(p: Parameters): boolean[] {
  const mask: boolean[] = [];
  for (const k of PARAMETER_KEYS) for (let i = 0; i < p[k].data.length; i++) mask.push(k === 'W1' || k === 'W2');
  return mask;
}

/** The gradients as one vector in the same order. */
export function flatGradients(g: { dW1: Matrix; db1: Matrix; dW2: Matrix; db2: Matrix }): Float64Array {
  return flat({ W1: g.dW1, b1: g.db1, W2: g.dW2, b2: g.db2 });
}

/** Columns [from, from + count) of M. */
export function columnSlice(M: Matrix, from: number, count: number): Matrix {
  const data = new Float64Array(M.rows * count);
  for (let i = 0; i < M.rows; i++) data.set(M.data.subarray(i * M.cols + from, i * M.cols + from + count), i * count);
  return { rows: M.rows, cols: count, data };
}

/** The columns of M in the given order. */
export function columnsAt(M: Matrix, order: ArrayLike<number>): Matrix {
  const count = order.length;
  const data = new Float64Array(M.rows * count);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < count; j++) data[i * count + j] = M.data[i * M.cols + (order[j] as number)] as number;
  return { rows: M.rows, cols: count, data };
}

/** Targets of m examples suited to a head: 0/1 (sigmoid), one-hot (softmax), Gaussian values (linear). */
export function targetsFor(head: OutputActivation, random: Random, n2: number, m: number): Matrix {
  if (head === 'sigmoid') return bernoulliMatrix(random, n2, m);
  if (head === 'linear') return gaussianMatrix(random, n2, m);
  return oneHot(Array.from({ length: m }, () => Math.floor(random.uniform() * n2)), n2);
}

export interface Problem {
  X: Matrix;
  Y: Matrix;
  parameters: Parameters;
}

/** Random parameters (scale 0.5: the activations are far from linear) and data for a head. */
export function problem(head: OutputActivation, seed: number, n0: number, n1: number, n2: number, m: number, scale = 0.5): Problem {
  const random = new Random(seed);
  const parameters = randomParameters(random, n0, n1, n2, scale);
  const X = gaussianMatrix(random, n0, m);
  const Y = targetsFor(head, random, n2, m);
  return { X, Y, parameters };
}

/** max |a − b| / max |b|, asserted below `tolerance`, with the name in the message. */
export function expectRelative(got: Float64Array | number[], want: Float64Array | number[], tolerance: number, name = ''): void {
  const a = Float64Array.from(got);
  const b = Float64Array.from(want);
  expect(a.length, `${name}: length`).toBe(b.length);
  expect(relativeError(a, b), name).toBeLessThan(tolerance);
}

/** A copy of a network's parameters in another network of the same activations and backend. */
export function copyOf(net: ShallowNet, parameters: Parameters, backend: Backend = net.backend): ShallowNet {
  return ShallowNet.fromParameters(parameters, { hiddenActivation: net.hiddenActivation, outputActivation: net.outputActivation, backend });
}
