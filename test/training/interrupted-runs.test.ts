// A training run that does not end normally (aborted, onProgress throwing,
// diverging, or rejected by the engine) leaves a network whose every part
// agrees: the parameters, the optimizer's state, the epoch count partialFit's
// learning-rate decay carries on from, and the stream of seeds.
import { describe, expect, it } from 'vitest';
import { ShallowNet, TrainingAbortedError, type Backend, type FitOptions, type Matrix } from 'shallownet';
import { createRequire } from 'node:module';
import type { EngineFitOptions } from '../../lib/engine';
import type { NativeBinding } from '../../lib/native/binding';
import type { TsNet as TsNetType } from '../../lib/ts/ts-net';
import { raw, rawFitOptions } from '../cases/raw-binding';
import { backends } from '../helpers';
import { expectSameBits, flat, problem } from './common';

const { TsNet } = createRequire(import.meta.url)('../../dist/ts/ts-net.js') as { TsNet: typeof TsNetType };

// Shuffled batches of all m examples: every update is an epoch on both backends.
const EPOCH_PER_UPDATE = { batchSize: 24, shuffle: true, learningRate: 0.3, seed: 3 } as const;
const DECAYING = { epochs: 3, learningRate: 0.3, learningRateDecay: 2, seed: 4 } as const;

function setup(backend: Backend) {
  const p = problem('sigmoid', 61, 3, 4, 1, 24);
  const make = () => ShallowNet.fromParameters(p.parameters, { backend });
  /** A network after an earlier run (whose epoch count must not survive the next fit). */
  const trained = () => {
    const net = make();
    net.fit(p.X, p.Y, { ...EPOCH_PER_UPDATE, iterations: 50 });
    return net;
  };
  /** A trained network after a plain fit of `iterations` updates, then partialFit with decay. */
  const reference = (iterations: number) => {
    const net = trained();
    net.fit(p.X, p.Y, { ...EPOCH_PER_UPDATE, iterations });
    net.partialFit(p.X, p.Y, DECAYING);
    return flat(net.parameters());
  };
  return { ...p, trained, reference };
}

describe.each(backends)('interrupted training runs (%s)', (backend) => {
  it("fitAsync aborted by its signal: partialFit's decay counts on from the epochs the aborted run did", async () => {
    const { X, Y, trained, reference } = setup(backend);
    const net = trained();
    const controller = new AbortController();
    const error = await net
      .fitAsync(X, Y, { ...EPOCH_PER_UPDATE, iterations: 10_000, signal: controller.signal, onProgress: (p) => p.epoch >= 3 && controller.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingAbortedError);
    const done = (error as TrainingAbortedError).iterations;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(10_000);
    net.partialFit(X, Y, DECAYING);
    expectSameBits(flat(net.parameters()), reference(done), 'parameters');
  });

  it("fit whose onProgress throws: the network keeps that run's parameters and epoch count", () => {
    const { X, Y, trained, reference } = setup(backend);
    const net = trained();
    const failure = new Error('stop here');
    const run = () =>
      net.fit(X, Y, {
        ...EPOCH_PER_UPDATE,
        iterations: 20,
        onProgress: (p) => {
          if (p.epoch === 5) throw failure;
        },
      });
    expect(run).toThrow(failure);
    net.partialFit(X, Y, DECAYING);
    expectSameBits(flat(net.parameters()), reference(5), 'parameters');
  });

  it("fitAsync whose onProgress throws: rejects with that error, and the network's epoch count is that of the updates it kept", async () => {
    const { X, Y, trained, reference } = setup(backend);
    const net = trained();
    const failure = new Error('stop here');
    const iterations = 30;
    await expect(
      net.fitAsync(X, Y, {
        ...EPOCH_PER_UPDATE,
        iterations,
        onProgress: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    // Which update training stopped after depends on the thread's timing: find it from the parameters.
    const kept = flat(net.parameters());
    const done = Array.from({ length: iterations }, (_, k) => k + 1).find((k) => {
      const twin = trained();
      twin.fit(X, Y, { ...EPOCH_PER_UPDATE, iterations: k });
      return flat(twin.parameters()).every((v, i) => Object.is(v, kept[i]));
    });
    expect(done).toBeDefined();
    net.partialFit(X, Y, DECAYING);
    expectSameBits(flat(net.parameters()), reference(done as number), 'parameters');
  });
});

describe.each(backends)('full batch: epochs = updates applied, however the run ends (%s)', (backend) => {
  it('aborted by the signal: the error counts the updates, and partialFit decays from as many epochs', async () => {
    const p = problem('sigmoid', 62, 3, 4, 1, 20);
    const make = () => ShallowNet.fromParameters(p.parameters, { backend });
    const net = make();
    const controller = new AbortController();
    const error = await net
      .fitAsync(p.X, p.Y, { iterations: 100_000, learningRate: 0.3, progressEvery: 2, signal: controller.signal, onProgress: (r) => r.epoch >= 4 && controller.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingAbortedError);
    const done = (error as TrainingAbortedError).iterations;
    expect(done).toBeGreaterThanOrEqual(4);
    const twin = make();
    twin.fit(p.X, p.Y, { iterations: done, learningRate: 0.3 });
    expectSameBits(flat(net.parameters()), flat(twin.parameters()), 'parameters after the abort');
    for (const n of [net, twin]) n.partialFit(p.X, p.Y, { epochs: 2, learningRate: 0.3, learningRateDecay: 1 });
    expectSameBits(flat(net.parameters()), flat(twin.parameters()), 'parameters after partialFit');
  });

  it('diverged: the outcome counts the updates applied before the failing one as epochs', () => {
    // Engine level: a diverged fit throws, so its epochs reach the public API only through partialFit's decay,
    // which cannot go on from parameters whose cost has overflowed.
    const [n0, n1, n2, m] = [3, 4, 1, 20];
    const p = problem('linear', 63, n0, n1, n2, m);
    const params = flat(p.parameters);
    const engine =
      backend === 'ts'
        ? new TsNet({ sizes: { inputSize: n0, hiddenSize: n1, outputSize: n2 }, hidden: 'tanh', output: 'linear' }, params)
        : new (raw as NativeBinding).NativeNet(n0, n1, n2, 'tanh', params, 'linear');
    const outcome = engine.fit(p.X.data, p.Y.data, m, rawFitOptions({ iterations: 10_000, learningRate: 50, batchSize: m }) as unknown as EngineFitOptions);
    expect(outcome.status).toBe('diverged');
    expect(outcome.iterations).toBeGreaterThan(1);
    expect(outcome.epochs).toBe(outcome.iterations);
  });
});

describe.each(backends)('the seed stream (%s)', (backend) => {
  it('a fitAsync the engine rejects (an input detached while it is copied) leaves the stream where it was', async () => {
    // More than PIECE_VALUES (2^19) values: lib/net.ts checks them over two turns, then the engine copies them in pieces.
    const m = 140_000;
    const big = problem('sigmoid', 64, 4, 3, 1, m);
    const X: Matrix = { ...big.X, data: big.X.data.slice() };
    const small = problem('sigmoid', 65, 4, 3, 1, 30);
    const options: FitOptions = { epochs: 2, batchSize: 7, learningRate: 0.3 }; // shuffled, with the network's next seed
    const net = new ShallowNet({ inputSize: 4, hiddenSize: 3, seed: 9, backend });
    const twin = new ShallowNet({ inputSize: 4, hiddenSize: 3, seed: 9, backend });
    const training = net.fitAsync(X, big.Y, { iterations: 1, learningRate: 0.1 });
    // One turn on, lib/net.ts has checked X and Y and the engine is copying them.
    setImmediate(() => structuredClone(X.data.buffer, { transfer: [X.data.buffer as ArrayBuffer] }));
    await expect(training).rejects.toThrow(/X must be left alone while fitAsync\(\) copies it/);
    net.fit(small.X, small.Y, options);
    twin.fit(small.X, small.Y, options);
    expectSameBits(flat(net.parameters()), flat(twin.parameters()), 'parameters');
  });
});
