/**
 * Scoring a model on labelled examples, with the metrics of lib/metrics.ts
 * (the numbers scikit-learn gives), in the target's own terms: class labels,
 * or values in the target's units.
 */
import { invalidValue, received } from '../argument-error';
import { toClassIndices } from '../class-indices';
import type { Matrix } from '../matrix';
import { accuracy, confusionMatrix, logLoss, meanSquaredError, precisionRecallF1, r2Score } from '../metrics';
import { checkMatrix } from '../validate';
import type { Model } from './model';

/** One class's scores. */
export interface ClassScores {
  label: string;
  /** Of the examples predicted this class, the share that are. */
  precision: number;
  /** Of the examples of this class, the share predicted so. */
  recall: number;
  f1: number;
  /** Examples of this class. */
  support: number;
}

/** A classifier's scores. */
export interface ClassificationEvaluation {
  task: 'binary' | 'multiclass';
  examples: number;
  accuracy: number;
  /** The cross-entropy of the predicted probabilities (what training minimised, without the L2 term). */
  logLoss: number;
  classes: string[];
  /** Entry [i][c]: examples of class i predicted as class c (rows true, columns predicted). */
  confusionMatrix: number[][];
  perClass: ClassScores[];
}

/** A regressor's scores, in the target's units. */
export interface RegressionEvaluation {
  task: 'regression';
  examples: number;
  /** Mean squared error. */
  mse: number;
  /** Its square root, in the target's units. */
  rmse: number;
  /** Mean absolute error. */
  mae: number;
  /** 1 − residual / total sum of squares: 1 is perfect, 0 as good as predicting the mean (NaN for one example). */
  r2: number;
}

export type ModelEvaluation = ClassificationEvaluation | RegressionEvaluation;

/** See {@link Model.evaluate}. */
export function evaluateModel(model: Model, X: Matrix, Y: Matrix): ModelEvaluation {
  const x = checkMatrix(X, 'X');
  const y = checkMatrix(Y, 'Y');
  const outputs = model.outputs(x);
  if (y.rows !== outputs.rows || y.cols !== outputs.cols) {
    throw invalidValue('Y', `(${outputs.rows}, ${outputs.cols}): the model's target for each example of X`, received(`(${y.rows}, ${y.cols})`));
  }
  const m = x.cols;
  const classes = model.classes;
  if (model.task === 'regression' || classes === undefined) {
    const mse = meanSquaredError(y, outputs);
    let absolute = 0;
    for (let j = 0; j < m; j++) absolute += Math.abs((y.data[j] as number) - (outputs.data[j] as number));
    return { task: 'regression', examples: m, mse, rmse: Math.sqrt(mse), mae: absolute / m, r2: r2Score(y, outputs) };
  }
  const truth = toClassIndices(y);
  const predicted = toClassIndices(outputs);
  const k = classes.length;
  const scores = precisionRecallF1(truth, predicted, { classCount: k });
  return {
    task: model.task,
    examples: m,
    accuracy: accuracy(truth, predicted),
    logLoss: logLoss(y, outputs),
    classes,
    confusionMatrix: confusionMatrix(truth, predicted, { classCount: k }),
    perClass: classes.map((label, c) => ({
      label,
      precision: scores.precision[c] as number,
      recall: scores.recall[c] as number,
      f1: scores.f1[c] as number,
      support: scores.support[c] as number,
    })),
  };
}
