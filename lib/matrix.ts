import { describe } from './describe';
import { checkMemory } from './validate';

/**
 * A dense matrix of doubles, row-major: element (i, j) is `data[i * cols + j]`.
 *
 * shallownet follows the lecture's layout: inputs `X` are (inputSize, m) and
 * targets `Y` are (outputSize, m), with **one column per example**. Use
 * {@link fromExamples} and {@link fromLabels} to build them from per-example
 * rows without transposing by hand.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Most values one matrix may hold; a Float64Array cannot be longer on 64-bit V8. */
const MAX_VALUES = 2 ** 32 - 1;

function allocate(count: number, what: string): Float64Array {
  if (count > MAX_VALUES) throw new RangeError(`${what} = ${count} values are more than one Float64Array can hold (${MAX_VALUES})`);
  checkMemory(8 * count, what);
  try {
    return new Float64Array(count);
  } catch {
    throw new RangeError(`cannot allocate ${what} = ${count} values`);
  }
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

function checkLength(value: ArrayLike<unknown>, what: string): number {
  const { length } = value;
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_VALUES) {
    throw new RangeError(`${what} must have a length from 0 to ${MAX_VALUES}, got ${length}`);
  }
  return length;
}

/**
 * Makes a `rows × cols` matrix, zero-filled or copied from `values` (row-major).
 *
 * @example matrix(2, 3, [1, 2, 3, 4, 5, 6]) // [[1, 2, 3], [4, 5, 6]]
 */
export function matrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  for (const [name, size] of [['rows', rows], ['cols', cols]] as const) {
    if (typeof size !== 'number') throw new TypeError(`matrix(): ${name} must be a number, got ${describe(size)}`);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`matrix(): ${name} must be a non-negative integer, got ${size}`);
    }
  }
  if (values !== undefined && !isArrayLike(values)) {
    throw new TypeError(`matrix(): values must be an array or typed array of numbers, got ${describe(values)}`);
  }
  if (values !== undefined && checkLength(values, 'matrix(): values') !== rows * cols) {
    throw new RangeError(`matrix(): values must hold rows * cols = ${rows * cols} numbers, got ${values.length}`);
  }
  const data = allocate(rows * cols, 'matrix(): rows * cols');
  if (values !== undefined) {
    for (let k = 0; k < data.length; k++) {
      const value = values[k];
      if (typeof value !== 'number') throw new TypeError(`matrix(): values[${k}] must be a number, got ${describe(value)}`);
      data[k] = value;
    }
  }
  return { rows, cols, data };
}

/**
 * Builds an input matrix `X` (features, m) from m examples given as rows,
 * e.g. `fromExamples([[x1, y1], [x2, y2], [x3, y3]])` is (2, 3): each example
 * becomes a column, as the lecture's equations expect.
 */
export function fromExamples(examples: ArrayLike<ArrayLike<number>>): Matrix {
  return columnsFromRows(examples, 'fromExamples(): examples', 'features');
}

/**
 * Builds a target matrix `Y` (outputs, m): from one label per example
 * (`[0, 1, 1]` → (1, 3)) or from one row of labels per example
 * (`[[0, 1], [1, 0]]` → (2, 2), each example a column).
 */
export function fromLabels(labels: ArrayLike<number> | ArrayLike<ArrayLike<number>>): Matrix {
  const what = 'fromLabels(): labels';
  if (!isArrayLike(labels)) throw new TypeError(`${what} must be an array, got ${describe(labels)}`);
  const m = checkLength(labels, what);
  if (m === 0) throw new RangeError(`${what} must hold at least one label, got none`);
  if (typeof labels[0] !== 'number') return columnsFromRows(labels as ArrayLike<ArrayLike<number>>, what, 'labels');
  const data = allocate(m, `${what}.length`);
  for (let j = 0; j < m; j++) {
    const value = labels[j];
    if (typeof value !== 'number') throw new TypeError(`${what}[${j}] must be a number, got ${describe(value)}`);
    data[j] = value;
  }
  return { rows: 1, cols: m, data };
}

/** m rows of `per` values each → a (per, m) matrix, one column per row. */
function columnsFromRows(rows: unknown, what: string, per: string): Matrix {
  if (!isArrayLike(rows)) throw new TypeError(`${what} must be an array of example rows, got ${describe(rows)}`);
  const m = checkLength(rows, what);
  if (m === 0) throw new RangeError(`${what} must hold at least one example, got none`);
  const first = rows[0];
  if (!isArrayLike(first)) throw new TypeError(`${what}[0] must be an array of numbers, got ${describe(first)}`);
  const count = checkLength(first, `${what}[0]`);
  const data = allocate(count * m, `${what}: ${per} * examples`);
  for (let j = 0; j < m; j++) {
    const row = rows[j];
    if (!isArrayLike(row) || row.length !== count) {
      throw new RangeError(`${what}[${j}] must have ${count} ${per} like ${what.split(': ')[1]}[0], got ${describe(row)}`);
    }
    for (let i = 0; i < count; i++) {
      const value = row[i];
      if (typeof value !== 'number') throw new TypeError(`${what}[${j}][${i}] must be a number, got ${describe(value)}`);
      data[i * m + j] = value;
    }
  }
  return { rows: count, cols: m, data };
}

/** The examples of a (features, m) matrix as m rows: the inverse of {@link fromExamples}. */
export function toExamples(M: Matrix): number[][] {
  const rows: number[][] = [];
  for (let j = 0; j < M.cols; j++) {
    const example: number[] = [];
    for (let i = 0; i < M.rows; i++) example.push(M.data[i * M.cols + j] as number);
    rows.push(example);
  }
  return rows;
}
