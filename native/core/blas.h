// The only place that includes cblas: row-major dgemm with transposes as flags.
//
// BLAS always runs single-threaded here: our own threads share a product out
// as tiles of C (parallel.h), within the process's compute budget. That lets
// several networks train at once without oversubscribing the cores, and since
// the tiles depend on the shape alone, never on how many threads take them,
// a product gives the same bits whatever share of the machine it runs with.
#pragma once

#include <cblas.h>

#include <algorithm>
#include <cstdint>

#include "threads/compute_budget.h"
#include "threads/parallel.h"
#include "small_gemm.h"


namespace shallownet {

inline void use_single_threaded_blas() {
  static const bool done = (openblas_set_num_threads(1), true);
  (void)done;
}

// How a product is shared out: as tiles of C, each its own single-threaded
// dgemm call, taken by the caller and its lease's helpers (parallel.h). Each
// call packs its share of one operand and all of the other — cut by rows,
// every tile packs all of op(B) (K x N); by columns, all of op(A) (M x K) —
// so C is cut across the side whose operand is the cheaper to pack again
// (rows when N < M), and into few tiles: measured on L's dZ1·Xᵀ with 2
// threads, 2 tiles took 32 ms, 4 tiles 35, 8 tiles 48.
//
// How many: one per thread of the compute budget (its capacity, not the
// threads this call holds now), none under kMinTileWork multiply-adds, with
// boundaries on multiples of kTileAlign. So a product is cut the same way
// whatever share of the budget the caller holds, alone or beside other
// trainings, and gives the same bits. (A different budget may cut it
// differently: OpenBLAS's SkylakeX kernels round some columns differently
// depending on where a call's columns end, so the bits can then differ in
// the last place, as they did across OpenBLAS's own thread counts.)
// 32: a multiple of every OpenBLAS dgemm kernel's register block (Haswell
// 4 × 8, SkylakeX 16 × 2, …), and small enough that a side of 64 or 128 (M's
// dZ1·Xᵀ, 128 rows) still splits in two (at 96 it ran on one thread: 40 % slower).
constexpr int64_t kTileAlign = 32;
// 2^22 multiply-adds (about 0.1 ms on a core): a mini-batch's thin products
// (784·256·128 = 2^24.6) still split across two threads; a hand-over costs microseconds.
constexpr int64_t kMinTileWork = int64_t{1} << 22;

struct GemmTiles {
  int64_t count;
  bool by_rows;  // else by columns
};

inline GemmTiles gemm_tiles(int64_t M, int64_t N, int64_t K, int budget) {
  const bool by_rows = N < M;
  const int64_t side = by_rows ? M : N;
  const int64_t count = std::min({int64_t{budget}, side / kTileAlign, M * N * K / kMinTileWork});
  return {std::max<int64_t>(count, 1), by_rows};
}

// C (M, N) = alpha * op(A) * op(B) + beta * C, all row-major.
// op(A) is (M, K) and op(B) is (K, N); lda/ldb are the row strides of A and B as stored.
inline void gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha,
                 const double* A, int64_t lda, const double* B, int64_t ldb, double beta,
                 double* C, int64_t ldc) {
  if (beta == 0.0 && M * N * K <= kSmallGemmWork) {
    small_gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, C, ldc);
    return;
  }
  use_single_threaded_blas();
  const GemmTiles tiles = gemm_tiles(M, N, K, compute_budget().capacity());
  const int64_t side = tiles.by_rows ? M : N;
  const auto bound = [&](int64_t t) {
    return t == tiles.count ? side : (side * t / tiles.count) / kTileAlign * kTileAlign;
  };
  parallel_rows(tiles.count, M * N * K / tiles.count, [&](int64_t t) {
    const int64_t from = bound(t), to = bound(t + 1);
    const CBLAS_TRANSPOSE ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
    if (tiles.by_rows) {
      // Rows from..to of C: those rows of op(A), all of op(B).
      cblas_dgemm(CblasRowMajor, ta, tb, static_cast<blasint>(to - from), static_cast<blasint>(N),
                  static_cast<blasint>(K), alpha, transA ? A + from : A + from * lda, static_cast<blasint>(lda), B,
                  static_cast<blasint>(ldb), beta, C + from * ldc, static_cast<blasint>(ldc));
    } else {
      // Columns from..to of C: all of op(A), those columns of op(B).
      cblas_dgemm(CblasRowMajor, ta, tb, static_cast<blasint>(M), static_cast<blasint>(to - from),
                  static_cast<blasint>(K), alpha, A, static_cast<blasint>(lda), transB ? B + from * ldb : B + from,
                  static_cast<blasint>(ldb), beta, C + from, static_cast<blasint>(ldc));
    }
  });
}

}  // namespace shallownet
