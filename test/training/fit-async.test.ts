// fitAsync runs the same training loop as fit (on a thread of its own, or in a
// worker for the TS backend): the same options give the same result and the
// same parameters, bit for bit, on each backend.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type FitOptions, type OutputActivation } from 'shallownet';
import { backends } from '../helpers';
import { expectSameBits, flat, problem } from './common';

const cases: [string, OutputActivation, number, FitOptions][] = [
  ['sigmoid, full-batch gd', 'sigmoid', 1, { iterations: 40, learningRate: 0.5, progressEvery: 7 }],
  ['softmax, Adam, shuffled batches of 7, L2, decay, validationSplit with early stopping', 'softmax', 3,
    { epochs: 8, batchSize: 7, learningRate: 0.02, optimizer: 'adam', l2: 0.1, learningRateDecay: 0.5, seed: 5, validationSplit: 0.2, earlyStopping: { patience: 2 } }],
  ['linear, momentum, batches of 7 in order, validationData', 'linear', 2,
    { epochs: 5, batchSize: 7, shuffle: false, learningRate: 0.1, optimizer: 'momentum', beta: 0.8 }],
];

describe.each(backends)('fitAsync = fit (%s)', (backend: Backend) => {
  for (const [label, head, n2, options] of cases) {
    it(`${label}: the same result and parameters bit for bit`, async () => {
      const p = problem(head, 70 + n2, 3, 5, n2, 40);
      const validation = problem(head, 170 + n2, 3, 5, n2, 15);
      const full: FitOptions = label.includes('validationData') ? { ...options, validationData: { X: validation.X, Y: validation.Y } } : options;
      const make = () => ShallowNet.fromParameters(p.parameters, { outputActivation: head, backend });
      const sync = make();
      const async = make();
      const a = sync.fit(p.X, p.Y, full);
      const b = await async.fitAsync(p.X, p.Y, full);
      expect(b).toEqual(a);
      expectSameBits(flat(async.parameters()), flat(sync.parameters()), 'parameters');
      expect(a.iterations).toBeGreaterThan(0);
    });
  }
});

describe.each(backends)('fitAsync copies inputs of up to 4 MB within the call (%s)', (backend: Backend) => {
  it('X and Y of 3.6 MB (m = 150 000) overwritten right after the call returns do not change what it trains on', async () => {
    const m = 150_000;
    const p = problem('sigmoid', 91, 2, 3, 1, m);
    const options: FitOptions = { iterations: 3, learningRate: 0.5, progressEvery: 1 };
    const make = () => ShallowNet.fromParameters(p.parameters, { backend });
    const sync = make();
    const a = sync.fit(p.X, p.Y, options);
    const async = make();
    const X = { ...p.X, data: p.X.data.slice() };
    const Y = { ...p.Y, data: p.Y.data.slice() };
    const training = async.fitAsync(X, Y, options);
    X.data.fill(3);
    Y.data.fill(0);
    const b = await training;
    expect(b).toEqual(a);
    expectSameBits(flat(async.parameters()), flat(sync.parameters()), 'parameters');
  });
});
