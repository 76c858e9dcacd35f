#include "small_gemm.h"

#include "vmath.h"

namespace shallownet {

__attribute__((target_clones("arch=x86-64-v3", "default")))
void small_gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha,
                const double* A, int64_t lda, const double* B, int64_t ldb, double* C, int64_t ldc) {
  if (!transB) {
    // C[i, :] = alpha * Σ_k op(A)[i, k] B[k, :]: rows of B streamed into rows of C.
    for (int64_t i = 0; i < M; ++i) {
      double* c = C + i * ldc;
      for (int64_t j = 0; j < N; ++j) c[j] = 0.0;
      for (int64_t k = 0; k < K; ++k) {
        const double a = transA ? A[k * lda + i] : A[i * lda + k];
        const double* b = B + k * ldb;
        for (int64_t j = 0; j < N; ++j) c[j] += a * b[j];
      }
      if (alpha != 1.0) for (int64_t j = 0; j < N; ++j) c[j] *= alpha;
    }
    return;
  }
  // C[i, j] = alpha * op(A)[i, :] · B[j, :]: dot products along contiguous rows.
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) {
      const double* b = B + j * ldb;
      double sum = 0.0;
      if (!transA) {
        const double* a = A + i * lda;
        vmath::v4d partial = vmath::splat(0.0);
        int64_t k = 0;
        for (; k + 4 <= K; k += 4) partial += vmath::load(a + k) * vmath::load(b + k);
        sum = vmath::horizontal_sum(partial);
        for (; k < K; ++k) sum += a[k] * b[k];
      } else {
        for (int64_t k = 0; k < K; ++k) sum += A[k * lda + i] * b[k];
      }
      C[i * ldc + j] = alpha * sum;
    }
  }
}

}  // namespace shallownet
