import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';
import { nativeInfo, ShallowNet, type Backend, type Matrix, type Parameters } from 'shallownet';
import { Random } from '../lib/random';

/** Whether the native addon loads here. Under CI=true it must (see native.test.ts). */
export const nativeAvailable = nativeInfo().loaded;

/** Backends to run the shared tests on. */
export const backends: Backend[] = nativeAvailable ? ['native', 'ts'] : ['ts'];

export const activations = ['tanh', 'sigmoid', 'relu', 'leakyRelu'] as const;

export function gaussianMatrix(random: Random, rows: number, cols: number, scale = 1): Matrix {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = random.normal() * scale;
  return { rows, cols, data };
}

export function bernoulliMatrix(random: Random, rows: number, cols: number): Matrix {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = random.uniform() < 0.5 ? 1 : 0;
  return { rows, cols, data };
}

/** Random parameters of a given scale (larger than the 0.01 init, so the activations are non-linear). */
export function randomParameters(random: Random, n0: number, n1: number, n2: number, scale = 0.5): Parameters {
  return {
    W1: gaussianMatrix(random, n1, n0, scale),
    b1: gaussianMatrix(random, n1, 1, scale),
    W2: gaussianMatrix(random, n2, n1, scale),
    b2: gaussianMatrix(random, n2, 1, scale),
  };
}

/** Normwise relative error: max |a − b| / max |b| (or the absolute error where b is all zero). */
export function relativeError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let difference = 0;
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    difference = Math.max(difference, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  if (Number.isNaN(difference)) return Infinity;
  return scale === 0 ? difference : difference / scale;
}

export function accuracy(net: ShallowNet, X: Matrix, Y: Matrix): number {
  const predictions = net.predict(X);
  let correct = 0;
  for (let k = 0; k < Y.data.length; k++) if (predictions.data[k] === Y.data[k]) correct++;
  return (100 * correct) / Y.data.length;
}

export function bitsEqual(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** The parameter matrices, in the packed order. */
export const PARAMETER_KEYS = ['W1', 'b1', 'W2', 'b2'] as const;

/** The parameters as one vector [W1 | b1 | W2 | b2] (each row-major), a copy: the packed order. */
export function flat(p: Parameters): Float64Array {
  const out = new Float64Array(PARAMETER_KEYS.reduce((n, k) => n + p[k].data.length, 0));
  let at = 0;
  for (const k of PARAMETER_KEYS) {
    out.set(p[k].data, at);
    at += p[k].data.length;
  }
  return out;
}

/** got and want hold the same values bit for bit; a failure names the first that differs. */
export function expectSameBits(got: Float64Array, want: Float64Array, name = ''): void {
  expect(got.length, `${name}: length`).toBe(want.length);
  if (bitsEqual(got, want)) return;
  // Float64Arrays start at multiples of 8 bytes, so their bits can be read as 64-bit integers.
  const a = new BigUint64Array(got.buffer, got.byteOffset, got.length);
  const b = new BigUint64Array(want.buffer, want.byteOffset, want.length);
  const k = a.findIndex((bits, i) => bits !== b[i]);
  expect.fail(`${name}: value ${k} is ${got[k]}, expected ${want[k]} bit for bit`);
}

/**
 * Watches the event loop with a `periodMs` timer: the largest gap between its
 * ticks (the period plus however long the loop kept the tick waiting) and how
 * many ticks ran, until stop().
 */
export function watchTimerGaps(periodMs: number): { restart(): void; stop(): { largestGap: number; ticks: number } } {
  let largestGap = 0;
  let ticks = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    largestGap = Math.max(largestGap, now - last);
    last = now;
    ticks++;
  }, periodMs);
  return {
    /** Starts the current gap afresh: after a synchronous call that is timed on its own. */
    restart: () => {
      last = performance.now();
    },
    /** Stops the timer; the gap still open at that moment counts too. */
    stop: () => {
      clearInterval(timer);
      largestGap = Math.max(largestGap, performance.now() - last);
      return { largestGap, ticks };
    },
  };
}

export { Random };
