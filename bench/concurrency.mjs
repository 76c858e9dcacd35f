// Many networks at once: N native nets training with fitAsync at the same
// time, on the shapes S and M (and L, 1 and 2 at once): total throughput
// against one net alone, the largest gap of a 10 ms timer, and how long an
// fs.readFile of a small file takes meanwhile (libuv's threadpool must stay free).
//   node bench/concurrency.mjs [S,M,L]
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SHAPES, SEED, makeData } from './shapes.mjs';
import { watchTimerGaps } from './event-loop.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet } = require('../dist/index.js');

/** Iterations per net, so one net trains for ~0.5 s here, and how many nets at once. */
const PLAN = {
  S: { iterations: 60_000, counts: [1, 2, 4, 8] },
  M: { iterations: 60, counts: [1, 2, 4, 8] },
  L: { iterations: 4, counts: [1, 2] },
};

async function trainTogether(shape, data, count, iterations) {
  const nets = Array.from({ length: count }, (_, k) =>
    new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED + k, backend: 'native' }),
  );
  const watch = watchTimerGaps(10);
  const reads = [];
  let training = true;
  const reader = (async () => {
    while (training) {
      const start = performance.now();
      await readFile(fileURLToPath(import.meta.url));
      reads.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const start = performance.now();
  await Promise.all(nets.map((net) => net.fitAsync(data.X, data.Y, { iterations, learningRate: shape.learningRate, progressEvery: iterations })));
  const elapsed = performance.now() - start;
  training = false;
  const largestGap = watch.stop();
  await reader;
  return { elapsed, iterationsPerSecond: (count * iterations) / (elapsed / 1000), largestGap, worstRead: Math.max(...reads) };
}

export async function measureConcurrency(names = ['S', 'M', 'L']) {
  const rows = [];
  for (const name of names) {
    const shape = SHAPES[name];
    const data = makeData(shape);
    const { iterations, counts } = PLAN[name];
    await trainTogether(shape, data, 1, Math.ceil(iterations / 10)); // warm-up
    let alone;
    for (const count of counts) {
      const r = await trainTogether(shape, data, count, iterations);
      alone ??= r.iterationsPerSecond;
      rows.push({ shape: name, count, ...r, relative: r.iterationsPerSecond / alone });
    }
  }
  return rows;
}

export function printConcurrency(rows) {
  console.log('| shape | nets at once | iterations/s, all nets | relative to one net | largest event-loop gap ms | fs.readFile meanwhile, worst ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.shape} | ${r.count} | ${r.iterationsPerSecond.toFixed(0)} | ${r.relative.toFixed(2)}× | ${r.largestGap.toFixed(1)} | ${r.worstRead.toFixed(1)} |`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printConcurrency(await measureConcurrency((process.argv[2] ?? 'S,M,L').split(',')));
}
