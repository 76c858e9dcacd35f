// Early stopping on a net that overfits (20 noisy training examples, 40
// hidden units): training stops once the validation cost has not improved by
// more than minDelta for `patience` records, and with restoreBest ends with
// the parameters of the best record — bit for bit those of a second run
// stopped there by hand.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type FitOptions, type FitResult, type Matrix } from 'shallownet';
import { backends, Random, relativeError } from '../helpers';
import { expectSameBits, flat } from './common';

/** m examples of two Gaussian features, labelled 1 with probability σ(x1 + x2): noisy labels. */
function noisy(random: Random, m: number): { X: Matrix; Y: Matrix } {
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const a = random.normal();
    const b = random.normal();
    X[j] = a;
    X[m + j] = b;
    Y[j] = random.uniform() < 1 / (1 + Math.exp(-(a + b))) ? 1 : 0;
  }
  return { X: { rows: 2, cols: m, data: X }, Y: { rows: 1, cols: m, data: Y } };
}

const random = new Random(4);
const train = noisy(random, 20);
const validation = noisy(random, 60);

function freshNet(backend: Backend): ShallowNet {
  return new ShallowNet({ inputSize: 2, hiddenSize: 40, initialization: 'xavier', seed: 1, backend });
}

function run(backend: Backend, options: FitOptions): { result: FitResult; theta: Float64Array } {
  const net = freshNet(backend);
  const result = net.fit(train.X, train.Y, options);
  return { result, theta: flat(net.parameters()) };
}

const fullBatch = { learningRate: 0.5, progressEvery: 20 } as const;
const miniBatch = { learningRate: 0.3, batchSize: 5, seed: 3 } as const;

/** Where the rule stops on a given history: the record it stops at (or none) and the best epoch so far. */
function simulate(history: FitResult['history'], patience: number, minDelta: number) {
  let best = Infinity;
  let bestEpoch = -1;
  let without = 0;
  for (const record of history) {
    const cost = record.validationCost as number;
    if (cost < best - minDelta) {
      best = cost;
      bestEpoch = record.epoch;
      without = 0;
    } else if (++without >= patience) {
      return { stop: record, bestEpoch };
    }
  }
  return { stop: undefined, bestEpoch };
}

describe.each(backends)('early stopping (%s)', (backend) => {
  it('full batch, patience 3: stops early, and restoreBest leaves the parameters of a run of bestEpoch updates, bit for bit', () => {
    const { result, theta } = run(backend, { ...fullBatch, iterations: 3000, validationData: validation, earlyStopping: { patience: 3 } });
    expect(result.stoppedEarly).toBe(true);
    expect(result.converged).toBe(false);
    const bestEpoch = result.bestEpoch as number;
    expect(bestEpoch).toBeGreaterThan(0);
    expect(bestEpoch).toBeLessThan(result.iterations);
    expect(result.iterations).toBeLessThan(3000);
    // Stopped at the third record without improvement; bestEpoch is the record of the lowest validation cost.
    const records = result.history;
    expect(records.at(-1)!.iteration).toBe(result.iterations);
    expect(result.iterations - bestEpoch).toBe(3 * fullBatch.progressEvery);
    const lowest = records.reduce((a, b) => ((b.validationCost as number) < (a.validationCost as number) ? b : a));
    expect(lowest.epoch).toBe(bestEpoch);

    const again = run(backend, { ...fullBatch, iterations: bestEpoch });
    expectSameBits(theta, again.theta, 'parameters');
    expect(Object.is(result.finalCost, again.result.finalCost)).toBe(true);
    // And they are not the last parameters trained.
    const last = run(backend, { ...fullBatch, iterations: result.iterations });
    expect(relativeError(theta, last.theta)).toBeGreaterThan(1e-6);
  });

  it('full batch: the state after the last update is a candidate too (still improving at the end: it is kept, and is the best)', () => {
    // α = 0.05, 40 updates, records every 20: the validation cost still falls at the end.
    const settings = { learningRate: 0.05, progressEvery: 20, iterations: 40 } as const;
    const { result, theta } = run(backend, { ...settings, validationData: validation, earlyStopping: { patience: 3 } });
    expect(result.stoppedEarly).toBe(false);
    expect(result.history.map((h) => h.iteration)).toEqual([0, 20, 40]);
    const costs = result.history.map((h) => h.validationCost as number);
    expect(costs[2]).toBeLessThan(costs[1] as number);
    expect(result.bestEpoch).toBe(40);
    const plain = run(backend, settings);
    expectSameBits(theta, plain.theta, 'parameters');
    expect(Object.is(result.finalCost, plain.result.finalCost)).toBe(true);
  });

  it('mini-batches (shuffled, seeded), patience 3: restoreBest leaves the parameters of a run of bestEpoch epochs, bit for bit', () => {
    const { result, theta } = run(backend, { ...miniBatch, epochs: 500, validationData: validation, earlyStopping: { patience: 3 } });
    expect(result.stoppedEarly).toBe(true);
    const bestEpoch = result.bestEpoch as number;
    expect(bestEpoch).toBeGreaterThan(0);
    expect(bestEpoch).toBeLessThan(result.epochs);
    expect(result.epochs - bestEpoch).toBe(3);
    expect(result.iterations).toBe(result.epochs * 4);
    const again = run(backend, { ...miniBatch, epochs: bestEpoch });
    expectSameBits(theta, again.theta, 'parameters');
  });

  it('restoreBest false ends with the last parameters (those of a run as long, without early stopping)', () => {
    for (const [settings, length] of [
      [{ ...fullBatch, iterations: 3000 }, (r: FitResult) => ({ iterations: r.iterations })],
      [{ ...miniBatch, epochs: 500 }, (r: FitResult) => ({ epochs: r.epochs })],
    ] as const) {
      const { result, theta } = run(backend, { ...settings, validationData: validation, earlyStopping: { patience: 3, restoreBest: false } });
      expect(result.stoppedEarly).toBe(true);
      const { iterations: _i, epochs: _e, ...rest } = settings as FitOptions;
      const last = run(backend, { ...rest, ...length(result) });
      expectSameBits(theta, last.theta, 'parameters');
      expect(Object.is(result.finalCost, last.result.finalCost)).toBe(true);
      const best = run(backend, { ...rest, ...('iterations' in settings ? { iterations: result.bestEpoch } : { epochs: result.bestEpoch }) });
      expect(relativeError(theta, best.theta)).toBeGreaterThan(1e-6);
    }
  });

  it('minDelta: an improvement counts only when larger than minDelta (stopping points as the rule predicts from the full history)', () => {
    const patience = 3;
    // A slower run, whose validation cost falls by ever smaller steps before it rises.
    const slow = { learningRate: 0.05, progressEvery: 10 } as const;
    const full = run(backend, { ...slow, iterations: 1000, validationData: validation });
    expect(full.result.stoppedEarly).toBe(false);
    const stops = new Set<number>();
    for (const minDelta of [0, 0.001, 0.003, 0.01, 0.1, 10]) {
      const predicted = simulate(full.result.history, patience, minDelta);
      expect(predicted.stop, `minDelta ${minDelta} stops within the history`).toBeDefined();
      const { result, theta } = run(backend, { ...slow, iterations: 1000, validationData: validation, earlyStopping: { patience, minDelta } });
      expect(result.stoppedEarly, `minDelta ${minDelta}`).toBe(true);
      expect(result.iterations, `minDelta ${minDelta}`).toBe(predicted.stop!.iteration);
      expect(result.bestEpoch, `minDelta ${minDelta}`).toBe(predicted.bestEpoch);
      // The best is the last record that improved by more than minDelta.
      if (result.bestEpoch! > 0) expectSameBits(theta, run(backend, { ...slow, iterations: result.bestEpoch! }).theta, `minDelta ${minDelta}: parameters`);
      stops.add(result.iterations);
    }
    // minDelta changed where training stopped (a huge one stops `patience` records after the first).
    expect(stops.size).toBeGreaterThanOrEqual(5);
    expect(Math.min(...stops)).toBe(patience * slow.progressEvery);
  });

  it('patience counts records: a larger patience trains longer and still restores the same kind of best', () => {
    const three = run(backend, { ...fullBatch, iterations: 3000, validationData: validation, earlyStopping: { patience: 3 } });
    const six = run(backend, { ...fullBatch, iterations: 3000, validationData: validation, earlyStopping: { patience: 6 } });
    expect(six.result.iterations).toBeGreaterThan(three.result.iterations);
    const predicted = simulate(six.result.history, 6, 0);
    expect(predicted.stop!.iteration).toBe(six.result.iterations);
    expect(six.result.bestEpoch).toBe(predicted.bestEpoch);
    expectSameBits(six.theta, run(backend, { ...fullBatch, iterations: six.result.bestEpoch as number }).theta, 'patience 6 parameters');
  });
});
