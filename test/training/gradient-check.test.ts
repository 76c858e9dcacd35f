// Analytic gradients of every head (sigmoid, softmax, linear), and of the
// L2-regularised cost, against centred finite differences of the cost; and
// dZ2 = A2 − Y, the first backward equation, for every head.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Matrix, type OutputActivation, type Parameters } from 'shallownet';
import { activations, backends, relativeError } from '../helpers';
import { expectRelative, flat, flatGradients, problem, unflat, weightMask } from './common';

const STEP = 1e-5;

/** ‖a − b‖ / (‖a‖ + ‖b‖), the course's gradient-check measure. */
function checkMeasure(a: Float64Array, b: Float64Array): number {
  let difference = 0;
  let normA = 0;
  let normB = 0;
  for (let k = 0; k < a.length; k++) {
    difference += ((a[k] as number) - (b[k] as number)) ** 2;
    normA += (a[k] as number) ** 2;
    normB += (b[k] as number) ** 2;
  }
  return Math.sqrt(difference) / (Math.sqrt(normA) + Math.sqrt(normB));
}

/** The centred difference of f at every entry of the flat parameter vector. */
function numericGradient(p: Parameters, f: (q: Parameters) => number): Float64Array {
  const theta = flat(p);
  const out = new Float64Array(theta.length);
  for (let k = 0; k < theta.length; k++) {
    const original = theta[k] as number;
    theta[k] = original + STEP;
    const plus = f(unflat(theta, p));
    theta[k] = original - STEP;
    const minus = f(unflat(theta, p));
    theta[k] = original;
    out[k] = (plus - minus) / (2 * STEP);
  }
  return out;
}

/** Every head, each at an output size of more than one unit. */
const heads: { head: OutputActivation; n2: number }[] = [
  { head: 'sigmoid', n2: 2 },
  { head: 'softmax', n2: 3 },
  { head: 'linear', n2: 2 },
];

describe.each(backends)('gradient check of every head (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it.each(activations)(`${head} (n2 = ${n2}), hidden %s: analytic gradients match centred differences to < 1e-7`, (activation) => {
      const { X, Y, parameters } = problem(head, 31 + n2, 3, 4, n2, 12);
      const options = { hiddenActivation: activation, outputActivation: head, backend } as const;
      const analytic = flatGradients(ShallowNet.fromParameters(parameters, options).gradients(X, Y));
      const numeric = numericGradient(parameters, (q) => ShallowNet.fromParameters(q, options).cost(X, Y));
      // A zero gradient would pass trivially.
      expect(Math.sqrt(analytic.reduce((s, v) => s + v * v, 0))).toBeGreaterThan(1e-3);
      expect(checkMeasure(analytic, numeric)).toBeLessThan(1e-7);
    });
  }
});

function sumOfSquaredWeights(p: Parameters): number {
  let sum = 0;
  for (const W of [p.W1, p.W2]) for (const w of W.data) sum += w * w;
  return sum;
}

describe.each(backends)('one full-batch gd step with L2 (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it(`${head}: moves W by α·(dW + (λ/m)·W) and b by α·db, the gradient of J + λ/(2m)·Σw² by finite differences`, () => {
      const m = 10;
      const lambda = 0.7;
      const alpha = 0.3;
      const { X, Y, parameters } = problem(head, 77 + n2, 3, 4, n2, m);
      const options = { hiddenActivation: 'tanh', outputActivation: head, backend } as const;
      const net = ShallowNet.fromParameters(parameters, options);
      const before = flat(parameters);
      const gradient = flatGradients(net.gradients(X, Y));
      const cost = net.cost(X, Y);

      const result = net.fit(X, Y, { iterations: 1, learningRate: alpha, l2: lambda });
      const after = flat(net.parameters());
      const moved = before.map((v, k) => (v - (after[k] as number)) / alpha);

      // The step is the gradient of the regularised cost, by finite differences.
      const regularised = (q: Parameters) => ShallowNet.fromParameters(q, options).cost(X, Y) + (lambda / (2 * m)) * sumOfSquaredWeights(q);
      const numeric = numericGradient(parameters, regularised);
      expect(checkMeasure(moved, numeric)).toBeLessThan(1e-7);

      // And exactly the formula: weights by dW + (λ/m)·W, biases by db alone.
      const mask = weightMask(parameters);
      const want = before.map((w, k) => w - alpha * ((gradient[k] as number) + (mask[k] ? (lambda / m) * w : 0)));
      expectRelative(after, want, 1e-14, 'parameters after the step');
      // The L2 term is large enough here that leaving it out (or penalising biases) would show.
      const withoutL2 = before.map((w, k) => w - alpha * (gradient[k] as number));
      expect(relativeError(after, withoutL2)).toBeGreaterThan(1e-3);
      const biasesToo = before.map((w, k) => w - alpha * ((gradient[k] as number) + (lambda / m) * w));
      expect(relativeError(after, biasesToo)).toBeGreaterThan(1e-4);

      // The recorded cost is the regularised one, before the update.
      expect(result.costs).toHaveLength(1);
      const regularisedCost = cost + (lambda / (2 * m)) * sumOfSquaredWeights(parameters);
      expect(Math.abs((result.costs[0] as number) - regularisedCost) / regularisedCost).toBeLessThan(1e-14);
      // finalCost includes the L2 term of the parameters left behind.
      const finalWant = net.cost(X, Y) + (lambda / (2 * m)) * sumOfSquaredWeights(net.parameters());
      expect(Math.abs(result.finalCost - finalWant) / finalWant).toBeLessThan(1e-14);
    });
  }
});

/** (1/m) Σ_j D[i][j] per row, and (1/m) D·A1ᵀ. */
function outputGradientsOf(D: Float64Array, A1: Matrix, n2: number, m: number) {
  const n1 = A1.rows;
  const db2 = new Float64Array(n2);
  const dW2 = new Float64Array(n2 * n1);
  for (let i = 0; i < n2; i++) {
    for (let j = 0; j < m; j++) db2[i] = (db2[i] as number) + (D[i * m + j] as number);
    db2[i] = (db2[i] as number) / m;
    for (let h = 0; h < n1; h++) {
      let sum = 0;
      for (let j = 0; j < m; j++) sum += (D[i * m + j] as number) * (A1.data[h * m + j] as number);
      dW2[i * n1 + h] = sum / m;
    }
  }
  return { db2, dW2 };
}

describe.each(backends)('dZ2 = A2 − Y for every head, through backward with a forward cache (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it(`${head}: db2 = (1/m) Σ (A2 − Y), dW2 = (1/m) (A2 − Y)·A1ᵀ, and backward(forward(X)) = gradients(X, Y)`, () => {
      const m = 9;
      const { X, Y, parameters } = problem(head, 5 + n2, 3, 4, n2, m);
      const net = ShallowNet.fromParameters(parameters, { hiddenActivation: 'tanh', outputActivation: head, backend });
      const cache = net.forward(X);
      const g = net.backward(X, Y, cache);
      const D = cache.A2.data.map((a, k) => a - (Y.data[k] as number));
      const want = outputGradientsOf(D, cache.A1, n2, m);
      expectRelative(g.db2.data, want.db2, 1e-13, 'db2');
      expectRelative(g.dW2.data, want.dW2, 1e-13, 'dW2');
      // The same as the fused forward-and-backward pass (whose values the gradient check ties to the cost).
      expectRelative(flatGradients(g), flatGradients(net.gradients(X, Y)), 1e-13, 'backward vs gradients');

      // backward takes A2 as given: another A2 gives (1/m) Σ (A2′ − Y).
      const shifted = cache.A2.data.map((a, k) => a + 0.01 * ((k % 5) - 2));
      const g2 = net.backward(X, Y, { ...cache, A2: { rows: n2, cols: m, data: shifted } });
      const want2 = outputGradientsOf(shifted.map((a, k) => a - (Y.data[k] as number)), cache.A1, n2, m);
      expectRelative(g2.db2.data, want2.db2, 1e-13, 'db2 of a shifted A2');
      expectRelative(g2.dW2.data, want2.dW2, 1e-13, 'dW2 of a shifted A2');
    });
  }
});
