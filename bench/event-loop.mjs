// How free the event loop stays while fitAsync trains: a 10 ms timer runs
// during a native fitAsync of a shape (default L, its full 20 iterations) and
// the largest gap between its ticks is reported, with monitorEventLoopDelay's max.
//   node bench/event-loop.mjs [S|M|L]
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SHAPES, SEED, makeData } from './shapes.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet } = require('../dist/index.js');

/**
 * Watches the event loop with a `periodMs` timer until stop(), which returns the
 * largest gap between two of its ticks in ms (the period plus however long the
 * loop kept a tick waiting).
 */
export function watchTimerGaps(periodMs) {
  let largestGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    largestGap = Math.max(largestGap, now - last);
    last = now;
  }, periodMs);
  return {
    stop: () => {
      clearInterval(timer);
      return largestGap;
    },
  };
}

export async function measureEventLoop(name = 'L', backend = 'native') {
  const shape = SHAPES[name];
  const data = makeData(shape);
  const net = new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED, backend });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const watch = watchTimerGaps(10);
  histogram.enable();
  const start = performance.now();
  await net.fitAsync(data.X, data.Y, { iterations: shape.iterations, learningRate: shape.learningRate, progressEvery: 1, onProgress: () => {} });
  const elapsed = performance.now() - start;
  histogram.disable();
  const largestGap = watch.stop();
  return { shape: name, backend, elapsedMs: elapsed, largestGapMs: largestGap, maxDelayMs: histogram.max / 1e6 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureEventLoop(process.argv[2] ?? 'L');
  console.log(
    `fitAsync ${r.backend} on ${r.shape} (${r.elapsedMs.toFixed(0)} ms, progress every iteration): largest gap of a 10 ms timer ` +
      `${r.largestGapMs.toFixed(1)} ms, max event-loop delay ${r.maxDelayMs.toFixed(1)} ms`,
  );
}
