// The element-wise kernels of every instruction set this CPU runs (AVX-512,
// AVX2, baseline x86-64; NEON on arm64), tested two ways:
//   1. the vector exp, tanh, log1p, sigmoid and log against libm, in ulp, over the
//      ranges the network feeds them, and at the special points (0, -0,
//      subnormal results, saturation, overflow);
//   2. every build against the first, bit for bit, over 10^6 inputs: the
//      vector math, each of the network's row passes and the optimizers'
//      updates. This is the claim kernels/vec.h makes (no FMA contraction,
//      one reduction order), tested;
//   3. the update kernels against the optimizers' rules as scalar loops.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../core/elementwise.h"
#include "../core/kernels/kernel_table.h"

using shallownet::Activation;
using shallownet::KernelTable;

namespace {

int passed = 0;
int failed = 0;

void check(bool ok, const std::string& what) {
  (ok ? passed : failed)++;
  if (!ok) std::printf("FAIL %s\n", what.c_str());
}

// Distance from got to want in units of the last place of want.
double ulp_error(double got, double want) {
  if (got == want) return 0.0;
  if (std::isnan(got) || std::isnan(want) || std::isinf(got) || std::isinf(want)) return INFINITY;
  const double ulp = want == 0.0 ? 4.9406564584124654e-324
                                 : std::nextafter(std::fabs(want), INFINITY) - std::fabs(want);
  return std::fabs(got - want) / ulp;
}

// The reference sigmoid, in the form that does not overflow for very negative x.
double sigmoid(double x) { return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }

constexpr int64_t kCount = 1000000;

struct Inputs {
  std::vector<double> x;        // magnitudes from 1e-6 to 1e3, both signs, and the special points
  std::vector<double> clipped;  // x within exp's finite range
  std::vector<double> unit;     // [0, 1], many tiny: log1p's domain
  std::vector<double> positive; // [1, 1e3]: log's (softmax's log-sum-exp takes it of a sum in [1, classes])
};

Inputs make_inputs() {
  Inputs in;
  std::mt19937_64 generator(2024);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int64_t k = 0; k < kCount; ++k) {
    const double x = u(generator) * std::pow(10.0, 4.5 * u(generator) - 1.5);
    in.x.push_back(x);
    in.unit.push_back(std::fabs(u(generator)) * std::pow(10.0, -12.0 * std::fabs(u(generator))));
  }
  for (double x : {0.0, -0.0, 1e-300, -1e-300, 19.0, 19.1, 20.0, 50.0, -50.0, 700.0, -700.0, -740.0, -745.0}) {
    in.x.push_back(x);
  }
  for (double x : in.x) in.clipped.push_back(std::fmin(std::fmax(x, -745.0), 709.0));
  in.unit.push_back(0.0);
  in.unit.push_back(1.0);
  std::mt19937_64 positives(2025);  // a generator of its own: the other inputs stay as they were
  for (int64_t k = 0; k < kCount; ++k) in.positive.push_back(std::pow(1e3, std::fabs(u(positives))));  // log-uniform
  for (double x : {1.0, std::sqrt(2.0), 2.0, 1e3, 1.0 + 1e-15}) in.positive.push_back(x);
  return in;
}

using ArrayFn = void (*)(const double*, double*, int64_t);

// Worst ulp error of fn over xs against want; prints and counts one check.
void ulp_check(const KernelTable& t, const char* name, ArrayFn fn, const std::vector<double>& xs,
               double (*want)(double), double bound) {
  std::vector<double> out(xs.size());
  fn(xs.data(), out.data(), static_cast<int64_t>(xs.size()));
  double worst = 0.0, at = 0.0;
  for (size_t k = 0; k < xs.size(); ++k) {
    const double e = ulp_error(out[k], want(xs[k]));
    if (e > worst) worst = e, at = xs[k];
  }
  const bool ok = worst <= bound;
  (ok ? passed : failed)++;
  std::printf("%s %-8s %-8s worst %.2f ulp (bound %.0f) at x = %.17g\n", ok ? "ok  " : "FAIL", t.name, name, worst,
              bound, at);
}

double exp_ref(double x) { return std::exp(x); }
double tanh_ref(double x) { return std::tanh(x); }
double log1p_ref(double x) { return std::log1p(x); }
double log_ref(double x) { return std::log(x); }

void accuracy(const KernelTable& t, const Inputs& in) {
  ulp_check(t, "exp", t.exp, in.clipped, exp_ref, 2);
  ulp_check(t, "tanh", t.tanh, in.x, tanh_ref, 4);
  ulp_check(t, "log1p", t.log1p_unit, in.unit, log1p_ref, 3);
  ulp_check(t, "sigmoid", t.sigmoid, in.x, sigmoid, 5);
  ulp_check(t, "log", t.log, in.positive, log_ref, 3);
  const auto one = [&](ArrayFn fn, double x) {
    double out;
    fn(&x, &out, 1);
    return out;
  };
  const std::string n = t.name;
  check(std::isinf(one(t.exp, 710.0)), n + ": exp(710) = inf");
  check(one(t.exp, -746.0) == 0.0, n + ": exp(-746) = 0");
  check(std::signbit(one(t.tanh, -0.0)), n + ": tanh(-0) = -0");
  check(one(t.tanh, 1e300) == 1.0, n + ": tanh(1e300) = 1");
  check(one(t.sigmoid, -1e300) == 0.0, n + ": sigmoid(-1e300) = 0");
  check(one(t.sigmoid, 1e300) == 1.0, n + ": sigmoid(1e300) = 1");
  check(one(t.log1p_unit, 0.0) == 0.0, n + ": log1p(0) = 0");
  check(one(t.log, 1.0) == 0.0, n + ": log(1) = 0");
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Everything a table computes on the inputs, concatenated: the vector math and
// each row pass, with row lengths that leave every possible tail.
std::vector<double> everything(const KernelTable& t, const Inputs& in) {
  std::vector<double> all;
  const auto append = [&](const std::vector<double>& v) { all.insert(all.end(), v.begin(), v.end()); };
  const int64_t n = static_cast<int64_t>(in.x.size());
  std::vector<double> out(in.x.size());
  t.exp(in.clipped.data(), out.data(), n), append(out);
  t.tanh(in.x.data(), out.data(), n), append(out);
  t.sigmoid(in.x.data(), out.data(), n), append(out);
  t.log1p_unit(in.unit.data(), out.data(), static_cast<int64_t>(in.unit.size())), append(out);
  std::vector<double> logs(in.positive.size());
  t.log(in.positive.data(), logs.data(), static_cast<int64_t>(in.positive.size())), append(logs);

  // Row passes on rows of 1 to 37 values (every tail length, several bodies).
  std::vector<double> Y(in.x.size());
  for (size_t k = 0; k < Y.size(); ++k) Y[k] = (k * 2654435761u) % 3 == 0 ? 1.0 : 0.0;
  for (Activation a : {Activation::Tanh, Activation::Sigmoid, Activation::Relu, Activation::LeakyRelu}) {
    for (int64_t start = 0, len = 1; start + len <= 200000; start += len, len = len % 37 + 1) {
      std::vector<double> Z(len), A(len), dZ(in.x.begin() + start, in.x.begin() + start + len);
      t.bias_activate_row(a, in.x.data() + start, 0.25, Z.data(), A.data(), len);
      append(Z), append(A);
      all.push_back(t.hidden_delta_row(a, A.data(), dZ.data(), len));
      append(dZ);
    }
  }
  for (int64_t start = 0, len = 1; start + len <= 200000; start += len, len = len % 37 + 1) {
    std::vector<double> row(in.x.begin() + start, in.x.begin() + start + len), A(len), dZ(len);
    double delta_sum = 0.0;
    all.push_back(t.output_cost_delta_row(row.data(), -0.5, Y.data() + start, len, &delta_sum));
    all.push_back(delta_sum);
    append(row);
    std::vector<double> Z(in.x.begin() + start, in.x.begin() + start + len);
    t.bias_sigmoid_row(Z.data(), 0.5, A.data(), len);
    append(Z), append(A);
    all.push_back(t.output_delta_row(A.data(), Y.data() + start, dZ.data(), len));
    append(dZ);
    // The linear head's passes, and a row's sum.
    std::vector<double> L(in.x.begin() + start, in.x.begin() + start + len), B(L), LA(len);
    double linear_sum = 0.0;
    all.push_back(t.linear_cost_delta_row(L.data(), 0.75, in.x.data() + 300000 + start, len, &linear_sum));
    all.push_back(linear_sum);
    append(L);
    t.bias_row(B.data(), -0.25, LA.data(), len), append(B), append(LA);
    all.push_back(t.row_sum(in.x.data() + start, len));
  }
  // The softmax head's passes: columns of 2 to 7 classes, one-hot targets, every tail length.
  const double biases[7] = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7};
  for (int64_t rows : {2, 3, 7}) {
    for (int64_t start = 0, len = 1; start + rows * len <= 200000; start += rows * len, len = len % 37 + 1) {
      std::vector<double> Z(in.x.begin() + start, in.x.begin() + start + rows * len), Z2(Z), A(rows * len), T(rows * len);
      for (int64_t j = 0; j < len; ++j) T[(j % rows) * len + j] = 1.0;
      all.push_back(t.softmax_cost_delta(Z.data(), len, biases, T.data(), len, rows, len));
      append(Z);
      t.softmax_columns(Z2.data(), len, biases, A.data(), len, rows, len);
      append(Z2), append(A);
    }
  }
  // The fused backward pass for every output count it handles, and the small products.
  for (int64_t n2 = 1; n2 <= shallownet::kMaxFusedOutputs; ++n2) {
    const int64_t n1 = 3, m = 53;
    std::vector<double> dZ1(m), dW2(n2 * n1);
    all.push_back(t.hidden_backward_row(Activation::Tanh, in.x.data() + 1000 * n2, in.x.data() + 7, n1,
                                        in.x.data() + 5000, n2, m, dZ1.data(), dW2.data()));
    append(dZ1), append(dW2);
  }
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      const int64_t M = 5, N = 7, K = 19;
      std::vector<double> C(M * N);
      t.small_gemm(ta, tb, M, N, K, 0.5, in.x.data() + 100, ta ? M : K, in.x.data() + 900, tb ? K : N, C.data(), N);
      append(C);
    }
  }
  // The optimizers' updates and L2's pieces, on every tail length.
  for (int64_t start = 0, len = 1; start + len <= 20000; start += len, len = len % 37 + 1) {
    std::vector<double> p(in.x.begin() + start, in.x.begin() + start + len);
    const double* g = in.x.data() + 100000 + start;
    std::vector<double> v(in.unit.begin() + start, in.unit.begin() + start + len), s(v), np(len), nv(len), ns(len);
    t.gd_update(p.data(), g, np.data(), len, 0.1), append(np);
    t.momentum_update(p.data(), g, v.data(), np.data(), nv.data(), len, 0.1, 0.9), append(np), append(nv);
    t.adam_update(p.data(), g, v.data(), s.data(), np.data(), nv.data(), ns.data(), len, 1e-3, 0.9, 0.999, 1e-8, 0.19, 0.002);
    append(np), append(nv), append(ns);
    all.push_back(t.sum_of_squares(p.data(), len));
    t.add_scaled(p.data(), g, 1e-3, len), append(p);
  }
  return all;
}

// The update kernels against the rules of optimizer.h written as plain scalar
// loops (the TS backend's lib/ts/optimizer.ts computes the same), bit for bit,
// and reporting a value that would not be finite (optimizer.cpp then keeps nothing).
void updates_match_rules(const KernelTable& t, const Inputs& in) {
  const std::string n = t.name;
  const int64_t count = 1001;
  const double rate = 0.05, beta = 0.9, b1 = 0.9, b2 = 0.999, eps = 1e-8, c1 = 1 - 0.9 * 0.9, c2 = 1 - 0.999 * 0.999;
  const std::vector<double> p0(in.x.begin(), in.x.begin() + count), g(in.x.begin() + 5000, in.x.begin() + 5000 + count);
  const std::vector<double> v0(in.unit.begin(), in.unit.begin() + count), s0(in.unit.begin() + 3000, in.unit.begin() + 3000 + count);
  std::vector<double> p = p0, v = v0, s = s0, np(count), nv(count), ns(count);
  std::vector<double> rp = p0, rv = v0, rs = s0;

  t.gd_update(p0.data(), g.data(), np.data(), count, rate);
  for (int64_t k = 0; k < count; ++k) rp[k] = p0[k] - rate * g[k];
  check(same_bits(np, rp), n + ": gd_update is W - a*g");

  t.momentum_update(p0.data(), g.data(), v0.data(), np.data(), nv.data(), count, rate, beta);
  for (int64_t k = 0; k < count; ++k) {
    rv[k] = beta * v0[k] + (1.0 - beta) * g[k];
    rp[k] = p0[k] - rate * rv[k];
  }
  check(same_bits(np, rp) && same_bits(nv, rv), n + ": momentum_update is v = b*v + (1-b)*g, W - a*v");

  t.adam_update(p0.data(), g.data(), v0.data(), s0.data(), np.data(), nv.data(), ns.data(), count, rate, b1, b2, eps, c1, c2);
  for (int64_t k = 0; k < count; ++k) {
    rv[k] = b1 * v0[k] + (1.0 - b1) * g[k];
    rs[k] = b2 * s0[k] + (1.0 - b2) * (g[k] * g[k]);
    rp[k] = p0[k] - rate * (rv[k] / c1) / (std::sqrt(rs[k] / c2) + eps);
  }
  check(same_bits(np, rp) && same_bits(nv, rv) && same_bits(ns, rs), n + ": adam_update is the rule of optimizer.h");

  double squares = 0.0;
  double lanes[8] = {};
  for (int64_t k = 0; k < count; ++k) lanes[k % 8] += p0[k] * p0[k];
  squares = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  check(t.sum_of_squares(p0.data(), count) == squares, n + ": sum_of_squares sums lane by lane in the fixed tree");

  // One infinite gradient, last of all: each reports a value that is not finite.
  std::vector<double> bad = g;
  bad[count - 1] = HUGE_VAL;
  check(!t.gd_update(p0.data(), bad.data(), np.data(), count, rate), n + ": gd_update reports a non-finite value");
  check(!t.momentum_update(p0.data(), bad.data(), v0.data(), np.data(), nv.data(), count, rate, beta),
        n + ": momentum_update reports a non-finite value");
  check(!t.adam_update(p0.data(), bad.data(), v0.data(), s0.data(), np.data(), nv.data(), ns.data(), count, rate, b1, b2,
                       eps, c1, c2),
        n + ": adam_update reports a non-finite value");
}

}  // namespace

int main() {
  const Inputs in = make_inputs();
  int count = 0;
  const KernelTable* const* tables = shallownet::kernel_tables(&count);
  std::vector<const KernelTable*> runnable;
  for (int k = 0; k < count; ++k) {
    if (shallownet::kernel_table_supported(*tables[k])) {
      runnable.push_back(tables[k]);
    } else {
      std::printf("skip %s: this CPU does not support it\n", tables[k]->name);
    }
  }
  for (const KernelTable* t : runnable) accuracy(*t, in);
  for (const KernelTable* t : runnable) updates_match_rules(*t, in);

  const std::vector<double> first = everything(*runnable[0], in);
  for (size_t k = 1; k < runnable.size(); ++k) {
    const std::vector<double> other = everything(*runnable[k], in);
    size_t differ = 0;
    for (size_t i = 0; i < std::min(first.size(), other.size()); ++i) {
      differ += std::memcmp(&first[i], &other[i], sizeof(double)) != 0;
    }
    const bool ok = same_bits(first, other);
    (ok ? passed : failed)++;
    std::printf("%s %s and %s: %zu results, %zu differ\n", ok ? "ok  " : "FAIL", runnable[0]->name, runnable[k]->name,
                first.size(), differ);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
