// scikit-learn's MLPClassifier (bench/sklearn/peer.py) against shallownet on
// the issue-12 cases: same data (written once by the peer, read here), same
// architecture, Adam, batch size, L2 and fixed epochs. Run alternately, best
// of `rounds` each; prints a markdown table and returns the figures.
//   compareWithSklearn({ rounds: 3 })                        // digits and mnist
//   compareWithSklearn({ rounds: 1, cases: ['mnist'], dgemmPeak: { gflops: 88, kernels: 'Haswell' } })
// Cost per round: digits ~1 s of sklearn plus the TS fit; mnist ~10-15 s of
// sklearn (plus ~5 s for it to load 440 MB of data) and the native fit.
// Needs python3 with scikit-learn (pip install scikit-learn).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { flopsPerIteration } from './shapes.mjs';
import { bestKernelsEnv } from './best-kernels.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet, nativeInfo } = require('../dist/index.js');
const script = new URL('./sklearn/peer.py', import.meta.url).pathname;

// The peer at its best, as a fair comparison must run it: with the CPU's best kernels.
const peerEnv = bestKernelsEnv();

// Backends per case. TS on MNIST would take minutes per round; the issue's
// goal for TS is about digits only.
const BACKENDS = { digits: ['native', 'ts'], mnist: ['native'], diabetes: ['native', 'ts'] };

function runPeer(args) {
  const out = execFileSync('python3', [script, ...args], { encoding: 'utf8', env: peerEnv, maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

// A raw little-endian float64 file straight into a Float64Array of its own
// (readFileSync's Buffer may sit at an offset that is not a multiple of 8, and
// the MNIST case is 376 MB: read once, no second copy). x86 and arm64 are
// little-endian, as the file is.
function readF64(path, rows, cols) {
  const data = new Float64Array(rows * cols);
  const bytes = new Uint8Array(data.buffer);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, null);
      if (n === 0) throw new Error(`${path}: ${at} bytes, expected ${bytes.length}`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return { rows, cols, data };
}

/** case.json and the four matrices, examples as columns, as peer.py wrote them. */
export function readCase(dir) {
  const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const { n0, n2, m, mTest } = config;
  return {
    config,
    X: readF64(join(dir, 'X.f64'), n0, m),
    Y: readF64(join(dir, 'Y.f64'), n2, m),
    Xtest: readF64(join(dir, 'Xtest.f64'), n0, mTest),
    Ytest: readF64(join(dir, 'Ytest.f64'), n2, mTest),
  };
}

/** FLOPs of `epochs` passes over the data: the five products, bench/shapes.mjs's count. */
function trainingFlops({ n0, n1, n2, m, epochs }) {
  return epochs * flopsPerIteration({ n0, n1, n2, m });
}

/** One timed fit of shallownet, configured from case.json exactly as peer.py configures sklearn. */
export function runShallownet({ config, X, Y, Xtest, Ytest }, backend) {
  const classification = config.task === 'classification';
  const net = new ShallowNet({
    inputSize: config.n0,
    hiddenSize: config.n1,
    outputSize: config.n2,
    hiddenActivation: config.activation,
    outputActivation: classification ? 'softmax' : 'linear',
    initialization: config.initialization,
    seed: config.seed,
    backend,
  });
  const start = performance.now();
  const result = net.fit(X, Y, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    optimizer: 'adam', // beta1 0.9, beta2 0.999, epsilon 1e-8 by default, as sklearn's
    learningRate: config.learningRate,
    l2: config.l2,
    shuffle: true,
    seed: config.seed,
  });
  const seconds = (performance.now() - start) / 1000;
  const evaluation = net.evaluate(Xtest, Ytest);
  const examples = config.epochs * config.m;
  return {
    trainSeconds: seconds,
    examplesPerSecond: examples / seconds,
    gflops: trainingFlops(config) / seconds / 1e9,
    // The fit result's own closing cost, whatever it is named; shown for
    // information only (sklearn's is the last epoch's mean batch loss).
    finalLoss: result.history?.at(-1)?.cost ?? result.finalCost,
    ...(classification ? { testAccuracy: evaluation.accuracy } : { testMse: evaluation.mse, testR2: evaluation.r2 }),
  };
}

const better = (a, b) => (a === undefined || b.trainSeconds < a.trainSeconds ? b : a);

/**
 * Runs each case `rounds` times, alternating sklearn, native, TS, and keeps
 * each side's fastest run. `dgemmPeak` ({ gflops, kernels }: the dgemm peak the
 * caller measured, and with which kernels) only adds a "% of peak" figure to the
 * printout; `gflops` is in the results either way.
 */
export function compareWithSklearn({ rounds = 3, cases = ['digits', 'mnist'], dgemmPeak } = {}) {
  const nativeLoaded = nativeInfo().loaded;
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'shallownet-sklearn-'));
  try {
    for (const name of cases) {
      const caseDir = join(dir, name);
      runPeer(['--case', name, '--write', caseDir]);
      const data = readCase(caseDir);
      const backends = BACKENDS[name].filter((backend) => backend !== 'native' || nativeLoaded);
      const best = { sklearn: undefined };
      for (let round = 0; round < rounds; round++) {
        best.sklearn = better(best.sklearn, runPeer(['--case', name, '--data', caseDir]));
        for (const backend of backends) best[backend] = better(best[backend], runShallownet(data, backend));
      }
      results.push({ case: name, config: data.config, ...best });
      rmSync(caseDir, { recursive: true, force: true }); // MNIST's files are 440 MB
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(results, rounds, dgemmPeak);
  return results;
}

function printTable(results, rounds, dgemmPeak) {
  const first = results[0]?.sklearn;
  const pools = (first?.threads ?? []).filter((pool) => pool.library === 'numpy');
  const blas = pools.map((pool) => `OpenBLAS ${pool.version} ${pool.architecture}, ${pool.threads} threads`).join('; ') || 'BLAS unknown';
  console.log(
    `\nscikit-learn ${first?.sklearn} MLP (numpy ${first?.numpy}, ${blas}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: ` +
      `sklearn at its best) vs shallownet, same data and settings, alternating, best of ${rounds} fits each:`,
  );
  console.log('| case | sklearn s | sklearn examples/s | sklearn test | backend | shallownet s | shallownet examples/s | shallownet test | speed-up |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  const score = (r) => (r.testAccuracy !== undefined ? `${(100 * r.testAccuracy).toFixed(1)} %` : `R² ${r.testR2.toFixed(3)}`);
  const rate = (v) => Math.round(v).toLocaleString('en-US');
  for (const r of results) {
    const { config: c, sklearn } = r;
    const label = `${r.case} (${c.n0}-${c.n1}-${c.n2} ${c.activation}, m ${c.m}, batch ${c.batchSize}, ${c.epochs} epoch${c.epochs > 1 ? 's' : ''})`;
    for (const backend of ['native', 'ts'].filter((b) => r[b])) {
      const ours = r[backend];
      console.log(
        `| ${label} | ${sklearn.trainSeconds.toFixed(3)} | ${rate(sklearn.examplesPerSecond)} | ${score(sklearn)} | ${backend} | ` +
          `${ours.trainSeconds.toFixed(3)} | ${rate(ours.examplesPerSecond)} | ${score(ours)} | ${(sklearn.trainSeconds / ours.trainSeconds).toFixed(2)}× |`,
      );
    }
  }
  const mnist = results.find((r) => r.case === 'mnist');
  if (mnist) {
    const share = (g) =>
      dgemmPeak ? ` (${((100 * g) / dgemmPeak.gflops).toFixed(1)} % of the ${dgemmPeak.gflops.toFixed(1)} GFLOP/s dgemm peak with ${dgemmPeak.kernels})` : '';
    const parts = [`sklearn ${mnist.sklearn.gflops.toFixed(1)}${share(mnist.sklearn.gflops)}`];
    if (mnist.native) parts.push(`native ${mnist.native.gflops.toFixed(1)}${share(mnist.native.gflops)}`);
    console.log(`mnist GFLOP/s (epochs·m·2·(2·n1·n0 + 3·n2·n1) / time): ${parts.join(', ')}`);
  }
  console.log(
    'Test: accuracy on the held-out split (R² for regression). Speed-up: sklearn time / shallownet time. ' +
      'Initial weights differ (sklearn: Glorot uniform, biases too; shallownet: its `initialization`, b = 0), as do the shuffles, so accuracies agree only roughly.',
  );
}
