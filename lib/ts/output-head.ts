/**
 * The output layer's activation g2 and its cost, each head's pair side by side
 * (native/core/output_head.h and kernels/elementwise_kernels.h compute the same):
 *
 *   sigmoid   A2 = σ(Z2)          J = (1/m) Σ −(y log a + (1 − y) log(1 − a))
 *   softmax   A2 = softmax(Z2)    J = (1/m) Σ_columns −Σ_k y_k log a_k     (over each column)
 *   linear    A2 = Z2             J = (1/(2m)) Σ (a − y)²
 *
 * Each cost is paired with its activation so that dZ2 = A2 − Y for all three:
 * the lecture's backward equations hold unchanged. Costs come from the
 * logits, stably (log-sum-exp for softmax).
 */
import type { OutputActivation } from '../engine';
import { DIVERGED_COST_PER_OUTPUT } from '../limits';
import { sigmoid } from './activation';

/** The logistic loss of sigmoid(z) against y, from the logit: exact where sigmoid(z) rounds to 0 or 1. */
export function logisticLossFromLogit(z: number, y: number): number {
  return (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/** A2 = g2(Z2 + b2) for (n2, m), Z2 += b2 too; A2 may be null. */
export function activateOutput(head: OutputActivation, n2: number, m: number, Z2: Float64Array, b2: Float64Array, A2: Float64Array | null): void {
  if (head === 'softmax') {
    for (let j = 0; j < m; j++) {
      let top = -Infinity;
      for (let k = 0; k < n2; k++) top = Math.max(top, (Z2[k * m + j] += b2[k] as number));
      let sum = 0;
      for (let k = 0; k < n2; k++) {
        // z − top, with 0 where z is the top: an infinite logit then takes the
        // column's probability (shared among equal ones) instead of ∞ − ∞ = NaN.
        const z = Z2[k * m + j] as number;
        const e = Math.exp(z === top ? 0 : z - top);
        if (A2 !== null) A2[k * m + j] = e;
        sum += e;
      }
      if (A2 === null) continue;
      const inverse = 1 / sum;
      for (let k = 0; k < n2; k++) A2[k * m + j] = (A2[k * m + j] as number) * inverse;
    }
    return;
  }
  for (let i = 0; i < n2; i++) {
    const b = b2[i] as number;
    for (let k = i * m; k < (i + 1) * m; k++) {
      const z = (Z2[k] += b);
      if (A2 !== null) A2[k] = head === 'sigmoid' ? sigmoid(z) : z;
    }
  }
}

/**
 * The head's cost fused with dZ2 = A2 − Y: given the logits W2·A1 (without
 * b2) in Z2 (n2, m), returns the loss summed over the examples (J·m) and
 * overwrites Z2 with dZ2; db2 = (1/m) Σ dZ2 per output. Y's rows are ldy apart.
 */
export function outputLossDelta(
  head: OutputActivation,
  n2: number,
  m: number,
  Z2: Float64Array,
  b2: Float64Array,
  Y: Float64Array,
  ldy: number,
  db2: Float64Array,
): number {
  const invM = 1 / m;
  let loss = 0;
  if (head === 'softmax') {
    // Column by column: with t = z − max, e = exp(t), the loss is log(Σe)·Σy − Σ y·t.
    for (let j = 0; j < m; j++) {
      let top = -Infinity;
      for (let k = 0; k < n2; k++) top = Math.max(top, (Z2[k * m + j] as number) + (b2[k] as number));
      let sum = 0;
      let sumY = 0;
      let sumYT = 0;
      for (let k = 0; k < n2; k++) {
        const t = (Z2[k * m + j] as number) + (b2[k] as number) - top;
        const e = Math.exp(t);
        const y = Y[k * ldy + j] as number;
        Z2[k * m + j] = e;
        sum += e;
        sumY += y;
        sumYT += y * t;
      }
      loss += Math.log(sum) * sumY - sumYT;
      const inverse = 1 / sum;
      for (let k = 0; k < n2; k++) Z2[k * m + j] = (Z2[k * m + j] as number) * inverse - (Y[k * ldy + j] as number);
    }
    for (let i = 0; i < n2; i++) {
      let sum = 0;
      for (let k = i * m; k < (i + 1) * m; k++) sum += Z2[k] as number;
      db2[i] = sum * invM;
    }
    return loss;
  }
  // Row by row: each output's loss and dZ2 = A2 − Y need only its own row.
  for (let i = 0; i < n2; i++) {
    const b = b2[i] as number;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const z = (Z2[k] as number) + b;
      const y = Y[i * ldy + j] as number;
      let d: number;
      if (head === 'sigmoid') {
        loss += logisticLossFromLogit(z, y);
        d = sigmoid(z) - y;
      } else {
        d = z - y;
        loss += d * d * 0.5;
      }
      Z2[k] = d;
      sum += d;
    }
    db2[i] = sum * invM;
  }
  return loss;
}

/**
 * Training has diverged when the cost is not finite, or (for the heads whose
 * cost is a log-likelihood) exceeds DIVERGED_COST_PER_OUTPUT per output unit
 * (sigmoid) or per example (softmax).
 */
export function costDiverged(cost: number, head: OutputActivation, outputs: number): boolean {
  const bound = head === 'sigmoid' ? DIVERGED_COST_PER_OUTPUT * outputs : head === 'softmax' ? DIVERGED_COST_PER_OUTPUT : Number.MAX_VALUE;
  return !(cost <= bound);
}
