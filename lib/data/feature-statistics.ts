/**
 * Per-feature statistics of X (features, m): each row is one feature's values
 * over the m examples.
 */
import type { Matrix } from '../matrix';

/** One entry per feature (row of X). */
export interface FeatureStatistics {
  mean: Float64Array;
  /** The population standard deviation (divided by m, as scikit-learn's StandardScaler does); exactly 0 for a constant feature. */
  std: Float64Array;
}

/**
 * Mean and standard deviation of each row of X, in two passes (the mean, then
 * the squared deviations from it), which stays accurate when the mean is large
 * against the spread, where the one-pass Σx² − m·mean² would cancel. A
 * feature with the same value in every example gets exactly that value as its
 * mean and exactly 0 as its deviation, not a rounding residue.
 */
export function featureStatistics(X: Matrix): FeatureStatistics {
  const { rows, cols: m, data } = X;
  const mean = new Float64Array(rows);
  const std = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const start = i * m;
    const first = data[start] as number;
    let sum = 0;
    let constant = true;
    for (let j = 0; j < m; j++) {
      const x = data[start + j] as number;
      sum += x;
      if (x !== first) constant = false;
    }
    if (constant) {
      mean[i] = first;
      continue;
    }
    const mu = sum / m;
    let squares = 0;
    for (let j = 0; j < m; j++) {
      const d = (data[start + j] as number) - mu;
      squares += d * d;
    }
    mean[i] = mu;
    std[i] = Math.sqrt(squares / m);
  }
  return { mean, std };
}
