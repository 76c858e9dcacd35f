// Each limit is defined once per language (lib/limits.ts, native/core/bounds.h):
// the addon reports its own, and they must be the TS layer's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeInfo } from 'shallownet';
import { BYTES_PER_RECORD, checkMemory, DIVERGED_COST_PER_OUTPUT, fitAsyncDoublesPerExample, MAX_DIMENSION, MAX_PARAMETERS, MAX_THREADS, PROBABILITY_SUM_TOLERANCE } from '../lib/limits';
import { REQUIRED_NAPI_VERSION } from '../lib/native/loader';
import { describe as describeValue } from '../lib/describe';
import { raw, rawFitOptions } from './cases/raw-binding';
import { nativeAvailable } from './helpers';

const packageJson = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));

describe('one source of truth', () => {
  it('the Node-API version is package.json binary.napi_versions[0] for the loader and the build', () => {
    expect(packageJson.binary.napi_versions).toHaveLength(1);
    expect(REQUIRED_NAPI_VERSION).toBe(packageJson.binary.napi_versions[0]);
    const cmake = readFileSync(fileURLToPath(new URL('../CMakeLists.txt', import.meta.url)), 'utf8');
    expect(cmake).toMatch(/string\(JSON NAPI_VERSION GET \$\{SHALLOWNET_PACKAGE_JSON\} binary napi_versions 0\)/);
    expect(JSON.stringify(packageJson.scripts)).not.toMatch(/NAPI_VERSION/);
  });

  it.skipIf(!nativeAvailable)('the addon reports the limits of lib/limits.ts and the Node-API version it was built for', () => {
    const info = nativeInfo();
    if (!info.loaded) throw new Error('native addon not loaded');
    expect(info.napiVersion).toBe(REQUIRED_NAPI_VERSION);
    expect(raw!.nativeInfo().limits).toEqual({
      maxDimension: MAX_DIMENSION,
      maxParameters: MAX_PARAMETERS,
      maxThreads: MAX_THREADS,
      divergedCostPerOutput: DIVERGED_COST_PER_OUTPUT,
      bytesPerRecord: BYTES_PER_RECORD,
      probabilitySumTolerance: PROBABILITY_SUM_TOLERANCE,
    });
  });

  it.skipIf(!nativeAvailable)('fitAsync’s memory bound: the binding refuses the same m with the same message as the TS layer', () => {
    const sizes = { inputSize: 3, hiddenSize: 5, outputSize: 2 };
    const params = new Float64Array(5 * 3 + 5 + 2 * 5 + 2);
    const net = new raw!.NativeNet(3, 5, 2, 'tanh', params, 'sigmoid');
    // An m whose buffers exceed any machine's memory; the bound is checked before X's length.
    const m = 2 ** 31 - 1;
    for (const shuffle of [false, true]) {
      let tsMessage = '';
      try {
        checkMemory(8 * m * fitAsyncDoublesPerExample(sizes, shuffle), `fitAsync()'s work buffers for m = ${m} examples`);
      } catch (error) {
        tsMessage = (error as Error).message;
      }
      const options = rawFitOptions({ iterations: 1, learningRate: 0.1, shuffle, batchSize: shuffle ? 2 ** 20 : m });
      let nativeMessage = '';
      try {
        net.fitAsync(new Float64Array(1), new Float64Array(1), m, options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        nativeMessage = (error as Error).message;
      }
      expect(tsMessage).toMatch(/fitAsync\(\)'s work buffers for m = 2147483647 examples must be at most this machine's memory/);
      expect(nativeMessage, `shuffle: ${shuffle}`).toBe(tsMessage);
    }
  });

  it.skipIf(!nativeAvailable)('the binding words a received value as the TS layer does', () => {
    const net = new raw!.NativeNet(1, 1, 1, 'tanh', new Float64Array(4), 'sigmoid') as unknown as { forward(X: unknown, m: number): unknown };
    const values: unknown[] = [null, undefined, 5, -0.5, 1e21, NaN, 'abc', 'x'.repeat(50), 'say "hi"', true, 12n, 2n ** 70n, Symbol('s'), () => 1, [1, 2],
      new Int32Array(2), new Uint8Array(1), new Float32Array(3), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8), {}];
    for (const value of values) {
      let message = '';
      try {
        net.forward(value, 1);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, String(typeof value)).toBe(`X must be a Float64Array, got ${describeValue(value)}`);
    }
  });
});
