// Teardown and failures that must not take the process down: a worker thread
// terminated mid-training (its environment's cleanup stops the training and
// joins the thread), and allocations that fail (a RangeError, not std::terminate).
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectSurvived, runIsolated } from '../cases/isolated';
import { rawFitOptions } from '../cases/raw-binding';
import { backends, nativeAvailable } from '../helpers';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * When the worker says it is under way: at the first onProgress (training has
 * started: inputs checked and copied), or right after the fitAsync call
 * returns (a large X's values are then still being checked and copied, in
 * pieces over the next turns of the worker's event loop).
 */
type Notify = 'firstProgress' | 'afterCall';

/** A worker that trains a network with fitAsync and posts 'under way' at the `notify` moment. */
function trainingWorker(backend: string, shape: { n0: number; n1: number; m: number }, notify: Notify): Worker {
  return new Worker(
    `
    const { parentPort } = require('node:worker_threads');
    const { ShallowNet } = require('shallownet');
    const { n0, n1, m } = ${JSON.stringify(shape)};
    const X = { rows: n0, cols: m, data: new Float64Array(n0 * m).map((_, k) => Math.sin(k)) };
    const Y = { rows: 1, cols: m, data: new Float64Array(m).map((_, k) => k % 2) };
    const net = new ShallowNet({ inputSize: n0, hiddenSize: n1, seed: 1, backend: '${backend}' });
    let told = false;
    const tell = () => { if (!told) { told = true; parentPort.postMessage('under way'); } };
    // Far more updates than the test waits for; a record (and onProgress) at the first, then every 1000
    // (one every update would be 10^9 records, more memory than the record may take).
    net.fitAsync(X, Y, { iterations: 1e9, learningRate: 0.1, progressEvery: 1000, onProgress: () => {
      if (${JSON.stringify(notify)} === 'firstProgress') tell();
    } }).then(() => parentPort.postMessage('finished?!'), (e) => parentPort.postMessage('rejected: ' + e.message));
    if (${JSON.stringify(notify)} === 'afterCall') tell();
    `,
    { eval: true, cwd: repoRoot } as never,
  );
}

async function terminateMidTraining(backend: string, shape: { n0: number; n1: number; m: number }, notify: Notify = 'firstProgress'): Promise<number> {
  const worker = trainingWorker(backend, shape, notify);
  const message = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  expect(message).toBe('under way');
  const start = performance.now();
  await worker.terminate();
  return performance.now() - start;
}

describe.each(backends)('worker.terminate() during fitAsync (%s)', (backend) => {
  it('returns within a second, every time, 100 times in a row, with memory flat', async () => {
    const flower = { n0: 2, n1: 4, m: 400 };
    for (let k = 0; k < 5; k++) await terminateMidTraining(backend, flower); // warm-up
    global.gc?.();
    const before = process.memoryUsage().rss;
    let worst = 0;
    const runs = backend === 'native' ? 100 : 30;
    for (let k = 0; k < runs; k++) worst = Math.max(worst, await terminateMidTraining(backend, flower));
    const growth = (process.memoryUsage().rss - before) / 1e6;
    console.log(`[${backend}] ${runs} workers terminated mid-training: slowest terminate() ${worst.toFixed(1)} ms, RSS ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`);
    expect(worst).toBeLessThan(1000);
    expect(growth).toBeLessThan(100);
  });

  // 64 × 20 000 inputs: 10 MB, checked and copied in pieces over several turns of the event loop,
  // and each update takes milliseconds.
  const large = { n0: 64, n1: 128, m: 20_000 };

  it('returns within a second for a net whose iterations take milliseconds', async () => {
    for (let k = 0; k < 3; k++) expect(await terminateMidTraining(backend, large, 'firstProgress')).toBeLessThan(1000);
  });

  it('returns within a second while fitAsync is still checking and copying a large X', async () => {
    for (let k = 0; k < 3; k++) expect(await terminateMidTraining(backend, large, 'afterCall')).toBeLessThan(1000);
  });
});

describe.skipIf(!nativeAvailable)('allocation failures are RangeErrors, never std::terminate (native)', () => {
  // Address space capped at 2 GB (ulimit -v): Node starts, a large allocation fails.
  const capped = (script: string) =>
    runIsolated(`
      const { execFileSync } = require('node:child_process');
      const out = execFileSync('bash', ['-c', 'ulimit -v 2000000; exec "$0" -e "$1"', process.execPath, ${JSON.stringify(script)}], { encoding: 'utf8', cwd: process.cwd(), env: process.env });
      process.stdout.write(out);
    `);

  it('dgemmProbe(8192, 1) (1.5 GB of matrices): a RangeError, and the process lives on', () => {
    const run = capped(`
      const binding = require(process.env.SHALLOWNET_ADDON);
      try { binding.dgemmProbe(8192, 1); console.log('OUTCOME no failure'); }
      catch (e) { console.log('OUTCOME ' + e.constructor.name + ': ' + e.message); }
    `);
    expectSurvived(run);
    expect(run.last).toMatch(/^OUTCOME RangeError: a native allocation failed/);
  });

  it('fit and fitAsync whose work buffers (3.2 GB) cannot be allocated: RangeErrors, and the net still works', () => {
    const run = capped(`
      const { NativeNet } = require(process.env.SHALLOWNET_ADDON);
      const n0 = 1, n1 = 20000, n2 = 1, m = 10000;
      const net = new NativeNet(n0, n1, n2, 'tanh', new Float64Array(n1 * n0 + n1 + n2 * n1 + n2), 'sigmoid');
      const X = new Float64Array(n0 * m).fill(0.5), Y = new Float64Array(m).fill(1);
      const options = ${JSON.stringify(rawFitOptions({ iterations: 1, learningRate: 0.1, batchSize: 10000 }))};
      let sync;
      try { net.fit(X, Y, m, options); sync = 'no failure'; } catch (e) { sync = e.constructor.name; }
      net.fitAsync(X, Y, m, options).then(() => 'no failure', (e) => e.constructor.name + ': ' + e.message).then((async) => {
        const small = net.fit(X.subarray(0, 10), Y.subarray(0, 10), 10, { ...options, batchSize: 10 });
        console.log('OUTCOME fit ' + sync + '; fitAsync ' + async + '; then ' + small.status);
      });
    `);
    expectSurvived(run);
    expect(run.last).toMatch(/^OUTCOME fit RangeError; fitAsync RangeError: .*must be allocatable.*; then completed$/);
  });
});
