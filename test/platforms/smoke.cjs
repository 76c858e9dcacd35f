// The platform smoke test (npm run test:platforms), run by the target's own
// Node.js (under qemu-aarch64 or wine) and, for the reference, by the host's:
//
//   node smoke.cjs <app> <platform> --write <reference.json>     # x64, on the host
//   node smoke.cjs <app> <platform> --reference <reference.json> # the target
//
// <app> is a staged copy of the package (package.json, dist/) whose
// node_modules/ holds the platform packages, so the addon is loaded exactly as
// an installed shallownet loads it: through the platform package's name.
// Prints one "ok - " / "not ok - " line per check, then a summary line; exits
// 1 if a check failed. Plain CommonJS with no dependencies: it runs on any Node.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [app, platform, mode, referencePath] = process.argv.slice(2);
if (!app || !platform || !['--write', '--reference'].includes(mode) || !referencePath) {
  console.error('usage: smoke.cjs <app> <platform> --write|--reference <reference.json>');
  process.exit(2);
}
const TOLERANCE = 1e-12;
const started = Date.now();
const lib = require(path.join(app, 'dist', 'index.js'));
const { loadNative } = require(path.join(app, 'dist', 'native', 'loader.js'));
const { ShallowNet, loadPlanarDataset, nativeInfo, oneHot, TrainingAbortedError } = lib;
const reference = mode === '--reference' ? JSON.parse(fs.readFileSync(referencePath, 'utf8')) : undefined;
const result = { platform };

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail ? ` (${detail})` : ''}`);
}
/** The largest |a[k] - b[k]|, or Infinity when the lengths differ. */
function maxDifference(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return Infinity;
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
  return max;
}
function compare(name, key) {
  if (reference === undefined) return;
  const difference = maxDifference(result[key], reference[key]);
  check(`${name} match x64 within ${TOLERANCE}`, difference <= TOLERANCE,
    difference === Infinity ? `${result[key]?.length} values vs ${reference[key]?.length}` : `max |difference| ${difference.toExponential(2)}`);
}
function caught(run) {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function main() {
  // 1. The addon, loaded through the platform package.
  const info = nativeInfo();
  const expected = `platform package shallownet-${platform}`;
  check(`loads the native addon through shallownet-${platform}`, info.loaded && info.from === expected,
    info.loaded ? `${process.platform}-${process.arch}, ${info.from}` : info.reason);
  if (!info.loaded) return;
  result.blas = `${info.blas} | core ${info.blasCore} | simd ${info.simd}`;
  console.log(`# ${process.platform}-${process.arch} ${path.basename(process.execPath)} ${process.version}: ${result.blas}`);

  // 2. The flower data, as the course trains it: full batch, 2 000 iterations.
  const { X, Y } = loadPlanarDataset();
  const flower = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend: 'native' });
  const fit = flower.fit(X, Y, { iterations: 2000, learningRate: 1.2, progressEvery: 100 });
  const evaluation = flower.evaluate(X, Y);
  result.flowerCosts = [...fit.costs, fit.finalCost];
  result.flowerAccuracy = evaluation.accuracy;
  check('trains the flower data', fit.costs.length === 20 && evaluation.accuracy > 0.9,
    `final cost ${fit.finalCost}, accuracy ${evaluation.accuracy}`);
  compare('flower costs (20 records and the final cost)', 'flowerCosts');
  if (reference) check('flower accuracy equals x64', result.flowerAccuracy === reference.flowerAccuracy, `${result.flowerAccuracy}`);

  // 3. Softmax output, Adam, mini-batches: three classes from the quadrant of each point.
  const labels = Array.from({ length: X.cols }, (_, k) => (X.data[k] > 0 ? 1 : 0) + (X.data[X.cols + k] > 0 ? 1 : 0));
  const Y3 = oneHot(labels, 3);
  const softmax = new ShallowNet({ inputSize: 2, hiddenSize: 8, outputSize: 3, outputActivation: 'softmax', seed: 7, backend: 'native' });
  const adam = softmax.fit(X, Y3, { optimizer: 'adam', learningRate: 0.02, batchSize: 64, epochs: 40, seed: 11 });
  result.adamCosts = [...adam.costs, softmax.evaluate(X, Y3).cost];
  check('trains a softmax output with Adam on mini-batches', adam.costs.length === 40 && adam.epochs === 40,
    `${adam.iterations} updates, final cost ${adam.finalCost}`);
  compare('softmax + Adam costs (40 epochs and the exact final cost)', 'adamCosts');

  // 4. fitAsync: to the end with progress, then aborted from its progress callback.
  const async = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend: 'native' });
  let reports = 0;
  const done = await async.fitAsync(X, Y, { iterations: 2000, learningRate: 1.2, progressEvery: 100, onProgress: () => reports++ });
  result.asyncCosts = [...done.costs, done.finalCost];
  check('fitAsync reports progress and gives fit\'s costs', reports === done.history.length && reports >= 20 && maxDifference(result.asyncCosts, result.flowerCosts) === 0,
    `${reports} progress reports`);
  const controller = new AbortController();
  let seen = 0;
  const aborted = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend: 'native' });
  const error = await aborted
    .fitAsync(X, Y, {
      iterations: 1_000_000, learningRate: 1.2, progressEvery: 100, signal: controller.signal,
      onProgress: () => { if (++seen === 3) controller.abort(new Error('enough')); },
    })
    .then(() => undefined, (e) => e);
  check('fitAsync stops when its signal aborts', error instanceof TrainingAbortedError && error.iterations < 1_000_000 && !aborted.training,
    error ? `${error.name}: ${error.message}` : 'it ran to the end');
  check('the network trains again after an abort', aborted.fit(X, Y, { iterations: 10, learningRate: 1.2 }).iterations === 10);

  // 5. Bad arguments: RangeErrors, from the TS layer and thrown in C++ (the
  // exception crosses Node-API as a JS error on this platform's C++ runtime).
  const badY = { rows: 1, cols: Y.cols, data: Float64Array.from(Y.data) };
  badY.data[3] = -2.5e-7;
  const publicError = caught(() => flower.fit(X, badY, { iterations: 10, learningRate: 1.2 }));
  const { binding } = loadNative();
  const nativeErrors = [
    caught(() => new binding.NativeNet(2, 0, 1, 'tanh')),
    caught(() => new binding.NativeNet(1_000_000, 1_000_000, 3, 'tanh')),
  ];
  result.errors = [publicError, ...nativeErrors].map((e) => (e instanceof RangeError ? e.message : `not a RangeError: ${e}`));
  check('a bad argument throws a RangeError (public API and native constructor)',
    result.errors.every((message) => !message.startsWith('not a RangeError')), result.errors[2]);
  if (reference) check('the RangeError messages equal x64\'s', JSON.stringify(result.errors) === JSON.stringify(reference.errors));
}

main()
  .catch((error) => check('no unexpected exception', false, error && error.stack))
  .finally(() => {
    if (reference === undefined) fs.writeFileSync(referencePath, `${JSON.stringify(result, null, 1)}\n`);
    console.log(`# ${platform}: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = failed === 0 ? 0 : 1;
  });
