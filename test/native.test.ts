import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nativeInfo, ShallowNet } from 'shallownet';

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
