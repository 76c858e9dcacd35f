/**
 * The rows of a training file made ready for the network: a validation part
 * held out (stratified for classes, so a rare class is not left out of it),
 * then the scaler fitted on the training part alone — fitting it on all rows
 * would let the validation figures see the validation data — and applied to both.
 */
import { invalidValue } from '../argument-error';
import { StandardScaler } from '../data/standard-scaler';
import { trainTestSplit } from '../data/split';
import type { Task } from '../data/task';
import { featuresFarFromUnitScale, type FeatureScale } from '../data/unit-scale';
import type { Matrix } from '../matrix';

export interface LabelledData {
  X: Matrix;
  Y: Matrix;
}

export interface PreparedData {
  train: LabelledData;
  validation: LabelledData | undefined;
  scaler: StandardScaler | undefined;
  /** Regression with scaling: the target standardised too, so the default learning rate suits targets of any size (house prices). */
  targetScaler: StandardScaler | undefined;
  /** Without scaling: the features far from unit scale (the command warns about them). */
  unscaledFeatures: FeatureScale[];
}

export interface PrepareOptions {
  task: Task;
  featureNames: readonly string[];
  /** Share held out for validation, 0 for none. */
  validation: number;
  seed: number;
  scale: boolean;
}

/**
 * Splits and scales `data`. The caller should drop its own reference to
 * `data` afterwards: for a large file, the unscaled copy is the largest thing in memory.
 */
export function prepareTrainingData(data: LabelledData, options: PrepareOptions): PreparedData {
  const m = data.X.cols;
  let train = data;
  let validation: LabelledData | undefined;
  if (options.validation > 0) {
    const held = Math.ceil(options.validation * m);
    if (held >= m) {
      throw invalidValue('--validation', `small enough to leave rows to train on`, options.validation, `it would hold out ${held} of the ${m} rows; use --validation 0 for none`);
    }
    const split = trainTestSplit(data.X, data.Y, {
      testFraction: options.validation,
      seed: options.seed,
      stratify: options.task !== 'regression',
    });
    train = { X: split.XTrain, Y: split.YTrain };
    validation = { X: split.XTest, Y: split.YTest };
  }
  if (!options.scale) {
    return { train, validation, scaler: undefined, targetScaler: undefined, unscaledFeatures: featuresFarFromUnitScale(train.X, options.featureNames) };
  }
  const scaler = StandardScaler.fit(train.X);
  const targetScaler = options.task === 'regression' ? StandardScaler.fit(train.Y) : undefined;
  const scaled = (part: LabelledData): LabelledData => ({
    X: scaler.transform(part.X),
    Y: targetScaler === undefined ? part.Y : targetScaler.transform(part.Y),
  });
  return { train: scaled(train), validation: validation && scaled(validation), scaler, targetScaler, unscaledFeatures: [] };
}
