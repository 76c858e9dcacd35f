// An independent oracle: the lecture's equations (/work/shared/lecture.md),
// written as plainly as possible — matrices as arrays of rows, one loop per
// sum, Math.tanh and Math.exp, no buffers reused, nothing fused, nothing shared
// with lib/. Both backends are tested against it (test/oracle/oracle.test.ts),
// so a mistake the two backends share (the TS backend mirrors the native code)
// still shows.
//
// Convention (the lecture's): one column per example.
//   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
//
// Beside the lecture's sigmoid output, the course's next two heads, as plainly:
//   softmax  a_k = exp(z_k) / Σ_i exp(z_i) over each column;  J = −(1/m) Σ y·log a
//   linear   a = z;                                           J = (1/(2m)) Σ (a − y)²
// Their dZ2 is derived here by the chain rule through each head's own
// derivative (the softmax's Jacobian), not taken as A2 − Y: that the two agree
// is what the tests then show.
import type { Activation, Matrix, OutputActivation } from 'shallownet';

export type Rows = number[][];

export interface LectureParameters {
  W1: Rows;
  b1: Rows;
  W2: Rows;
  b2: Rows;
}

export function rowsOf(M: Matrix): Rows {
  return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
}

export function matrixOf(rows: Rows): Matrix {
  return { rows: rows.length, cols: rows[0]!.length, data: Float64Array.from(rows.flat()) };
}

function zeros(r: number, c: number): Rows {
  return Array.from({ length: r }, () => new Array<number>(c).fill(0));
}

/** A · B */
function matmul(A: Rows, B: Rows): Rows {
  const C = zeros(A.length, B[0]!.length);
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B[0]!.length; j++) {
      let sum = 0;
      for (let k = 0; k < B.length; k++) sum += A[i]![k]! * B[k]![j]!;
      C[i]![j] = sum;
    }
  }
  return C;
}

function transpose(A: Rows): Rows {
  return A[0]!.map((_, j) => A.map((row) => row[j]!));
}

function map(A: Rows, f: (value: number, i: number, j: number) => number): Rows {
  return A.map((row, i) => row.map((value, j) => f(value, i, j)));
}

/** np.sum(A, axis=1, keepdims=True): an (r, 1) column. */
function sumColumns(A: Rows): Rows {
  return A.map((row) => [row.reduce((s, v) => s + v, 0)]);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function g(activation: Activation, z: number): number {
  switch (activation) {
    case 'tanh': return Math.tanh(z);
    case 'sigmoid': return sigmoid(z);
    case 'relu': return Math.max(z, 0);
    case 'leakyRelu': return z > 0 ? z : 0.01 * z;
  }
}

/** g'(z), from z, as the lecture's table gives it. */
function gPrime(activation: Activation, z: number): number {
  switch (activation) {
    case 'tanh': return 1 - Math.tanh(z) ** 2;
    case 'sigmoid': return sigmoid(z) * (1 - sigmoid(z));
    case 'relu': return z > 0 ? 1 : 0;
    case 'leakyRelu': return z > 0 ? 1 : 0.01;
  }
}

export interface LectureForward {
  Z1: Rows;
  A1: Rows;
  Z2: Rows;
  A2: Rows;
}

/** The softmax of each column of Z, straight from the definition (no shift by the maximum). */
function softmaxColumns(Z: Rows): Rows {
  const A = zeros(Z.length, Z[0]!.length);
  for (let j = 0; j < Z[0]!.length; j++) {
    let sum = 0;
    for (let i = 0; i < Z.length; i++) sum += Math.exp(Z[i]![j]!);
    for (let i = 0; i < Z.length; i++) A[i]![j] = Math.exp(Z[i]![j]!) / sum;
  }
  return A;
}

/** The four forward equations; g2 is the output head's (the lecture's sigmoid by default). */
export function forward(activation: Activation, p: LectureParameters, X: Rows, output: OutputActivation = 'sigmoid'): LectureForward {
  const Z1 = map(matmul(p.W1, X), (v, i) => v + p.b1[i]![0]!);
  const A1 = map(Z1, (z) => g(activation, z));
  const Z2 = map(matmul(p.W2, A1), (v, i) => v + p.b2[i]![0]!);
  const A2 = output === 'softmax' ? softmaxColumns(Z2) : output === 'linear' ? map(Z2, (z) => z) : map(Z2, sigmoid);
  return { Z1, A1, Z2, A2 };
}

/**
 * The head's cost: sigmoid, J = (1/m) Σ −(y log a + (1 − y) log(1 − a)),
 * summed over the outputs; softmax, J = −(1/m) Σ y log a; linear, J = (1/(2m)) Σ (a − y)².
 */
export function cost(A2: Rows, Y: Rows, output: OutputActivation = 'sigmoid'): number {
  let loss = 0;
  A2.forEach((row, i) => row.forEach((a, j) => {
    const y = Y[i]![j]!;
    if (output === 'sigmoid') loss -= y * Math.log(a) + (1 - y) * Math.log(1 - a);
    else if (output === 'softmax') loss -= y * Math.log(a);
    else loss += 0.5 * (a - y) ** 2;
  }));
  return loss / A2[0]!.length;
}

/**
 * m · ∂J/∂Z2 by the chain rule, m · ∂J/∂z_k = Σ_i m · ∂J/∂a_i · ∂a_i/∂z_k:
 *   sigmoid: the lecture's A2 − Y;
 *   softmax: ∂J/∂a_i = −y_i / (m·a_i), ∂a_i/∂z_k = a_i·(δ_ik − a_k);
 *   linear:  ∂J/∂a = (a − y)/m, ∂a/∂z = 1.
 */
function outputDelta(output: OutputActivation, A2: Rows, Y: Rows): Rows {
  if (output === 'sigmoid') return map(A2, (a, i, j) => a - Y[i]![j]!);
  if (output === 'linear') return map(A2, (a, i, j) => (a - Y[i]![j]!) * 1);
  return map(A2, (ak, k, j) => {
    let sum = 0;
    for (let i = 0; i < A2.length; i++) {
      const ai = A2[i]![j]!;
      sum += (-Y[i]![j]! / ai) * ai * ((i === k ? 1 : 0) - ak);
    }
    return sum;
  });
}

export interface LectureGradients {
  dW1: Rows;
  db1: Rows;
  dW2: Rows;
  db2: Rows;
}

/** The six backward equations (dZ2 by the chain rule through the head, outputDelta). */
export function backward(activation: Activation, p: LectureParameters, X: Rows, Y: Rows, f: LectureForward, output: OutputActivation = 'sigmoid'): LectureGradients {
  const m = X[0]!.length;
  const dZ2 = outputDelta(output, f.A2, Y);
  const dW2 = map(matmul(dZ2, transpose(f.A1)), (v) => v / m);
  const db2 = map(sumColumns(dZ2), (v) => v / m);
  const dZ1 = map(matmul(transpose(p.W2), dZ2), (v, i, j) => v * gPrime(activation, f.Z1[i]![j]!));
  const dW1 = map(matmul(dZ1, transpose(X)), (v) => v / m);
  const db1 = map(sumColumns(dZ1), (v) => v / m);
  return { dW1, db1, dW2, db2 };
}

/** W := W − α dW for all four. */
export function update(p: LectureParameters, grads: LectureGradients, alpha: number): LectureParameters {
  const step = (W: Rows, dW: Rows) => map(W, (w, i, j) => w - alpha * dW[i]![j]!);
  return { W1: step(p.W1, grads.dW1), b1: step(p.b1, grads.db1), W2: step(p.W2, grads.dW2), b2: step(p.b2, grads.db2) };
}

/** `iterations` of forward → cost → backward → update; the cost before each, and the parameters after. */
export function gradientDescent(activation: Activation, p: LectureParameters, X: Rows, Y: Rows, alpha: number, iterations: number, output: OutputActivation = 'sigmoid') {
  const costs: number[] = [];
  let params = p;
  for (let k = 0; k < iterations; k++) {
    const f = forward(activation, params, X, output);
    costs.push(cost(f.A2, Y, output));
    params = update(params, backward(activation, params, X, Y, f, output), alpha);
  }
  return { costs, params, finalCost: cost(forward(activation, params, X, output).A2, Y, output) };
}
