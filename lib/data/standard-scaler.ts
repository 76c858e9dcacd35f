/**
 * Standardisation, as scikit-learn's StandardScaler: fitted on the training
 * set's features, then applied unchanged to every set (training, validation,
 * test, new data), so a model sees new data on the scale it learnt on.
 */
import { invalidType, invalidValue, received } from '../argument-error';
import type { Matrix } from '../matrix';
import { checkFinite, checkKnownKeys, checkMatrix, checkObject, parseJsonText } from '../validate';
import { featureStatistics } from './feature-statistics';

/** The saved form of a {@link StandardScaler}: plain JSON. */
export interface StandardScalerJSON {
  format: 'shallownet-standard-scaler';
  version: 1;
  /** Subtracted from each feature. */
  mean: number[];
  /** Each centred feature is divided by this (its standard deviation, or 1 for a constant feature). */
  scale: number[];
}

const FORMAT = 'shallownet-standard-scaler';
const VERSION = 1;
const JSON_KEYS = ['format', 'version', 'mean', 'scale'] as const;

/**
 * Maps each feature x to (x − mean) / scale, with the mean and standard
 * deviation of the training set, so every feature has mean 0 and standard
 * deviation 1 there. A feature that is constant in the training set (standard
 * deviation 0) keeps scale 1: it is centred but not divided, as scikit-learn
 * does, so transform never divides by zero.
 *
 * @example
 * const scaler = StandardScaler.fit(train.X);
 * const XTrain = scaler.transform(train.X);
 * const XTest = scaler.transform(test.X);   // the training set's mean and scale
 * const saved = JSON.stringify(scaler);      // StandardScaler.fromJSON(saved) restores it
 */
export class StandardScaler {
  readonly #mean: Float64Array;
  readonly #scale: Float64Array;

  /**
   * A scaler from known parameters (see {@link StandardScaler.fit} to compute them).
   * @param mean subtracted from each feature; finite.
   * @param scale each centred feature is divided by it; finite and > 0, one per feature.
   */
  constructor(mean: ArrayLike<number>, scale: ArrayLike<number>) {
    this.#mean = checkValues(mean, 'mean');
    this.#scale = checkValues(scale, 'scale');
    if (this.#scale.length !== this.#mean.length) {
      throw invalidValue('scale', `${this.#mean.length} values, one per feature as in mean`, received(`${this.#scale.length}`));
    }
    this.#scale.forEach((value, i) => {
      if (!(value > 0)) throw invalidValue(`scale[${i}]`, 'a number > 0', value);
    });
  }

  /**
   * Fits a scaler to training features X (features, m): each feature's mean
   * and population standard deviation (divided by m).
   * @throws TypeError / RangeError if X is not a finite matrix.
   */
  static fit(X: Matrix): StandardScaler {
    const checked = checkMatrix(X, 'X');
    checkFinite(checked, 'X');
    const { mean, std } = featureStatistics(checked);
    return new StandardScaler(mean, std.map((s) => (s === 0 ? 1 : s)));
  }

  /** Restores a scaler saved with `JSON.stringify(scaler)` (the text or the parsed object). */
  static fromJSON(json: string | StandardScalerJSON): StandardScaler {
    const document = parseJsonText(json, 'StandardScaler JSON', 'a saved StandardScaler or its JSON text');
    const given = checkObject(document, 'StandardScaler JSON');
    checkKnownKeys(given, JSON_KEYS, 'StandardScaler JSON');
    if (given.format !== FORMAT) throw invalidValue('StandardScaler JSON format', `'${FORMAT}'`, given.format);
    if (given.version !== VERSION) throw invalidValue('StandardScaler JSON version', `${VERSION}`, given.version);
    if (!Array.isArray(given.mean)) throw invalidType('StandardScaler JSON mean', 'an array of numbers', given.mean);
    if (!Array.isArray(given.scale)) throw invalidType('StandardScaler JSON scale', 'an array of numbers', given.scale);
    return new StandardScaler(given.mean as number[], given.scale as number[]);
  }

  /** Features it expects: rows of X. */
  get features(): number {
    return this.#mean.length;
  }

  /** A copy of each feature's training mean. */
  get mean(): Float64Array {
    return this.#mean.slice();
  }

  /** A copy of each feature's divisor: its training standard deviation, or 1 where that was 0. */
  get scale(): Float64Array {
    return this.#scale.slice();
  }

  /**
   * (X − mean) / scale, feature by feature, as a new matrix; X is unchanged.
   * @throws RangeError if X does not have one row per feature, or holds a value that is not finite.
   */
  transform(X: Matrix): Matrix {
    const checked = this.#checkInput(X);
    const out = new Float64Array(checked.data.length);
    this.#standardise(checked, out);
    return { rows: checked.rows, cols: checked.cols, data: out };
  }

  /**
   * {@link transform} in place: X's values are replaced by their scaled
   * values (the same bits transform gives), with no second matrix in memory.
   * @throws RangeError as transform does, before changing anything.
   */
  transformInPlace(X: Matrix): void {
    const checked = this.#checkInput(X);
    this.#standardise(checked, checked.data);
  }

  /** (X − mean) / scale into `out` (which may be X's own data). */
  #standardise(X: Matrix, out: Float64Array): void {
    const { rows, cols, data } = X;
    for (let i = 0; i < rows; i++) {
      const mean = this.#mean[i] as number;
      const scale = this.#scale[i] as number;
      for (let k = i * cols; k < (i + 1) * cols; k++) out[k] = ((data[k] as number) - mean) / scale;
    }
  }

  /** The inverse of {@link transform}: Z · scale + mean, as a new matrix. */
  inverseTransform(Z: Matrix): Matrix {
    const checked = this.#checkInput(Z, 'Z');
    const { rows, cols, data } = checked;
    const out = new Float64Array(data.length);
    for (let i = 0; i < rows; i++) {
      const mean = this.#mean[i] as number;
      const scale = this.#scale[i] as number;
      for (let k = i * cols; k < (i + 1) * cols; k++) out[k] = (data[k] as number) * scale + mean;
    }
    return { rows, cols, data: out };
  }

  /** The saved form, plain JSON: what `JSON.stringify(scaler)` writes. */
  toJSON(): StandardScalerJSON {
    return { format: FORMAT, version: VERSION, mean: Array.from(this.#mean), scale: Array.from(this.#scale) };
  }

  #checkInput(value: Matrix, name = 'X'): Matrix {
    const M = checkMatrix(value, name);
    if (M.rows !== this.#mean.length) {
      throw invalidValue(`${name}`, `(${this.#mean.length}, m): one row per feature the scaler was fitted on`, received(`(${M.rows}, ${M.cols})`));
    }
    checkFinite(M, name);
    return M;
  }
}

function checkValues(values: unknown, name: string): Float64Array {
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw invalidType(name, 'an array of numbers', values);
  }
  const list = values as ArrayLike<unknown>;
  if (list.length === 0) throw invalidValue(name, 'one number per feature', received('none'));
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number') throw invalidType(`${name}[${i}]`, 'a number', value);
    if (!Number.isFinite(value)) throw invalidValue(`${name}[${i}]`, 'a finite number', value);
    out[i] = value;
  }
  return out;
}
