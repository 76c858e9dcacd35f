// The native trainer against the TS one (the same loop in C++ and TS): after
// a few epochs the parameters, every recorded cost and validation figure, the
// final cost and how training ended agree to 1e-12 (relative), for every
// combination of output head × optimizer × batching × L2 × learning-rate
// decay × validation with early stopping.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type FitOptions, type FitResult, type Matrix, type Optimizer, type OutputActivation } from 'shallownet';
import { gaussianMatrix, nativeAvailable, Random, relativeError } from '../helpers';
import { expectRelative, flat, targetsFor } from './common';

const N0 = 4;
const N1 = 6;
const M = 50;

const heads: { head: OutputActivation; n2: number }[] = [
  { head: 'sigmoid', n2: 1 },
  { head: 'sigmoid', n2: 2 },
  { head: 'softmax', n2: 3 },
  { head: 'linear', n2: 2 },
];
const optimizers: { optimizer: Optimizer; learningRate: number }[] = [
  { optimizer: 'gd', learningRate: 0.5 },
  { optimizer: 'momentum', learningRate: 0.5 },
  { optimizer: 'adam', learningRate: 0.02 },
];
const batchings: [string, Partial<FitOptions>][] = [
  ['full batch', { progressEvery: 1 }],
  ['batch 7 shuffled', { batchSize: 7, shuffle: true }],
  ['batch 7 in order', { batchSize: 7, shuffle: false }],
];
const validations: [string, Partial<FitOptions>][] = [
  ['no validation', {}],
  ['validationSplit 0.2 with early stopping', { validationSplit: 0.2, earlyStopping: { patience: 2 } }],
];

function data(head: OutputActivation, n2: number): { X: Matrix; Y: Matrix } {
  const random = new Random(1000 + n2 + head.length);
  return { X: gaussianMatrix(random, N0, M), Y: targetsFor(head, random, n2, M) };
}

function train(backend: Backend, head: OutputActivation, n2: number, X: Matrix, Y: Matrix, options: FitOptions) {
  const net = new ShallowNet({ inputSize: N0, hiddenSize: N1, outputSize: n2, outputActivation: head, initialization: 'xavier', seed: 8, backend });
  const start = flat(net.parameters());
  const result = net.fit(X, Y, options);
  return { result, theta: flat(net.parameters()), start };
}

/** Fits that stopped early, over all the combinations: the last test checks that this path was compared too. */
let stoppedEarly = 0;

function expectAgree(native: FitResult, ts: FitResult, label: string): void {
  expect([native.iterations, native.epochs, native.stoppedEarly, native.converged, native.bestEpoch], label).toEqual([
    ts.iterations,
    ts.epochs,
    ts.stoppedEarly,
    ts.converged,
    ts.bestEpoch,
  ]);
  expectRelative(native.costs, ts.costs, 1e-12, `${label}: costs`);
  expect(native.history.length, label).toBe(ts.history.length);
  native.history.forEach((n, k) => {
    const t = ts.history[k]!;
    expect([n.iteration, n.epoch], `${label}: record ${k}`).toEqual([t.iteration, t.epoch]);
    expect(Object.keys(n).sort(), `${label}: record ${k}`).toEqual(Object.keys(t).sort());
    for (const key of ['cost', 'validationCost', 'validationR2'] as const) {
      if (t[key] === undefined) continue;
      expectRelative([n[key] as number], [t[key] as number], 1e-12, `${label}: record ${k} ${key}`);
    }
    expect(n.validationAccuracy, `${label}: record ${k} validationAccuracy`).toBe(t.validationAccuracy);
  });
  expectRelative([native.finalCost], [ts.finalCost], 1e-12, `${label}: finalCost`);
}

describe.skipIf(!nativeAvailable)('native and TS trainers agree to 1e-12', () => {
  for (const { head, n2 } of heads) {
    for (const { optimizer, learningRate } of optimizers) {
      for (const [batching, batchOptions] of batchings) {
        it(`${head} n2=${n2}, ${optimizer}, ${batching}: × l2 {0, 0.1} × decay {0, 0.5} × {no validation, split + early stopping}`, () => {
          const { X, Y } = data(head, n2);
          for (const l2 of [0, 0.1]) {
            for (const learningRateDecay of [0, 0.5]) {
              for (const [validation, validationOptions] of validations) {
                const label = `l2 ${l2}, decay ${learningRateDecay}, ${validation}`;
                const options: FitOptions = { epochs: 6, learningRate, optimizer, l2, learningRateDecay, seed: 11, ...batchOptions, ...validationOptions };
                const native = train('native', head, n2, X, Y, options);
                const ts = train('ts', head, n2, X, Y, options);
                expectAgree(native.result, ts.result, label);
                expectRelative(native.theta, ts.theta, 1e-12, `${label}: parameters`);
                // Training happened: the parameters moved.
                expect(relativeError(native.theta, native.start), label).toBeGreaterThan(1e-4);
                if (native.result.stoppedEarly) stoppedEarly++;
                if (validation !== 'no validation') expect(native.result.bestEpoch, label).toBeGreaterThanOrEqual(0);
              }
            }
          }
        });
      }
    }
  }

  it('early stopping triggered in some of the combinations above, so its path was compared too', () => {
    expect(stoppedEarly).toBeGreaterThan(0);
  });
});
