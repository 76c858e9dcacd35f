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

// Column tiles of C for a product of this shape: each about kTileWork
// multiply-adds and at least kMinTileColumns wide, at most kMaxTiles.
constexpr int64_t kTileWork = int64_t{1} << 22;
constexpr int64_t kMinTileColumns = 64;
constexpr int64_t kMaxTiles = 64;

inline int64_t gemm_tiles(int64_t M, int64_t N, int64_t K) {
  return std::clamp(std::min(M * N * K / kTileWork, N / kMinTileColumns), int64_t{1}, kMaxTiles);
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
  const int64_t tiles = gemm_tiles(M, N, K);
  parallel_rows(tiles, M * K * (N / tiles), [&](int64_t t) {
    // Boundaries on multiples of 8 columns (whole cache lines of C).
    const int64_t j0 = t == 0 ? 0 : (N * t / tiles) & ~int64_t{7};
    const int64_t j1 = t == tiles - 1 ? N : (N * (t + 1) / tiles) & ~int64_t{7};
    cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                static_cast<blasint>(M), static_cast<blasint>(j1 - j0), static_cast<blasint>(K), alpha, A,
                static_cast<blasint>(lda), transB ? B + j0 * ldb : B + j0, static_cast<blasint>(ldb), beta,
                C + j0, static_cast<blasint>(ldc));
  });
}

}  // namespace shallownet
