// A deliberately naive pure-JS training iteration: what someone would write
// first from the lecture, on Float64Arrays. It is the yardstick for the TS
// backend (which must be at least 3× faster per iteration on M and L), so it
// must stay naive: i-j-k triple loops, each output element a dot product with
// index arithmetic, Math.tanh, sigmoid with Math.exp, the cost with Math.log,
// fresh arrays every iteration.
//   node bench/naive.mjs M        # ms per iteration on shape M (or S, L)
//
// Shapes (the lecture's, row-major, one column per example):
//   X (n0, m)  Y (n2, m)  W1 (n1, n0)  b1 (n1)  W2 (n2, n1)  b2 (n2)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SHAPES, SEED, makeData } from './shapes.mjs';

/**
 * One full-batch gradient-descent iteration with tanh hidden units: forward,
 * cost, backward, update. X and Y are Float64Arrays; params is
 * { W1, b1, W2, b2 } of Float64Arrays, updated in place. Returns the cost
 * before the update.
 */
export function naiveIteration(shape, X, Y, params) {
  const { n0, n1, n2, m, learningRate } = shape;
  const { W1, b1, W2, b2 } = params;

  // Forward: Z1 = W1·X + b1, A1 = tanh(Z1).
  const A1 = new Float64Array(n1 * m);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < m; j++) {
      let z = b1[i];
      for (let k = 0; k < n0; k++) z += W1[i * n0 + k] * X[k * m + j];
      A1[i * m + j] = Math.tanh(z);
    }
  }
  // Z2 = W2·A1 + b2, A2 = sigmoid(Z2).
  const A2 = new Float64Array(n2 * m);
  for (let i = 0; i < n2; i++) {
    for (let j = 0; j < m; j++) {
      let z = b2[i];
      for (let k = 0; k < n1; k++) z += W2[i * n1 + k] * A1[k * m + j];
      A2[i * m + j] = 1 / (1 + Math.exp(-z));
    }
  }

  // Cost: J = -(1/m) Σ y·log(a) + (1 - y)·log(1 - a).
  let cost = 0;
  for (let i = 0; i < n2 * m; i++) cost -= Y[i] * Math.log(A2[i]) + (1 - Y[i]) * Math.log(1 - A2[i]);
  cost /= m;

  // Backward: dZ2 = A2 - Y, dW2 = (1/m) dZ2·A1ᵀ, db2 = (1/m) Σ dZ2.
  const dZ2 = new Float64Array(n2 * m);
  for (let i = 0; i < n2 * m; i++) dZ2[i] = A2[i] - Y[i];
  const dW2 = new Float64Array(n2 * n1);
  for (let i = 0; i < n2; i++) {
    for (let j = 0; j < n1; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += dZ2[i * m + k] * A1[j * m + k];
      dW2[i * n1 + j] = s / m;
    }
  }
  const db2 = new Float64Array(n2);
  for (let i = 0; i < n2; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += dZ2[i * m + j];
    db2[i] = s / m;
  }
  // dZ1 = (W2ᵀ·dZ2) * (1 - A1²), db1 = (1/m) Σ dZ1.
  const dZ1 = new Float64Array(n1 * m);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < n2; k++) s += W2[k * n1 + i] * dZ2[k * m + j];
      const a = A1[i * m + j];
      dZ1[i * m + j] = s * (1 - a * a);
    }
  }
  const db1 = new Float64Array(n1);
  for (let i = 0; i < n1; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += dZ1[i * m + j];
    db1[i] = s / m;
  }
  // dW1 = (1/m) dZ1·Xᵀ.
  const dW1 = new Float64Array(n1 * n0);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n0; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += dZ1[i * m + k] * X[j * m + k];
      dW1[i * n0 + j] = s / m;
    }
  }

  // Update.
  for (let i = 0; i < W1.length; i++) W1[i] -= learningRate * dW1[i];
  for (let i = 0; i < b1.length; i++) b1[i] -= learningRate * db1[i];
  for (let i = 0; i < W2.length; i++) W2[i] -= learningRate * dW2[i];
  for (let i = 0; i < b2.length; i++) b2[i] -= learningRate * db2[i];
  return cost;
}

/** The data and initial parameters of a shape, as the other bench scripts use them. */
export function naiveSetup(name) {
  const shape = SHAPES[name];
  if (shape === undefined) throw new RangeError(`unknown shape ${JSON.stringify(name)}: expected one of ${Object.keys(SHAPES).join(', ')}`);
  const require = createRequire(import.meta.url);
  const { ShallowNet } = require('../dist/index.js');
  const data = makeData(shape);
  const net = new ShallowNet({ inputSize: shape.n0, hiddenSize: shape.n1, outputSize: shape.n2, seed: SEED, backend: 'ts' });
  const p = net.parameters();
  const params = { W1: p.W1.data, b1: p.b1.data, W2: p.W2.data, b2: p.b2.data };
  return { shape, X: data.X.data, Y: data.Y.data, params };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[2] ?? 'M';
  const iterations = Number(process.argv[3] ?? (name === 'S' ? 1000 : name === 'M' ? 3 : 1));
  const { shape, X, Y, params } = naiveSetup(name);
  naiveIteration(shape, X, Y, params); // warm-up: let the JIT compile the loops
  const start = performance.now();
  let cost = NaN;
  for (let it = 0; it < iterations; it++) cost = naiveIteration(shape, X, Y, params);
  const ms = (performance.now() - start) / iterations;
  console.log(`naive ${name} (n0=${shape.n0} n1=${shape.n1} n2=${shape.n2} m=${shape.m}): ${ms.toFixed(1)} ms/iteration over ${iterations} (cost ${cost.toFixed(6)})`);
}
