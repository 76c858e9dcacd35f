// How far apart the two backends drift on the demo's flower run (α = 1.2,
// 10 000 iterations, a chaotic run): the first iteration at which their costs
// differ by more than each threshold, and W1's difference at the end.
//
//   npm run build:ts && node bench/backend-drift.mjs
import { loadPlanarDataset, ShallowNet } from '../dist/index.mjs';

const { X, Y } = loadPlanarDataset();
const options = { iterations: 10_000, learningRate: 1.2, progressEvery: 1 };
const train = (backend) => {
  const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend });
  return { costs: net.fit(X, Y, options).costs, W1: net.parameters().W1.data };
};
const native = train('native');
const ts = train('ts');
for (const threshold of [1e-15, 1e-12, 1e-9, 1e-6]) {
  const k = native.costs.findIndex((c, i) => Math.abs(c - ts.costs[i]) / c > threshold);
  console.log(`costs first differ by more than ${threshold} (relative) at iteration ${k < 0 ? 'never' : k}`);
}
const w1 = Math.max(...native.W1.map((v, i) => Math.abs(v - ts.W1[i])));
console.log(`largest |W1 native − W1 ts| after ${options.iterations} iterations: ${w1.toPrecision(3)}`);
