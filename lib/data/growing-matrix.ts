/**
 * A matrix with a fixed number of rows whose columns arrive one at a time, for
 * reading a file whose length is not known in advance.
 *
 * Row i lives at `data[i * capacity, i * capacity + cols)`: appending a column
 * writes one value per row, and growing copies each row's prefix into a larger
 * buffer. Capacity grows geometrically (so n appends cost O(n) copies), or
 * straight to a caller's estimate of the final size (a reader that knows the
 * file's size and how many bytes a row takes can usually allocate once).
 * `toMatrix()` packs the rows to the exact width: in place when the slack is
 * small (an estimate's margin), by a copy only when it would waste much memory.
 */
import { allocate, type Matrix } from '../matrix';

const GROWTH = 1.5;
/**
 * toMatrix packs the rows in place, keeping the unused tail of the buffer
 * alive, when at most this share of it is slack; beyond it the tail is worth a
 * copy (which briefly holds both buffers).
 */
const MAX_KEPT_SLACK = 0.25;

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

  /**
   * A (rows, cols) matrix of exactly the columns appended. When little of the
   * buffer is slack, the rows are moved together within it (row i from
   * i · capacity to i · cols: never past a row not yet moved) and the matrix
   * is a view of its start, so a large file's features are not copied again;
   * otherwise they are copied into a buffer of their own.
   */
  toMatrix(): Matrix {
    const { rows } = this;
    const cols = this.#cols;
    const capacity = this.#capacity;
    if (cols < capacity) {
      const compact = capacity - cols <= MAX_KEPT_SLACK * capacity;
      const data = compact ? this.#data : allocate(rows * cols, this.#what);
      for (let i = 0; i < rows; i++) {
        if (compact) data.copyWithin(i * cols, i * capacity, i * capacity + cols);
        else data.set(this.#data.subarray(i * capacity, i * capacity + cols), i * cols);
      }
      this.#data = compact ? data.subarray(0, rows * cols) : data;
      this.#capacity = cols;
    }
    return { rows, cols, data: this.#data };
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
