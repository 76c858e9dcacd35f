// The element-wise passes, forwarded to the kernels chosen for this CPU
// (kernels/dispatch.cpp): one indirect call per row.
#include "elementwise.h"

#include "kernels/kernel_table.h"
#include "small_gemm.h"

namespace shallownet {

void bias_activate_row(Activation activation, const double* in, double bias, double* Z, double* A,
                       int64_t count) {
  kernels().bias_activate_row(activation, in, bias, Z, A, count);
}

double hidden_delta_row(Activation activation, const double* A, double* dZ, int64_t count) {
  return kernels().hidden_delta_row(activation, A, dZ, count);
}

double hidden_backward_row(Activation activation, const double* A1, const double* W2, int64_t n1,
                           const double* dZ2, int64_t n2, int64_t m, double* dZ1, double* dW2) {
  return kernels().hidden_backward_row(activation, A1, W2, n1, dZ2, n2, m, dZ1, dW2);
}

double output_cost_delta_row(double* row, double bias, const double* Y, int64_t count, double* delta_sum) {
  return kernels().output_cost_delta_row(row, bias, Y, count, delta_sum);
}

void bias_sigmoid_row(double* Z, double bias, double* A, int64_t count) {
  kernels().bias_sigmoid_row(Z, bias, A, count);
}

double output_delta_row(const double* A, const double* Y, double* dZ, int64_t count) {
  return kernels().output_delta_row(A, Y, dZ, count);
}

double linear_cost_delta_row(double* row, double bias, const double* Y, int64_t count, double* delta_sum) {
  return kernels().linear_cost_delta_row(row, bias, Y, count, delta_sum);
}

void bias_row(double* Z, double bias, double* A, int64_t count) { kernels().bias_row(Z, bias, A, count); }

double softmax_cost_delta(double* Z, int64_t ld, const double* b, const double* Y, int64_t ldy, int64_t rows,
                          int64_t count) {
  return kernels().softmax_cost_delta(Z, ld, b, Y, ldy, rows, count);
}

void softmax_columns(double* Z, int64_t ld, const double* b, double* A, int64_t lda, int64_t rows, int64_t count) {
  kernels().softmax_columns(Z, ld, b, A, lda, rows, count);
}

double row_sum(const double* row, int64_t count) { return kernels().row_sum(row, count); }

void small_gemm(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,
                int64_t lda, const double* B, int64_t ldb, double* C, int64_t ldc) {
  kernels().small_gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, C, ldc);
}

}  // namespace shallownet
