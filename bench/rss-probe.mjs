// Run by report.mjs in a fresh process per shape and backend: trains once and
// prints the resident set before training and the process's peak, in MB.
import { createRequire } from 'node:module';
import { SHAPES, SEED, makeData } from './shapes.mjs';

const require = createRequire(import.meta.url);
const { ShallowNet } = require('../dist/index.js');
const [name, backend, iterations] = process.argv.slice(2);
const shape = SHAPES[name];
const data = makeData(shape);
const net = new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED, backend });
global.gc?.();
const before = process.memoryUsage().rss;
net.fit(data.X, data.Y, { iterations: Number(iterations), learningRate: shape.learningRate });
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ beforeMB: before / 1e6, peakMB: peak / 1e6 }));
