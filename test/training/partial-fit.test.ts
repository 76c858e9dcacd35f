// partialFit carries the optimizer's state and the decay's epoch count from
// call to call: three partialFit calls of one epoch train exactly as one fit of
// three epochs (in order: shuffled epochs would draw the same order each call),
// while three fits of one epoch (each starting afresh) do not.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type FitOptions, type Optimizer, type PartialFitOptions } from 'shallownet';
import { backends, relativeError } from '../helpers';
import { expectSameBits, flat, problem } from './common';

const cases: [string, Optimizer, PartialFitOptions][] = [
  ['gd, full batch', 'gd', { learningRate: 0.3 }],
  ['gd, batches of 7 in order', 'gd', { learningRate: 0.3, batchSize: 7, shuffle: false }],
  ['gd, batches of 7 in order, decay 0.5', 'gd', { learningRate: 0.3, batchSize: 7, shuffle: false, learningRateDecay: 0.5 }],
  ['momentum, batches of 7 in order', 'momentum', { learningRate: 0.3, batchSize: 7, shuffle: false, optimizer: 'momentum' }],
  ['adam, full batch', 'adam', { learningRate: 0.02, optimizer: 'adam' }],
  ['adam, batches of 7 in order, L2, decay 0.5', 'adam', { learningRate: 0.02, batchSize: 7, shuffle: false, optimizer: 'adam', l2: 0.1, learningRateDecay: 0.5 }],
];

describe.each(backends)('partialFit carries state (%s)', (backend: Backend) => {
  const p = problem('softmax', 21, 3, 5, 3, 30);
  const make = () => ShallowNet.fromParameters(p.parameters, { outputActivation: 'softmax', backend });

  for (const [label, optimizer, options] of cases) {
    it(`${label}: partialFit × 3 = fit for 3 epochs, bit for bit; fit × 3 differs where there is state`, () => {
      const once = make();
      const whole = once.fit(p.X, p.Y, { ...options, epochs: 3 } as FitOptions);
      const parts = make();
      const results = [1, 2, 3].map(() => parts.partialFit(p.X, p.Y, options));
      expectSameBits(flat(parts.parameters()), flat(once.parameters()), 'parameters');
      for (const r of results) expect(r.epochs).toBe(1);
      expect(results.reduce((n, r) => n + r.iterations, 0)).toBe(whole.iterations);
      // With mini-batches each epoch has one record, the mean cost of its batches: the same numbers.
      if (options.batchSize !== undefined) expect(results.map((r) => r.costs[0])).toEqual(whole.costs);

      // fit restarts the optimizer and the decay's epoch count: three fits of one epoch differ when either matters.
      const restarted = make();
      for (let k = 0; k < 3; k++) restarted.fit(p.X, p.Y, { ...options, epochs: 1 } as FitOptions);
      const stateful = optimizer !== 'gd' || (options.learningRateDecay ?? 0) > 0;
      const gap = relativeError(flat(restarted.parameters()), flat(once.parameters()));
      if (stateful) expect(gap).toBeGreaterThan(1e-6);
      else expect(gap).toBe(0);
    });
  }

  it('partialFit carries on from a fit too: fit(1 epoch) then partialFit × 2 = fit(3 epochs), Adam with decay', () => {
    const options = { learningRate: 0.02, batchSize: 7, shuffle: false, optimizer: 'adam', learningRateDecay: 0.5 } as const;
    const once = make();
    once.fit(p.X, p.Y, { ...options, epochs: 3 });
    const parts = make();
    parts.fit(p.X, p.Y, { ...options, epochs: 1 });
    parts.partialFit(p.X, p.Y, options);
    parts.partialFit(p.X, p.Y, options);
    expectSameBits(flat(parts.parameters()), flat(once.parameters()), 'parameters');
  });

  it('partialFit({ epochs: 3 }) = fit({ epochs: 3 }) on a fresh net', () => {
    const options = { learningRate: 0.02, batchSize: 7, shuffle: false, optimizer: 'adam' } as const;
    const once = make();
    once.fit(p.X, p.Y, { ...options, epochs: 3 });
    const parts = make();
    parts.partialFit(p.X, p.Y, { ...options, epochs: 3 });
    expectSameBits(flat(parts.parameters()), flat(once.parameters()), 'parameters');
  });

  it('a partialFit with another optimizer starts that optimizer afresh (Adam state is not fed to momentum)', () => {
    const adam = { learningRate: 0.02, optimizer: 'adam' } as const;
    const momentum = { learningRate: 0.3, optimizer: 'momentum' } as const;
    const a = make();
    a.partialFit(p.X, p.Y, adam);
    a.partialFit(p.X, p.Y, momentum);
    const b = make();
    b.partialFit(p.X, p.Y, adam);
    const c = ShallowNet.fromParameters(b.parameters(), { outputActivation: 'softmax', backend });
    // c: a fresh momentum from b's parameters, with the decay's epoch count at 0 (no decay here, so it does not matter).
    c.partialFit(p.X, p.Y, momentum);
    expectSameBits(flat(a.parameters()), flat(c.parameters()), 'parameters');
  });
});
