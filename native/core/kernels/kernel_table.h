// One instruction set's build of the element-wise kernels, as a table of
// functions. Each table is compiled in its own translation unit with its own
// -march flags (kernels/isa_*.cpp); dispatch.cpp picks one per process from a
// run-time CPU check. This works with every compiler and OS, unlike GCC's
// target_clones (glibc's ifunc only).
#pragma once

#include <cstdint>

#include "../activation.h"

namespace shallownet {

struct KernelTable {
  const char* name;  // "avx512", "avx2", "baseline" or "neon"

  // The network's passes, one row at a time (see elementwise.h for each contract).
  void (*bias_activate_row)(Activation activation, const double* in, double bias, double* Z, double* A,
                            int64_t count);
  double (*hidden_delta_row)(Activation activation, const double* A, double* dZ, int64_t count);
  double (*hidden_backward_row)(Activation activation, const double* A1, const double* W2, int64_t n1,
                                const double* dZ2, int64_t n2, int64_t m, double* dZ1, double* dW2);
  double (*output_cost_delta_row)(double* row, double bias, const double* Y, int64_t count, double* delta_sum);
  void (*bias_sigmoid_row)(double* Z, double bias, double* A, int64_t count);
  double (*output_delta_row)(const double* A, const double* Y, double* dZ, int64_t count);
  double (*linear_cost_delta_row)(double* row, double bias, const double* Y, int64_t count, double* delta_sum);
  void (*bias_row)(double* Z, double bias, double* A, int64_t count);
  double (*softmax_cost_delta)(double* Z, int64_t ld, const double* b, const double* Y, int64_t ldy, int64_t rows,
                               int64_t count);
  void (*softmax_columns)(double* Z, int64_t ld, const double* b, double* A, int64_t lda, int64_t rows, int64_t count);
  double (*row_sum)(const double* row, int64_t count);
  void (*small_gemm)(bool transA, bool transB, int64_t M, int64_t N, int64_t K, double alpha, const double* A,
                     int64_t lda, const double* B, int64_t ldb, double* C, int64_t ldc);

  // L2 regularisation's pieces (network.h l2_cost, add_l2_gradient).
  double (*sum_of_squares)(const double* x, int64_t count);
  void (*add_scaled)(double* y, const double* x, double a, int64_t count);
  // The optimizers' updates (optimizer.h), into next_* buffers: whether every new value is finite.
  bool (*gd_update)(const double* params, const double* grads, double* next_params, int64_t count, double rate);
  bool (*momentum_update)(const double* params, const double* grads, const double* v, double* next_params,
                          double* next_v, int64_t count, double rate, double beta);
  bool (*adam_update)(const double* params, const double* grads, const double* v, const double* s,
                      double* next_params, double* next_v, double* next_s, int64_t count, double rate, double beta1,
                      double beta2, double epsilon, double correction1, double correction2);

  // The vector math over arrays, for vmath_test to check against libm and across ISAs.
  void (*exp)(const double* x, double* out, int64_t count);
  void (*tanh)(const double* x, double* out, int64_t count);
  void (*log1p_unit)(const double* x, double* out, int64_t count);  // x in [0, 1]
  void (*sigmoid)(const double* x, double* out, int64_t count);
  void (*log)(const double* x, double* out, int64_t count);  // x positive and normal (softmax's log-sum-exp)
};

// Every table this build contains, best first; only those the CPU supports
// may be called (kernel_table_supported).
const KernelTable* const* kernel_tables(int* count);
bool kernel_table_supported(const KernelTable& table);

// The table this process uses: the best the CPU supports, or the one named by
// the SHALLOWNET_SIMD environment variable when it is set and supported.
const KernelTable& kernels();

}  // namespace shallownet
