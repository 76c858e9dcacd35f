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

#include "threads/parallel.h"
#include "small_gemm.h"


namespace shallownet {

inline void use_single_threaded_blas() {
  static const bool done = (openblas_set_num_threads(1), true);
  (void)done;
}

// Tiles of C for a product of this shape: about kTileWork multiply-adds each
// (a millisecond or so of one core), at most kMaxTiles. Each tile is its own
// dgemm call, which packs its share of one operand and all of the other: cut
// by rows, every tile packs all of op(B) (K x N); by columns, all of op(A)
// (M x K). So C is cut across the side whose operand is the cheaper to pack
// again — rows when N < M — into tiles at least kMinTileRows or
// kMinTileColumns across.
constexpr int64_t kTileWork = int64_t{1} << 25;
constexpr int64_t kMinTileColumns = 128;
constexpr int64_t kMinTileRows = 32;
constexpr int64_t kMaxTiles = 16;

struct GemmTiles {
  int64_t count;
  bool by_rows;  // else by columns
};

inline GemmTiles gemm_tiles(int64_t M, int64_t N, int64_t K) {
  const int64_t wanted = M * N * K / kTileWork;
  const bool by_rows = N < M;
  const int64_t most = by_rows ? M / kMinTileRows : N / kMinTileColumns;
  return {std::clamp(std::min(wanted, most), int64_t{1}, kMaxTiles), by_rows};
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
  const GemmTiles tiles = gemm_tiles(M, N, K);
  const int64_t side = tiles.by_rows ? M : N;
  // Boundaries on multiples of 8 (whole cache lines of C across columns).
  const auto bound = [&](int64_t t) { return t == tiles.count ? side : (side * t / tiles.count) & ~int64_t{7}; };
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
