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

/**
 * Makes a `rows × cols` matrix, zero-filled or copied from `values` (row-major).
 *
 * @example matrix(2, 3, [1, 2, 3, 4, 5, 6]) // [[1, 2, 3], [4, 5, 6]]
 */
export function matrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  for (const [name, size] of [['rows', rows], ['cols', cols]] as const) {
    if (typeof size !== 'number') throw new TypeError(`matrix(): ${name} must be a number, got ${typeof size}`);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`matrix(): ${name} must be a non-negative integer, got ${size}`);
    }
  }
  const data = new Float64Array(rows * cols);
  if (values !== undefined) {
    if (values.length !== rows * cols) {
      throw new RangeError(`matrix(): values must hold rows * cols = ${rows * cols} numbers, got ${values.length}`);
    }
    data.set(values);
  }
  return { rows, cols, data };
}

/**
 * Builds an input matrix `X` (features, m) from m examples given as rows,
 * e.g. `fromExamples([[x1, y1], [x2, y2], [x3, y3]])` is (2, 3): each example
 * becomes a column, as the lecture's equations expect.
 */
export function fromExamples(examples: ArrayLike<ArrayLike<number>>): Matrix {
  if (examples === null || typeof examples !== 'object' || typeof examples.length !== 'number') {
    throw new TypeError(`fromExamples(): examples must be an array of example rows, got ${describe(examples)}`);
  }
  const m = examples.length;
  if (m === 0) throw new RangeError('fromExamples(): examples must hold at least one example, got none');
  const first = examples[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new TypeError(`fromExamples(): examples[0] must be an array of numbers, got ${describe(first)}`);
  }
  const features = first.length;
  const data = new Float64Array(features * m);
  for (let j = 0; j < m; j++) {
    const example = examples[j];
    if (example === null || typeof example !== 'object' || example.length !== features) {
      throw new RangeError(
        `fromExamples(): every example must have ${features} features like examples[0], but examples[${j}] ` +
          `is ${describe(example)}`,
      );
    }
    for (let i = 0; i < features; i++) {
      const value = example[i];
      if (typeof value !== 'number') {
        throw new TypeError(`fromExamples(): examples[${j}][${i}] must be a number, got ${describe(value)}`);
      }
      data[i * m + j] = value;
    }
  }
  return { rows: features, cols: m, data };
}

/**
 * Builds a target matrix `Y` (outputs, m): from one label per example
 * (`[0, 1, 1]` → (1, 3)) or from one row of labels per example
 * (`[[0, 1], [1, 0]]` → (2, 2), each example a column).
 */
export function fromLabels(labels: ArrayLike<number> | ArrayLike<ArrayLike<number>>): Matrix {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new TypeError(`fromLabels(): labels must be an array, got ${describe(labels)}`);
  }
  if (labels.length > 0 && typeof labels[0] === 'number') {
    const flat = labels as ArrayLike<number>;
    const data = new Float64Array(flat.length);
    for (let j = 0; j < flat.length; j++) {
      const value = flat[j];
      if (typeof value !== 'number') throw new TypeError(`fromLabels(): labels[${j}] must be a number, got ${describe(value)}`);
      data[j] = value;
    }
    if (data.length === 0) throw new RangeError('fromLabels(): labels must hold at least one label, got none');
    return { rows: 1, cols: data.length, data };
  }
  return fromExamples(labels as ArrayLike<ArrayLike<number>>);
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

/** Describes a value for an error message: its kind, and its value when short. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an Array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return typeof value;
}
