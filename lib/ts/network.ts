/**
 * The lecture's network on flat row-major Float64Arrays: the pure-TypeScript
 * reference, line for line the same maths as native/core/network.cpp.
 *
 * Convention (the lecture's): one column per example.
 *   X (n0, m)   Y (n2, m)   W1 (n1, n0)   b1 (n1, 1)   W2 (n2, n1)   b2 (n2, 1)
 *
 * The output layer may be the lecture's sigmoid or one of the next part's
 * heads (output-head.ts); each keeps dZ2 = A2 − Y, so the six backward
 * equations serve all three.
 */
import { blocks, layout, type Activation, type Architecture, type OutputActivation, type Sizes } from '../engine';
import { biasActivate, hiddenDelta } from './activation';
import { gemmNN, gemmNT, gemmTN } from './gemm';
import { activateOutput, outputLossDelta } from './output-head';

/** Views of W1, b1, W2, b2 (or of their gradients) in a packed buffer. */
export interface Packed {
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
}

export function unpack(packed: Float64Array, sizes: Sizes): Packed {
  const [W1, b1, W2, b2] = blocks(sizes).map(({ from, to }) => packed.subarray(from, to)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  return { W1, b1, W2, b2 };
}

/** Work buffers for m examples, reused across iterations (see native Workspace). */
export class Workspace {
  A1: Float64Array = new Float64Array(0); // (n1, m)
  dZ1: Float64Array = new Float64Array(0); // (n1, m)
  Z2: Float64Array = new Float64Array(0); // (n2, m), overwritten by dZ2
  grads: Float64Array = new Float64Array(0); // packed [dW1 | db1 | dW2 | db2]
  gradients: Packed = unpack(this.grads, { inputSize: 0, hiddenSize: 0, outputSize: 0 }); // views of grads

  /** Room for a forward pass over m examples, and for backpropagation (dZ1) unless `backward` is false. */
  ensure(sizes: Sizes, m: number, backward = true): void {
    const grow = (buffer: Float64Array, length: number) => (buffer.length < length ? new Float64Array(length) : buffer);
    this.A1 = grow(this.A1, sizes.hiddenSize * m);
    if (backward) this.dZ1 = grow(this.dZ1, sizes.hiddenSize * m);
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

/** Z2 = W2·A1 + b2 (n2, m); A2 = g2(Z2) (n2, m), the output head's, unless A2 is null. */
export function forwardOutput(
  head: OutputActivation,
  sizes: Sizes,
  m: number,
  W2: Float64Array,
  b2: Float64Array,
  A1: Float64Array,
  Z2: Float64Array,
  A2: Float64Array | null,
): void {
  gemmNN(sizes.outputSize, m, sizes.hiddenSize, W2, A1, Z2);
  activateOutput(head, sizes.outputSize, m, Z2, b2, A2);
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
 * The lecture's gradient-descent step (also optimizer.ts's 'gd'): params −=
 * learningRate · grads, only if every new value is finite; returns false and
 * changes nothing otherwise (no half-applied update).
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
 * L2 regularisation (the course's form; scikit-learn's alpha is the same λ):
 * the cost gains λ/(2m) (‖W1‖² + ‖W2‖²) and each weight's gradient (λ/m)·W.
 */
export function l2Cost(params: Packed, lambda: number, m: number): number {
  if (lambda === 0) return 0;
  return (lambda / (2 * m)) * (sumOfSquares(params.W1) + sumOfSquares(params.W2));
}

/**
 * Σ x², in eight running sums (x[j] into sum j mod 8) added in a fixed tree:
 * the order native/core/kernels/update_kernels.h sums in, so both backends
 * get the same bits.
 */
function sumOfSquares(x: Float64Array): number {
  const s = new Float64Array(8);
  for (let j = 0; j < x.length; j++) s[j & 7] = (s[j & 7] as number) + (x[j] as number) * (x[j] as number);
  return (((s[0] as number) + (s[1] as number)) + ((s[2] as number) + (s[3] as number))) + (((s[4] as number) + (s[5] as number)) + ((s[6] as number) + (s[7] as number)));
}

export function addL2Gradient(params: Packed, grads: Packed, lambda: number, m: number): void {
  if (lambda === 0) return;
  const scale = lambda / m;
  for (const [W, dW] of [[params.W1, grads.W1], [params.W2, grads.W2]] as const) {
    for (let k = 0; k < W.length; k++) dW[k] = (dW[k] as number) + scale * (W[k] as number);
  }
}

/** X and Y of m examples, one column each: X (n0, m), Y (n2, m). */
export interface Examples {
  X: Float64Array;
  Y: Float64Array;
  m: number;
}

/**
 * The first half of one gradient-descent iteration: forward propagation and
 * the cost J (without L2), fused with dZ2 = A2 − Y and db2. Leaves A1, dZ2 and db2 in ws.
 */
export function forwardCost(net: Architecture, params: Packed, batch: Examples, ws: Workspace): number {
  const { sizes } = net;
  const { X, Y, m } = batch;
  forwardHidden(net.hidden, sizes, m, params.W1, params.b1, X, null, ws.A1);
  gemmNN(sizes.outputSize, m, sizes.hiddenSize, params.W2, ws.A1, ws.Z2);
  return outputLossDelta(net.output, sizes.outputSize, m, ws.Z2, params.b2, Y, m, ws.gradients.b2) * (1 / m);
}

/** The second half: backpropagation from what forwardCost left, into ws.gradients. */
export function gradientsFromCost(net: Architecture, params: Packed, X: Float64Array, m: number, ws: Workspace): void {
  backwardHidden(net.hidden, net.sizes, m, params.W2, X, ws.A1, ws.Z2, ws.dZ1, ws.gradients);
}

/** The lecture's second half: backpropagation, then update(). */
export function backwardUpdate(net: Architecture, packedParams: Float64Array, params: Packed, X: Float64Array, m: number, learningRate: number, ws: Workspace): boolean {
  gradientsFromCost(net, params, X, m, ws);
  return update(packedParams, ws.grads, learningRate);
}

/** The cost J (without L2) and the metric: accuracy, or R² for a linear output (see ScoreSums). */
export interface Score {
  cost: number;
  metric: number;
}

/**
 * A set's score taken a chunk of examples at a time (native/core/network.h ScoreSums):
 *   sigmoid: the share of outputs right at 0.5 (z > 0 exactly where y > 0.5)
 *   softmax: the share of columns whose largest a is where Y's largest is (first of ties)
 *   linear:  R² per output, averaged (a constant target: 1 if matched exactly, else 0)
 */
export class ScoreSums {
  loss = 0;
  right = 0;
  mean = new Float64Array(0);
  residual = new Float64Array(0);
  spread = new Float64Array(0);

  constructor(readonly net: Architecture, all: Examples) {
    if (net.output !== 'linear') return;
    const n2 = net.sizes.outputSize;
    this.mean = new Float64Array(n2);
    this.residual = new Float64Array(n2);
    this.spread = new Float64Array(n2);
    for (let i = 0; i < n2; i++) {
      let sum = 0;
      for (let j = 0; j < all.m; j++) sum += all.Y[i * all.m + j] as number;
      this.mean[i] = sum / all.m;
    }
  }

  /** Examples [from, from + count) of `all`, through a forward pass in ws. */
  addChunk(params: Packed, all: Examples, from: number, count: number, ws: Workspace): void {
    const { sizes, hidden, output } = this.net;
    const { inputSize: n0, outputSize: n2 } = sizes;
    const X = columns(all.X, n0, all.m, from, count);
    forwardHidden(hidden, sizes, count, params.W1, params.b1, X, null, ws.A1);
    const Z2 = ws.Z2;
    gemmNN(n2, count, sizes.hiddenSize, params.W2, ws.A1, Z2);
    const Y = all.Y;
    const ldy = all.m;
    const b2 = params.b2;
    if (output === 'sigmoid') {
      for (let i = 0; i < n2; i++) {
        for (let j = 0; j < count; j++) this.right += ((Z2[i * count + j] as number) + (b2[i] as number) > 0) === ((Y[i * ldy + from + j] as number) > 0.5) ? 1 : 0;
      }
    } else if (output === 'softmax') {
      for (let j = 0; j < count; j++) {
        let predicted = 0;
        let target = 0;
        for (let i = 1; i < n2; i++) {
          if ((Z2[i * count + j] as number) + (b2[i] as number) > (Z2[predicted * count + j] as number) + (b2[predicted] as number)) predicted = i;
          if ((Y[i * ldy + from + j] as number) > (Y[target * ldy + from + j] as number)) target = i;
        }
        if (predicted === target) this.right++;
      }
    } else {
      for (let i = 0; i < n2; i++) {
        for (let j = 0; j < count; j++) {
          const y = Y[i * ldy + from + j] as number;
          const error = y - ((Z2[i * count + j] as number) + (b2[i] as number));
          this.residual[i] = (this.residual[i] as number) + error * error;
          this.spread[i] = (this.spread[i] as number) + (y - (this.mean[i] as number)) * (y - (this.mean[i] as number));
        }
      }
    }
    this.loss += outputLossDelta(output, n2, count, Z2, b2, Y.subarray(from), ldy, ws.gradients.b2);
  }

  finish(m: number): Score {
    const n2 = this.net.sizes.outputSize;
    const cost = this.loss * (1 / m);
    if (this.net.output === 'sigmoid') return { cost, metric: this.right / (n2 * m) };
    if (this.net.output === 'softmax') return { cost, metric: this.right / m };
    let total = 0;
    for (let i = 0; i < n2; i++) {
      const spread = this.spread[i] as number;
      const residual = this.residual[i] as number;
      total += spread > 0 ? 1 - residual / spread : residual === 0 ? 1 : 0;
    }
    return { cost, metric: total / n2 };
  }
}

/** Columns [from, from + count) of a (rows, m) matrix: itself when that is all of it, else a copy. */
export function columns(M: Float64Array, rows: number, m: number, from: number, count: number): Float64Array {
  if (from === 0 && count === m) return M;
  const part = new Float64Array(rows * count);
  for (let i = 0; i < rows; i++) part.set(M.subarray(i * m + from, i * m + from + count), i * count);
  return part;
}

/** A set's score, a chunk of `chunk` examples at a time (ws must hold a chunk). */
export function evaluateScore(net: Architecture, params: Packed, all: Examples, ws: Workspace, chunk = all.m): Score {
  const sums = new ScoreSums(net, all);
  for (let from = 0; from < all.m; from += chunk) sums.addChunk(params, all, from, Math.min(chunk, all.m - from), ws);
  return sums.finish(all.m);
}
