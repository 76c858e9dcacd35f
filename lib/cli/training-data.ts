/**
 * The rows of a training file made ready for the network: a validation part
 * held out (stratified for classes, so a rare class is not left out of it),
 * then the scaler fitted on the training part alone — fitting it on all rows
 * would let the validation figures see the validation data — and applied to both.
 *
 * Memory matters for a large file, so the features are copied once: each
 * part is gathered straight from the file's matrix into a SharedArrayBuffer
 * (which fitAsync trains on in place rather than copying again) and
 * standardised there.
 */
import { invalidValue } from '../argument-error';
import { StandardScaler } from '../data/standard-scaler';
import { selectColumns } from '../data/select-columns';
import { splitIndices } from '../data/split';
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
 * Splits and scales `data`, leaving it unchanged. The caller should drop its
 * own reference to `data` afterwards: for a large file it is the largest thing in memory.
 */
export function prepareTrainingData(data: LabelledData, options: PrepareOptions): PreparedData {
  const m = data.X.cols;
  let trainRows: Int32Array | undefined;
  let validationRows: Int32Array | undefined;
  if (options.validation > 0) {
    // splitIndices refuses this too, but in the library's terms (testFraction): the user typed --validation.
    const held = Math.ceil(options.validation * m);
    if (held >= m) {
      throw invalidValue('--validation', 'small enough to leave rows to train on', options.validation, `it would hold out ${held} of the ${m} rows; use --validation 0 for none`);
    }
    // Which rows go where is decided on the targets alone: the features are gathered once, below.
    const split = splitIndices(data.Y, { testFraction: options.validation, seed: options.seed, stratify: options.task !== 'regression' });
    trainRows = split.trainIndices;
    validationRows = split.testIndices;
  }
  const train = { X: sharedColumns(data.X, trainRows), Y: sharedColumns(data.Y, trainRows) };
  const validation = validationRows && { X: sharedColumns(data.X, validationRows), Y: sharedColumns(data.Y, validationRows) };
  if (!options.scale) {
    return { train, validation, scaler: undefined, targetScaler: undefined, unscaledFeatures: featuresFarFromUnitScale(train.X, options.featureNames) };
  }
  const scaler = StandardScaler.fit(train.X);
  const targetScaler = options.task === 'regression' ? StandardScaler.fit(train.Y) : undefined;
  for (const part of validation === undefined ? [train] : [train, validation]) {
    // The very arithmetic of StandardScaler.transform, so the model later scales new rows to the same bits.
    scaler.transformInPlace(part.X);
    if (targetScaler !== undefined) targetScaler.transformInPlace(part.Y);
  }
  return { train, validation, scaler, targetScaler, unscaledFeatures: [] };
}

/** The given columns of M (all of them when `columns` is undefined), in order, copied into a SharedArrayBuffer. */
function sharedColumns(M: Matrix, columns: Int32Array | undefined): Matrix {
  const count = columns?.length ?? M.cols;
  const data = new Float64Array(new SharedArrayBuffer(8 * M.rows * count));
  if (columns === undefined) {
    data.set(M.data);
    return { rows: M.rows, cols: count, data };
  }
  return selectColumns(M, columns, data);
}
