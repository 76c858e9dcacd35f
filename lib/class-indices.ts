/**
 * From a Y-shaped matrix to one class index per example: the form the
 * classification metrics, the stratified split and the plots take.
 */
import { invalidValue, received } from './argument-error';
import type { Matrix } from './matrix';
import { checkMatrix } from './validate';

/**
 * The class of each column of Y (or of predicted probabilities shaped like Y),
 * as an Int32Array of m indices:
 * - one row (binary): 1 where the value is ≥ 0.5, else 0;
 * - several rows (one per class): the row of the column's largest value (the
 *   first one on a tie).
 * A NaN anywhere is a RangeError: it has no class.
 *
 * @example toClassIndices(Y) // Y one-hot (3, m) → Int32Array [2, 0, 1, …]
 */
export function toClassIndices(Y: Matrix): Int32Array {
  const { rows, cols: m, data } = checkMatrix(Y, 'Y');
  const indices = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    let best = 0;
    let bestValue = data[j] as number;
    for (let i = 1; i < rows; i++) {
      const value = data[i * m + j] as number;
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    for (let i = 0; i < rows; i++) {
      if (Number.isNaN(data[i * m + j])) throw invalidValue(`Y[${i}][${j}]`, 'a number', NaN);
    }
    indices[j] = rows === 1 ? (bestValue >= 0.5 ? 1 : 0) : best;
  }
  return indices;
}

/**
 * The class of each column of a label matrix — exactly 0/1 in one row, or
 * exactly one-hot — refusing anything else (probabilities, regression
 * targets), for uses where a guessed class would silently be wrong.
 * @throws RangeError naming the first column that is not a label.
 */
export function labelClassIndices(Y: Matrix, name: string): Int32Array {
  const { rows, cols: m, data } = checkMatrix(Y, name);
  const indices = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    if (rows === 1) {
      const value = data[j];
      if (value !== 0 && value !== 1) throw invalidValue(`${name}[0][${j}]`, '0 or 1 (a class label)', value);
      indices[j] = value;
      continue;
    }
    let hot = -1;
    for (let i = 0; i < rows; i++) {
      const value = data[i * m + j];
      if (value === 1 && hot === -1) hot = i;
      else if (value !== 0) {
        throw invalidValue(`column ${j} of ${name}`, 'one-hot (one 1, the rest 0: a class label)', received(`${value} in row ${i}`));
      }
    }
    if (hot === -1) throw invalidValue(`column ${j} of ${name}`, 'one-hot (one 1, the rest 0: a class label)', received('no 1'));
    indices[j] = hot;
  }
  return indices;
}
