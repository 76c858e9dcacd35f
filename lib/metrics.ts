/**
 * Scores of a model's predictions, as scikit-learn's sklearn.metrics computes
 * them, so numbers can be compared across the two.
 *
 * Two kinds of input, each for what it measures:
 * - classification scores (accuracy, confusion matrix, precision/recall/F1)
 *   take class indices, one per example — what `net.predictClasses(X)`
 *   returns, or {@link toClassIndices}(Y) of a label matrix;
 * - scores of probabilities and of regression (log loss, MSE, R²) take
 *   matrices shaped like Y: the true Y and the network's output.
 */
import { invalidType, invalidValue, received } from './argument-error';
import { MAX_METRIC_CLASSES } from './limits';
import type { Matrix } from './matrix';
import { checkInteger, checkKnownKeys, checkMatrix, checkNumberIn, checkObject, checkValues } from './validate';

/** Class indices, one per example: an Int32Array, or any array of integers ≥ 0. */
export type ClassIndices = Int32Array | ArrayLike<number>;

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Number of classes k; default: 1 + the largest index in either input. Give it so a class absent from both still has its row and column. */
  classCount?: number;
}

/** Options of {@link precisionRecallF1}. */
export interface PrecisionRecallOptions {
  /** Number of classes k; default: 1 + the largest index in either input. */
  classCount?: number;
  /**
   * The score where it would be 0/0: precision of a class never predicted,
   * recall of a class that never occurs, F1 of a class neither predicted nor
   * present. Default 0, the value scikit-learn returns by default
   * (`zero_division="warn"`); NaN marks those classes instead.
   */
  zeroDivision?: 0 | 1 | number;
}

/** Per-class scores: entry c is class c. */
export interface PrecisionRecallF1 {
  /** tp / (tp + fp): of the examples predicted c, the share that are c. */
  precision: number[];
  /** tp / (tp + fn): of the examples that are c, the share predicted c. */
  recall: number[];
  /** 2·tp / (2·tp + fp + fn): the harmonic mean of precision and recall. */
  f1: number[];
  /** Examples that are c. */
  support: number[];
}

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /** Probabilities are clipped to [ε, 1 − ε] so a confident mistake costs −log ε, not Infinity. Default Number.EPSILON (2.2e-16), as scikit-learn for float64. */
  epsilon?: number;
}

/**
 * The share of examples whose predicted class is the true one, in [0, 1].
 * @example accuracy([0, 1, 1, 2], [0, 1, 2, 2]) // 0.75
 */
export function accuracy(yTrue: ClassIndices, yPred: ClassIndices): number {
  const [t, p] = checkPair(yTrue, yPred);
  let correct = 0;
  for (let j = 0; j < t.length; j++) if (t[j] === p[j]) correct++;
  return correct / t.length;
}

/**
 * The k × k confusion matrix: entry [i][c] counts the examples of true class i
 * predicted as class c (rows true, columns predicted, as scikit-learn).
 */
export function confusionMatrix(yTrue: ClassIndices, yPred: ClassIndices, options: ConfusionMatrixOptions = {}): number[][] {
  const [t, p] = checkPair(yTrue, yPred);
  const k = checkClassCount(options, 'confusionMatrix options', ['classCount'], t, p);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < t.length; j++) (counts[t[j] as number] as number[])[p[j] as number]++;
  return counts;
}

/**
 * Precision, recall, F1 and support of each class, from the confusion matrix.
 * A score that would be 0/0 is `zeroDivision` (default 0, as scikit-learn):
 * precision of a class never predicted, recall of a class never present. F1
 * is computed as 2·tp / (2·tp + fp + fn), which is 0 whenever a class is
 * predicted or present but never right, and `zeroDivision` only for a class
 * neither predicted nor present.
 */
export function precisionRecallF1(yTrue: ClassIndices, yPred: ClassIndices, options: PrecisionRecallOptions = {}): PrecisionRecallF1 {
  const [t, p] = checkPair(yTrue, yPred);
  const k = checkClassCount(options, 'precisionRecallF1 options', ['classCount', 'zeroDivision'], t, p);
  const zeroDivision = options.zeroDivision ?? 0;
  if (typeof zeroDivision !== 'number') throw invalidType('zeroDivision', 'a number (0, 1 or NaN)', zeroDivision);
  const counts = confusionMatrix(t, p, { classCount: k });
  const divide = (a: number, b: number) => (b === 0 ? zeroDivision : a / b);
  const result: PrecisionRecallF1 = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < k; c++) {
    const tp = (counts[c] as number[])[c] as number;
    const support = (counts[c] as number[]).reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((sum, row) => sum + (row[c] as number), 0);
    const fp = predicted - tp;
    const fn = support - tp;
    result.precision.push(divide(tp, predicted));
    result.recall.push(divide(tp, support));
    result.f1.push(divide(2 * tp, 2 * tp + fp + fn));
    result.support.push(support);
  }
  return result;
}

/**
 * The cross-entropy of probabilities P against labels Y, averaged over the m
 * examples (columns):
 * - one row (binary): −(1/m) Σ [y·log p + (1 − y)·log(1 − p)];
 * - k rows (one per class): −(1/m) Σ_j Σ_c y_cj·log p_cj; the columns of P
 *   should sum to 1 (softmax outputs) and are not renormalised.
 * Each p is clipped to [ε, 1 − ε] first. The same number as the network's
 * logistic or softmax cost, and as scikit-learn's log_loss.
 */
export function logLoss(Y: Matrix, P: Matrix, options: LogLossOptions = {}): number {
  const [y, p] = checkSameShape(Y, P, 'Y', 'P');
  checkObject(options, 'logLoss options');
  checkKnownKeys(options as Record<string, unknown>, ['epsilon'], 'logLoss options');
  const epsilon = checkNumberIn(options.epsilon ?? Number.EPSILON, 'epsilon', 0, 0.5, { lowOpen: true, highOpen: true });
  checkValues(y, 'Y', 'probability');
  checkValues(p, 'P', 'probability');
  const clip = (value: number) => Math.min(Math.max(value, epsilon), 1 - epsilon);
  let total = 0;
  for (let k = 0; k < y.data.length; k++) {
    const target = y.data[k] as number;
    const probability = clip(p.data[k] as number);
    // A 0 target adds nothing (0 · log p), even where p is clipped.
    if (target !== 0) total -= target * Math.log(probability);
    if (y.rows === 1 && target !== 1) total -= (1 - target) * Math.log(1 - probability);
  }
  return total / y.cols;
}

/** The mean of (y − ŷ)² over every entry of Y (all outputs of all examples). */
export function meanSquaredError(Y: Matrix, Yhat: Matrix): number {
  const [y, yhat] = checkSameShape(Y, Yhat, 'Y', 'Yhat');
  checkValues(y, 'Y', 'finite');
  checkValues(yhat, 'Yhat', 'finite');
  let total = 0;
  for (let k = 0; k < y.data.length; k++) {
    const d = (y.data[k] as number) - (yhat.data[k] as number);
    total += d * d;
  }
  return total / y.data.length;
}

/**
 * The coefficient of determination, 1 − Σ(y − ŷ)² / Σ(y − ȳ)², for each
 * output (row) and averaged over the outputs, as scikit-learn's r2_score: 1 is
 * a perfect fit, 0 no better than always predicting the mean, and it is
 * negative for worse. An output whose true values are all equal has R² 1 if
 * it is predicted exactly and 0 otherwise (scikit-learn's force_finite).
 * NaN for fewer than two examples, where R² is not defined.
 */
export function r2Score(Y: Matrix, Yhat: Matrix): number {
  const [y, yhat] = checkSameShape(Y, Yhat, 'Y', 'Yhat');
  checkValues(y, 'Y', 'finite');
  checkValues(yhat, 'Yhat', 'finite');
  const m = y.cols;
  if (m < 2) return NaN;
  let sum = 0;
  for (let i = 0; i < y.rows; i++) {
    let mean = 0;
    for (let j = 0; j < m; j++) mean += y.data[i * m + j] as number;
    mean /= m;
    let residual = 0;
    let spread = 0;
    for (let j = 0; j < m; j++) {
      const value = y.data[i * m + j] as number;
      residual += (value - (yhat.data[i * m + j] as number)) ** 2;
      spread += (value - mean) ** 2;
    }
    sum += spread === 0 ? (residual === 0 ? 1 : 0) : 1 - residual / spread;
  }
  return sum / y.rows;
}

// ---------------------------------------------------------------------------
// Argument checks

function checkIndices(value: unknown, name: string): ArrayLike<number> {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw invalidType(name, 'class indices (an Int32Array or an array of integers)', value, 'for a label matrix, use toClassIndices(Y)');
  }
  const list = value as ArrayLike<unknown>;
  if (list.length === 0) throw invalidValue(name, 'at least one class index', received('none'));
  for (let j = 0; j < list.length; j++) {
    const index = list[j];
    if (typeof index !== 'number') throw invalidType(`${name}[${j}]`, 'a class index (an integer >= 0)', index);
    if (!Number.isInteger(index) || index < 0) throw invalidValue(`${name}[${j}]`, 'a class index (an integer >= 0)', index);
  }
  return list as ArrayLike<number>;
}

function checkPair(yTrue: unknown, yPred: unknown): [ArrayLike<number>, ArrayLike<number>] {
  const t = checkIndices(yTrue, 'yTrue');
  const p = checkIndices(yPred, 'yPred');
  if (p.length !== t.length) throw invalidValue('yPred', `${t.length} class indices, one per example as in yTrue`, received(`${p.length}`));
  return [t, p];
}

function checkClassCount(options: unknown, name: string, known: readonly string[], t: ArrayLike<number>, p: ArrayLike<number>): number {
  const given = checkObject(options, name);
  checkKnownKeys(given, known, name);
  let largest = 0;
  for (let j = 0; j < t.length; j++) largest = Math.max(largest, t[j] as number, p[j] as number);
  if (given.classCount === undefined) return largest + 1;
  const classCount = checkInteger(given.classCount, 'classCount', 1, MAX_METRIC_CLASSES);
  if (largest >= classCount) throw invalidValue('classCount', `more than the largest class index, ${largest}`, classCount);
  return classCount;
}

function checkSameShape(A: unknown, B: unknown, nameA: string, nameB: string): [Matrix, Matrix] {
  const a = checkMatrix(A, nameA);
  const b = checkMatrix(B, nameB);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw invalidValue(nameB, `(${a.rows}, ${a.cols}), shaped like ${nameA}`, received(`(${b.rows}, ${b.cols})`));
  }
  return [a, b];
}
