/**
 * Every limit of the TS layer, defined once. native/core/bounds.h holds the
 * same values for C++, and the addon reports its own through `nativeInfo()`
 * (test/limits.test.ts checks the two agree).
 */
import { totalmem } from 'node:os';
import type { Sizes } from './engine';
import { invalidValue, received } from './argument-error';

/** Largest dimension (rows, columns, examples, iterations) BLAS takes with 32-bit integers. */
export const MAX_DIMENSION = 2 ** 31 - 1;

/**
 * Most parameters a network may have: 2^28 doubles are 2 GiB, far past any
 * one-hidden-layer network worth training; refusing larger sizes up front beats
 * starting to fill tens of gigabytes.
 */
export const MAX_PARAMETERS = 2 ** 28;

/** Most values one matrix may hold: a Float64Array cannot be longer on 64-bit V8. */
export const MAX_VALUES = 2 ** 32 - 1;

/**
 * Examples per forward pass when a mini-batch fit evaluates a whole set (its
 * validation examples, its final cost): at least this many, so the work buffers
 * stay near a mini-batch's size without a pass per handful of examples.
 * native/core/fit.cpp uses the same number (the addon does not report it).
 */
export const EVALUATION_CHUNK = 4096;

/** Most classes confusionMatrix and precisionRecallF1 take (`classCount`): a k × k matrix of 2^40 counts is past any memory. */
export const MAX_METRIC_CLASSES = 2 ** 20;

/** Most threads `setThreads` accepts. */
export const MAX_THREADS = 1024;

/**
 * Training has diverged when the cost exceeds this per output unit (or is not
 * finite). Past it, some example's logit is beyond ~745 on the wrong side:
 * sigmoid rounds to exactly 0 or 1 there, and the lecture's form of the cost,
 * −(y log a + (1 − y) log(1 − a)), would be infinite (−log of the smallest
 * double is 744.4). Only a far too large learning rate gets there; our cost,
 * computed from the logits, stays finite, so this is where we call it.
 */
export const DIVERGED_COST_PER_OUTPUT = 745;

/**
 * How far from 1 a column of a softmax output's targets may sum (each column
 * is a probability vector; one-hot for labels): rounding when they were
 * computed, not a wrong target.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * Doubles per example that one pass over m examples keeps: A1 and dZ1 (n1
 * each) and Z2 (n2). Shuffled mini-batches add a copy of the examples (n0 +
 * n2); fitAsync also keeps its copies of X and Y (n0 + n2).
 */
export function workDoublesPerExample(sizes: Sizes): number {
  return 2 * sizes.hiddenSize + sizes.outputSize;
}

export function trainingDoublesPerExample(sizes: Sizes, shuffle: boolean): number {
  return workDoublesPerExample(sizes) + (shuffle ? sizes.inputSize + sizes.outputSize : 0);
}

export function fitAsyncDoublesPerExample(sizes: Sizes, shuffle: boolean): number {
  return trainingDoublesPerExample(sizes, shuffle) + sizes.inputSize + sizes.outputSize;
}

/**
 * Bytes kept per record of a fit (fitRecords): the cost itself (8), its entry
 * in the history (40), and its progress report until onProgress has seen it (40).
 */
export const BYTES_PER_RECORD = 88;

/**
 * Records a fit keeps (native/core/fit.h fit_records): full batch, one every
 * progressEvery updates; mini-batches, one per epoch; and the last.
 */
export function fitRecords(iterations: number, progressEvery: number, batchSize: number, m: number, shuffle: boolean): number {
  if (batchSize >= m && !shuffle) return Math.floor(iterations / progressEvery) + 2;
  return Math.floor(iterations / Math.ceil(m / batchSize)) + 2;
}

/** Throws a RangeError if `bytes` is more than this machine's memory: such an allocation would only end in the OOM killer. */
export function checkMemory(bytes: number, what: string): void {
  const physical = totalmem();
  if (bytes > physical) {
    throw invalidValue(
      what,
      `at most this machine's memory (${Math.round(physical / 1e9)} GB)`,
      received(`${Math.round(bytes / 1e9)} GB`),
      'use smaller sizes or fewer examples per call',
    );
  }
}

/** Largest seed: seeds are 32-bit (native/core/random.h seeds its generator from a uint32_t). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Most classes a target may have (and a plot take): one-hot Y takes classes ×
 * examples doubles, and a column with more distinct values is almost surely
 * an identifier or a quantity.
 */
export const MAX_CLASSES = 1000;
