// The benchmark shapes and their data, shared by every bench script.
// Data: X ~ N(0, 1), Y ~ Bernoulli(0.5), W ~ N(0, 1) * 0.01 (the library's own
// seeded initialisation), b = 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Random } = require('../dist/random.js');

/** name → sizes, iterations of a full run, learning rate. */
export const SHAPES = {
  S: { n0: 2, n1: 4, n2: 1, m: 400, iterations: 10_000, learningRate: 1.2 },
  M: { n0: 64, n1: 128, n2: 1, m: 8192, iterations: 200, learningRate: 0.5 },
  L: { n0: 784, n1: 256, n2: 10, m: 10_000, iterations: 20, learningRate: 0.5 },
};

/** FLOPs of one iteration: the five matrix products, 2·m·(2·n1·n0 + 3·n2·n1). */
export function flopsPerIteration({ n0, n1, n2, m }) {
  return 2 * m * (2 * n1 * n0 + 3 * n2 * n1);
}

export function makeData({ n0, n2, m }, seed = 2024) {
  const random = new Random(seed);
  const X = new Float64Array(n0 * m);
  for (let k = 0; k < X.length; k++) X[k] = random.normal();
  const Y = new Float64Array(n2 * m);
  for (let k = 0; k < Y.length; k++) Y[k] = random.uniform() < 0.5 ? 1 : 0;
  return { X: { rows: n0, cols: m, data: X }, Y: { rows: n2, cols: m, data: Y } };
}

export const SEED = 7;

/** Writes what bench/numpy/course.py reads: raw little-endian float64 files and shape.json. */
export function writeForNumpy(dir, shape, data, parameters) {
  mkdirSync(dir, { recursive: true });
  const write = (name, array) => writeFileSync(join(dir, name), Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  write('X.f64', data.X.data);
  write('Y.f64', data.Y.data);
  for (const key of ['W1', 'b1', 'W2', 'b2']) write(`${key}.f64`, parameters[key].data);
  writeFileSync(join(dir, 'shape.json'), JSON.stringify({ n0: shape.n0, n1: shape.n1, n2: shape.n2, m: shape.m }));
}
