// Momentum and Adam, one and two full-batch updates worked by hand from
// net.gradients (the second gradient taken at the hand-computed intermediate
// parameters, through a fromParameters copy), against fit({ iterations: 1 | 2 }).
//   momentum  v = β·v + (1 − β)·g;  W −= α·v
//   adam      v = β1·v + (1 − β1)·g;  s = β2·s + (1 − β2)·g²;
//             W −= α·(v/(1 − β1ᵗ)) / (√(s/(1 − β2ᵗ)) + ε),  t = 1, 2, …
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type OutputActivation, type Parameters } from 'shallownet';
import { backends, relativeError } from '../helpers';
import { expectRelative, flat, flatGradients, problem, unflat, type Problem } from './common';

const heads: { head: OutputActivation; n2: number }[] = [
  { head: 'sigmoid', n2: 1 },
  { head: 'softmax', n2: 2 },
  { head: 'linear', n2: 1 },
];

/** A 2-2-n2 net and 4 examples. */
function tiny(head: OutputActivation, n2: number, seed: number): Problem {
  return problem(head, seed, 2, 2, n2, 4, 0.8);
}

function gradientAt(theta: Float64Array, like: Parameters, head: OutputActivation, backend: Backend, { X, Y }: Problem): Float64Array {
  const net = ShallowNet.fromParameters(unflat(theta, like), { hiddenActivation: 'tanh', outputActivation: head, backend });
  return flatGradients(net.gradients(X, Y));
}

function fitted(p: Problem, head: OutputActivation, backend: Backend, options: object): Float64Array {
  const net = ShallowNet.fromParameters(p.parameters, { hiddenActivation: 'tanh', outputActivation: head, backend });
  const result = net.fit(p.X, p.Y, { learningRate: 0.1, ...options } as never);
  expect(result.iterations).toBe((options as { iterations: number }).iterations);
  return flat(net.parameters());
}

// The hand computation repeats the library's operations, so the two agree to
// the last bit or so; 1e-15 leaves room for a gradient summed in another order.
const TOLERANCE = 1e-15;

describe.each(backends)('momentum by hand (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it(`${head}: one and two updates`, () => {
      const p = tiny(head, n2, 40 + n2);
      const alpha = 0.4;
      const beta = 0.8;
      const theta0 = flat(p.parameters);
      const g0 = gradientAt(theta0, p.parameters, head, backend, p);
      // Step 1 from v = 0: v1 = (1 − β)·g0.
      const v1 = g0.map((g) => beta * 0 + (1 - beta) * g);
      const theta1 = theta0.map((w, k) => w - alpha * (v1[k] as number));
      // Step 2, with the gradient at theta1.
      const g1 = gradientAt(theta1, p.parameters, head, backend, p);
      const v2 = v1.map((v, k) => beta * v + (1 - beta) * (g1[k] as number));
      const theta2 = theta1.map((w, k) => w - alpha * (v2[k] as number));

      const options = { optimizer: 'momentum', learningRate: alpha, beta };
      expectRelative(fitted(p, head, backend, { ...options, iterations: 1 }), theta1, TOLERANCE, 'after 1 update');
      expectRelative(fitted(p, head, backend, { ...options, iterations: 2 }), theta2, TOLERANCE, 'after 2 updates');
      // The velocity matters: plain gd from theta1 lands elsewhere.
      const gdSecond = theta1.map((w, k) => w - alpha * (1 - beta) * (g1[k] as number));
      expect(relativeError(theta2, gdSecond)).toBeGreaterThan(1e-4);
      // The default β is 0.9.
      const v1Default = g0.map((g) => 0.1 * g);
      expectRelative(
        fitted(p, head, backend, { optimizer: 'momentum', learningRate: alpha, iterations: 1 }),
        theta0.map((w, k) => w - alpha * (v1Default[k] as number)),
        TOLERANCE,
        'default beta',
      );
    });
  }
});

function adamSteps(p: Problem, head: OutputActivation, backend: Backend, alpha: number, beta1: number, beta2: number, epsilon: number) {
  const theta0 = flat(p.parameters);
  const g0 = gradientAt(theta0, p.parameters, head, backend, p);
  // t = 1
  const v1 = g0.map((g) => (1 - beta1) * g);
  const s1 = g0.map((g) => (1 - beta2) * g * g);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const theta1 = theta0.map((w, k) => w - (alpha * ((v1[k] as number) / c1)) / (Math.sqrt((s1[k] as number) / c2) + epsilon));
  // t = 2
  const g1 = gradientAt(theta1, p.parameters, head, backend, p);
  const v2 = v1.map((v, k) => beta1 * v + (1 - beta1) * (g1[k] as number));
  const s2 = s1.map((s, k) => beta2 * s + (1 - beta2) * (g1[k] as number) * (g1[k] as number));
  const d1 = 1 - beta1 * beta1;
  const d2 = 1 - beta2 * beta2;
  const theta2 = theta1.map((w, k) => w - (alpha * ((v2[k] as number) / d1)) / (Math.sqrt((s2[k] as number) / d2) + epsilon));
  return { theta0, g0, theta1, g1, theta2 };
}

describe.each(backends)('Adam by hand (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it(`${head}: one and two updates (β1 = 0.8, β2 = 0.95, ε = 1e-3, so that ε and both corrections weigh)`, () => {
      const p = tiny(head, n2, 60 + n2);
      const [alpha, beta1, beta2, epsilon] = [0.05, 0.8, 0.95, 1e-3];
      const want = adamSteps(p, head, backend, alpha, beta1, beta2, epsilon);
      const options = { optimizer: 'adam', learningRate: alpha, beta1, beta2, epsilon };
      expectRelative(fitted(p, head, backend, { ...options, iterations: 1 }), want.theta1, TOLERANCE, 'after 1 update');
      expectRelative(fitted(p, head, backend, { ...options, iterations: 2 }), want.theta2, TOLERANCE, 'after 2 updates');
      // Without the bias correction of t = 2 (1 − β1ᵗ with t stuck at 1) the second step would differ.
      const v2 = want.g0.map((g, k) => beta1 * (1 - beta1) * g + (1 - beta1) * (want.g1[k] as number));
      const s2 = want.g0.map((g, k) => beta2 * (1 - beta2) * g * g + (1 - beta2) * (want.g1[k] as number) ** 2);
      const wrong = want.theta1.map((w, k) => w - (alpha * ((v2[k] as number) / (1 - beta1))) / (Math.sqrt((s2[k] as number) / (1 - beta2)) + epsilon));
      expect(relativeError(want.theta2, wrong)).toBeGreaterThan(1e-4);
    });

    it(`${head}: with the defaults (β1 = 0.9, β2 = 0.999, ε = 1e-8) the first step is α·sign(g) to within ε/|g|`, () => {
      const p = tiny(head, n2, 80 + n2);
      const alpha = 0.01;
      const want = adamSteps(p, head, backend, alpha, 0.9, 0.999, 1e-8);
      const after = fitted(p, head, backend, { optimizer: 'adam', learningRate: alpha, iterations: 1 });
      expectRelative(after, want.theta1, TOLERANCE, 'after 1 update');
      expectRelative(fitted(p, head, backend, { optimizer: 'adam', learningRate: alpha, iterations: 2 }), want.theta2, TOLERANCE, 'after 2 updates');
      let checked = 0;
      want.g0.forEach((g, k) => {
        if (Math.abs(g) < 1e-6) return; // a (near-)zero gradient barely moves its parameter
        checked++;
        const step = (want.theta0[k] as number) - (after[k] as number);
        // |step − α·sign(g)| ≤ α·(ε/|g| + rounding).
        expect(Math.abs(step - alpha * Math.sign(g))).toBeLessThan(alpha * (1e-8 / Math.abs(g) + 1e-12));
      });
      expect(checked).toBeGreaterThanOrEqual(6);
    });
  }
});
