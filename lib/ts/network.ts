/**
 * The lecture's network on flat row-major Float64Arrays: the pure-TypeScript
 * reference, line for line the same maths as native/core/network.cpp.
 *
 * Convention (the lecture's): one column per example.
 *   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
 */
import { layout, type Activation, type Sizes } from '../engine';
import { biasActivate, hiddenDelta, sigmoid } from './activation';
import { gemmNN, gemmNT, gemmTN } from './gemm';

/** Views of W1, b1, W2, b2 (or of their gradients) in a packed buffer. */
export interface Packed {
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
}

export function unpack(packed: Float64Array, sizes: Sizes): Packed {
  const at = layout(sizes);
  return {
    W1: packed.subarray(at.W1, at.b1),
    b1: packed.subarray(at.b1, at.W2),
    W2: packed.subarray(at.W2, at.b2),
    b2: packed.subarray(at.b2, at.count),
  };
}

/** Work buffers for m examples, reused across iterations (see native Workspace). */
export class Workspace {
  A1: Float64Array = new Float64Array(0); // (n1, m)
  dZ1: Float64Array = new Float64Array(0); // (n1, m)
  Z2: Float64Array = new Float64Array(0); // (n2, m), overwritten by dZ2
  grads: Float64Array = new Float64Array(0); // packed [dW1 | db1 | dW2 | db2]
  gradients: Packed = unpack(this.grads, { inputSize: 0, hiddenSize: 0, outputSize: 0 }); // views of grads

  ensure(sizes: Sizes, m: number): void {
    const grow = (buffer: Float64Array, length: number) => (buffer.length < length ? new Float64Array(length) : buffer);
    this.A1 = grow(this.A1, sizes.hiddenSize * m);
    this.dZ1 = grow(this.dZ1, sizes.hiddenSize * m);
    this.Z2 = grow(this.Z2, sizes.outputSize * m);
    this.grads = grow(this.grads, layout(sizes).count);
    this.gradients = unpack(this.grads, sizes);
  }
}

/** Z1 = W1·X + b1 (n1, m); A1 = g1(Z1) (n1, m). With Z1 null, W1·X is written into A1. */
export function forwardHidden(
  activation: Activation,
  sizes: Sizes,
  m: number,
  W1: Float64Array,
  b1: Float64Array,
  X: Float64Array,
  Z1: Float64Array | null,
  A1: Float64Array,
): void {
  const product = Z1 ?? A1;
  gemmNN(sizes.hiddenSize, m, sizes.inputSize, W1, X, product);
  biasActivate(activation, sizes.hiddenSize, m, product, b1, Z1, A1);
}

/** Z2 = W2·A1 + b2 (n2, m); A2 = sigmoid(Z2) (n2, m), unless A2 is null. */
export function forwardOutput(
  sizes: Sizes,
  m: number,
  W2: Float64Array,
  b2: Float64Array,
  A1: Float64Array,
  Z2: Float64Array,
  A2: Float64Array | null,
): void {
  gemmNN(sizes.outputSize, m, sizes.hiddenSize, W2, A1, Z2);
  for (let i = 0; i < sizes.outputSize; i++) {
    const b = b2[i];
    for (let k = i * m; k < (i + 1) * m; k++) {
      Z2[k] += b;
      if (A2 !== null) A2[k] = sigmoid(Z2[k]);
    }
  }
}

/** The logistic loss of sigmoid(z) against y, from the logit: exact where sigmoid(z) rounds to 0 or 1. */
export function logisticLossFromLogit(z: number, y: number): number {
  return (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** J = (1/m) Σ_ij L(sigmoid(Z2_ij), Y_ij). */
export function costFromLogits(sizes: Sizes, m: number, Z2: Float64Array, Y: Float64Array): number {
  let loss = 0;
  const count = sizes.outputSize * m;
  for (let k = 0; k < count; k++) loss += logisticLossFromLogit(Z2[k], Y[k]);
  return loss * (1 / m);
}

/** dZ2 = A2 - Y (n2, m); db2 = (1/m) Σ_j dZ2 (n2, 1). */
export function outputDelta(
  sizes: Sizes,
  m: number,
  A2: Float64Array,
  Y: Float64Array,
  dZ2: Float64Array,
  db2: Float64Array,
): void {
  const invM = 1 / m;
  for (let i = 0; i < sizes.outputSize; i++) {
    let sum = 0;
    for (let k = i * m; k < (i + 1) * m; k++) {
      const d = A2[k] - Y[k];
      dZ2[k] = d;
      sum += d;
    }
    db2[i] = sum * invM;
  }
}

/**
 * The rest of backpropagation, given dZ2 (n2, m):
 *   dW2 = (1/m) dZ2·A1ᵀ (n2, n1)
 *   dZ1 = (W2ᵀ·dZ2) * g1'(A1) (n1, m)     written into dZ1
 *   db1 = (1/m) Σ_j dZ1 (n1, 1)
 *   dW1 = (1/m) dZ1·Xᵀ (n1, n0)
 */
export function backwardHidden(
  activation: Activation,
  sizes: Sizes,
  m: number,
  W2: Float64Array,
  X: Float64Array,
  A1: Float64Array,
  dZ2: Float64Array,
  dZ1: Float64Array,
  grads: Packed,
): void {
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = sizes;
  const invM = 1 / m;
  gemmNT(n2, n1, m, invM, dZ2, A1, grads.W2);
  gemmTN(n1, m, n2, W2, dZ2, dZ1);
  hiddenDelta(activation, n1, m, A1, dZ1, grads.b1);
  gemmNT(n1, n0, m, invM, dZ1, X, grads.W1);
}

/**
 * params -= learningRate · grads, only if every new value is finite; returns
 * false and changes nothing otherwise (no half-applied update).
 */
export function update(params: Float64Array, grads: Float64Array, learningRate: number): boolean {
  // grads may be a longer reused buffer: params.length is the count.
  const count = params.length;
  for (let k = 0; k < count; k++) {
    if (!Number.isFinite(params[k] - learningRate * grads[k])) return false;
  }
  for (let k = 0; k < count; k++) params[k] -= learningRate * grads[k];
  return true;
}

/**
 * The first half of one gradient-descent iteration: forward propagation and
 * the cost, fused with dZ2 = A2 - Y and db2. Leaves A1, dZ2 and db2 in ws.
 */
export function forwardCost(
  activation: Activation,
  sizes: Sizes,
  m: number,
  params: Packed,
  X: Float64Array,
  Y: Float64Array,
  ws: Workspace,
): number {
  const { A1, Z2 } = ws;
  const db2 = ws.gradients.b2;
  forwardHidden(activation, sizes, m, params.W1, params.b1, X, null, A1);
  gemmNN(sizes.outputSize, m, sizes.hiddenSize, params.W2, A1, Z2);
  const invM = 1 / m;
  let loss = 0;
  for (let i = 0; i < sizes.outputSize; i++) {
    const b = params.b2[i];
    let sum = 0;
    for (let k = i * m; k < (i + 1) * m; k++) {
      const z = Z2[k] + b;
      const y = Y[k];
      loss += logisticLossFromLogit(z, y);
      const d = sigmoid(z) - y;
      Z2[k] = d;
      sum += d;
    }
    db2[i] = sum * invM;
  }
  return loss * invM;
}

/** The second half: backpropagation from the dZ2 forwardCost left, then update(). */
export function backwardUpdate(
  activation: Activation,
  sizes: Sizes,
  m: number,
  packedParams: Float64Array,
  params: Packed,
  X: Float64Array,
  learningRate: number,
  ws: Workspace,
): boolean {
  backwardHidden(activation, sizes, m, params.W2, X, ws.A1, ws.Z2, ws.dZ1, ws.gradients);
  return update(packedParams, ws.grads, learningRate);
}

/** The cost of the current parameters: a forward pass only. */
export function evaluateCost(
  activation: Activation,
  sizes: Sizes,
  m: number,
  params: Packed,
  X: Float64Array,
  Y: Float64Array,
  ws: Workspace,
): number {
  forwardHidden(activation, sizes, m, params.W1, params.b1, X, null, ws.A1);
  forwardOutput(sizes, m, params.W2, params.b2, ws.A1, ws.Z2, null);
  return costFromLogits(sizes, m, ws.Z2, Y);
}
