// The vectorised exp, tanh, log1p and sigmoid of native/core/vmath.h against
// libm, in ulp, over the ranges the network feeds them — and the special
// points: 0, -0, subnormal results, saturation, overflow.
#include <cmath>
#include <cstdio>
#include <random>

#include "../core/vmath.h"

namespace {

using shallownet::vmath::v4d;

int passed = 0;
int failed = 0;

// Distance from got to want in units of the last place of want.
double ulp_error(double got, double want) {
  if (got == want) return 0.0;
  if (std::isnan(got) || std::isnan(want) || std::isinf(got) || std::isinf(want)) return INFINITY;
  const double ulp = want == 0.0 ? 4.9406564584124654e-324
                                 : std::nextafter(std::fabs(want), INFINITY) - std::fabs(want);
  return std::fabs(got - want) / ulp;
}

struct Worst {
  const char* name;
  double bound;
  double error = 0.0;
  double at = 0.0;
  void add(double x, double got, double want) {
    const double e = ulp_error(got, want);
    if (e > error) {
      error = e;
      at = x;
    }
  }
  void report() {
    const bool ok = error <= bound;
    (ok ? passed : failed)++;
    std::printf("%s %-8s worst %.2f ulp (bound %.0f) at x = %.17g\n", ok ? "ok  " : "FAIL", name, error, bound, at);
  }
};

v4d splat(double x) { return shallownet::vmath::splat(x); }

// The reference sigmoid, in the form that does not overflow for very negative x.
double sigmoid(double x) { return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }

}  // namespace

int main() {
  Worst exp_worst{"exp", 2}, tanh_worst{"tanh", 4}, log1p_worst{"log1p", 3}, sigmoid_worst{"sigmoid", 5};
  std::mt19937_64 generator(2024);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int k = 0; k < 1000000; ++k) {
    // Magnitudes from 1e-6 to 1e3, both signs.
    const double x = unit(generator) * std::pow(10.0, 4.5 * unit(generator) - 1.5);
    const double clipped = std::fmin(std::fmax(x, -745.0), 709.0);
    exp_worst.add(clipped, shallownet::vmath::exp(splat(clipped))[0], std::exp(clipped));
    tanh_worst.add(x, shallownet::vmath::tanh(splat(x))[0], std::tanh(x));
    sigmoid_worst.add(x, shallownet::vmath::sigmoid(splat(x))[0], sigmoid(x));
    const double v = std::fabs(unit(generator)) * std::pow(10.0, -12.0 * std::fabs(unit(generator)));
    log1p_worst.add(v, shallownet::vmath::log1p_unit(splat(v))[0], std::log1p(v));
  }
  for (double x : {0.0, -0.0, 1e-300, -1e-300, 19.0, 19.1, 20.0, 50.0, -50.0, 700.0, -700.0, -740.0, -745.0}) {
    tanh_worst.add(x, shallownet::vmath::tanh(splat(x))[0], std::tanh(x));
    sigmoid_worst.add(x, shallownet::vmath::sigmoid(splat(x))[0], sigmoid(x));
    exp_worst.add(x, shallownet::vmath::exp(splat(x))[0], std::exp(x));
  }
  exp_worst.report();
  tanh_worst.report();
  log1p_worst.report();
  sigmoid_worst.report();

  // Limits: overflow to +inf, underflow to 0, signs of zero kept.
  const auto check = [](const char* what, bool ok) {
    (ok ? passed : failed)++;
    if (!ok) std::printf("FAIL %s\n", what);
  };
  check("exp(710) = inf", std::isinf(shallownet::vmath::exp(splat(710.0))[0]));
  check("exp(-746) = 0", shallownet::vmath::exp(splat(-746.0))[0] == 0.0);
  check("tanh(-0) = -0", std::signbit(shallownet::vmath::tanh(splat(-0.0))[0]));
  check("tanh(1e300) = 1", shallownet::vmath::tanh(splat(1e300))[0] == 1.0);
  check("sigmoid(-1e300) = 0", shallownet::vmath::sigmoid(splat(-1e300))[0] == 0.0);
  check("sigmoid(1e300) = 1", shallownet::vmath::sigmoid(splat(1e300))[0] == 1.0);
  check("log1p(0) = 0", shallownet::vmath::log1p_unit(splat(0.0))[0] == 0.0);

  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
