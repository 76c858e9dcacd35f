// fitAsync: never blocks the event loop, aborts cleanly, matches fit bit for
// bit, survives hostile callers, and reports divergence.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  loadPlanarDataset,
  NetworkBusyError,
  ShallowNet,
  TrainingAbortedError,
  TrainingDivergedError,
  type Matrix,
} from 'shallownet';
import { backends, bernoulliMatrix, expectSameBits, flat, gaussianMatrix, Random, watchTimerGaps } from './helpers';

function copy(M: Matrix): Matrix {
  return { rows: M.rows, cols: M.cols, data: M.data.slice() };
}

function expectSameParameters(a: ShallowNet, b: ShallowNet) {
  expectSameBits(flat(a.parameters()), flat(b.parameters()), 'parameters');
}

describe.each(backends)('fitAsync (%s)', (backend) => {
  const random = new Random(77);
  const X = gaussianMatrix(random, 5, 300);
  const Y = bernoulliMatrix(random, 2, 300);
  const make = () => new ShallowNet({ inputSize: 5, hiddenSize: 8, outputSize: 2, seed: 12, backend });

  it('keeps the event loop free: a 10 ms timer never waits 50 ms during ~2 s of training', async () => {
    // A shape big enough to matter, sized so that training takes about 2 s here.
    const n0 = backend === 'native' ? 64 : 32;
    const n1 = backend === 'native' ? 128 : 64;
    const m = backend === 'native' ? 8192 : 2048;
    const r = new Random(3);
    const bigX = gaussianMatrix(r, n0, m);
    const bigY = bernoulliMatrix(r, 1, m);
    const net = new ShallowNet({ inputSize: n0, hiddenSize: n1, seed: 1, backend });
    for (let i = 0; i < 2; i++) net.step(bigX, bigY, 0.01); // warm-up: work buffers, pages, helper threads
    const start = performance.now();
    for (let i = 0; i < 5; i++) net.step(bigX, bigY, 0.01);
    const perIteration = (performance.now() - start) / 5;
    const iterations = Math.max(10, Math.ceil(2000 / perIteration));

    const watch = watchTimerGaps(10);
    const began = performance.now();
    const progress: number[] = [];
    const result = await net.fitAsync(bigX, bigY, {
      iterations,
      learningRate: 0.01,
      progressEvery: 10,
      onProgress: ({ iteration }) => progress.push(iteration),
    });
    const elapsed = performance.now() - began;
    const { largestGap, ticks } = watch.stop();

    expect(result.iterations).toBe(iterations);
    expect(progress.at(-1)).toBe(iterations);
    expect(elapsed).toBeGreaterThan(500); // the test measured something
    expect(ticks).toBeGreaterThan(elapsed / 10 / 3);
    // The gap a JS timer's callback sees, end of training included (monitorEventLoopDelay's max
    // measured the same interval on a libuv timer, and so was dropped).
    expect(largestGap).toBeLessThan(50);
    console.log(
      `[${backend}] fitAsync ${n0}x${n1}x1, m=${m}: ${iterations} iterations in ${elapsed.toFixed(0)} ms; ` +
        `largest timer gap ${largestGap.toFixed(1)} ms`,
    );
  });

  it('gives bit-for-bit the parameters of fit with the same seed and options', async () => {
    const a = make();
    const b = make();
    const options = { iterations: 400, learningRate: 0.8, progressEvery: 50 };
    const syncResult = a.fit(X, Y, options);
    const asyncResult = await b.fitAsync(X, Y, options);
    expectSameParameters(a, b);
    expect(asyncResult).toEqual(syncResult);
  });

  it('reports progress every progressEvery iterations and once at the end', async () => {
    const seen: number[] = [];
    const costs: number[] = [];
    const result = await make().fitAsync(X, Y, {
      iterations: 25,
      learningRate: 0.5,
      progressEvery: 10,
      onProgress: ({ iteration, cost }) => {
        seen.push(iteration);
        costs.push(cost);
      },
    });
    expect(seen).toEqual([0, 10, 20, 25]);
    expect(costs.slice(0, 3)).toEqual(result.costs);
    expect(costs[3]).toBe(result.finalCost);
  });

  it('aborts: rejects with an AbortError and keeps the parameters of the completed iterations', async () => {
    const net = make();
    const controller = new AbortController();
    const promise = net.fitAsync(X, Y, {
      iterations: 1_000_000,
      learningRate: 0.5,
      progressEvery: 1,
      signal: controller.signal,
      onProgress: ({ iteration }) => {
        if (iteration >= 40) controller.abort();
      },
    });
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingAbortedError);
    expect((error as TrainingAbortedError).name).toBe('AbortError');
    const completed = (error as TrainingAbortedError).iterations;
    expect(completed).toBeGreaterThanOrEqual(40);
    expect(completed).toBeLessThan(1_000_000);
    expect(net.training).toBe(false);
    const reference = make();
    reference.fit(X, Y, { iterations: completed, learningRate: 0.5 });
    expectSameParameters(net, reference);
  });

  it('rejects at once for a signal that is already aborted, changing nothing', async () => {
    const net = make();
    const before = net.parameters();
    await expect(net.fitAsync(X, Y, { iterations: 10, learningRate: 0.5, signal: AbortSignal.abort() })).rejects.toThrow(
      TrainingAbortedError,
    );
    expect(net.parameters()).toEqual(before);
  });

  it('trains on a copy: the caller may overwrite or detach X and Y meanwhile', async () => {
    const x = copy(X);
    const y = copy(Y);
    const net = make();
    const promise = net.fitAsync(x, y, { iterations: 300, learningRate: 0.5 });
    x.data.fill(Number.NaN);
    y.data.fill(7);
    structuredClone(x.data.buffer, { transfer: [x.data.buffer as ArrayBuffer] }); // detaches x.data
    expect(x.data.length).toBe(0);
    await promise;
    const reference = make();
    reference.fit(X, Y, { iterations: 300, learningRate: 0.5 });
    expectSameParameters(net, reference);
  });

  it('refuses other calls while training, and lets other networks train at the same time', async () => {
    const a = make();
    const b = make();
    const c = new ShallowNet({ inputSize: 5, hiddenSize: 3, outputSize: 2, seed: 4, backend });
    const options = { iterations: 300, learningRate: 0.5 };
    const running = a.fitAsync(X, Y, options);
    expect(a.training).toBe(true);
    expect(() => a.step(X, Y, 0.1)).toThrow(NetworkBusyError);
    expect(() => a.parameters()).toThrow(/while this network is training/);
    expect(() => a.fit(X, Y, options)).toThrow(NetworkBusyError);
    await expect(a.fitAsync(X, Y, options)).rejects.toThrow(NetworkBusyError);
    const [ra, rb, rc] = await Promise.all([running, b.fitAsync(X, Y, options), c.fitAsync(X, Y, options)]);
    expect(ra).toEqual(rb);
    expect(rc.finalCost).toBeLessThan(rc.costs[0]);
    expectSameParameters(a, b);
    expect(a.training).toBe(false);
    a.step(X, Y, 0.1); // usable again
  });

  it('stops early on tolerance and says so', async () => {
    const net = make();
    const result = await net.fitAsync(X, Y, { iterations: 100_000, learningRate: 0.5, progressEvery: 10, tolerance: 1e-4 });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(100_000);
    expect(result.iterations % 10).toBe(0);
    const last = result.costs.at(-1) as number;
    const previous = result.costs.at(-2) as number;
    expect(Math.abs(last - previous)).toBeLessThan(1e-4);
    expect(result.finalCost).toBe(last);
    const full = await make().fitAsync(X, Y, { iterations: 50, learningRate: 0.5 });
    expect(full.converged).toBe(false);
    expect(full.iterations).toBe(50);
  });

  it('a throwing onProgress rejects with its error and leaves the net usable', async () => {
    const net = make();
    const failure = new Error('callback failed');
    await expect(
      net.fitAsync(X, Y, {
        iterations: 1000,
        learningRate: 0.5,
        progressEvery: 5,
        onProgress: ({ iteration }) => {
          if (iteration === 10) throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(net.training).toBe(false);
    expect(() => net.fit(X, Y, { iterations: 1, learningRate: 0.5 })).not.toThrow();
  });
});

describe.each(backends)('divergence (%s)', (backend) => {
  const { X, Y } = loadPlanarDataset();
  const options = { iterations: 1000, learningRate: 1e6, progressEvery: 1 };

  function expectFinite(net: ShallowNet) {
    const p = net.parameters();
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(p[key].data.every(Number.isFinite), key).toBe(true);
  }

  it('fit stops with an error naming the iteration, and keeps finite parameters', () => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend });
    let error: unknown;
    try {
      net.fit(X, Y, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const { iteration } = error as TrainingDivergedError;
    expect(iteration).toBeGreaterThanOrEqual(0);
    expect(iteration).toBeLessThan(1000);
    expect((error as Error).message).toContain(`iteration ${iteration}`);
    expectFinite(net);
    // The parameters are those after `iteration` updates: replaying them gives the same state.
    const replay = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend });
    for (let i = 0; i < iteration; i++) replay.step(X, Y, options.learningRate);
    expectSameParameters(net, replay);
  });

  it('fitAsync rejects the same way', async () => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend });
    const sync = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend });
    const syncError = (() => {
      try {
        sync.fit(X, Y, options);
      } catch (e) {
        return e as TrainingDivergedError;
      }
      return undefined;
    })();
    const error = await net.fitAsync(X, Y, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as TrainingDivergedError).iteration).toBe(syncError?.iteration);
    expectFinite(net);
    expectSameParameters(net, sync);
  });
});
