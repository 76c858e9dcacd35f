/**
 * Argument checks for the public API. A wrong kind of value is a TypeError, a
 * wrong value a RangeError; every message names the argument, says what was
 * expected and what was received, so the caller knows how to fix the call.
 * All checks run before anything changes, so a failed call changes nothing.
 */
import { ACTIVATIONS, type Activation, type Sizes } from './engine';
import { describe } from './describe';
import type { Matrix } from './matrix';

import { totalmem } from 'node:os';

/** Largest dimension BLAS takes with 32-bit integers (the native binding checks the same). */
export const MAX_DIMENSION = 2 ** 31 - 1;

/**
 * Most parameters a network may have: 2^28 doubles are 2 GiB, far past any
 * one-hidden-layer network worth training; refusing larger sizes up front beats
 * starting to fill tens of gigabytes. The native binding has the same limit.
 */
export const MAX_PARAMETERS = 2 ** 28;

/** Throws a RangeError if `bytes` is more than this machine's memory: such an allocation would only end in the OOM killer. */
export function checkMemory(bytes: number, what: string): void {
  const physical = totalmem();
  if (bytes > physical) {
    throw new RangeError(
      `${what} would take ${Math.round(bytes / 1e9)} GB, more than this machine's memory ` +
        `(${Math.round(physical / 1e9)} GB); use smaller sizes or fewer examples per call`,
    );
  }
}

/** The work buffers of one pass over m examples: A1 and dZ1 (n1, m) and Z2 (n2, m). */
export function checkWorkMemory(sizes: Sizes, m: number): void {
  checkMemory(8 * m * (2 * sizes.hiddenSize + sizes.outputSize), `the work buffers for m = ${m} examples`);
}

export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Rejects option names that are not in `known` (a misspelt option is otherwise silently ignored). */
export function checkKnownKeys(options: Record<string, unknown>, known: readonly string[], name: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${name} has an unknown option '${key}'; the options are: ${known.join(', ')}`);
    }
  }
}

export function checkInteger(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`${name} must be an integer ${range}, got ${value}`);
  }
  return value;
}

export function checkPositiveNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  return value;
}

export function checkNonNegativeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}

export function checkActivation(value: unknown, name: string): Activation {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  if (!(ACTIVATIONS as readonly string[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got '${value}'`);
  }
  return value as Activation;
}

/**
 * A Matrix: an object with integer rows and cols and a Float64Array of rows * cols values.
 * Returns a snapshot: each field is read once, so a getter cannot change it after the check.
 */
export function checkMatrix(value: unknown, name: string): Matrix {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`${name} must be a matrix { rows, cols, data: Float64Array }, got ${describe(value)}`);
  }
  const { rows, cols, data } = value as Partial<Matrix>;
  if (!(data instanceof Float64Array)) {
    throw new TypeError(
      `${name}.data must be a Float64Array, got ${describe(data)}` +
        (Array.isArray(data) || (data as unknown) instanceof Float32Array ? ' (use Float64Array.from(...), or fromExamples())' : ''),
    );
  }
  checkInteger(rows, `${name}.rows`, 1, MAX_DIMENSION);
  checkInteger(cols, `${name}.cols`, 1, MAX_DIMENSION);
  const r = rows as number;
  const c = cols as number;
  if (data.length !== r * c) {
    throw new RangeError(`${name}.data must hold rows * cols = ${r} * ${c} = ${r * c} values, got ${data.length}`);
  }
  return { rows: r, cols: c, data };
}

export function checkFinite(M: Matrix, name: string): void {
  const { data } = M;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new RangeError(
        `${name} must contain only finite numbers, but ${name}[${Math.floor(k / M.cols)}][${k % M.cols}] is ${data[k]}`,
      );
    }
  }
}

/** X: (inputSize, m), finite. */
export function checkInputs(value: unknown, sizes: Sizes, name = 'X'): Matrix {
  const X = checkMatrix(value, name);
  if (X.rows !== sizes.inputSize) {
    throw new RangeError(
      `${name} has ${X.rows} rows but the network expects inputSize = ${sizes.inputSize} ` +
        `(one row per feature, one column per example; build X with fromExamples() from example rows)`,
    );
  }
  checkFinite(X, name);
  return X;
}

/** Y: (outputSize, m) with the same m as X, targets in [0, 1]. */
export function checkTargets(value: unknown, sizes: Sizes, m: number, name = 'Y'): Matrix {
  const Y = checkMatrix(value, name);
  if (Y.rows !== sizes.outputSize) {
    throw new RangeError(`${name} has ${Y.rows} rows but the network expects outputSize = ${sizes.outputSize}`);
  }
  if (Y.cols !== m) {
    throw new RangeError(`${name} has ${Y.cols} columns (examples) but X has ${m}; they must match`);
  }
  checkUnitInterval(Y, name);
  return Y;
}

export function checkUnitInterval(M: Matrix, name: string): void {
  const { data } = M;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (!(v >= 0 && v <= 1)) {
      throw new RangeError(
        `${name} must contain values in [0, 1] (targets of the sigmoid output), but ` +
          `${name}[${Math.floor(k / M.cols)}][${k % M.cols}] is ${v}`,
      );
    }
  }
}

/** A matrix of an exact shape (parameters, gradients, cache entries). */
export function checkShaped(value: unknown, name: string, rows: number, cols: number): Matrix {
  const M = checkMatrix(value, name);
  if (M.rows !== rows || M.cols !== cols) {
    throw new RangeError(`${name} must be (${rows}, ${cols}), got (${M.rows}, ${M.cols})`);
  }
  return M;
}
