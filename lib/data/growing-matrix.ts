/**
 * A matrix with a fixed number of rows whose columns arrive one at a time, for
 * reading a file whose length is not known in advance.
 *
 * Row i lives at `data[i * capacity, i * capacity + cols)`: appending a column
 * writes one value per row, and growing copies each row's prefix into a larger
 * buffer. Capacity grows geometrically (so n appends cost O(n) copies), or
 * straight to a caller's estimate of the final size (a reader that knows the
 * file's size and how many bytes a row takes can usually allocate once).
 * `toMatrix()` trims to the exact size, so a finished matrix never carries the
 * slack.
 */
import { checkMemory } from '../limits';
import type { Matrix } from '../matrix';

/** Most values one Float64Array may hold on 64-bit V8. */
const MAX_VALUES = 2 ** 32 - 1;
const GROWTH = 1.5;

export class GrowingMatrix {
  readonly rows: number;
  #capacity: number;
  #cols = 0;
  #data: Float64Array;
  readonly #what: string;

  /** @param what names the data in an allocation error, e.g. "the features of data.csv". */
  constructor(rows: number, what: string, initialCapacity = 1024) {
    this.rows = rows;
    this.#what = what;
    this.#capacity = initialCapacity;
    this.#data = allocate(rows * initialCapacity, what);
  }

  /** Columns appended so far. */
  get cols(): number {
    return this.#cols;
  }

  /** Columns that fit before the next growth. */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * Appends a column of zeros and returns its index; fill it with {@link set}.
   * @param estimate the caller's guess of the final number of columns, used when the buffer must grow.
   */
  appendColumn(estimate = 0): number {
    if (this.#cols === this.#capacity) this.#grow(estimate);
    return this.#cols++;
  }

  set(row: number, col: number, value: number): void {
    this.#data[row * this.#capacity + col] = value;
  }

  get(row: number, col: number): number {
    return this.#data[row * this.#capacity + col] as number;
  }

  /** A (rows, cols) matrix holding exactly the columns appended, in a buffer of its own. */
  toMatrix(): Matrix {
    const cols = this.#cols;
    if (cols === this.#capacity) return { rows: this.rows, cols, data: this.#data };
    const data = allocate(this.rows * cols, this.#what);
    for (let i = 0; i < this.rows; i++) {
      const start = i * this.#capacity;
      data.set(this.#data.subarray(start, start + cols), i * cols);
    }
    return { rows: this.rows, cols, data };
  }

  #grow(estimate: number): void {
    const capacity = Math.max(Math.ceil(this.#capacity * GROWTH), Math.ceil(estimate));
    const data = allocate(this.rows * capacity, this.#what);
    for (let i = 0; i < this.rows; i++) {
      const start = i * this.#capacity;
      data.set(this.#data.subarray(start, start + this.#cols), i * capacity);
    }
    this.#data = data;
    this.#capacity = capacity;
  }
}

function allocate(count: number, what: string): Float64Array {
  if (count > MAX_VALUES) throw new RangeError(`${what}: ${count} values are more than one Float64Array can hold (${MAX_VALUES})`);
  checkMemory(8 * count, what);
  try {
    return new Float64Array(count);
  } catch {
    throw new RangeError(`${what}: cannot allocate ${count} values`);
  }
}
