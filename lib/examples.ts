/**
 * Matrices from examples given one per row, and back: the lecture's layout has
 * one column per example, which is rarely how data arrives.
 */
import { invalidType, invalidValue } from './argument-error';
import { allocate, checkLength, isArrayLike, type Matrix } from './matrix';
import { checkMatrix } from './validate';

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
  if (!isArrayLike(labels)) throw invalidType(what, 'an array', labels);
  const m = checkLength(labels, what);
  if (m === 0) throw invalidValue(what, 'at least one label long', labels);
  if (typeof labels[0] !== 'number') return columnsFromRows(labels as ArrayLike<ArrayLike<number>>, what, 'labels');
  const data = allocate(m, `${what}.length`);
  for (let j = 0; j < m; j++) {
    const value = labels[j];
    if (typeof value !== 'number') throw invalidType(`${what}[${j}]`, 'a number', value);
    data[j] = value;
  }
  return { rows: 1, cols: m, data };
}

/** m rows of `per` values each → a (per, m) matrix, one column per row. */
function columnsFromRows(rows: unknown, what: string, per: string): Matrix {
  if (!isArrayLike(rows)) throw invalidType(what, 'an array of example rows', rows);
  const m = checkLength(rows, what);
  if (m === 0) throw invalidValue(what, 'at least one example long', rows);
  const first = rows[0];
  if (!isArrayLike(first)) throw invalidType(`${what}[0]`, 'an array of numbers', first);
  const count = checkLength(first, `${what}[0]`);
  const data = allocate(count * m, `${what}: ${per} * examples`);
  for (let j = 0; j < m; j++) {
    const row = rows[j];
    const expected = `an array of ${count} ${per}, like ${what.split(': ')[1]}[0]`;
    if (!isArrayLike(row)) throw invalidType(`${what}[${j}]`, expected, row);
    if (row.length !== count) throw invalidValue(`${what}[${j}]`, expected, row);
    for (let i = 0; i < count; i++) {
      const value = row[i];
      if (typeof value !== 'number') throw invalidType(`${what}[${j}][${i}]`, 'a number', value);
      data[i * m + j] = value;
    }
  }
  return { rows: count, cols: m, data };
}

/** The examples of a (features, m) matrix as m rows: the inverse of {@link fromExamples}. */
export function toExamples(M: Matrix): number[][] {
  const { rows, cols, data } = checkMatrix(M, 'toExamples(): M');
  const examples: number[][] = [];
  for (let j = 0; j < cols; j++) {
    const example: number[] = [];
    for (let i = 0; i < rows; i++) example.push(data[i * cols + j] as number);
    examples.push(example);
  }
  return examples;
}

