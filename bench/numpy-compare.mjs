// The course's numpy code (bench/numpy/course.py) against the native backend,
// run alternately in one process tree on the same data and initial weights,
// best of `rounds` each; checks that both reach the same last cost.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { SHAPES, SEED, makeData, writeForNumpy } from './shapes.mjs';
import { bestKernelsEnv } from './best-kernels.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet } = require('../dist/index.js');
const script = new URL('./numpy/course.py', import.meta.url).pathname;

// Iterations of the run that checks both reach the same last cost. S at α = 1.2
// on random labels turns chaotic after ~3 000 iterations (there even our two
// backends drift apart by 1e-8 at 10 000), so S is checked on its first 1 000.
const AGREEMENT_ITERATIONS = { S: 1000, M: 200, L: 20 };

// numpy at its best, as a fair comparison must run it: with the CPU's best kernels.
const numpyEnv = bestKernelsEnv();

function runNumpy(dir, iterations, learningRate) {
  const out = execFileSync('python3', [script, '--data', dir, '--iterations', String(iterations), '--learning-rate', String(learningRate)], {
    encoding: 'utf8',
    env: numpyEnv,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

export function compareWithNumpy(shapeNames, { rounds = 3 } = {}) {
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'shallownet-numpy-'));
  try {
    for (const name of shapeNames) {
      const shape = SHAPES[name];
      const data = makeData(shape);
      const initial = new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED, backend: 'native' });
      const parameters = initial.parameters();
      writeForNumpy(join(dir, name), shape, data, parameters);
      let oursMs = Infinity;
      let numpyMs = Infinity;
      let numpyVersion = '';
      for (let round = 0; round < rounds; round++) {
        const net = ShallowNet.fromParameters(parameters, { backend: 'native' });
        const start = performance.now();
        net.fit(data.X, data.Y, { iterations: shape.iterations, learningRate: shape.learningRate, progressEvery: 1 });
        oursMs = Math.min(oursMs, (performance.now() - start) / shape.iterations);
        const numpy = runNumpy(join(dir, name), shape.iterations, shape.learningRate);
        numpyMs = Math.min(numpyMs, numpy.msPerIteration);
        numpyVersion = numpy.numpy;
      }
      const agreementIterations = AGREEMENT_ITERATIONS[name];
      const oursCost = ShallowNet.fromParameters(parameters, { backend: 'native' }).fit(data.X, data.Y, {
        iterations: agreementIterations,
        learningRate: shape.learningRate,
      }).finalCost;
      const numpyCost = runNumpy(join(dir, name), agreementIterations, shape.learningRate).finalCost;
      const costError = Math.abs(oursCost - numpyCost) / Math.abs(numpyCost);
      results.push({ shape: name, oursMs, numpyMs, ratio: numpyMs / oursMs, agreementIterations, oursCost, numpyCost, costError, numpyVersion });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nThe course's numpy code (numpy ${results[0]?.numpyVersion}, run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: ` +
      `numpy at its best) vs native, alternating, best of ${rounds} full runs each:`,
  );
  console.log('| shape | numpy ms/it | native ms/it | native speed-up | cost after N iterations, numpy vs native (relative difference) |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const fmt = (v) => (v < 0.1 ? v.toFixed(4) : v.toFixed(3));
    console.log(`| ${r.shape} | ${fmt(r.numpyMs)} | ${fmt(r.oursMs)} | ${r.ratio.toFixed(2)}× | N = ${r.agreementIterations}: ${r.numpyCost.toFixed(12)} vs ${r.oursCost.toFixed(12)} (${r.costError.toExponential(1)}) |`);
  }
  const disagreeing = results.filter((r) => !(r.costError < 1e-9));
  if (disagreeing.length > 0) {
    console.log(`results disagree beyond 1e-9 on ${disagreeing.map((r) => r.shape).join(', ')}`);
    process.exitCode = 1;
  }
  return results;
}
