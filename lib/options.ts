/**
 * Reading the options of the constructor and of fit/fitAsync: defaults,
 * checks, and unknown names refused (a misspelt option would otherwise be
 * silently ignored).
 */
import type { EngineFitOptions, ProgressCallback, Sizes } from './engine';
import { invalidType, invalidValue, received } from './argument-error';
import { checkBackend } from './backend';
import { BYTES_PER_RECORD, checkMemory, MAX_DIMENSION } from './limits';
import type { Matrix } from './matrix';
import type { Backend, Progress } from './types';
import type { Activation } from './engine';
import { checkActivation, checkInteger, checkKnownKeys, checkNonNegativeNumber, checkObject, checkPositiveNumber } from './validate';

const DEFAULT_PROGRESS_EVERY = 100;
export const CONSTRUCTOR_OPTIONS = ['inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'seed', 'backend'] as const;
export const FIT_OPTIONS = ['iterations', 'learningRate', 'onProgress', 'progressEvery', 'tolerance'] as const;
export const FIT_ASYNC_OPTIONS = [...FIT_OPTIONS, 'signal'] as const;

/** An option's value, or its default when it is absent (undefined; null is a value, and is checked). */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

export interface ConstructorOptions {
  sizes: Sizes;
  activation: Activation;
  /** undefined: draw one at random. */
  seed: number | undefined;
  backend: Backend | 'auto';
}

export function readConstructorOptions(options: unknown): ConstructorOptions {
  const given = checkObject(options, 'ShallowNet options');
  checkKnownKeys(given, CONSTRUCTOR_OPTIONS, 'ShallowNet options');
  return {
    sizes: {
      inputSize: checkInteger(given.inputSize, 'inputSize', 1, MAX_DIMENSION),
      hiddenSize: checkInteger(given.hiddenSize, 'hiddenSize', 1, MAX_DIMENSION),
      outputSize: checkInteger(orDefault(given.outputSize, 1), 'outputSize', 1, MAX_DIMENSION),
    },
    activation: checkActivation(orDefault(given.hiddenActivation, 'tanh'), 'hiddenActivation'),
    seed: given.seed === undefined ? undefined : checkInteger(given.seed, 'seed', 0, 2 ** 32 - 1),
    backend: checkBackend(orDefault(given.backend, 'auto')),
  };
}

export interface ReadFitOptions {
  engineOptions: EngineFitOptions;
  /** The user's onProgress, adapted to the engine's (iteration, cost) calls. */
  onProgress: ProgressCallback | undefined;
  signal: AbortSignal | undefined;
}

/** Reads fit's (or, with `signal` among `known`, fitAsync's) options. */
export function readFitOptions(options: unknown, known: readonly string[], name: string): ReadFitOptions {
  const given = checkObject(options, name);
  checkKnownKeys(given, known, name);
  const iterations = checkInteger(given.iterations, `${name}.iterations`, 1, MAX_DIMENSION);
  const engineOptions: EngineFitOptions = {
    iterations,
    learningRate: checkPositiveNumber(given.learningRate, `${name}.learningRate`),
    progressEvery: checkInteger(orDefault(given.progressEvery, DEFAULT_PROGRESS_EVERY), `${name}.progressEvery`, 1, MAX_DIMENSION),
    tolerance: checkNonNegativeNumber(orDefault(given.tolerance, 0), `${name}.tolerance`),
  };
  checkMemory(BYTES_PER_RECORD * (Math.floor(iterations / engineOptions.progressEvery) + 1), `${name}: the cost record (iterations / progressEvery + 1 entries)`);
  const callback = given.onProgress;
  if (callback !== undefined && typeof callback !== 'function') throw invalidType(`${name}.onProgress`, 'a function', callback);
  const signal = given.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidType(`${name}.signal`, 'an AbortSignal', signal);
  return {
    engineOptions,
    onProgress: callback === undefined ? undefined : (iteration, cost) => (callback as (p: Progress) => void)({ iteration, cost }),
    signal: signal as AbortSignal | undefined,
  };
}

/**
 * A synchronous fit reads X and Y while onProgress runs: if the callback
 * resizes or detaches their buffers, training stops with a RangeError after
 * that call rather than reading memory that is gone.
 */
export function guardInputs(onProgress: ProgressCallback | undefined, X: Matrix, Y: Matrix): ProgressCallback | undefined {
  if (onProgress === undefined) return undefined;
  const lengths = [X.data.length, Y.data.length];
  return (iteration, cost) => {
    onProgress(iteration, cost);
    [X, Y].forEach((M, k) => {
      if (M.data.length !== lengths[k]) {
        throw invalidValue(
          k === 0 ? 'X' : 'Y',
          'left alone until fit() returns (fitAsync() trains on copies)',
          received(`a buffer resized or detached by onProgress; training stopped`),
        );
      }
    });
  };
}
