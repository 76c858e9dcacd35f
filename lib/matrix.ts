import { invalidType, invalidValue, received } from './argument-error';
import { checkMemory, MAX_VALUES } from './limits';

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

/** A zeroed Float64Array of `count` values, or a RangeError that says why not. */
export function allocate(count: number, what: string): Float64Array {
  if (count > MAX_VALUES) throw invalidValue(what, `at most ${MAX_VALUES} values (one Float64Array)`, count);
  checkMemory(8 * count, what);
  try {
    return new Float64Array(count);
  } catch {
    throw invalidValue(what, 'a number of values this process can allocate', count);
  }
}

export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

/** The length of an array-like, checked to be one a Float64Array can take. */
export function checkLength(value: ArrayLike<unknown>, what: string): number {
  const { length } = value;
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_VALUES) {
    throw invalidValue(`${what}.length`, `an integer from 0 to ${MAX_VALUES}`, length);
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
    if (typeof size !== 'number') throw invalidType(`matrix(): ${name}`, 'a number', size);
    if (!Number.isSafeInteger(size) || size < 0) throw invalidValue(`matrix(): ${name}`, 'a non-negative integer', size);
  }
  if (values !== undefined && !isArrayLike(values)) {
    throw invalidType('matrix(): values', 'an array or typed array of numbers', values);
  }
  if (values !== undefined && checkLength(values, 'matrix(): values') !== rows * cols) {
    throw invalidValue('matrix(): values', `rows * cols = ${rows * cols} numbers long`, received(`${values.length}`));
  }
  const data = allocate(rows * cols, 'matrix(): rows * cols');
  if (values !== undefined) {
    for (let k = 0; k < data.length; k++) {
      const value = values[k];
      if (typeof value !== 'number') throw invalidType(`matrix(): values[${k}]`, 'a number', value);
      data[k] = value;
    }
  }
  return { rows, cols, data };
}
