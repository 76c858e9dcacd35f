import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nativeInfo, setThreads, ShallowNet } from 'shallownet';
import { bernoulliMatrix, expectSameBits, flat, gaussianMatrix, Random } from './helpers';

describe('the native addon', () => {
  // A silent fall back to TS must not pass CI: there the addon has been built and must load.
  it.runIf(process.env.CI === 'true')('loads under CI=true', () => {
    const info = nativeInfo();
    expect(info, info.loaded ? '' : info.reason).toMatchObject({ loaded: true });
    expect(new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 1 }).backend).toBe('native');
  });

  it.runIf(nativeInfo().loaded)('reports its BLAS, thread count and Node-API version', () => {
    const info = nativeInfo();
    if (!info.loaded) throw new Error(info.reason);
    expect(info.blas).toMatch(/OpenBLAS/);
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.napiVersion).toBe(8);
  });

  it.runIf(nativeInfo().loaded)('setThreads changes the compute budget; the same budget gives the same bits, another agrees closely', () => {
    // Big enough for products cut into tiles (one per thread of the budget) and row-parallel passes.
    const random = new Random(8);
    const X = gaussianMatrix(random, 200, 3000);
    const Y = bernoulliMatrix(random, 1, 3000);
    const train = () => {
      const net = new ShallowNet({ inputSize: 200, hiddenSize: 256, seed: 5, backend: 'native' });
      net.fit(X, Y, { iterations: 5, learningRate: 0.5 });
      return net.parameters();
    };
    const info = nativeInfo();
    const original = info.loaded ? info.threads : 1;
    try {
      setThreads(2);
      const before = flat(train());
      for (const threads of [1, 3, 2]) {
        setThreads(threads);
        expect(nativeInfo()).toMatchObject({ threads });
        const again = flat(train());
        if (threads === 2) expectSameBits(again, before, 'parameters with 2 threads again');
        else again.forEach((v, k) => expect(Math.abs(v - before[k]!), `parameter ${k} with ${threads} threads`).toBeLessThan(1e-12));
      }
    } finally {
      setThreads(original);
    }
  });

  it("backend 'ts' always gives the TS backend", () => {
    expect(new ShallowNet({ inputSize: 2, hiddenSize: 3, backend: 'ts' }).backend).toBe('ts');
  });
});

describe('the package entry points', () => {
  it('works with require and with import, sharing one module', async () => {
    const required = createRequire(import.meta.url)('shallownet') as typeof import('shallownet');
    const imported = await import('shallownet');
    expect(typeof required.ShallowNet).toBe('function');
    expect(imported.ShallowNet).toBe(required.ShallowNet);
    expect(imported.computeCost).toBe(required.computeCost);
  });
});
