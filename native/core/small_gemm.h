// Matrix products too small for BLAS to pay off: for the course's flower
// network (2 → 4 → 1, m = 400) a dgemm call costs more in dispatch than in
// arithmetic. Plain loops, vectorised (kernels/elementwise_kernels.h); same
// contract as gemm() in blas.h.
#pragma once

#include <cstdint>

namespace shallownet {

// Products with at most this many multiply-adds go to small_gemm.
constexpr int64_t kSmallGemmWork = 1 << 14;

// C (M, N) = alpha * op(A) * op(B), row-major, beta = 0.
void small_gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha,
                const double* A, int64_t lda, const double* B, int64_t ldb, double* C, int64_t ldc);

}  // namespace shallownet
