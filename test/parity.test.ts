// The native backend against the TS reference: forward, cost, gradients and
// one step to 1e-12 (normwise relative), and 1 000 fit iterations to 1e-9.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Matrix } from 'shallownet';
import { activations, bernoulliMatrix, gaussianMatrix, nativeAvailable, Random, randomParameters, relativeError } from './helpers';

interface Case {
  n0: number;
  n1: number;
  n2: number;
  m: number;
}

const fixedCases: Case[] = [
  { n0: 1, n1: 3, n2: 1, m: 1 }, // n0 = 1, m = 1
  { n0: 1, n1: 1, n2: 1, m: 7 },
  { n0: 5, n1: 7, n2: 3, m: 1 }, // n2 > 1, m = 1
  { n0: 2, n1: 4, n2: 1, m: 400 }, // the flower shape
  { n0: 13, n1: 9, n2: 4, m: 257 },
  { n0: 64, n1: 32, n2: 2, m: 3000 }, // m in the thousands
];
const random = new Random(2024);
const randomCases: Case[] = Array.from({ length: 6 }, () => ({
  n0: 1 + Math.floor(random.uniform() * 20),
  n1: 1 + Math.floor(random.uniform() * 20),
  n2: 1 + Math.floor(random.uniform() * 5),
  m: 1 + Math.floor(random.uniform() * 600),
}));

function pair(c: Case, activation: (typeof activations)[number], seed: number) {
  const r = new Random(seed);
  const parameters = randomParameters(r, c.n0, c.n1, c.n2);
  const X = gaussianMatrix(r, c.n0, c.m);
  const Y = bernoulliMatrix(r, c.n2, c.m);
  const native = ShallowNet.fromParameters(parameters, { hiddenActivation: activation, backend: 'native' });
  const ts = ShallowNet.fromParameters(parameters, { hiddenActivation: activation, backend: 'ts' });
  return { native, ts, X, Y };
}

function expectClose(got: Matrix, want: Matrix, tolerance: number, name: string) {
  expect([got.rows, got.cols], name).toEqual([want.rows, want.cols]);
  expect(relativeError(got.data, want.data), name).toBeLessThan(tolerance);
}

describe.skipIf(!nativeAvailable)('native and TS backends agree', () => {
  const cases = [...fixedCases, ...randomCases];
  for (const activation of activations) {
    describe(activation, () => {
      cases.forEach((c, index) => {
        it(`n0=${c.n0} n1=${c.n1} n2=${c.n2} m=${c.m}: forward, cost, gradients, step to 1e-12`, () => {
          const { native, ts, X, Y } = pair(c, activation, 100 + index);
          const fn = native.forward(X);
          const ft = ts.forward(X);
          for (const key of ['Z1', 'A1', 'Z2', 'A2'] as const) expectClose(fn[key], ft[key], 1e-12, key);

          const costNative = native.cost(X, Y);
          const costTs = ts.cost(X, Y);
          expect(Math.abs(costNative - costTs) / Math.abs(costTs)).toBeLessThan(1e-12);

          const gn = native.gradients(X, Y);
          const gt = ts.gradients(X, Y);
          for (const key of ['dW1', 'db1', 'dW2', 'db2'] as const) expectClose(gn[key], gt[key], 1e-12, key);

          const stepNative = native.step(X, Y, 0.5);
          const stepTs = ts.step(X, Y, 0.5);
          expect(Math.abs(stepNative - stepTs) / Math.abs(stepTs)).toBeLessThan(1e-12);
          const pn = native.parameters();
          const pt = ts.parameters();
          for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expectClose(pn[key], pt[key], 1e-12, key);
        });
      });

      it('1 000 fit iterations leave the parameters within 1e-9', () => {
        const { native, ts, X, Y } = pair({ n0: 6, n1: 10, n2: 2, m: 300 }, activation, 7);
        const options = { iterations: 1000, learningRate: 0.3, progressEvery: 100 };
        const rn = native.fit(X, Y, options);
        const rt = ts.fit(X, Y, options);
        expect(rn.costs).toHaveLength(10);
        expect(relativeError(Float64Array.from(rn.costs), Float64Array.from(rt.costs))).toBeLessThan(1e-9);
        expect(Math.abs(rn.finalCost - rt.finalCost) / rt.finalCost).toBeLessThan(1e-9);
        const pn = native.parameters();
        const pt = ts.parameters();
        for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expectClose(pn[key], pt[key], 1e-9, key);
        // Training did something: the cost fell.
        expect(rn.finalCost).toBeLessThan(rn.costs[0]);
      });
    });
  }

  it('the same seed gives bit-identical initial parameters on both backends', () => {
    const native = new ShallowNet({ inputSize: 7, hiddenSize: 5, outputSize: 3, seed: 42, backend: 'native' });
    const ts = new ShallowNet({ inputSize: 7, hiddenSize: 5, outputSize: 3, seed: 42, backend: 'ts' });
    expect(native.parameters()).toEqual(ts.parameters());
  });
});
