/**
 * Where mini-batches come from (native/core/fit.cpp's Batches, in the TS
 * backend's layout): batch `position` of an epoch is examples
 * [position·b, position·b + b) of the training set, in order, or of an order
 * drawn anew at every epoch's start when shuffling — the same orders as the
 * native backend draws for the same seed. Each batch is gathered into buffers
 * allocated once, X (n0, count) and Y (n2, count), one column per example.
 */
import type { Sizes } from '../engine';
import { Random } from '../random';
import type { Examples } from './network';

export class Batches {
  readonly size: number;
  readonly perEpoch: number;
  readonly #sizes: Sizes;
  readonly #train: Examples;
  readonly #random: Random;
  readonly #order: Int32Array | null;
  readonly #X: Float64Array;
  readonly #Y: Float64Array;

  constructor(sizes: Sizes, train: Examples, batchSize: number, shuffle: boolean, seed: number) {
    this.#sizes = sizes;
    this.#train = train;
    this.size = Math.min(batchSize, train.m);
    this.perEpoch = Math.ceil(train.m / this.size);
    this.#random = new Random(seed);
    this.#order = shuffle ? Int32Array.from({ length: train.m }, (_, j) => j) : null;
    const whole = this.size === train.m && !shuffle;
    this.#X = new Float64Array(whole ? 0 : sizes.inputSize * this.size);
    this.#Y = new Float64Array(whole ? 0 : sizes.outputSize * this.size);
  }

  /** Batch `position` of the current epoch (position 0 draws a new order). */
  get(position: number): Examples {
    const { m } = this.#train;
    const from = position * this.size;
    const count = Math.min(this.size, m - from);
    if (count === m && this.#order === null) return this.#train;
    if (position === 0 && this.#order !== null) this.#random.shuffle(this.#order);
    const { inputSize: n0, outputSize: n2 } = this.#sizes;
    const X = this.#X.subarray(0, n0 * count);
    const Y = this.#Y.subarray(0, n2 * count);
    const source = this.#train;
    for (let j = 0; j < count; j++) {
      const example = this.#order === null ? from + j : (this.#order[from + j] as number);
      for (let i = 0; i < n0; i++) X[i * count + j] = source.X[i * m + example] as number;
      for (let i = 0; i < n2; i++) Y[i * count + j] = source.Y[i * m + example] as number;
    }
    return { X, Y, m: count };
  }
}
