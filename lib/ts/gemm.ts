/**
 * The three matrix products backpropagation needs, on row-major Float64Arrays.
 * Every function overwrites the first M·N entries of C (beta = 0), like the
 * native core's dgemm calls; C may be a longer, reused buffer.
 *
 * All three are one blocked product, told apart only by the strides they read
 * A and B with:
 *
 *   element   gemmNN (A·B)    gemmNT (A·Bᵀ)   gemmTN (Aᵀ·B)
 *   A[i][k]   A[i·K + k]      A[i·K + k]      A[k·M + i]
 *   B[k][j]   B[k·N + j]      B[j·K + k]      B[k·N + j]
 *
 * Why it is shaped the way it is (the GotoBLAS/BLIS layout, in plain loops):
 * - JavaScript compiles `t += a * b` to a scalar multiply and add, and every
 *   typed-array read carries a bounds check, so the cost is in the reads per
 *   multiply-add. A 4 × 4 tile of C kept in 16 local variables across the k
 *   loop reads 8 values for 16 multiply-adds; a dot product reads 2 for 1.
 * - The tile's operands are first copied ("packed") into a scratch array in
 *   the order the tile reads them, so its loop reads two contiguous streams
 *   whatever the storage order of A and B. Packing also stops rows whose stride
 *   is a multiple of 4 KiB (m = 8192) from evicting each other from cache.
 * - A KC × NC block of B is packed once and reused by every 4-row panel of A,
 *   so it is read from L2, not memory; a 4 × KC panel of A is reused by every
 *   tile across the block, so it stays in L1. Copying costs O(M·K + K·N) per
 *   block column against O(M·N·K) multiply-adds.
 *
 * The order of the additions depends only on M, N and K, never on the values,
 * so the same inputs always give the same bits.
 */

/** Rows and columns of the register tile of C. microKernel is written out for 4 × 4. */
const MR = 4;
const NR = 4;
/** Most depth of a block: a 4 × KC panel of A and a KC × 4 panel of B take 8 KiB each, both fit in L1 (32 KiB). */
const KC = 256;
/**
 * Doubles in a packed block of B, KC × NC: 256 KiB, half of L2 (512 KiB). When
 * K is shorter than KC the block is widened to keep this size, so each panel of
 * A is packed fewer times.
 */
const B_BLOCK = 32 * 1024;

/**
 * Where the operands are packed: one array, allocated on first use, grown as
 * needed and reused (no allocation per call once warm). The panel of A comes
 * first, then the block of B:
 *   packed[k·MR + r]                            = A[i0 + r][k0 + k]   (kc, MR)
 *   packed[bStart + (j/NR)·kc·NR + k·NR + j%NR] = B[k0 + k][j0 + j]   nc/NR panels of (kc, NR)
 * One array rather than two made the micro-kernel about 10 % faster on the
 * benchmark shape M: V8 has one array's length and data pointer to keep and
 * check in the loop, not two.
 */
let scratch = new Float64Array(0);
/** A tile that overhangs the right edge of C is summed here, then its valid columns are added to C. */
const edgeTile = new Float64Array(MR * NR);

/**
 * C (M, N) = A (M, K) · B (K, N).
 */
export function gemmNN(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  gemm(M, N, K, 1, A, K, 1, B, N, 1, C);
}

/**
 * C (M, N) = alpha · A (M, K) · Bᵀ, with B stored (N, K).
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
  gemm(M, N, K, alpha, A, K, 1, B, 1, K, C);
}

/**
 * C (M, N) = Aᵀ · B (K, N), with A stored (K, M).
 */
export function gemmTN(M: number, N: number, K: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  gemm(M, N, K, 1, A, 1, M, B, N, 1, C);
}

/**
 * C (M, N) = alpha · A (M, K) · B (K, N), where A[i][k] = A[i·aRowStride + k·aColStride]
 * and B[k][j] = B[k·bRowStride + j·bColStride]; C is row-major, row stride N.
 */
function gemm(
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: Float64Array,
  aRowStride: number,
  aColStride: number,
  B: Float64Array,
  bRowStride: number,
  bColStride: number,
  C: Float64Array,
): void {
  C.fill(0, 0, M * N);
  if (M === 0 || N === 0 || K === 0) return;
  // K in blocks of equal depth, at most KC: a short last block would pay for
  // loading and storing its tiles of C with only a few multiply-adds.
  const kcMax = Math.ceil(K / Math.ceil(K / KC));
  const NC = Math.max(NR, Math.floor(B_BLOCK / kcMax / NR) * NR); // columns in a block of B
  const bStart = kcMax * MR; // where the block of B starts in packed
  if (scratch.length < bStart + kcMax * NC) scratch = new Float64Array(bStart + kcMax * NC);
  const packed = scratch;
  const cRowStride = N;
  const fullRows = M - (M % MR); // rows in whole panels of A

  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += kcMax) {
      const kc = Math.min(kcMax, K - k0);
      const panelStride = kc * NR; // from one packed panel of B to the next
      packB(kc, nc, B, k0 * bRowStride + j0 * bColStride, bRowStride, bColStride, packed, bStart);

      for (let i0 = 0; i0 < fullRows; i0 += MR) {
        packA(kc, A, i0 * aRowStride + k0 * aColStride, aRowStride, aColStride, packed);
        for (let jr = 0, q = bStart; jr < nc; jr += NR, q += panelStride) {
          const cStart = i0 * cRowStride + j0 + jr;
          if (jr + NR <= nc) {
            microKernel(kc, packed, q, C, cStart, cRowStride);
          } else {
            edgeTile.fill(0);
            microKernel(kc, packed, q, edgeTile, 0, NR);
            addEdgeTile(MR, nc - jr, C, cStart, cRowStride);
          }
        }
      }
      // The last M % MR rows one at a time: padding them to a whole panel would
      // quadruple the work for M = 1 (one output unit, the lecture's case).
      for (let i = fullRows; i < M; i++) {
        const aStart = i * aRowStride + k0 * aColStride;
        for (let jr = 0, q = bStart; jr < nc; jr += NR, q += panelStride) {
          const cStart = i * cRowStride + j0 + jr;
          if (jr + NR <= nc) {
            rowKernel(kc, A, aStart, aColStride, packed, q, C, cStart);
          } else {
            edgeTile.fill(0);
            rowKernel(kc, A, aStart, aColStride, packed, q, edgeTile, 0);
            addEdgeTile(1, nc - jr, C, cStart, cRowStride);
          }
        }
      }
    }
  }
  if (alpha !== 1) {
    const count = M * N;
    for (let k = 0; k < count; k++) C[k] *= alpha;
  }
}

/**
 * Copies the (MR, kc) panel of A starting at `start` into the front of packed,
 * (kc, MR): the MR values one step of the micro-kernel reads sit side by side.
 */
function packA(
  kc: number,
  A: Float64Array,
  start: number,
  rowStride: number,
  colStride: number,
  packed: Float64Array,
): void {
  const r1 = rowStride;
  const r2 = 2 * rowStride;
  const r3 = 3 * rowStride;
  for (let k = 0, a = start, p = 0; k < kc; k++, a += colStride, p += MR) {
    packed[p] = A[a];
    packed[p + 1] = A[a + r1];
    packed[p + 2] = A[a + r2];
    packed[p + 3] = A[a + r3];
  }
}

/**
 * Copies the (kc, nc) block of B starting at `start` into packed from `to`, in
 * panels of NR columns, each (kc, NR) and contiguous; columns past nc in the
 * last panel are zero.
 * B is read in its storage order: on a block whose row stride is a multiple of
 * 4 KiB, reading down a column would evict each line before the rest of it was read.
 */
function packB(
  kc: number,
  nc: number,
  B: Float64Array,
  start: number,
  rowStride: number,
  colStride: number,
  packed: Float64Array,
  to: number,
): void {
  const panelStride = kc * NR;
  const fullColumns = nc - (nc % NR); // columns in whole panels
  if (colStride === 1) {
    // gemmNN, gemmTN: B is (K, N), row-major, so walk it row by row, across all panels.
    for (let k = 0; k < kc; k++) {
      let b = start + k * rowStride;
      let p = to + k * NR;
      for (let j = 0; j < fullColumns; j += NR, b += NR, p += panelStride) {
        packed[p] = B[b];
        packed[p + 1] = B[b + 1];
        packed[p + 2] = B[b + 2];
        packed[p + 3] = B[b + 3];
      }
    }
  } else {
    // gemmNT: B is stored (N, K), so walk each panel down k, reading NR contiguous rows of the storage.
    const c1 = colStride;
    const c2 = 2 * colStride;
    const c3 = 3 * colStride;
    for (let j = 0, p = to; j < fullColumns; j += NR) {
      for (let k = 0, b = start + j * colStride; k < kc; k++, b += rowStride, p += NR) {
        packed[p] = B[b];
        packed[p + 1] = B[b + c1];
        packed[p + 2] = B[b + c2];
        packed[p + 3] = B[b + c3];
      }
    }
  }
  if (fullColumns < nc) {
    // The last, partial panel (N not a multiple of NR), padded with zeros.
    for (let k = 0, p = to + fullColumns * kc; k < kc; k++, p += NR) {
      for (let c = 0; c < NR; c++) {
        packed[p + c] = fullColumns + c < nc ? B[start + k * rowStride + (fullColumns + c) * colStride] : 0;
      }
    }
  }
}

/**
 * T (MR, NR) += Σ_k A panel[k] ⊗ B panel[k] over kc steps, both read from
 * packed: the panel of A at 0, the panel of B at bPanel. The tile starts at
 * tStart in T, row stride tRowStride. The 16 sums stay in locals through the
 * k loop, so T is read and written once per block, not once per step.
 */
function microKernel(
  kc: number,
  packed: Float64Array,
  bPanel: number,
  T: Float64Array,
  tStart: number,
  tRowStride: number,
): void {
  let t00 = 0, t01 = 0, t02 = 0, t03 = 0;
  let t10 = 0, t11 = 0, t12 = 0, t13 = 0;
  let t20 = 0, t21 = 0, t22 = 0, t23 = 0;
  let t30 = 0, t31 = 0, t32 = 0, t33 = 0;
  const aEnd = kc * MR;
  // Both panels advance by 4 a step (MR = NR), so one index serves both.
  for (let p = 0; p < aEnd; p += MR) {
    const q = bPanel + p;
    const a0 = packed[p];
    const a1 = packed[p + 1];
    const a2 = packed[p + 2];
    const a3 = packed[p + 3];
    // One column of B at a time: fewer values live at once, fewer register spills.
    let b = packed[q];
    t00 += a0 * b; t10 += a1 * b; t20 += a2 * b; t30 += a3 * b;
    b = packed[q + 1];
    t01 += a0 * b; t11 += a1 * b; t21 += a2 * b; t31 += a3 * b;
    b = packed[q + 2];
    t02 += a0 * b; t12 += a1 * b; t22 += a2 * b; t32 += a3 * b;
    b = packed[q + 3];
    t03 += a0 * b; t13 += a1 * b; t23 += a2 * b; t33 += a3 * b;
  }
  let t = tStart;
  T[t] += t00; T[t + 1] += t01; T[t + 2] += t02; T[t + 3] += t03;
  t += tRowStride;
  T[t] += t10; T[t + 1] += t11; T[t + 2] += t12; T[t + 3] += t13;
  t += tRowStride;
  T[t] += t20; T[t + 1] += t21; T[t + 2] += t22; T[t + 3] += t23;
  t += tRowStride;
  T[t] += t30; T[t + 1] += t31; T[t + 2] += t32; T[t + 3] += t33;
}

/**
 * T (1, NR) += Σ_k A[k] · B panel[k] over kc steps, with A read in place
 * (A[aStart + k·aColStride]) and the panel of B at bPanel in packed: one row
 * of C below the last whole panel of A.
 */
function rowKernel(
  kc: number,
  A: Float64Array,
  aStart: number,
  aColStride: number,
  packed: Float64Array,
  bPanel: number,
  T: Float64Array,
  tStart: number,
): void {
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let k = 0, a = aStart, q = bPanel; k < kc; k++, a += aColStride, q += NR) {
    const ak = A[a];
    t0 += ak * packed[q];
    t1 += ak * packed[q + 1];
    t2 += ak * packed[q + 2];
    t3 += ak * packed[q + 3];
  }
  T[tStart] += t0;
  T[tStart + 1] += t1;
  T[tStart + 2] += t2;
  T[tStart + 3] += t3;
}

/** Adds the first `rows` × `cols` of edgeTile (row stride NR) into C at cStart. */
function addEdgeTile(rows: number, cols: number, C: Float64Array, cStart: number, cRowStride: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) C[cStart + r * cRowStride + c] += edgeTile[r * NR + c];
  }
}
