#!/usr/bin/env node
// Soak test: creates and trains many networks on both backends and calls every
// API method many thousands of times (valid calls, rejected calls, fitAsync
// with progress, aborts via AbortController and busy errors, toJSON/fromJSON,
// and the raw binding's own error paths), then compares memory before and
// after. Run it as
//
//   node --expose-gc --max-semi-space-size=1 scripts/soak.mjs      (npm run soak)
//
// Memory is measured after global.gc(), once after a warm-up round (so that
// one-time allocations - the addon, BLAS buffers, JIT code, worker startup -
// are in the baseline) and once at the end. The exit code is 1 if any of these
// grew by more than SOAK_LIMIT_MB (default 50):
//   - rss;
//   - rss - heapTotal: memory outside the JS heap (the addon's C++ buffers,
//     OpenBLAS, malloc, threads), where a native leak shows;
//   - heapUsed: live JS objects, where a JS leak shows;
//   - process.memoryUsage().external and .arrayBuffers.
// --max-semi-space-size=1 keeps V8's young generation at 1 MB per semi-space:
// by default V8 grows it (up to 3 x 16 MB) under this allocation rate and
// keeps it, which moves RSS by ~50 MB without anything leaking. Without the
// flag, rss is printed but not bounded (the other checks still apply).
// SOAK_ROUNDS (default 16) sets the amount of work; SOAK_PARTS=sync,async,raw
// and SOAK_BACKENDS=native,ts narrow a growth down.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  computeCost,
  fromExamples,
  fromLabels,
  matrix,
  nativeInfo,
  NetworkBusyError,
  ShallowNet,
  TrainingAbortedError,
  TrainingDivergedError,
} from 'shallownet';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 16);
const SEMI_SPACE_FIXED = process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'));
const LIMIT_MB = Number(process.env.SOAK_LIMIT_MB ?? 50);
// To narrow down a growth: SOAK_PARTS=sync,async,raw and SOAK_BACKENDS=native,ts (defaults: all).
const PARTS = new Set((process.env.SOAK_PARTS ?? 'sync,async,raw').split(','));

if (typeof global.gc !== 'function') {
  console.error('soak: run node with --expose-gc (npm run soak does)');
  process.exit(2);
}

const native = nativeInfo();
const backends = (native.loaded ? ['native', 'ts'] : ['ts']).filter((b) => (process.env.SOAK_BACKENDS ?? 'native,ts').split(',').includes(b));
if (!native.loaded) console.warn(`soak: the native addon does not load (${native.reason}); soaking the TS backend only`);

let raw;
try {
  raw = createRequire(import.meta.url)(fileURLToPath(new URL('../build/Release/shallownet.node', import.meta.url)));
} catch {
  raw = undefined;
}

// ---------------------------------------------------------------------------

const calls = new Map();
function tally(name, n = 1) {
  calls.set(name, (calls.get(name) ?? 0) + n);
}

/** Runs `f`, which must throw an instance of `kind`; counts it. */
function rejects(name, kind, f) {
  try {
    f();
  } catch (error) {
    if (!(error instanceof kind)) throw new Error(`soak: ${name} threw ${error?.constructor?.name} instead of ${kind.name}: ${error?.message}`);
    tally(`${name} (rejected)`);
    return;
  }
  throw new Error(`soak: ${name} did not throw`);
}

async function rejectsAsync(name, kind, promise) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof kind)) throw new Error(`soak: ${name} rejected with ${error?.constructor?.name} instead of ${kind.name}: ${error?.message}`);
    tally(`${name} (rejected)`);
    return;
  }
  throw new Error(`soak: ${name} did not reject`);
}

let seed = 1;
function random() {
  // mulberry32: deterministic data for the soak.
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function gaussian(rows, cols) {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = (random() + random() + random() - 1.5) * 2;
  return { rows, cols, data };
}

function labels(rows, cols) {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = random() < 0.5 ? 0 : 1;
  return { rows, cols, data };
}

const SHAPES = [
  [2, 4, 1, 64],
  [5, 8, 2, 128],
  [16, 32, 3, 256],
];

// ---------------------------------------------------------------------------
// One round of work on one backend.

async function round(backend, scale) {
  for (const [n0, n1, n2, m] of SHAPES) {
    const X = gaussian(n0, m);
    const Y = labels(n2, m);
    const activation = ['tanh', 'relu', 'sigmoid', 'leakyRelu'][Math.floor(random() * 4)];
    let net = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, hiddenActivation: activation, seed: seed, backend });
    tally('new ShallowNet');

    for (let k = 0; k < (PARTS.has('sync') ? 150 * scale : 0); k++) {
      const cache = net.forward(X);
      net.predictProba(X);
      net.predict(X, 0.4);
      net.cost(X, Y);
      const g = net.gradients(X, Y);
      net.backward(X, Y, cache);
      net.update(g, 0.01);
      net.step(X, Y, 0.05);
      net.parameters();
      computeCost(cache.A2, Y);
      tally('forward, predictProba, predict, cost, gradients, backward, update, step, parameters, computeCost', 10);
      // Rejected calls: TS-side checks, and the engine's.
      rejects('forward(X with NaN)', RangeError, () => net.forward({ ...X, data: X.data.map((v, i) => (i === 3 ? NaN : v)) }));
      rejects('forward(Float32Array)', TypeError, () => net.forward({ ...X, data: new Float32Array(X.data) }));
      rejects('cost(Y out of range)', RangeError, () => net.cost(X, { ...Y, data: Y.data.map(() => 2) }));
      rejects('step(learningRate 0)', RangeError, () => net.step(X, Y, 0));
      rejects('fit(iteration typo)', TypeError, () => net.fit(X, Y, { iteration: 10, learningRate: 0.1 }));
      rejects('update(NaN gradients)', RangeError, () => net.update({ ...g, dW1: { ...g.dW1, data: g.dW1.data.map(() => NaN) } }, 0.1));
      rejects('backward(bad cache)', RangeError, () => net.backward(X, Y, { ...cache, A1: { rows: n1, cols: m - 1, data: new Float64Array(n1 * (m - 1)) } }));
      rejects('new ShallowNet(huge)', RangeError, () => new ShallowNet({ inputSize: 1e9, hiddenSize: 1e9, backend }));
      rejects('fromJSON(garbage)', TypeError, () => ShallowNet.fromJSON('{"format":"other"}'));
      if (k % 10 === 0) {
        const copy = ShallowNet.fromJSON(JSON.stringify(net.toJSON()), { backend });
        ShallowNet.fromParameters(copy.parameters(), { hiddenActivation: activation, backend });
        matrix(n0, m, X.data);
        const examples = Array.from({ length: m }, (_, j) => Array.from({ length: n0 }, (_, i) => X.data[i * m + j]));
        fromExamples(examples);
        fromLabels(Array.from(Y.data.subarray(0, m)));
        tally('toJSON, fromJSON, fromParameters, matrix, fromExamples, fromLabels', 6);
      }
    }

    if (PARTS.has('sync')) await syncTraining(net, X, Y, backend, scale);
    net = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed: seed, backend });
    if (PARTS.has('async')) await asyncTraining(net, X, Y, backend, scale);

    // Many short-lived networks (their native objects are finalised by the GC).
    for (let k = 0; k < (PARTS.has('sync') ? 100 * scale : 0); k++) {
      const temp = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed: k, backend });
      temp.step(X, Y, 0.1);
      tally('new ShallowNet (short-lived) + step');
    }
  }
}

async function syncTraining(net, X, Y, backend, scale) {
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = net;
  const m = X.cols;
  for (let k = 0; k < 15 * scale; k++) {
    const result = net.fit(X, Y, { iterations: 40, learningRate: 0.1, progressEvery: 10, onProgress: () => {} });
    if (!Number.isFinite(result.finalCost)) throw new Error('soak: fit gave a non-finite cost');
    tally('fit (40 iterations)');
  }
  // A diverging fit (the network keeps finite parameters) and a throwing onProgress.
  const wild = { rows: n0, cols: m, data: X.data.map((v) => v * 1e150) };
  try {
    net.fit(wild, Y, { iterations: 20, learningRate: 1e150 });
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    tally('fit (diverged)');
  }
  net = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed: seed, backend });
  for (let k = 0; k < 5 * scale; k++) {
    const failure = new Error('from onProgress');
    try {
      net.fit(X, Y, { iterations: 10, learningRate: 0.1, progressEvery: 1, onProgress: () => { throw failure; } });
    } catch (error) {
      if (error !== failure) throw error;
      tally('fit (onProgress threw)');
    }
  }
}

async function asyncTraining(net, X, Y, backend, scale) {
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = net;
  const async = backend === 'native' ? 1 : 0.1; // a TS fitAsync starts a worker thread: fewer of those
  for (let k = 0; k < Math.ceil(30 * scale * async); k++) {
    // fitAsync with progress, with busy errors while it runs.
    let reports = 0;
    const training = net.fitAsync(X, Y, { iterations: 200, learningRate: 0.1, progressEvery: 50, onProgress: () => reports++ });
    rejects('forward while training', NetworkBusyError, () => net.forward(X));
    rejects('toJSON while training', NetworkBusyError, () => net.toJSON());
    await rejectsAsync('fitAsync while training', NetworkBusyError, net.fitAsync(X, Y, { iterations: 1, learningRate: 0.1 }));
    const result = await training;
    if (result.iterations !== 200 || reports === 0) throw new Error('soak: fitAsync did not run to the end');
    tally('fitAsync (200 iterations)');

    // Aborted via AbortController, mid-training and before starting.
    const controller = new AbortController();
    const aborted = net.fitAsync(X, Y, {
      iterations: 1_000_000,
      learningRate: 0.01,
      progressEvery: 20,
      signal: controller.signal,
      onProgress: ({ iteration }) => {
        if (iteration >= 40) controller.abort();
      },
    });
    await rejectsAsync('fitAsync (aborted by AbortController)', TrainingAbortedError, aborted);
    await rejectsAsync('fitAsync (signal already aborted)', TrainingAbortedError, net.fitAsync(X, Y, { iterations: 5, learningRate: 0.1, signal: AbortSignal.abort() }));
    await rejectsAsync('fitAsync (bad options)', RangeError, net.fitAsync(X, Y, { iterations: 0, learningRate: 0.1 }));
  }

  // Several networks training at once.
  const nets = Array.from({ length: 3 }, (_, i) => new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed: i, backend }));
  await Promise.all(nets.map((other) => other.fitAsync(X, Y, { iterations: 100, learningRate: 0.1 })));
  tally('fitAsync (3 nets at once)', 3);
}

/** The raw binding's own checks and error paths (C++ exceptions, references to callbacks). */
async function rawRound(scale) {
  if (raw === undefined || !PARTS.has('raw')) return;
  const n0 = 3;
  const n1 = 6;
  const n2 = 1;
  const m = 32;
  const count = n1 * n0 + n1 + n2 * n1 + n2;
  const params = new Float64Array(count).map(() => (random() - 0.5) * 0.2);
  const X = gaussian(n0, m).data;
  const Y = labels(n2, m).data;
  // The raw fit takes every option (the TS layer fills in the defaults): full-batch gradient descent here.
  const options = {
    iterations: 20, batchSize: m, shuffle: false, seed: 1, learningRate: 0.1, learningRateDecay: 0, optimizer: 'gd',
    beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, l2: 0, progressEvery: 5, tolerance: 0,
    patience: 0, minDelta: 0, restoreBest: true, keepOptimizerState: false, epochOffset: 0,
  };
  for (let k = 0; k < 300 * scale; k++) {
    const net = new raw.NativeNet(n0, n1, n2, 'tanh', params, 'sigmoid');
    net.forward(X, m);
    net.predictProba(X, m);
    net.cost(X, Y, m);
    net.step(X, Y, m, 0.1);
    net.fit(X, Y, m, options, () => {});
    net.setParameters(params);
    tally('raw: new NativeNet, forward, predictProba, cost, step, fit, setParameters', 7);
    rejects('raw forward(Float32Array)', TypeError, () => net.forward(new Float32Array(X), m));
    rejects('raw forward(m = 0)', RangeError, () => net.forward(X, 0));
    rejects('raw cost(Y = 2)', RangeError, () => net.cost(X, new Float64Array(m).fill(2), m));
    rejects('raw fit(options.tolerance < 0)', RangeError, () => net.fit(X, Y, m, { ...options, tolerance: -1 }));
    rejects('raw new NativeNet(bad activation)', RangeError, () => new raw.NativeNet(n0, n1, n2, 'softmax', params, 'sigmoid'));
    const failure = new TypeError('from onProgress');
    try {
      net.fit(X, Y, m, options, () => { throw failure; });
    } catch (error) {
      if (error !== failure) throw error;
      tally('raw fit (onProgress threw)');
    }
    if (k % 10 === 0) {
      const result = await net.fitAsync(X, Y, m, options, () => {});
      if (result.status !== 'completed') throw new Error(`soak: raw fitAsync ended ${result.status}`);
      try {
        await net.fitAsync(X, Y, m, options, () => { throw failure; });
      } catch (error) {
        if (error !== failure) throw error;
      }
      tally('raw fitAsync (completed, and rejected by onProgress)', 2);
    }
  }
}

// ---------------------------------------------------------------------------

async function settle() {
  for (let k = 0; k < 4; k++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  global.gc();
}

function memory() {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers };
}

const MB = 1024 * 1024;
const fmt = (bytes) => `${(bytes / MB).toFixed(1).padStart(7)} MB`;

async function main() {
  const began = Date.now();
  console.log(`soak: backends ${backends.join(', ')}${raw ? ' + raw binding' : ''}; ${ROUNDS} rounds after a warm-up round; limit ${LIMIT_MB} MB`);
  if (!SEMI_SPACE_FIXED) console.warn('soak: without --max-semi-space-size=1, V8 may grow its young generation by ~50 MB: rss is printed but not bounded');

  // Warm-up: one-time allocations go into the baseline.
  for (const backend of backends) await round(backend, 1);
  await rawRound(1);
  calls.clear();
  await settle();
  const start = memory();
  console.log(`start (after warm-up and gc): rss ${fmt(start.rss)}  heapTotal ${fmt(start.heapTotal)}  heapUsed ${fmt(start.heapUsed)}  external ${fmt(start.external)}  arrayBuffers ${fmt(start.arrayBuffers)}`);

  const trend = [];
  for (let r = 1; r <= ROUNDS; r++) {
    for (const backend of backends) await round(backend, 1);
    await rawRound(1);
    await settle();
    const now = memory();
    trend.push(now.rss);
    console.log(
      `round ${String(r).padStart(2)}: rss ${fmt(now.rss)}  heapTotal ${fmt(now.heapTotal)}  heapUsed ${fmt(now.heapUsed)}  external ${fmt(now.external)}  ` +
        `arrayBuffers ${fmt(now.arrayBuffers)}  (${((Date.now() - began) / 1000).toFixed(0)} s)`,
    );
  }

  await settle();
  const end = memory();
  const total = [...calls.values()].reduce((s, n) => s + n, 0);
  console.log(`\ncalls made after the warm-up: ${total}`);
  for (const [name, n] of [...calls].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${name}`);

  console.log(`\nend (after gc):   rss ${fmt(end.rss)}  heapTotal ${fmt(end.heapTotal)}  heapUsed ${fmt(end.heapUsed)}  external ${fmt(end.external)}  arrayBuffers ${fmt(end.arrayBuffers)}`);
  const growth = {
    rss: end.rss - start.rss,
    heapTotal: end.heapTotal - start.heapTotal,
    heapUsed: end.heapUsed - start.heapUsed,
    external: end.external - start.external,
    arrayBuffers: end.arrayBuffers - start.arrayBuffers,
  };
  console.log(`growth:           rss ${fmt(growth.rss)}  heapTotal ${fmt(growth.heapTotal)}  heapUsed ${fmt(growth.heapUsed)}  external ${fmt(growth.external)}  arrayBuffers ${fmt(growth.arrayBuffers)}`);
  // The second half of the run should not keep growing: a leak shows as a steady slope.
  const half = Math.floor(trend.length / 2);
  if (half >= 1) console.log(`rss growth over the second half of the rounds: ${fmt(trend.at(-1) - trend[half - 1])}`);
  console.log(`elapsed: ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const outside = (m) => m.rss - m.heapTotal;
  console.log(`outside the JS heap (rss - heapTotal): start ${fmt(outside(start))}, end ${fmt(outside(end))}, growth ${fmt(outside(end) - outside(start))}`);
  const checks = {
    ...(SEMI_SPACE_FIXED && { rss: growth.rss }),
    'rss - heapTotal': outside(end) - outside(start),
    heapUsed: growth.heapUsed,
    external: growth.external,
    arrayBuffers: growth.arrayBuffers,
  };
  const over = Object.keys(checks).filter((key) => checks[key] > LIMIT_MB * MB);
  if (over.length > 0) {
    console.error(`soak: FAILED: ${over.join(', ')} grew by more than ${LIMIT_MB} MB`);
    process.exit(1);
  }
  console.log(`soak: OK (${Object.keys(checks).join(', ')} each grew by less than ${LIMIT_MB} MB)`);
}

main().catch((error) => {
  console.error('soak: FAILED with an error:', error);
  process.exit(1);
});
