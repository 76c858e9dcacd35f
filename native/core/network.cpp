#include "network.h"

#include <algorithm>
#include <cmath>

#include "blas.h"
#include "elementwise.h"
#include "kernels/kernel_table.h"
#include "threads/parallel.h"

namespace shallownet {

void Workspace::ensure(const Shape& shape, int64_t m) {
  const auto grow = [](std::vector<double>& buffer, int64_t size) {
    if (static_cast<int64_t>(buffer.size()) < size) buffer.resize(static_cast<size_t>(size));
  };
  grow(A1, shape.n1 * m);
  grow(dZ1, shape.n1 * m);
  grow(Z2, shape.n2 * m);
  grow(grads, shape.parameter_count());
}

void forward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W1, const double* b1,
                    Inputs X, double* Z1, double* A1) {
  double* product = Z1 != nullptr ? Z1 : A1;
  gemm(false, X.rows_are_examples, shape.n1, m, shape.n0, 1.0, W1, shape.n0, X.data, X.ld, 0.0, product, m);
  parallel_rows(shape.n1, m, [&](int64_t i) {
    bias_activate_row(activation, product + i * m, b1[i], Z1 != nullptr ? Z1 + i * m : nullptr, A1 + i * m, m);
  });
}

void forward_output(OutputHead head, const Shape& shape, int64_t m, const double* W2, const double* b2,
                    const double* A1, double* Z2, double* A2) {
  gemm(false, false, shape.n2, m, shape.n1, 1.0, W2, shape.n1, A1, m, 0.0, Z2, m);
  switch (head) {
    case OutputHead::Sigmoid:
      for (int64_t i = 0; i < shape.n2; ++i) bias_sigmoid_row(Z2 + i * m, b2[i], A2 != nullptr ? A2 + i * m : nullptr, m);
      return;
    case OutputHead::Linear:
      for (int64_t i = 0; i < shape.n2; ++i) bias_row(Z2 + i * m, b2[i], A2 != nullptr ? A2 + i * m : nullptr, m);
      return;
    case OutputHead::Softmax:
      softmax_columns(Z2, m, b2, A2, m, shape.n2, m);
      return;
  }
}

double output_loss_delta(OutputHead head, const Shape& shape, int64_t m, double* Z2, const double* b2,
                         const double* Y, int64_t ldy, double* db2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  double loss = 0.0;
  switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::Linear:
      // Row by row: each output's loss and dZ2 = A2 - Y need only its own row.
      for (int64_t i = 0; i < shape.n2; ++i) {
        double delta_sum = 0.0;
        loss += head == OutputHead::Sigmoid
                    ? output_cost_delta_row(Z2 + i * m, b2[i], Y + i * ldy, m, &delta_sum)
                    : linear_cost_delta_row(Z2 + i * m, b2[i], Y + i * ldy, m, &delta_sum);
        db2[i] = delta_sum * inv_m;
      }
      return loss;
    case OutputHead::Softmax:
      // Column by column: softmax normalises over a column's outputs.
      loss = softmax_cost_delta(Z2, m, b2, Y, ldy, shape.n2, m);
      for (int64_t i = 0; i < shape.n2; ++i) db2[i] = row_sum(Z2 + i * m, m) * inv_m;
      return loss;
  }
  return loss;
}

void output_delta(const Shape& shape, int64_t m, const double* A2, const double* Y, double* dZ2, double* db2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  for (int64_t i = 0; i < shape.n2; ++i) db2[i] = output_delta_row(A2 + i * m, Y + i * m, dZ2 + i * m, m) * inv_m;
}

void backward_hidden(Activation activation, const Shape& shape, int64_t m, const double* W2, Inputs X,
                     const double* A1, const double* dZ2, double* dZ1, double* dW1, double* db1, double* dW2) {
  const double inv_m = 1.0 / static_cast<double>(m);
  const int64_t n0 = shape.n0, n1 = shape.n1, n2 = shape.n2;
  if (n2 <= kMaxFusedOutputs) {
    // dW2, W2ᵀ·dZ2, g' and db1 in one pass over each row of A1: for a few
    // outputs those two products are thin and memory-bound, and reading A1
    // once instead of twice is what counts.
    parallel_rows(n1, m * (n2 + 1), [&](int64_t i) {
      db1[i] = hidden_backward_row(activation, A1 + i * m, W2 + i, n1, dZ2, n2, m, dZ1 + i * m, dW2 + i) * inv_m;
      for (int64_t k = 0; k < n2; ++k) dW2[k * n1 + i] *= inv_m;
    });
  } else {
    gemm(false, true, n2, n1, m, inv_m, dZ2, m, A1, m, 0.0, dW2, n1);  // dZ2·A1ᵀ
    gemm(true, false, n1, m, n2, 1.0, W2, n1, dZ2, m, 0.0, dZ1, m);    // W2ᵀ·dZ2
    parallel_rows(n1, m, [&](int64_t i) { db1[i] = hidden_delta_row(activation, A1 + i * m, dZ1 + i * m, m) * inv_m; });
  }
  // dZ1·Xᵀ: X as (n0, m) is transposed; X as (m, n0) already is Xᵀ.
  gemm(false, !X.rows_are_examples, n1, n0, m, inv_m, dZ1, m, X.data, X.ld, 0.0, dW1, n0);
}

double l2_cost(const Shape& shape, const double* params, double lambda, int64_t m) {
  if (lambda == 0.0) return 0.0;
  const auto p = unpack<const double>(params, shape);
  const KernelTable& k = kernels();
  const double squares = k.sum_of_squares(p.W1, shape.w1_size()) + k.sum_of_squares(p.W2, shape.n2 * shape.n1);
  return lambda / (2.0 * static_cast<double>(m)) * squares;
}

void add_l2_gradient(const Shape& shape, const double* params, double* grads, double lambda, int64_t m) {
  if (lambda == 0.0) return;
  const double scale = lambda / static_cast<double>(m);
  const auto p = unpack<const double>(params, shape);
  const auto g = unpack<double>(grads, shape);
  const KernelTable& k = kernels();
  // W1 in row-sized pieces across the lease's threads (element-wise: the same bits however split).
  parallel_rows(shape.n1, shape.n0, [&](int64_t i) { k.add_scaled(g.W1 + i * shape.n0, p.W1 + i * shape.n0, scale, shape.n0); });
  k.add_scaled(g.W2, p.W2, scale, shape.n2 * shape.n1);
}

bool update(double* params, const double* grads, int64_t count, double learning_rate) {
  // Check first, then write: reading twice is cheap next to the products,
  // and it means a failed update leaves nothing half-applied.
  bool finite = true;
  for (int64_t k = 0; k < count; ++k) finite &= std::isfinite(params[k] - learning_rate * grads[k]);
  if (!finite) return false;
  for (int64_t k = 0; k < count; ++k) params[k] -= learning_rate * grads[k];
  return true;
}

double forward_cost(const Architecture& net, const double* params, const Examples& batch, Workspace& ws) {
  const Shape& shape = net.shape;
  const int64_t m = batch.m;
  const auto p = unpack<const double>(params, shape);
  double* A1 = ws.A1.data();
  double* Z2 = ws.Z2.data();
  forward_hidden(net.hidden, shape, m, p.W1, p.b1, batch.X, nullptr, A1);
  gemm(false, false, shape.n2, m, shape.n1, 1.0, p.W2, shape.n1, A1, m, 0.0, Z2, m);
  double* db2 = unpack<double>(ws.grads.data(), shape).b2;
  return output_loss_delta(net.output, shape, m, Z2, p.b2, batch.Y, batch.ldy, db2) * (1.0 / static_cast<double>(m));
}

void gradients_from_cost(const Architecture& net, const double* params, Inputs X, int64_t m, Workspace& ws) {
  const auto g = unpack<double>(ws.grads.data(), net.shape);
  backward_hidden(net.hidden, net.shape, m, unpack<const double>(params, net.shape).W2, X, ws.A1.data(), ws.Z2.data(),
                  ws.dZ1.data(), g.W1, g.b1, g.W2);
}

bool backward_update(const Architecture& net, double* params, Inputs X, int64_t m, double learning_rate,
                     Workspace& ws) {
  gradients_from_cost(net, params, X, m, ws);
  return update(params, ws.grads.data(), net.shape.parameter_count(), learning_rate);
}

double evaluate_cost(const Architecture& net, const double* params, const Examples& examples, Workspace& ws) {
  return evaluate_score(net, params, examples, ws).cost;
}

Examples slice(const Examples& examples, int64_t from, int64_t count) {
  Examples part = examples;
  part.X.data += examples.X.rows_are_examples ? from * examples.X.ld : from;
  part.Y += from;
  part.m = count;
  return part;
}

void ScoreSums::prepare(const Architecture& net, const Examples& all) {
  if (net.output != OutputHead::Linear) return;
  const int64_t n2 = net.shape.n2;
  mean.assign(static_cast<size_t>(n2), 0.0);
  residual.assign(static_cast<size_t>(n2), 0.0);
  spread.assign(static_cast<size_t>(n2), 0.0);
  for (int64_t i = 0; i < n2; ++i) {
    double sum = 0.0;
    for (int64_t j = 0; j < all.m; ++j) sum += all.Y[i * all.ldy + j];
    mean[i] = sum / static_cast<double>(all.m);
  }
}

void ScoreSums::start() {
  loss = 0.0;
  right = 0;
  std::fill(residual.begin(), residual.end(), 0.0);
  std::fill(spread.begin(), spread.end(), 0.0);
}

void ScoreSums::add_chunk(const Architecture& net, const double* params, const Examples& chunk, Workspace& ws) {
  const Shape& shape = net.shape;
  const int64_t m = chunk.m, n2 = shape.n2, ldy = chunk.ldy;
  const auto p = unpack<const double>(params, shape);
  forward_hidden(net.hidden, shape, m, p.W1, p.b1, chunk.X, nullptr, ws.A1.data());
  double* Z2 = ws.Z2.data();
  gemm(false, false, n2, m, shape.n1, 1.0, p.W2, shape.n1, ws.A1.data(), m, 0.0, Z2, m);
  const double* Y = chunk.Y;
  // The metric from the logits z = W2·A1 + b2, before the loss pass overwrites them.
  switch (net.output) {
    case OutputHead::Sigmoid:
      for (int64_t i = 0; i < n2; ++i) {
        for (int64_t j = 0; j < m; ++j) right += (Z2[i * m + j] + p.b2[i] > 0.0) == (Y[i * ldy + j] > 0.5);
      }
      break;
    case OutputHead::Softmax:
      for (int64_t j = 0; j < m; ++j) {
        int64_t predicted = 0, target = 0;
        for (int64_t i = 1; i < n2; ++i) {
          if (Z2[i * m + j] + p.b2[i] > Z2[predicted * m + j] + p.b2[predicted]) predicted = i;
          if (Y[i * ldy + j] > Y[target * ldy + j]) target = i;
        }
        right += predicted == target;
      }
      break;
    case OutputHead::Linear:
      for (int64_t i = 0; i < n2; ++i) {
        for (int64_t j = 0; j < m; ++j) {
          const double y = Y[i * ldy + j];
          const double error = y - (Z2[i * m + j] + p.b2[i]);
          residual[i] += error * error;
          spread[i] += (y - mean[i]) * (y - mean[i]);
        }
      }
      break;
  }
  double* db2 = unpack<double>(ws.grads.data(), shape).b2;  // scratch here
  loss += output_loss_delta(net.output, shape, m, Z2, p.b2, Y, ldy, db2);
}

Score ScoreSums::finish(const Architecture& net, int64_t m) const {
  Score score;
  score.cost = loss * (1.0 / static_cast<double>(m));
  const int64_t n2 = net.shape.n2;
  switch (net.output) {
    case OutputHead::Sigmoid: score.metric = static_cast<double>(right) / static_cast<double>(n2 * m); break;
    case OutputHead::Softmax: score.metric = static_cast<double>(right) / static_cast<double>(m); break;
    case OutputHead::Linear: {
      double total = 0.0;
      for (int64_t i = 0; i < n2; ++i) {
        total += spread[i] > 0.0 ? 1.0 - residual[i] / spread[i] : (residual[i] == 0.0 ? 1.0 : 0.0);
      }
      score.metric = total / static_cast<double>(n2);
      break;
    }
  }
  return score;
}

Score evaluate_score(const Architecture& net, const double* params, const Examples& examples, Workspace& ws) {
  ScoreSums sums;
  sums.prepare(net, examples);
  sums.start();
  sums.add_chunk(net, params, examples, ws);
  return sums.finish(net, examples.m);
}

}  // namespace shallownet
