// Metrics against values worked by hand (each checked with scikit-learn 1.9.1
// while writing this test; the test does not need Python).
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  confusionMatrix,
  fromExamples,
  fromLabels,
  logLoss,
  matrix,
  meanSquaredError,
  precisionRecallF1,
  r2Score,
  toClassIndices,
} from 'shallownet';

// Confusion (rows true, columns predicted): class 0 right twice; class 1 once
// right, once called 2, once called 0; class 2 twice right, once called 1; class 3 absent.
const yTrue = Int32Array.from([0, 1, 2, 2, 1, 0, 2, 1]);
const yPred = Int32Array.from([0, 2, 2, 2, 1, 0, 1, 0]);

describe('classification metrics', () => {
  it('accuracy is the share of matches', () => {
    expect(accuracy(yTrue, yPred)).toBe(5 / 8);
    expect(accuracy([1, 1], [1, 1])).toBe(1);
  });

  it('the confusion matrix has true classes as rows and predictions as columns', () => {
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [1, 1, 1],
      [0, 1, 2],
    ]);
    expect(confusionMatrix(yTrue, yPred, { classCount: 4 })).toEqual([
      [2, 0, 0, 0],
      [1, 1, 1, 0],
      [0, 1, 2, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('precision, recall and F1 per class, 0 where a score is 0/0', () => {
    const scores = precisionRecallF1(yTrue, yPred, { classCount: 4 });
    expect(scores.precision).toEqual([2 / 3, 1 / 2, 2 / 3, 0]);
    expect(scores.recall).toEqual([1, 1 / 3, 2 / 3, 0]);
    // 2tp / (2tp + fp + fn): 4/5, 2/5, 4/6.
    expect(scores.f1).toEqual([0.8, 0.4, 4 / 6, 0]);
    expect(scores.support).toEqual([2, 3, 3, 0]);
  });

  it('zeroDivision sets the 0/0 scores only: a class predicted but absent has precision 0 and F1 0', () => {
    const marked = precisionRecallF1(yTrue, yPred, { classCount: 4, zeroDivision: NaN });
    expect(marked.precision[3]).toBeNaN();
    expect(marked.recall[3]).toBeNaN();
    expect(marked.f1[3]).toBeNaN();
    expect(marked.precision.slice(0, 3)).toEqual([2 / 3, 1 / 2, 2 / 3]);
    // Class 2 predicted once, wrongly, and never present.
    const absent = precisionRecallF1([0, 0, 1], [0, 2, 1], { zeroDivision: 1 });
    expect(absent.precision).toEqual([1, 1, 0]);
    expect(absent.recall).toEqual([0.5, 1, 1]);
    expect(absent.f1).toEqual([2 / 3, 1, 0]);
  });

  it('refuses indices that are not class indices, or of different lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(new RangeError('yPred must be 2 class indices, one per example as in yTrue, got 1'));
    expect(() => accuracy([0, 1.5], [0, 1])).toThrow(new RangeError('yTrue[1] must be a class index (an integer >= 0), got 1.5'));
    expect(() => accuracy(matrix(1, 2, [0, 1]) as never, [0, 1])).toThrow(/use toClassIndices\(Y\)/);
    expect(() => accuracy([], [])).toThrow(RangeError);
    expect(() => confusionMatrix([0, 3], [0, 1], { classCount: 3 })).toThrow(/classCount must be more than the largest class index, 3/);
  });
});

describe('toClassIndices', () => {
  it('thresholds one row at 0.5 and takes the argmax of several (the first on a tie)', () => {
    expect(Array.from(toClassIndices(fromLabels([0.2, 0.5, 0.9, 0])))).toEqual([0, 1, 1, 0]);
    const P = fromLabels([
      [0.2, 0.5, 0.3],
      [0.4, 0.4, 0.2],
      [0.1, 0.1, 0.8],
    ]);
    expect(Array.from(toClassIndices(P))).toEqual([1, 0, 2]);
    expect(() => toClassIndices(fromLabels([0.2, NaN]))).toThrow(new RangeError('Y[0][1] must be a number, got NaN'));
  });
});

describe('log loss', () => {
  it('binary: the mean cross-entropy of one row of probabilities', () => {
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.99)) / 4;
    expect(expected).toBeCloseTo(0.21234500664788206, 15);
    expect(logLoss(fromLabels([1, 0, 1, 1]), fromLabels([0.9, 0.2, 0.6, 0.99]))).toBeCloseTo(expected, 15);
  });

  it('multi-class: −log of the probability of the true class, averaged', () => {
    // Examples are columns: Y one-hot (3, 4), P (3, 4) with columns summing to 1.
    const Y = fromLabels([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    const P = fromLabels([
      [0.7, 0.2, 0.1],
      [0.1, 0.8, 0.1],
      [0.2, 0.3, 0.5],
      [0.25, 0.25, 0.5],
    ]);
    const expected = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.5) + Math.log(0.25)) / 4;
    expect(logLoss(Y, P)).toBeCloseTo(expected, 15);
    expect(logLoss(Y, P)).toBeCloseTo(0.6648150092331946, 15);
  });

  it('clips probabilities so a certain mistake costs −log ε, not Infinity', () => {
    expect(logLoss(fromLabels([1, 0]), fromLabels([0, 0]))).toBeCloseTo(-Math.log(Number.EPSILON) / 2, 12);
    expect(logLoss(fromLabels([1, 0]), fromLabels([0, 0]))).toBeCloseTo(18.021826694558577, 12);
    expect(logLoss(fromLabels([1]), fromLabels([0]), { epsilon: 1e-3 })).toBeCloseTo(-Math.log(1e-3), 15);
  });

  it('refuses mismatched shapes and values outside [0, 1]', () => {
    expect(() => logLoss(fromLabels([1, 0]), fromLabels([0.5]))).toThrow(new RangeError('P must be (1, 2), shaped like Y, got (1, 1)'));
    expect(() => logLoss(fromLabels([1, 0]), fromLabels([0.5, 1.5]))).toThrow(new RangeError('P must be in [0, 1] everywhere (probabilities), got P[0][1] = 1.5'));
    expect(() => logLoss(fromLabels([1]), fromLabels([0.5]), { epsilon: 0 })).toThrow(new RangeError('epsilon must be a number in (0, 0.5), got 0'));
    expect(() => logLoss(fromLabels([1]), fromLabels([0.5]), { epsilon: 0.5 })).toThrow(new RangeError('epsilon must be a number in (0, 0.5), got 0.5'));
  });
});

describe('regression metrics', () => {
  it('MSE and R² of one output', () => {
    const Y = fromLabels([3, -0.5, 2, 7]);
    const Yhat = fromLabels([2.5, 0, 2, 8]);
    // Residuals 0.5, −0.5, 0, −1: squares sum to 1.5. Mean 2.875; Σ(y − ȳ)² = 29.1875.
    expect(meanSquaredError(Y, Yhat)).toBe(1.5 / 4);
    expect(r2Score(Y, Yhat)).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(r2Score(Y, Yhat)).toBeCloseTo(0.9486081370449679, 15);
  });

  it('several outputs: MSE over every entry, R² averaged over the outputs', () => {
    const Y = fromExamples([
      [0.5, 1],
      [-1, 1],
      [7, -6],
    ]);
    const Yhat = fromExamples([
      [0, 2],
      [-1, 2],
      [8, -5],
    ]);
    expect(meanSquaredError(Y, Yhat)).toBeCloseTo(0.7083333333333334, 15);
    expect(r2Score(Y, Yhat)).toBeCloseTo(0.9368005266622779, 15);
  });

  it('R² of a constant target is 1 when predicted exactly, else 0; NaN for one example', () => {
    expect(r2Score(fromLabels([2, 2, 2]), fromLabels([2, 2, 2]))).toBe(1);
    expect(r2Score(fromLabels([2, 2, 2]), fromLabels([2, 2, 3]))).toBe(0);
    expect(r2Score(fromLabels([2]), fromLabels([2]))).toBeNaN();
    expect(r2Score(fromLabels([1, 2, 3]), fromLabels([3, 2, 1]))).toBe(1 - 8 / 2);
  });

  it('refuses values that are not finite', () => {
    expect(() => meanSquaredError(fromLabels([1, 2]), fromLabels([1, NaN]))).toThrow(new RangeError('Yhat must be finite everywhere (no NaN or ±Infinity), got Yhat[0][1] = NaN'));
  });
});
