/**
 * From a Y-shaped matrix to one class index per example: the form the
 * classification metrics, the stratified split and the plots take.
 */
import { invalidType, invalidValue, received } from './argument-error';
import { MAX_DIMENSION } from './limits';
import { allocate, checkLength, isArrayLike, type Matrix } from './matrix';
import { checkInteger, checkMatrix } from './validate';

/**
 * The row of each column's largest value (the first one on a tie), as an
 * Int32Array of m indices: the class a softmax output (or a one-hot Y) gives
 * each example. A NaN anywhere is a RangeError: it has no largest value.
 *
 * @example argmax(net.predictProba(X)) // (3, m) → Int32Array [2, 0, 1, …]
 */
export function argmax(M: Matrix): Int32Array {
  const { rows, cols: m, data } = checkMatrix(M, 'M');
  return argmaxColumns(rows, m, data, 'M');
}

function argmaxColumns(rows: number, m: number, data: Float64Array, name: string): Int32Array {
  const indices = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    let best = 0;
    for (let i = 0; i < rows; i++) {
      const value = data[i * m + j] as number;
      if (Number.isNaN(value)) throw invalidValue(`${name}[${i}][${j}]`, 'a number', NaN);
      if (value > (data[best * m + j] as number)) best = i;
    }
    indices[j] = best;
  }
  return indices;
}

/**
 * The class of each column of Y (or of predicted probabilities shaped like Y),
 * as an Int32Array of m indices:
 * - one row (binary): 1 where the value is ≥ 0.5, else 0;
 * - several rows (one per class): argmax.
 * A NaN anywhere is a RangeError: it has no class.
 *
 * @example toClassIndices(Y) // Y one-hot (3, m) → Int32Array [2, 0, 1, …]
 */
export function toClassIndices(Y: Matrix): Int32Array {
  const { rows, cols: m, data } = checkMatrix(Y, 'Y');
  if (rows > 1) return argmaxColumns(rows, m, data, 'Y');
  return Int32Array.from(data, (value, j) => {
    if (Number.isNaN(value)) throw invalidValue(`Y[0][${j}]`, 'a number', NaN);
    return value >= 0.5 ? 1 : 0;
  });
}

/**
 * The one-hot target matrix (classes, m) of m class indices, each an integer
 * from 0 to classes − 1: what a softmax output trains on.
 *
 * @example oneHot([2, 0, 1], 3) // (3, 3): column j has its 1 in row labels[j]
 */
export function oneHot(labels: ArrayLike<number>, classes: number): Matrix {
  if (!isArrayLike(labels)) throw invalidType('oneHot(): labels', 'an array of class indices', labels);
  const count = checkInteger(classes, 'oneHot(): classes', 1, MAX_DIMENSION);
  const m = checkLength(labels, 'oneHot(): labels');
  if (m === 0) throw invalidValue('oneHot(): labels', 'at least one label long', labels);
  const data = allocate(count * m, 'oneHot(): classes * labels');
  for (let j = 0; j < m; j++) {
    const label = labels[j];
    if (typeof label !== 'number') throw invalidType(`oneHot(): labels[${j}]`, 'a number', label);
    if (!Number.isInteger(label) || label < 0 || label >= count) {
      throw invalidValue(`oneHot(): labels[${j}]`, `an integer from 0 to ${count - 1} (classes = ${count})`, label);
    }
    data[label * m + j] = 1;
  }
  return { rows: count, cols: m, data };
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
