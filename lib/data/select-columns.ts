import type { Matrix } from '../matrix';

/** The columns (examples) of M at `indices`, in that order, as a new (M.rows, indices.length) matrix. */
export function selectColumns(M: Matrix, indices: Int32Array): Matrix {
  const { rows, cols, data } = M;
  const count = indices.length;
  const out = new Float64Array(rows * count);
  for (let i = 0; i < rows; i++) {
    const from = i * cols;
    const to = i * count;
    for (let k = 0; k < count; k++) out[to + k] = data[from + (indices[k] as number)] as number;
  }
  return { rows, cols: count, data: out };
}
