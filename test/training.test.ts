// The course's worked example, the symmetry argument, and the shapes.
import { describe, expect, it } from 'vitest';
import { loadPlanarDataset, ShallowNet } from 'shallownet';
import { activations, backends, bernoulliMatrix, gaussianMatrix, Random } from './helpers';

describe.each(backends)('the flower data set (%s)', (backend) => {
  const { X, Y } = loadPlanarDataset();

  // Training on it: training/flower-demo.test.ts (the lecture's run, bit for bit).
  it('has 400 points in two classes of 200', () => {
    expect([X.rows, X.cols, Y.rows, Y.cols]).toEqual([2, 400, 1, 400]);
    expect(Y.data.reduce((sum, y) => sum + y, 0)).toBe(200);
  });
});

describe.each(backends)('symmetry (%s)', (backend) => {
  it.each(activations)('%s: from all-zero weights the hidden units stay identical', (activation) => {
    const random = new Random(5);
    const n0 = 3;
    const n1 = 5;
    const n2 = 2;
    const zeros = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });
    const net = ShallowNet.fromParameters(
      { W1: zeros(n1, n0), b1: zeros(n1, 1), W2: zeros(n2, n1), b2: zeros(n2, 1) },
      { hiddenActivation: activation, backend },
    );
    const X = gaussianMatrix(random, n0, 50);
    const Y = bernoulliMatrix(random, n2, 50);
    net.fit(X, Y, { iterations: 300, learningRate: 0.5 });
    const { W1, b1, W2 } = net.parameters();
    for (let unit = 1; unit < n1; unit++) {
      expect(W1.data.subarray(unit * n0, (unit + 1) * n0)).toEqual(W1.data.subarray(0, n0));
      expect(b1.data[unit]).toBe(b1.data[0]);
      for (let output = 0; output < n2; output++) expect(W2.data[output * n1 + unit]).toBe(W2.data[output * n1]);
    }
    if (activation === 'sigmoid') {
      // sigmoid(0) = 0.5 ≠ 0, so the weights did move — identically.
      expect(W1.data.some((w) => w !== 0)).toBe(true);
    }
  });
});

describe.each(backends)('shapes (%s)', (backend) => {
  it('every returned matrix has its documented shape; db1 is (n1, 1) and db2 is (n2, 1)', () => {
    const random = new Random(9);
    const [n0, n1, n2, m] = [4, 6, 3, 10];
    const net = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed: 1, backend });
    const X = gaussianMatrix(random, n0, m);
    const Y = bernoulliMatrix(random, n2, m);
    const shape = (M: { rows: number; cols: number; data: Float64Array }) => {
      expect(M.data.length).toBe(M.rows * M.cols);
      return [M.rows, M.cols];
    };
    const p = net.parameters();
    expect([shape(p.W1), shape(p.b1), shape(p.W2), shape(p.b2)]).toEqual([[n1, n0], [n1, 1], [n2, n1], [n2, 1]]);
    const cache = net.forward(X);
    expect([shape(cache.Z1), shape(cache.A1), shape(cache.Z2), shape(cache.A2)]).toEqual([[n1, m], [n1, m], [n2, m], [n2, m]]);
    const g = net.backward(X, Y, cache);
    expect([shape(g.dW1), shape(g.db1), shape(g.dW2), shape(g.db2)]).toEqual([[n1, n0], [n1, 1], [n2, n1], [n2, 1]]);
    expect(shape(net.predictProba(X))).toEqual([n2, m]);
    const labels = net.predict(X);
    expect(shape(labels)).toEqual([n2, m]);
    expect(labels.data.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('initialisation: W = randn · 0.01, b = 0, and the seed decides', () => {
    const a = new ShallowNet({ inputSize: 30, hiddenSize: 40, seed: 7, backend }).parameters();
    const b = new ShallowNet({ inputSize: 30, hiddenSize: 40, seed: 7, backend }).parameters();
    const c = new ShallowNet({ inputSize: 30, hiddenSize: 40, seed: 8, backend }).parameters();
    expect(a).toEqual(b);
    expect(a.W1.data).not.toEqual(c.W1.data);
    expect(a.b1.data.every((v) => v === 0) && a.b2.data.every((v) => v === 0)).toBe(true);
    const w = a.W1.data;
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.009);
    expect(std).toBeLessThan(0.011);
  });
});

describe.each(backends)('the lecture steps compose (%s)', (backend) => {
  it('step = forward, backward and update; fit records the cost before each progressEvery-th update', () => {
    const random = new Random(21);
    const X = gaussianMatrix(random, 3, 40);
    const Y = bernoulliMatrix(random, 1, 40);
    const a = new ShallowNet({ inputSize: 3, hiddenSize: 4, seed: 2, backend });
    const b = new ShallowNet({ inputSize: 3, hiddenSize: 4, seed: 2, backend });
    const c = new ShallowNet({ inputSize: 3, hiddenSize: 4, seed: 2, backend });
    const costs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const costBefore = a.cost(X, Y);
      const cache = a.forward(X);
      a.update(a.backward(X, Y, cache), 0.7);
      expect(b.step(X, Y, 0.7)).toBe(costBefore);
      if (i % 2 === 0) costs.push(costBefore);
    }
    expect(b.parameters()).toEqual(a.parameters());
    const result = c.fit(X, Y, { iterations: 5, learningRate: 0.7, progressEvery: 2 });
    expect(result.costs).toEqual(costs);
    expect(c.parameters()).toEqual(b.parameters());
    expect(result.finalCost).toBe(c.cost(X, Y));
  });
});
