/**
 * Running a function over a matrix's examples (columns) a block at a time,
 * so that what it allocates per example — a network's activations, a scaled
 * copy — is bounded by the block, not by the data set: predicting a million
 * rows then needs the input, the output and a few MB more.
 */
import type { Matrix } from '../matrix';

/** Examples per block: large enough that each block is a fast BLAS product, small enough to keep its buffers in a few MB. */
export const BLOCK_COLUMNS = 16_384;

/** Columns [start, end) of M, as a new matrix. */
function columnRange(M: Matrix, start: number, end: number): Matrix {
  const { rows, cols } = M;
  if (start === 0 && end === cols) return M;
  const width = end - start;
  const data = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) data.set(M.data.subarray(i * cols + start, i * cols + end), i * width);
  return { rows, cols: width, data };
}

/**
 * f applied to X block by block, its (rows, block) results put side by side:
 * the same columns as f(X) would give (f must treat each column on its own).
 */
export function mapColumnBlocks(X: Matrix, rows: number, f: (block: Matrix) => Matrix, blockColumns = BLOCK_COLUMNS): Matrix {
  const m = X.cols;
  if (m <= blockColumns) return f(X);
  const out = new Float64Array(rows * m);
  for (let start = 0; start < m; start += blockColumns) {
    const end = Math.min(start + blockColumns, m);
    const result = f(columnRange(X, start, end));
    const width = end - start;
    for (let i = 0; i < rows; i++) out.set(result.data.subarray(i * width, (i + 1) * width), i * m + start);
  }
  return { rows, cols: m, data: out };
}
