// Inputs that could crash or hang the process — buffers resized under a
// running fit, absurd sizes, re-entrant calls from getters — each run in a
// child process, so a native crash or a hang fails one test instead of
// killing the test worker.
import { describe, expect, it } from 'vitest';
import { expectSurvived, OUTCOME_HELPER, runIsolated } from '../cases/isolated';
import { rawFitOptions, skipRaw } from '../cases/raw-binding';
import { backends } from '../helpers';

/**
 * Script source defining failure(f): 'ok', or 'Class: message' of what f threw
 * (or its promise rejected with), so a probe can assert the exact answer.
 */
const FAILURE_HELPER = `
  const describeError = (e) => (e && e.constructor ? e.constructor.name + ': ' + e.message : String(e));
  const failure = (f) => {
    try { const r = f(); if (r && typeof r.then === 'function') return r.then(() => 'ok', describeError); return 'ok'; }
    catch (e) { return describeError(e); }
  };
`;

/** What a fit answers when onProgress resized or detached X's buffer. */
const LEFT_ALONE =
  'RangeError: X must be left alone until fit() returns (fitAsync() trains on copies), got a buffer resized or detached by onProgress; training stopped';

describe('inputs that must neither crash nor hang the process (public API)', () => {
  it.each(backends)(
    '%s: fit on an X whose resizable ArrayBuffer onProgress shrinks to 0 stops with a RangeError',
    (backend) => {
      const run = runIsolated(`
        ${FAILURE_HELPER}
        const { ShallowNet } = require('shallownet');
        const m = 100000;
        const buffer = new ArrayBuffer(2 * m * 8, { maxByteLength: 2 * m * 8 });
        const data = new Float64Array(buffer); // length-tracking: shrinks with the buffer
        for (let k = 0; k < data.length; k++) data[k] = Math.sin(k);
        const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 1, backend: '${backend}' });
        const Y = { rows: 1, cols: m, data: new Float64Array(m).fill(1) };
        const result = failure(() => net.fit({ rows: 2, cols: m, data }, Y, {
          iterations: 5, learningRate: 0.1, progressEvery: 1, onProgress: () => buffer.resize(0),
        }));
        console.log('OUTCOME ' + result);
      `);
      expectSurvived(run);
      expect(run.last).toBe(`OUTCOME ${LEFT_ALONE}`);
    },
  );

  it.each(backends)(
    '%s: new ShallowNet({ inputSize: 2**31 - 1, hiddenSize: 1 }) (2**31 parameters) answers within 6 s',
    (backend) => {
      const run = runIsolated(
        `
        ${OUTCOME_HELPER}
        const { ShallowNet } = require('shallownet');
        console.log('OUTCOME ' + outcome(() => new ShallowNet({ inputSize: 2 ** 31 - 1, hiddenSize: 1, seed: 1, backend: '${backend}' })));
      `,
        6_000,
      );
      expectSurvived(run);
      expect(['OUTCOME ok', 'OUTCOME RangeError']).toContain(run.last);
    },
  );
});

describe.skipIf(skipRaw)('inputs that must not crash the process (raw binding, in a child process)', () => {
  const prelude = `
    ${OUTCOME_HELPER}
    ${FAILURE_HELPER}
    const { NativeNet } = require(process.env.SHALLOWNET_ADDON);
    const n0 = 2, n1 = 8, n2 = 1;
    const params = new Float64Array(n1 * n0 + n1 + n2 * n1 + n2).map((_, k) => Math.sin(k) * 0.1);
    const net = new NativeNet(n0, n1, n2, 'tanh', params, 'sigmoid');
    const base = ${JSON.stringify(rawFitOptions({ learningRate: 0.1, progressEvery: 1000 }))};
    const shrinkable = (m) => {
      const buffer = new ArrayBuffer(n0 * m * 8, { maxByteLength: n0 * m * 8 });
      return { buffer, X: new Float64Array(buffer).fill(0.5), Y: new Float64Array(m).fill(1) };
    };
  `;
  // X was checked at 2 * 200000 values; the getter emptied it before training read it.
  const emptiedX = 'OUTCOME RangeError: X must be inputSize * m = 400000 values long, got 0';

  it('fit: an options getter shrinks X’s resizable buffer after X was checked: RangeError, X is now too short', () => {
    const run = runIsolated(`${prelude}
      const m = 200000, { buffer, X, Y } = shrinkable(m);
      console.log('OUTCOME ' + failure(() => net.fit(X, Y, m, { ...base, batchSize: m, get iterations() { buffer.resize(0); return 3; } })));
    `);
    expectSurvived(run);
    expect(run.last).toBe(emptiedX);
  });

  it('fitAsync: an options getter shrinks X’s resizable buffer after X was checked: RangeError, X is now too short', async () => {
    const run = runIsolated(`${prelude}
      const m = 200000, { buffer, X, Y } = shrinkable(m);
      Promise.resolve(failure(() => net.fitAsync(X, Y, m, { ...base, batchSize: m, get iterations() { buffer.resize(0); return 3; } })))
        .then((r) => console.log('OUTCOME ' + r));
    `);
    expectSurvived(run);
    expect(run.last).toBe(emptiedX);
  });

  it('fit: onProgress shrinks X’s resizable buffer while training: training stops with a RangeError', () => {
    const run = runIsolated(`${prelude}
      const m = 200000, { buffer, X, Y } = shrinkable(m);
      console.log('OUTCOME ' + failure(() => net.fit(X, Y, m, { ...base, batchSize: m, iterations: 3, progressEvery: 1 }, () => buffer.resize(0))));
    `);
    expectSurvived(run);
    expect(run.last).toBe(`OUTCOME ${LEFT_ALONE}`);
  });

  it('fit: an options getter starts fitAsync on the same net; fit must refuse, and the net stay busy until it ends', () => {
    const run = runIsolated(`${prelude}
      const data = (m) => ({ X: new Float64Array(n0 * m).map((_, k) => Math.cos(k)), Y: new Float64Array(m).map((_, k) => k % 2), m });
      const small = data(1000);
      let inner;
      const outer = outcome(() => net.fit(small.X, small.Y, small.m, { ...base, batchSize: small.m, get iterations() {
        inner = net.fitAsync(small.X, small.Y, small.m, { ...base, batchSize: small.m, iterations: 100000 });
        return 1;
      } }));
      console.log('outer fit: ' + outer + ', busy afterwards: ' + net.isTraining());
      // While the worker trains, calls that reallocate the work buffers must be refused, not race it.
      for (let m = 2000; m < 2000000; m *= 2) { const d = data(m); outcome(() => net.predictProba(d.X, d.m)); outcome(() => net.gradients(d.X, d.Y, d.m)); }
      Promise.resolve(inner).then(() => console.log('OUTCOME ' + (net.isTraining() ? 'still busy' : 'ok')), (e) => console.log('OUTCOME ' + e.constructor.name));
    `);
    expectSurvived(run);
    expect(run.stdout).toMatch(/outer fit: \w*Error, busy afterwards: true/);
    expect(run.last).toBe('OUTCOME ok');
  });
});
