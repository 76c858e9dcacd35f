// Both backends against the oracle (test/oracle/lecture.ts): the lecture's
// equations written plainly, sharing nothing with lib/. Shapes include n2 > 16,
// where the native backend backpropagates through the output layer with two
// BLAS products instead of its fused per-row pass, and n2 = 16, the last fused size.
// The softmax and linear heads are checked the same way, against the oracle's
// plain softmax and identity, their costs, and dZ2 by the chain rule.
import { describe, expect, it } from 'vitest';
import { computeCost, ShallowNet, type Matrix, type OutputActivation } from 'shallownet';
import { activations, backends, relativeError } from '../helpers';
import { problem } from '../training/common';
import * as lecture from './lecture';

const shapes: { head: OutputActivation; n0: number; n1: number; n2: number; m: number }[] = [
  { head: 'sigmoid', n0: 3, n1: 5, n2: 1, m: 9 },
  { head: 'sigmoid', n0: 2, n1: 4, n2: 1, m: 400 }, // the flower shape
  { head: 'sigmoid', n0: 7, n1: 6, n2: 16, m: 33 }, // the largest fused output layer
  { head: 'sigmoid', n0: 7, n1: 6, n2: 17, m: 33 }, // the first unfused one
  { head: 'sigmoid', n0: 11, n1: 40, n2: 20, m: 130 },
  { head: 'softmax', n0: 3, n1: 5, n2: 3, m: 9 },
  { head: 'softmax', n0: 2, n1: 4, n2: 2, m: 400 },
  { head: 'softmax', n0: 7, n1: 6, n2: 16, m: 33 },
  { head: 'softmax', n0: 7, n1: 6, n2: 17, m: 33 },
  { head: 'linear', n0: 3, n1: 5, n2: 1, m: 9 },
  { head: 'linear', n0: 2, n1: 4, n2: 2, m: 400 },
  { head: 'linear', n0: 7, n1: 6, n2: 16, m: 33 },
  { head: 'linear', n0: 7, n1: 6, n2: 17, m: 33 },
];

/** A net of random parameters with data for its head, and the same in the oracle's rows. */
function setup(shape: (typeof shapes)[number], activation: (typeof activations)[number], backend: 'native' | 'ts', seed: number) {
  const { parameters, X, Y } = problem(shape.head, seed, shape.n0, shape.n1, shape.n2, shape.m);
  const net = ShallowNet.fromParameters(parameters, { hiddenActivation: activation, outputActivation: shape.head, backend });
  const p: lecture.LectureParameters = {
    W1: lecture.rowsOf(parameters.W1),
    b1: lecture.rowsOf(parameters.b1),
    W2: lecture.rowsOf(parameters.W2),
    b2: lecture.rowsOf(parameters.b2),
  };
  return { net, X, Y, p, Xr: lecture.rowsOf(X), Yr: lecture.rowsOf(Y) };
}

function expectNear(got: Matrix, want: lecture.Rows, tolerance: number, name: string): void {
  const expected = lecture.matrixOf(want);
  expect([got.rows, got.cols], name).toEqual([expected.rows, expected.cols]);
  expect(relativeError(got.data, expected.data), name).toBeLessThan(tolerance);
}

describe.each(backends)('the %s backend against the lecture, written plainly, on every head', (backend) => {
  for (const activation of activations) {
    shapes.forEach((shape, index) => {
      const { head } = shape;
      const label = `${head}, ${activation} n0=${shape.n0} n1=${shape.n1} n2=${shape.n2} m=${shape.m}`;

      it(`${label}: forward, predictProba, cost, evaluate, gradients (both ways), one update`, () => {
        const { net, X, Y, p, Xr, Yr } = setup(shape, activation, backend, 500 + index);
        const f = lecture.forward(activation, p, Xr, head);
        const cache = net.forward(X);
        for (const key of ['Z1', 'A1', 'Z2', 'A2'] as const) expectNear(cache[key], f[key], 1e-12, key);
        expectNear(net.predictProba(X), f.A2, 1e-12, 'predictProba');

        const J = lecture.cost(f.A2, Yr, head);
        expect(Math.abs(net.cost(X, Y) - J) / J).toBeLessThan(1e-12);
        expect(Math.abs(net.evaluate(X, Y).cost - J) / J).toBeLessThan(1e-12);
        // computeCost is the sigmoid head's cross-entropy.
        if (head === 'sigmoid') expect(Math.abs(computeCost(cache.A2, Y) - J) / J).toBeLessThan(1e-12);

        const want = lecture.backward(activation, p, Xr, Yr, f, head);
        for (const grads of [net.gradients(X, Y), net.backward(X, Y, cache)]) {
          for (const key of ['dW1', 'db1', 'dW2', 'db2'] as const) expectNear(grads[key], want[key], 1e-11, key);
        }

        expect(Math.abs(net.step(X, Y, 0.3) - J) / J).toBeLessThan(1e-12);
        const after = lecture.update(p, want, 0.3);
        const got = net.parameters();
        for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expectNear(got[key], after[key], 1e-12, key);
      });

      it(`${label}: 25 iterations of fit`, () => {
        const { net, X, Y, p, Xr, Yr } = setup(shape, activation, backend, 900 + index);
        const alpha = head === 'linear' ? 0.05 : 0.5;
        const want = lecture.gradientDescent(activation, p, Xr, Yr, alpha, 25, head);
        const result = net.fit(X, Y, { iterations: 25, learningRate: alpha, progressEvery: 1 });
        expect(relativeError(Float64Array.from(result.costs), Float64Array.from(want.costs))).toBeLessThan(1e-10);
        expect(Math.abs(result.finalCost - want.finalCost) / want.finalCost).toBeLessThan(1e-10);
        // Training did something.
        expect(want.finalCost).toBeLessThan(want.costs[0]!);
        const got = net.parameters();
        for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expectNear(got[key], want.params[key], 1e-10, key);
      });
    });
  }
});

describe('the oracle\'s heads, by their definitions', () => {
  it('softmax dZ2 by the chain rule is A2 − Y for one-hot targets, and the costs match hand values', () => {
    const p: lecture.LectureParameters = { W1: [[1]], b1: [[0]], W2: [[1], [2], [-1]], b2: [[0], [0.5], [0]] };
    const X = [[0.3, -1]];
    const Y = [[0, 1], [1, 0], [0, 0]];
    const f = lecture.forward('tanh', p, X, 'softmax');
    for (let j = 0; j < 2; j++) expect(f.A2[0]![j]! + f.A2[1]![j]! + f.A2[2]![j]!).toBeCloseTo(1, 15);
    // Column 0: z = (t, 2t + 0.5, −t) with t = tanh(0.3).
    const t = Math.tanh(0.3);
    const e = [Math.exp(t), Math.exp(2 * t + 0.5), Math.exp(-t)];
    expect(f.A2[1]![0]).toBeCloseTo(e[1]! / (e[0]! + e[1]! + e[2]!), 15);
    const g = lecture.backward('tanh', p, X, Y, f, 'softmax');
    const db2 = [0, 1, 2].map((i) => ((f.A2[i]![0]! - Y[i]![0]!) + (f.A2[i]![1]! - Y[i]![1]!)) / 2);
    db2.forEach((v, i) => expect(g.db2[i]![0]).toBeCloseTo(v, 15));
    expect(lecture.cost(f.A2, Y, 'softmax')).toBeCloseTo(-(Math.log(f.A2[1]![0]!) + Math.log(f.A2[0]![1]!)) / 2, 15);
    expect(lecture.cost([[1, 3]], [[0, 1]], 'linear')).toBeCloseTo((1 + 4) / (2 * 2), 15);
  });
});

describe('computeCost(A2, Y)', () => {
  it('is the lecture cost of A2 against Y, summed over outputs and averaged over examples', () => {
    const A2 = { rows: 2, cols: 2, data: Float64Array.from([0.9, 0.2, 0.4, 0.5]) };
    const Y = { rows: 2, cols: 2, data: Float64Array.from([1, 0, 1, 1]) };
    // By hand: −[ln 0.9 + ln 0.8 + ln 0.4 + ln 0.5] / 2
    const want = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.5)) / 2;
    expect(computeCost(A2, Y)).toBeCloseTo(want, 15);
    expect(Math.abs(computeCost(A2, Y) - lecture.cost(lecture.rowsOf(A2), lecture.rowsOf(Y)))).toBeLessThan(1e-15);
  });

  it('stays finite where ŷ rounds to exactly 0 or 1 (clipped at the smallest double)', () => {
    const A2 = { rows: 1, cols: 2, data: Float64Array.from([1, 0]) };
    const Y = { rows: 1, cols: 2, data: Float64Array.from([0, 1]) };
    // −ln(5e-324) = 744.44 for each example.
    expect(computeCost(A2, Y)).toBeCloseTo(-Math.log(Number.MIN_VALUE), 10);
  });

  it('reads each matrix once: a getter that changes data after the check does not reach the sum', () => {
    let reads = 0;
    const good = Float64Array.from([0.5, 0.5]);
    const poisoned = Float64Array.from([NaN, 7]);
    const A2 = { rows: 1, cols: 2, get data() { return reads++ === 0 ? good : poisoned; } };
    const Y = { rows: 1, cols: 2, data: Float64Array.from([1, 0]) };
    expect(computeCost(A2, Y)).toBeCloseTo(Math.log(2), 15);
  });
});
