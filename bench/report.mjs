// npm run bench: native vs TS on the shapes S, M, L (bench/shapes.mjs), one table:
// ms per iteration of step and fit, GFLOP/s, % of the dgemm peak measured in
// this run, speed-up over TS, and peak RSS. Timings by the `benchmark` package.
//   npm run bench                # the table
//   npm run bench -- --numpy     # also the course's numpy code, run alternately with ours
//   npm run bench -- --sklearn   # also scikit-learn's MLP on digits and MNIST-sized data (issue 12's cases)
//   npm run bench -- --shapes S,M
import Benchmark from 'benchmark';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SHAPES, SEED, flopsPerIteration, makeData } from './shapes.mjs';
import { bestKernelsEnv } from './best-kernels.mjs';
import { compareWithNumpy } from './numpy-compare.mjs';
import { compareWithSklearn } from './sklearn-compare.mjs';
import { naiveIteration, naiveSetup } from './naive.mjs';
import { measureEventLoop } from './event-loop.mjs';
import { measureConcurrency, printConcurrency } from './concurrency.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet, nativeInfo } = require('../dist/index.js');
// The library's own memory budget of a fit (lib/limits.ts), not a copy of its formula.
const { trainingDoublesPerExample } = require('../dist/limits.js');
const native = require('../dist/native/loader.js').loadNative();

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : (args[at + 1] ?? '');
};
const shapeNames = (option('shapes') ?? 'S,M,L').split(',');
const withNumpy = args.includes('--numpy');
const withSklearn = args.includes('--sklearn');

// Iterations per timed fit call. Native: the shape's own run, as a user would
// call it (fit's closing cost evaluation then weighs what it does in real
// use). TS: fewer, since it runs ~2.5 s per iteration on L.
// Each call ends with one more forward pass (finalCost), which weighs more on
// fewer iterations: so the speed-up compares native and TS on calls of the TS
// count, the same work on both sides (native is timed at that count as well).
const CALL_ITERATIONS = {
  S: { native: SHAPES.S.iterations, ts: 500 },
  M: { native: SHAPES.M.iterations, ts: 10 },
  L: { native: SHAPES.L.iterations, ts: 2 },
};

function time(fn, { minSamples = 3, maxTime = 2 } = {}) {
  const bench = new Benchmark(fn, { minSamples, maxTime, initCount: 1 });
  bench.run();
  if (bench.error) throw bench.error;
  return bench.stats.mean * 1000; // ms per call
}

// The best of a few 4096³ products, the machine's dgemm peak for this run,
// with the kernels this process's OpenBLAS runs (the environment as set).
function dgemmPeak() {
  if (!native.ok) return undefined;
  const size = 4096;
  const seconds = native.binding.dgemmProbe(size, 3);
  return (2 * size ** 3) / seconds / 1e9;
}

// The same probe with the best kernels the CPU allows, in a child process (bench/best-kernels.mjs).
function truePeak() {
  if (!native.ok) return undefined;
  const env = bestKernelsEnv();
  const script = `const { loadNative } = require('./dist/native/loader.js'); const n = loadNative();
    const seconds = n.binding.dgemmProbe(4096, 3); const info = n.binding.nativeInfo();
    console.log(JSON.stringify({ core: info.blasCore, gflops: 2 * 4096 ** 3 / seconds / 1e9 }));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: new URL('..', import.meta.url).pathname, env, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function peakRss(name, backend, iterations) {
  const out = execFileSync(process.execPath, ['--expose-gc', new URL('./rss-probe.mjs', import.meta.url).pathname, name, backend, String(iterations)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const info = nativeInfo();
console.log(`shallownet benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}`);
console.log(info.loaded ? `native: ${info.blas} (${info.blasCore}), compute budget ${info.threads} threads, ${info.simd} kernels` : `native: not loaded (${info.reason})`);
const environmentNote = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].map((key) => `${key}=${process.env[key] ?? '(unset)'}`).join(', ');
console.log(`environment: ${environmentNote}`);
const peakBefore = dgemmPeak();
const best = truePeak();
console.log('');

const rows = [];
for (const name of shapeNames) {
  const shape = SHAPES[name];
  const data = makeData(shape);
  const flops = flopsPerIteration(shape);
  const results = {};
  for (const backend of native.ok ? ['native', 'ts'] : ['ts']) {
    const net = new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED, backend });
    const perCall = CALL_ITERATIONS[name][backend];
    const fitOptions = { iterations: perCall, learningRate: shape.learningRate, progressEvery: 1 };
    const slow = backend === 'ts' && name !== 'S';
    const stepMs = time(() => net.step(data.X, data.Y, shape.learningRate), slow ? { minSamples: 1, maxTime: 0.5 } : undefined);
    const fitMs = time(() => net.fit(data.X, data.Y, fitOptions), slow ? { minSamples: 1, maxTime: 0.5 } : undefined) / perCall;
    // Native fit on calls of the TS count too: the speed-up's equal terms.
    const tsCount = CALL_ITERATIONS[name].ts;
    const fitMsAtTsCount =
      backend === 'ts' ? fitMs : time(() => net.fit(data.X, data.Y, { ...fitOptions, iterations: tsCount })) / tsCount;
    const rss = peakRss(name, backend, backend === 'ts' ? perCall : shape.iterations);
    results[backend] = { stepMs, fitMs, fitMsAtTsCount, rss };
  }
  {
    // The yardstick of the TS backend: a naive pure-JS iteration (bench/naive.mjs).
    const naive = naiveSetup(name);
    const slow = name !== 'S';
    const stepMs = time(() => naiveIteration(naive.shape, naive.X, naive.Y, naive.params), slow ? { minSamples: 1, maxTime: 0.5 } : undefined);
    results.naive = { stepMs, fitMs: stepMs, rss: undefined };
  }
  for (const [backend, r] of Object.entries(results)) {
    const gflops = flops / (r.fitMs * 1e6);
    // native is compared with TS (fit against fit, on calls of the same iterations), TS with the naive loop (step against an iteration).
    const speedup =
      backend === 'native' && results.ts ? `${(results.ts.fitMsAtTsCount / r.fitMsAtTsCount).toFixed(1)}× TS` :
      backend === 'ts' ? `${(results.naive.stepMs / r.stepMs).toFixed(1)}× naive` : undefined;
    rows.push({
      shape: name,
      backend: backend === 'naive' ? 'naive JS' : backend,
      stepMs: r.stepMs,
      fitMs: backend === 'naive' ? undefined : r.fitMs,
      fitMsAtTsCount: r.fitMsAtTsCount,
      gflops,
      speedup,
      peakRssMB: r.rss?.peakMB,
      fitExtraMB: r.rss === undefined ? undefined : r.rss.peakMB - r.rss.beforeMB,
      boundMB: (8 * shape.m * trainingDoublesPerExample({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2 }, false)) / 1e6,
    });
  }
}

// Measured again after the runs, so a noisy start does not flatter the percentages.
const peakAfter = dgemmPeak();
const peak = peakBefore === undefined ? undefined : Math.max(peakBefore, peakAfter);
// The best kernels' peak (this process's, if its kernels did better in this run).
const bestPeak = peak === undefined ? undefined : Math.max(best.gflops, peak);
for (const row of rows) row.peakPercent = peak === undefined ? undefined : (100 * row.gflops) / peak;
if (peak !== undefined) {
  console.log(
    `dgemm peak (4096³, best of 3) with this process's kernels (${info.blasCore}), before and after the runs: ` +
      `${peakBefore.toFixed(1)} and ${peakAfter.toFixed(1)} GFLOP/s; using ${peak.toFixed(1)}`,
  );
  console.log(`dgemm peak with the CPU's best kernels (${best.core}; both variables unset, in a child process): ${best.gflops.toFixed(1)} GFLOP/s\n`);
  for (const row of rows) row.truePeakPercent = (100 * row.gflops) / bestPeak;
}

const fmt = (value, digits) => (value === undefined ? '—' : value.toFixed(digits));
const ms = (value) => (value < 0.1 ? value.toFixed(4) : value < 10 ? value.toFixed(3) : value.toFixed(1));
console.log(`| shape | backend | step ms/it | fit ms/it | GFLOP/s | % of peak (${info.blasCore ?? '—'}) | % of best peak (${best?.core ?? '—'}) | speed-up | peak RSS MB (fit\'s own) |`);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.shape} | ${r.backend} | ${ms(r.stepMs)} | ${r.fitMs === undefined ? '—' : ms(r.fitMs)} | ${fmt(r.gflops, 2)} | ` +
      `${fmt(r.peakPercent, 1)} | ${fmt(r.truePeakPercent, 1)} | ${r.speedup ?? '—'} | ` +
      `${r.peakRssMB === undefined ? '—' : `${r.peakRssMB.toFixed(0)} (+${r.fitExtraMB.toFixed(0)})`} |`,
  );
}
const callCounts = (backend) => shapeNames.map((name) => `${name} ${CALL_ITERATIONS[name][backend]}`).join(', ');
console.log('\nfit ms/it: one fit call (progressEvery 1, no onProgress) divided by its iterations, closing cost evaluation included;');
console.log(`iterations per call: native ${callCounts('native')} (the shape's run); TS ${callCounts('ts')}.`);
console.log('GFLOP/s and % of peak from fit (from one iteration for naive JS). % of peak: of the dgemm peak with this process\'s');
console.log("kernels (as the environment sets them, as the rows ran); % of best peak: of the dgemm peak with the CPU's best kernels.");
console.log(`Speed-up: native fit over TS fit, both timed on calls of the TS row's iterations (${callCounts('ts')}): the same`);
console.log('updates and one closing cost evaluation on each side. TS: its step over one naive iteration (bench/naive.mjs: triple');
console.log('loops, Math.tanh, fresh arrays).');
console.log("fit's own RSS: peak minus the RSS after the data was made; the budget 2·n1·m + n2·m doubles (A1, dZ1, Z2) is " +
  rows.filter((r) => r.backend === 'native').map((r) => `${r.shape} ${r.boundMB.toFixed(1)} MB`).join(', ') + '.');

if (native.ok && shapeNames.includes('L')) {
  const loop = await measureEventLoop('L');
  console.log(
    `\nevent loop during a native fitAsync on L (${loop.elapsedMs.toFixed(0)} ms, onProgress every iteration): ` +
      `largest gap of a 10 ms timer ${loop.largestGapMs.toFixed(1)} ms, max event-loop delay ${loop.maxDelayMs.toFixed(1)} ms`,
  );
}

let concurrency;
if (native.ok) {
  console.log('\nmany networks at once (native fitAsync; throughput of all of them against one alone):\n');
  concurrency = await measureConcurrency(shapeNames);
  printConcurrency(concurrency);
}

let numpy;
if (withNumpy) numpy = compareWithNumpy(shapeNames, { rounds: 3 });

let sklearn;
// sklearn runs with the best kernels: its percentages are of the best peak.
if (withSklearn) sklearn = compareWithSklearn({ rounds: 3, dgemmPeak: bestPeak === undefined ? undefined : { gflops: bestPeak, kernels: `the CPU's best kernels, ${best.core}` } });

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), environment: environmentNote, peak, best, rows, concurrency, numpy, sklearn }, null, 2));
