import type { Matrix } from '../matrix';

/**
 * The columns (examples) of M at `indices`, in that order, as a (M.rows,
 * indices.length) matrix: in `out` when given (M.rows · indices.length values,
 * e.g. a SharedArrayBuffer's), else in a new array.
 */
export function selectColumns(M: Matrix, indices: Int32Array, out: Float64Array<ArrayBufferLike> = new Float64Array(M.rows * indices.length)): Matrix {
  const { rows, cols, data } = M;
  const count = indices.length;
  for (let i = 0; i < rows; i++) {
    const from = i * cols;
    const to = i * count;
    for (let k = 0; k < count; k++) out[to + k] = data[from + (indices[k] as number)] as number;
  }
  return { rows, cols: count, data: out };
}
