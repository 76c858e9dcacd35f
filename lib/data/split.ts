/**
 * A seeded train/test split of the examples (columns), as scikit-learn's
 * train_test_split, optionally stratified so that each class keeps its share
 * in both parts.
 */
import { randomInt } from 'node:crypto';
import { invalidType, invalidValue, received } from '../argument-error';
import { labelClassIndices } from '../class-indices';
import { MAX_SEED } from '../limits';
import type { Matrix } from '../matrix';
import { Random } from '../random';
import { checkSeed } from '../options';
import { checkKnownKeys, checkMatrix, checkNumberIn, checkObject } from '../validate';
import { selectColumns } from './select-columns';

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** The share of examples held out for testing, 0 < f < 1. Default 0.25, as scikit-learn's. */
  testFraction?: number;
  /** Seed of the shuffle: the same seed and data give the same split. Default: random (returned as `seed`). */
  seed?: number;
  /** Keep each class's share in both parts (Y must be 0/1 in one row, or one-hot). Default false. */
  stratify?: boolean;
}

/** The two parts; each is a new matrix, the inputs are unchanged. */
export interface TrainTestSplit {
  XTrain: Matrix;
  YTrain: Matrix;
  XTest: Matrix;
  YTest: Matrix;
  /** The original column of each training example, ascending. */
  trainIndices: Int32Array;
  /** The original column of each test example, ascending. */
  testIndices: Int32Array;
  /** The seed used: pass it back to get the same split. */
  seed: number;
}

const SPLIT_OPTIONS = ['testFraction', 'seed', 'stratify'] as const;

/**
 * Splits the m examples of X (features, m) and Y (outputs, m) into a training
 * and a test part. The test part has ceil(testFraction · m) examples, as in
 * scikit-learn; both parts must end up non-empty. Each part keeps the
 * examples' original order (the choice of which examples go where is random).
 *
 * Stratified, every class is split on its own: of the test examples, each
 * class gets its share of ceil(testFraction · m) rounded down, and the few
 * left over go to the classes with the largest remainders (ties to the lower
 * class index), so the class proportions match as closely as whole examples allow.
 *
 * @example
 * const { XTrain, YTrain, XTest, YTest } = trainTestSplit(X, Y, { testFraction: 0.2, seed: 1, stratify: true });
 */
export function trainTestSplit(X: Matrix, Y: Matrix, options: SplitOptions = {}): TrainTestSplit {
  const checkedX = checkMatrix(X, 'X');
  const checkedY = checkMatrix(Y, 'Y');
  if (checkedY.cols !== checkedX.cols) throw invalidValue('Y', `${checkedX.cols} columns, one per example as in X`, received(`${checkedY.cols}`));
  const { trainIndices, testIndices, seed } = splitIndices(checkedY, options);
  return {
    XTrain: selectColumns(checkedX, trainIndices),
    YTrain: selectColumns(checkedY, trainIndices),
    XTest: selectColumns(checkedX, testIndices),
    YTest: selectColumns(checkedY, testIndices),
    trainIndices,
    testIndices,
    seed,
  };
}

/** Which examples {@link trainTestSplit} puts in each part. */
export interface SplitIndices {
  /** The original column of each training example, ascending. */
  trainIndices: Int32Array;
  /** The original column of each test example, ascending. */
  testIndices: Int32Array;
  /** The seed used: pass it back to get the same split. */
  seed: number;
}

/**
 * The split of {@link trainTestSplit} as indices only, decided on the targets
 * Y (outputs, m) alone: for a caller that gathers the parts itself and should
 * not pay for copies it would throw away.
 */
export function splitIndices(Y: Matrix, options: SplitOptions = {}): SplitIndices {
  const checkedY = checkMatrix(Y, 'Y');
  const m = checkedY.cols;
  const given = checkObject(options, 'trainTestSplit options');
  checkKnownKeys(given, SPLIT_OPTIONS, 'trainTestSplit options');
  const testFraction = checkNumberIn(given.testFraction ?? 0.25, 'testFraction', 0, 1, { lowOpen: true, highOpen: true });
  const seed = given.seed === undefined ? randomInt(MAX_SEED + 1) : checkSeed(given.seed, 'seed');
  const stratify = given.stratify ?? false;
  if (typeof stratify !== 'boolean') throw invalidType('stratify', 'a boolean', stratify);

  const testCount = Math.ceil(testFraction * m);
  if (testCount >= m) {
    throw invalidValue('testFraction', `small enough to leave a training example of m = ${m}`, testFraction, `ceil(${testFraction} · ${m}) = ${testCount} would all be test examples`);
  }
  const random = new Random(seed);
  const inTest = new Uint8Array(m);
  if (stratify) {
    const classes = labelClassIndices(checkedY, 'Y');
    const members = membersByClass(classes, checkedY.rows === 1 ? 2 : checkedY.rows);
    const quotas = apportion(members.map((list) => list.length), testCount);
    members.forEach((list, c) => markRandom(list, quotas[c] as number, inTest, random));
  } else {
    markRandom(Int32Array.from({ length: m }, (_, j) => j), testCount, inTest, random);
  }

  const testIndices = new Int32Array(testCount);
  const trainIndices = new Int32Array(m - testCount);
  for (let j = 0, t = 0, r = 0; j < m; j++) {
    if (inTest[j]) testIndices[t++] = j;
    else trainIndices[r++] = j;
  }
  return { trainIndices, testIndices, seed };
}

/** The examples of each class, in order. */
function membersByClass(classes: Int32Array, classCount: number): Int32Array[] {
  const counts = new Int32Array(classCount);
  for (const c of classes) counts[c]++;
  const members = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(classCount);
  classes.forEach((c, j) => ((members[c] as Int32Array)[filled[c]++] = j));
  return members;
}

/**
 * Splits `total` among groups in proportion to their sizes (largest remainder):
 * each gets floor(total · size / Σ size), then the rest go one each to the
 * largest fractional parts, ties to the earlier group. No group gets more than its size.
 */
export function apportion(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((size) => (total * size) / sum);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((value, c) => ({ c, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  for (const { c } of order) {
    if (left === 0) break;
    quotas[c]++;
    left--;
  }
  return quotas;
}

/** Marks `count` of `candidates`, chosen uniformly at random (a partial Fisher–Yates shuffle). */
function markRandom(candidates: Int32Array, count: number, marks: Uint8Array, random: Random): void {
  const pool = Int32Array.from(candidates);
  for (let k = 0; k < count; k++) {
    const pick = k + Math.floor(random.uniform() * (pool.length - k));
    const chosen = pool[pick] as number;
    pool[pick] = pool[k] as number;
    pool[k] = chosen;
    marks[chosen] = 1;
  }
}
