// npm run bench: native vs TS on the shapes S, M, L (bench/shapes.mjs), one table:
// ms per iteration of step and fit, GFLOP/s, % of the dgemm peak measured in
// this run, speed-up over TS, and peak RSS. Timings by the `benchmark` package.
//   npm run bench                # the table
//   npm run bench -- --numpy     # also the course's numpy code, run alternately with ours
//   npm run bench -- --shapes S,M
import Benchmark from 'benchmark';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SHAPES, SEED, flopsPerIteration, makeData } from './shapes.mjs';
import { compareWithNumpy } from './numpy-compare.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet, nativeInfo } = require('../dist/index.js');
const native = require('../dist/native/loader.js').loadNative();

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : (args[at + 1] ?? '');
};
const shapeNames = (option('shapes') ?? 'S,M,L').split(',');
const withNumpy = args.includes('--numpy');

// Iterations per timed call: enough to dwarf timer noise, few enough to finish.
// The TS backend on L runs ~2 s per iteration, so it is timed on one.
const CALL_ITERATIONS = {
  S: { native: 2000, ts: 500 },
  M: { native: 20, ts: 1 },
  L: { native: 5, ts: 1 },
};

function time(fn, { minSamples = 3, maxTime = 2 } = {}) {
  const bench = new Benchmark(fn, { minSamples, maxTime, initCount: 1 });
  bench.run();
  if (bench.error) throw bench.error;
  return bench.stats.mean * 1000; // ms per call
}

function dgemmPeak() {
  if (!native.ok) return undefined;
  const size = 4096;
  const seconds = native.binding.dgemmProbe(size, 2);
  return (2 * size ** 3) / seconds / 1e9;
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
console.log(info.loaded ? `native: ${info.blas} (${info.blasCore}), ${info.threads} BLAS threads` : `native: not loaded (${info.reason})`);
const peak = dgemmPeak();
if (peak !== undefined) console.log(`dgemm peak (4096³, best of 2): ${peak.toFixed(1)} GFLOP/s`);
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
    const rss = peakRss(name, backend, backend === 'ts' ? perCall : shape.iterations);
    results[backend] = { stepMs, fitMs, rss };
  }
  for (const [backend, r] of Object.entries(results)) {
    const gflops = flops / (r.fitMs * 1e6);
    rows.push({
      shape: name,
      backend,
      stepMs: r.stepMs,
      fitMs: r.fitMs,
      gflops,
      peakPercent: peak === undefined ? undefined : (100 * gflops) / peak,
      speedup: backend === 'native' && results.ts ? results.ts.fitMs / r.fitMs : undefined,
      peakRssMB: r.rss.peakMB,
      fitExtraMB: r.rss.peakMB - r.rss.beforeMB,
      boundMB: (8 * (2 * shape.n1 * shape.m + 2 * shape.n2 * shape.m)) / 1e6,
    });
  }
}

const fmt = (value, digits) => (value === undefined ? '—' : value.toFixed(digits));
const ms = (value) => (value < 0.1 ? value.toFixed(4) : value < 10 ? value.toFixed(3) : value.toFixed(1));
console.log('| shape | backend | step ms/it | fit ms/it | GFLOP/s | % of dgemm peak | fit speed-up over TS | peak RSS MB (fit\'s own) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.shape} | ${r.backend} | ${ms(r.stepMs)} | ${ms(r.fitMs)} | ${fmt(r.gflops, 2)} | ${fmt(r.peakPercent, 1)} | ` +
      `${r.speedup === undefined ? '—' : `${r.speedup.toFixed(1)}×`} | ${r.peakRssMB.toFixed(0)} (+${r.fitExtraMB.toFixed(0)}) |`,
  );
}
console.log('\nfit ms/it: one fit call of many iterations (progressEvery 1, no onProgress), divided by its iterations.');
console.log("fit's own RSS: peak minus the RSS after the data was made; the budget 2·n1·m + 2·n2·m doubles is " +
  rows.filter((r) => r.backend === 'native').map((r) => `${r.shape} ${r.boundMB.toFixed(1)} MB`).join(', ') + '.');

let numpy;
if (withNumpy) numpy = compareWithNumpy(shapeNames, { rounds: 3 });

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), peak, rows, numpy }, null, 2));
