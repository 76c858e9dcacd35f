/**
 * The three matrix products backpropagation needs, on row-major Float64Arrays,
 * as plain loops. Each reads its operands in storage order (no transposed
 * copies) and is blocked so the rows it reuses stay in cache.
 *
 * Every function overwrites C (beta = 0), like the native core's dgemm calls.
 */

/** Columns of C (and of B) handled per block in gemmNN: 512 doubles = 4 KiB per row. */
const COLUMN_BLOCK = 512;
/** Length of the k-slices in gemmNT: a slice of 8 rows of B fits in L1. */
const DEPTH_BLOCK = 256;

/**
 * C (M, N) = A (M, K) · B (K, N).
 * i-k-j order: the inner loop streams a row of B into a row of C.
 */
export function gemmNN(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  C.fill(0, 0, M * N);
  for (let j0 = 0; j0 < N; j0 += COLUMN_BLOCK) {
    const j1 = Math.min(N, j0 + COLUMN_BLOCK);
    for (let i = 0; i < M; i++) {
      const cRow = i * N;
      const aRow = i * K;
      for (let k = 0; k < K; k++) {
        const a = A[aRow + k];
        const bRow = k * N;
        for (let j = j0; j < j1; j++) C[cRow + j] += a * B[bRow + j];
      }
    }
  }
}

/**
 * C (M, N) = alpha · A (M, K) · Bᵀ, with B stored (N, K).
 * Each element is a dot product of two contiguous rows; four columns of C are
 * computed together so each load of A is used four times.
 */
export function gemmNT(
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
): void {
  C.fill(0, 0, M * N);
  for (let k0 = 0; k0 < K; k0 += DEPTH_BLOCK) {
    const k1 = Math.min(K, k0 + DEPTH_BLOCK);
    for (let i = 0; i < M; i++) {
      const aRow = i * K;
      const cRow = i * N;
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        const b0 = j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = k0; k < k1; k++) {
          const a = A[aRow + k];
          s0 += a * B[b0 + k];
          s1 += a * B[b1 + k];
          s2 += a * B[b2 + k];
          s3 += a * B[b3 + k];
        }
        C[cRow + j] += s0;
        C[cRow + j + 1] += s1;
        C[cRow + j + 2] += s2;
        C[cRow + j + 3] += s3;
      }
      for (; j < N; j++) {
        const bRow = j * K;
        let s = 0;
        for (let k = k0; k < k1; k++) s += A[aRow + k] * B[bRow + k];
        C[cRow + j] += s;
      }
    }
  }
  if (alpha !== 1) for (let k = 0; k < M * N; k++) C[k] *= alpha;
}

/**
 * C (M, N) = Aᵀ · B (K, N), with A stored (K, M).
 * Row i of C accumulates the rows of B weighted by column i of A.
 */
export function gemmTN(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  C.fill(0, 0, M * N);
  for (let i = 0; i < M; i++) {
    const cRow = i * N;
    for (let k = 0; k < K; k++) {
      const a = A[k * M + i];
      const bRow = k * N;
      for (let j = 0; j < N; j++) C[cRow + j] += a * B[bRow + j];
    }
  }
}
