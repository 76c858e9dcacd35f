/**
 * Class labels: their order, and the Y matrix that encodes them.
 */
import type { Matrix } from '../matrix';
import { checkMemory } from '../limits';
import { parseDecimal } from './decimal';

/**
 * The canonical text of a label: a number is named by its value, so "1",
 * "1.0" and "1e0" are one class, "1"; any other text is itself (compared
 * exactly: case and inner spaces count).
 */
export function canonicalLabel(text: string): string {
  const value = parseDecimal(text);
  return value === undefined ? text : String(value);
}

/**
 * Labels in their class order: ascending by value when every label is a
 * number (so "2" comes before "10"), otherwise by UTF-16 code units, which
 * does not depend on the locale. Class k of the encoded Y is `sorted[k]`.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const sorted = [...labels];
  const values = sorted.map(parseDecimal);
  if (values.every((value) => value !== undefined)) return sorted.sort((a, b) => Number(a) - Number(b));
  return sorted.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Y from class indices (one per example, as doubles): one 0/1 row when
 * `oneHot` is false (binary: class 1 is 1), else a one-hot (classCount, m) matrix.
 */
export function encodeClassIndices(indices: Float64Array, classCount: number, oneHot: boolean): Matrix {
  const m = indices.length;
  if (!oneHot) return { rows: 1, cols: m, data: Float64Array.from(indices) };
  checkMemory(8 * classCount * m, `a one-hot Y of ${classCount} classes × ${m} examples`);
  const data = new Float64Array(classCount * m);
  for (let j = 0; j < m; j++) data[(indices[j] as number) * m + j] = 1;
  return { rows: classCount, cols: m, data };
}
