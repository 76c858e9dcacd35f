import type { Matrix } from './matrix';
import { invalidValue, received } from './argument-error';
import { checkMatrix, checkValues } from './validate';

/**
 * The lecture's cost: J = (1/m) Σ_i L(ŷ(i), y(i)) with the logistic loss
 * L(ŷ, y) = −(y·log ŷ + (1 − y)·log(1 − ŷ)), summed over the outputs of each
 * example and averaged over the m examples (columns).
 *
 * `A2` holds probabilities, which can round to exactly 0 or 1 when the
 * network is very sure; log(0) would make J infinite, so ŷ and 1 − ŷ are
 * clipped below at the smallest positive double (5e-324) — a clip that changes
 * nothing else. (`net.cost()` and `fit()` do better: they compute J from the
 * logits Z2, which is exact even there.)
 *
 * @param A2 predictions ŷ, (outputSize, m), values in [0, 1]
 * @param Y targets, the same shape, values in [0, 1]
 */
export function computeCost(A2: Matrix, Y: Matrix): number {
  // Snapshots: each field read once, so a getter cannot change what was checked.
  const a2 = checkMatrix(A2, 'A2');
  const y2 = checkMatrix(Y, 'Y');
  if (a2.rows !== y2.rows || a2.cols !== y2.cols) {
    throw invalidValue('Y', `the shape of A2, (${a2.rows}, ${a2.cols})`, received(`(${y2.rows}, ${y2.cols})`));
  }
  checkValues(a2, 'A2', 'probability');
  checkValues(y2, 'Y', 'probability');
  let loss = 0;
  for (let k = 0; k < a2.data.length; k++) {
    const yHat = a2.data[k] as number;
    const y = y2.data[k] as number;
    loss -= y * Math.log(Math.max(yHat, Number.MIN_VALUE)) + (1 - y) * Math.log(Math.max(1 - yHat, Number.MIN_VALUE));
  }
  return loss / a2.cols;
}
