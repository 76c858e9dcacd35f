/**
 * Reading the options of the constructor and of fit/fitAsync/partialFit:
 * defaults, checks, and unknown names refused (a misspelt option would
 * otherwise be silently ignored).
 */
import {
  OPTIMIZERS,
  type Activation,
  type EngineFitOptions,
  type Optimizer,
  type OutputActivation,
  type ProgressCallback,
  type Sizes,
} from './engine';
import { invalidType, invalidValue, received } from './argument-error';
import { checkBackend } from './backend';
import { INITIALIZATIONS, type Initialization } from './initialization';
import { BYTES_PER_RECORD, checkMemory, fitRecords, MAX_DIMENSION, MAX_SEED } from './limits';
import type { Matrix } from './matrix';
import type { Backend, Progress } from './types';
import {
  checkActivation,
  checkChoice,
  checkInteger,
  checkKnownKeys,
  checkNonNegativeNumber,
  checkNumberIn,
  checkObject,
  checkOutputActivation,
  checkPositiveNumber,
} from './validate';

const DEFAULT_PROGRESS_EVERY = 100;
/** scikit-learn's n_iter_no_change. */
const DEFAULT_PATIENCE = 10;
export const CONSTRUCTOR_OPTIONS = [
  'inputSize',
  'hiddenSize',
  'outputSize',
  'hiddenActivation',
  'outputActivation',
  'initialization',
  'seed',
  'backend',
] as const;
/** What the three training methods share: the update and how batches are drawn. */
const UPDATE_OPTIONS = [
  'learningRate',
  'learningRateDecay',
  'optimizer',
  'beta',
  'beta1',
  'beta2',
  'epsilon',
  'l2',
  'batchSize',
  'shuffle',
  'seed',
  'onProgress',
] as const;
export const FIT_OPTIONS = [
  ...UPDATE_OPTIONS,
  'iterations',
  'epochs',
  'progressEvery',
  'tolerance',
  'validationData',
  'validationSplit',
  'earlyStopping',
] as const;
export const FIT_ASYNC_OPTIONS = [...FIT_OPTIONS, 'signal'] as const;
export const PARTIAL_FIT_OPTIONS = [...UPDATE_OPTIONS, 'epochs'] as const;
export const EARLY_STOPPING_OPTIONS = ['patience', 'minDelta', 'restoreBest'] as const;

/** An option's value, or its default when it is absent (undefined; null is a value, and is checked). */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

export interface ConstructorOptions {
  sizes: Sizes;
  hidden: Activation;
  output: OutputActivation;
  initialization: Initialization;
  /** undefined: draw one at random. */
  seed: number | undefined;
  backend: Backend | 'auto';
}

export function readConstructorOptions(options: unknown): ConstructorOptions {
  const given = checkObject(options, 'ShallowNet options');
  checkKnownKeys(given, CONSTRUCTOR_OPTIONS, 'ShallowNet options');
  const sizes = {
    inputSize: checkInteger(given.inputSize, 'inputSize', 1, MAX_DIMENSION),
    hiddenSize: checkInteger(given.hiddenSize, 'hiddenSize', 1, MAX_DIMENSION),
    outputSize: checkInteger(orDefault(given.outputSize, 1), 'outputSize', 1, MAX_DIMENSION),
  };
  return {
    sizes,
    hidden: checkActivation(orDefault(given.hiddenActivation, 'tanh'), 'hiddenActivation'),
    output: checkOutputActivation(orDefault(given.outputActivation, 'sigmoid'), sizes.outputSize),
    initialization: checkChoice(orDefault(given.initialization, 'lecture'), 'initialization', INITIALIZATIONS),
    seed: given.seed === undefined ? undefined : checkSeed(given.seed, 'seed'),
    backend: checkBackend(orDefault(given.backend, 'auto')),
  };
}

export function checkSeed(value: unknown, name: string): number {
  return checkInteger(value, name, 0, MAX_SEED);
}

/** A number in [0, 1) (β of momentum and Adam). */
function checkDecayRate(value: unknown, name: string): number {
  return checkNumberIn(value, name, 0, 1, { highOpen: true });
}

/** Validation examples, as given: their own, or a share of the training set's. */
export type ValidationSource = { kind: 'data'; X: unknown; Y: unknown } | { kind: 'split'; fraction: number } | undefined;

/**
 * A training call's options as read before the data is (they do not depend on
 * m); `forExamples` completes them once m is known.
 */
export interface FitPlan {
  name: string;
  /** Exactly one of the two. */
  iterations: number | undefined;
  epochs: number | undefined;
  batchSize: number | undefined;
  shuffle: boolean | undefined;
  /** undefined: the network draws one from its own seed. */
  seed: number | undefined;
  update: Pick<EngineFitOptions, 'learningRate' | 'learningRateDecay' | 'optimizer' | 'beta' | 'beta1' | 'beta2' | 'epsilon' | 'l2'>;
  progressEvery: number | undefined;
  tolerance: number;
  validation: ValidationSource;
  earlyStopping: { patience: number; minDelta: number; restoreBest: boolean } | undefined;
  onProgress: ((progress: Progress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/** The optimizer and its settings; a setting of another optimizer is refused rather than ignored. */
function readUpdate(given: Record<string, unknown>, name: string): FitPlan['update'] {
  const optimizer = checkChoice(orDefault(given.optimizer, 'gd'), `${name}.optimizer`, OPTIMIZERS) as Optimizer;
  const owners: Record<string, Optimizer> = { beta: 'momentum', beta1: 'adam', beta2: 'adam', epsilon: 'adam' };
  for (const [setting, owner] of Object.entries(owners)) {
    if (given[setting] !== undefined && optimizer !== owner) {
      throw invalidValue(`${name}.${setting}`, `given only with optimizer '${owner}'`, received(`it with optimizer '${optimizer}'`));
    }
  }
  return {
    learningRate: checkPositiveNumber(given.learningRate, `${name}.learningRate`),
    learningRateDecay: checkNonNegativeNumber(orDefault(given.learningRateDecay, 0), `${name}.learningRateDecay`),
    optimizer,
    beta: checkDecayRate(orDefault(given.beta, 0.9), `${name}.beta`),
    beta1: checkDecayRate(orDefault(given.beta1, 0.9), `${name}.beta1`),
    beta2: checkDecayRate(orDefault(given.beta2, 0.999), `${name}.beta2`),
    epsilon: checkPositiveNumber(orDefault(given.epsilon, 1e-8), `${name}.epsilon`),
    l2: checkNonNegativeNumber(orDefault(given.l2, 0), `${name}.l2`),
  };
}

function readEarlyStopping(value: unknown, name: string): FitPlan['earlyStopping'] {
  if (value === undefined || value === false) return undefined;
  const given = value === true ? {} : checkObject(value, name);
  checkKnownKeys(given, EARLY_STOPPING_OPTIONS, name);
  const restoreBest = orDefault(given.restoreBest, true);
  if (typeof restoreBest !== 'boolean') throw invalidType(`${name}.restoreBest`, 'a boolean', restoreBest);
  return {
    patience: checkInteger(orDefault(given.patience, DEFAULT_PATIENCE), `${name}.patience`, 1, MAX_DIMENSION),
    minDelta: checkNonNegativeNumber(orDefault(given.minDelta, 0), `${name}.minDelta`),
    restoreBest,
  };
}

function readValidation(given: Record<string, unknown>, name: string): ValidationSource {
  if (given.validationData !== undefined && given.validationSplit !== undefined) {
    throw invalidValue(`${name}.validationSplit`, 'left out when validationData is given', given.validationSplit);
  }
  if (given.validationData !== undefined) {
    const data = checkObject(given.validationData, `${name}.validationData`);
    checkKnownKeys(data, ['X', 'Y'], `${name}.validationData`);
    return { kind: 'data', X: data.X, Y: data.Y };
  }
  if (given.validationSplit !== undefined) {
    return { kind: 'split', fraction: checkNumberIn(given.validationSplit, `${name}.validationSplit`, 0, 1, { lowOpen: true, highOpen: true }) };
  }
  return undefined;
}

/** Reads fit's, fitAsync's (`signal` among `known`) or partialFit's options. */
export function readFitPlan(options: unknown, known: readonly string[], name: string): FitPlan {
  const given = checkObject(options, name);
  checkKnownKeys(given, known, name);
  const partial = !known.includes('iterations');
  let iterations: number | undefined;
  let epochs: number | undefined;
  if (partial) {
    epochs = checkInteger(orDefault(given.epochs, 1), `${name}.epochs`, 1, MAX_DIMENSION);
  } else {
    if ((given.iterations === undefined) === (given.epochs === undefined)) {
      throw invalidType(name, 'an object with either iterations (updates) or epochs (passes over the examples)', received(given.iterations === undefined ? 'neither' : 'both'));
    }
    if (given.iterations !== undefined) iterations = checkInteger(given.iterations, `${name}.iterations`, 1, MAX_DIMENSION);
    else epochs = checkInteger(given.epochs, `${name}.epochs`, 1, MAX_DIMENSION);
  }
  const batchSize = given.batchSize === undefined ? undefined : checkInteger(given.batchSize, `${name}.batchSize`, 1, MAX_DIMENSION);
  const shuffle = given.shuffle;
  if (shuffle !== undefined && typeof shuffle !== 'boolean') throw invalidType(`${name}.shuffle`, 'a boolean', shuffle);
  const update = readUpdate(given, name);
  const progressEvery = given.progressEvery === undefined ? undefined : checkInteger(given.progressEvery, `${name}.progressEvery`, 1, MAX_DIMENSION);
  const validation = partial ? undefined : readValidation(given, name);
  const earlyStopping = readEarlyStopping(given.earlyStopping, `${name}.earlyStopping`);
  if (earlyStopping !== undefined && validation === undefined) {
    throw invalidValue(`${name}.earlyStopping`, 'used with validationData or validationSplit (it watches the validation cost)', given.earlyStopping);
  }
  const callback = given.onProgress;
  if (callback !== undefined && typeof callback !== 'function') throw invalidType(`${name}.onProgress`, 'a function', callback);
  const signal = given.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidType(`${name}.signal`, 'an AbortSignal', signal);
  return {
    name,
    iterations,
    epochs,
    batchSize,
    shuffle: shuffle as boolean | undefined,
    seed: given.seed === undefined ? undefined : checkSeed(given.seed, `${name}.seed`),
    update,
    progressEvery,
    tolerance: checkNonNegativeNumber(orDefault(given.tolerance, 0), `${name}.tolerance`),
    validation,
    earlyStopping,
    onProgress: callback as FitPlan['onProgress'],
    signal: signal as AbortSignal | undefined,
  };
}

/**
 * Whether training may shuffle, as known before m is: for the memory bound
 * of a shuffled fit's copy of the examples (an over-estimate when batchSize
 * turns out to be m).
 */
export function mayShuffle(plan: FitPlan): boolean {
  return plan.shuffle ?? plan.batchSize !== undefined;
}

/**
 * The engine's options for m training examples: batchSize from 1 to m
 * (default m, the lecture's full batch), shuffling by default exactly when
 * batches are smaller than m, epochs turned into updates.
 */
export function forExamples(plan: FitPlan, m: number, seed: number, partial?: { epochOffset: number }): EngineFitOptions {
  const { name } = plan;
  const batchSize = plan.batchSize ?? m;
  if (batchSize > m) throw invalidValue(`${name}.batchSize`, `an integer from 1 to m = ${m} (the training examples)`, batchSize);
  const shuffle = plan.shuffle ?? batchSize < m;
  const fullBatch = batchSize === m && !shuffle;
  if (plan.progressEvery !== undefined && !fullBatch) {
    throw invalidValue(`${name}.progressEvery`, 'left out with mini-batches (training records once per epoch)', plan.progressEvery);
  }
  const perEpoch = Math.ceil(m / batchSize);
  const iterations = plan.iterations ?? (plan.epochs as number) * perEpoch;
  if (iterations > MAX_DIMENSION) {
    throw invalidValue(`${name}.epochs`, `at most ${Math.floor(MAX_DIMENSION / perEpoch)} for ${perEpoch} updates per epoch`, plan.epochs);
  }
  const progressEvery = plan.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  const records = fitRecords(iterations, progressEvery, batchSize, m, shuffle);
  checkMemory(BYTES_PER_RECORD * records, `${name}: the cost record (${records} entries)`);
  return {
    iterations,
    batchSize,
    shuffle,
    seed,
    ...plan.update,
    progressEvery,
    tolerance: plan.tolerance,
    patience: plan.earlyStopping?.patience ?? 0,
    minDelta: plan.earlyStopping?.minDelta ?? 0,
    restoreBest: plan.earlyStopping?.restoreBest ?? true,
    keepOptimizerState: partial !== undefined,
    epochOffset: partial?.epochOffset ?? 0,
  };
}

/** The progress a user sees: validation figures only where there are validation examples, named by what they are. */
export function toProgress(head: OutputActivation, iteration: number, epoch: number, cost: number, validationCost: number, validationMetric: number): Progress {
  const progress: Progress = { iteration, epoch, cost };
  if (!Number.isNaN(validationCost)) {
    progress.validationCost = validationCost;
    if (head === 'linear') progress.validationR2 = validationMetric;
    else progress.validationAccuracy = validationMetric;
  }
  return progress;
}

/** The user's onProgress, as the engine calls it. */
export function progressCallback(plan: FitPlan, head: OutputActivation): ProgressCallback | undefined {
  const callback = plan.onProgress;
  if (callback === undefined) return undefined;
  return (iteration, epoch, cost, validationCost, validationMetric) =>
    callback(toProgress(head, iteration, epoch, cost, validationCost, validationMetric));
}

/**
 * A synchronous fit reads its inputs while onProgress runs: if the callback
 * resizes or detaches their buffers, training stops with a RangeError after
 * that call rather than reading memory that is gone.
 */
export function guardInputs(onProgress: ProgressCallback | undefined, inputs: { name: string; matrix: Matrix }[]): ProgressCallback | undefined {
  if (onProgress === undefined) return undefined;
  const lengths = inputs.map(({ matrix }) => matrix.data.length);
  return (...report) => {
    onProgress(...report);
    inputs.forEach(({ name, matrix }, k) => {
      if (matrix.data.length !== lengths[k]) {
        throw invalidValue(
          name,
          'left alone until fit() returns (fitAsync() trains on copies)',
          received(`a buffer resized or detached by onProgress; training stopped`),
        );
      }
    });
  };
}
