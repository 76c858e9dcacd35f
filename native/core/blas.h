// The only place that includes cblas: row-major dgemm with transposes as flags.
#pragma once

#include <cblas.h>

#include <cstdint>

#include "small_gemm.h"

namespace shallownet {

// C (M, N) = alpha * op(A) * op(B) + beta * C, all row-major.
// op(A) is (M, K) and op(B) is (K, N); lda/ldb are the row strides of A and B as stored.
inline void gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha,
                 const double* A, int64_t lda, const double* B, int64_t ldb, double beta,
                 double* C, int64_t ldc) {
  if (beta == 0.0 && M * N * K <= kSmallGemmWork) {
    small_gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, C, ldc);
    return;
  }
  cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
              static_cast<blasint>(M), static_cast<blasint>(N), static_cast<blasint>(K), alpha, A,
              static_cast<blasint>(lda), B, static_cast<blasint>(ldb), beta, C,
              static_cast<blasint>(ldc));
}

}  // namespace shallownet
