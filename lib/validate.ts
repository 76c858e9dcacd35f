/**
 * Argument checks for the public API. A wrong kind of value is a TypeError, a
 * wrong value a RangeError; every message is built by lib/argument-error.ts, so
 * it names the argument, says what was expected and what was received. All
 * checks run before anything changes, so a failed call changes nothing.
 */
import { ACTIVATIONS, OUTPUT_ACTIVATIONS, type Activation, type OutputActivation, type Sizes } from './engine';
import { invalidType, invalidValue, received } from './argument-error';
import { MAX_DIMENSION, PROBABILITY_SUM_TOLERANCE } from './limits';
import type { Matrix } from './matrix';
import { inPieces, PIECE_VALUES } from './pieces';

/** "1 row", "3 rows". */
export function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidType(name, 'an object', value);
  return value as Record<string, unknown>;
}

/** Rejects option names that are not in `known` (a misspelt option is otherwise silently ignored). */
export function checkKnownKeys(options: Record<string, unknown>, known: readonly string[], name: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw invalidType(name, `an object of the options ${known.join(', ')}`, received(`an unknown option '${key}'`));
    }
  }
}

export function checkInteger(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') throw invalidType(name, 'a number', value);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidValue(name, `an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`}`, value);
  }
  return value;
}

export function checkPositiveNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidType(name, 'a number', value);
  if (!Number.isFinite(value) || value <= 0) throw invalidValue(name, 'a finite number > 0', value);
  return value;
}

export function checkNonNegativeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidType(name, 'a number', value);
  if (!Number.isFinite(value) || value < 0) throw invalidValue(name, 'a finite number >= 0', value);
  return value;
}

/**
 * A number in an interval, closed unless an end is said to be open: "a number
 * in [0, 1)" (NaN is in none).
 */
export function checkNumberIn(value: unknown, name: string, low: number, high: number, ends: { lowOpen?: boolean; highOpen?: boolean } = {}): number {
  if (typeof value !== 'number') throw invalidType(name, 'a number', value);
  const { lowOpen = false, highOpen = false } = ends;
  const inside = (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
  if (!inside) throw invalidValue(name, `a number in ${lowOpen ? '(' : '['}${low}, ${high}${highOpen ? ')' : ']'}`, value);
  return value;
}

/** One of a list of strings (an activation, a backend, an optimizer, …). */
export function checkChoice<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  const expected = `one of ${choices.map((c) => `'${c}'`).join(', ')}`;
  if (typeof value !== 'string') throw invalidType(name, expected, value);
  if (!(choices as readonly string[]).includes(value)) throw invalidValue(name, expected, received(`'${value}'`));
  return value as T;
}

export function checkActivation(value: unknown, name: string): Activation {
  return checkChoice(value, name, ACTIVATIONS);
}

/** An output activation; a softmax needs two outputs or more. */
export function checkOutputActivation(value: unknown, outputSize: number, name = 'outputActivation'): OutputActivation {
  const output = checkChoice(value, name, OUTPUT_ACTIVATIONS);
  if (output === 'softmax' && outputSize < 2) {
    throw invalidValue('outputSize', 'at least 2 for a softmax output (one row per class)', outputSize);
  }
  return output;
}

/**
 * A Matrix: an object with integer rows and cols and a Float64Array of rows * cols values.
 * Returns a snapshot: each field is read once, so a getter cannot change it after the check.
 */
export function checkMatrix(value: unknown, name: string): Matrix {
  if (value === null || typeof value !== 'object') throw invalidType(name, 'a matrix { rows, cols, data: Float64Array }', value);
  const { rows, cols, data } = value as Partial<Matrix>;
  if (!(data instanceof Float64Array)) {
    const convertible = Array.isArray(data) || (data as unknown) instanceof Float32Array;
    throw invalidType(`${name}.data`, 'a Float64Array', data, convertible ? 'use Float64Array.from(...), or fromExamples()' : undefined);
  }
  const r = checkInteger(rows, `${name}.rows`, 1, MAX_DIMENSION);
  const c = checkInteger(cols, `${name}.cols`, 1, MAX_DIMENSION);
  if (data.length !== r * c) throw invalidValue(`${name}.data`, `rows * cols = ${r} * ${c} = ${r * c} values long`, received(`${data.length}`));
  return { rows: r, cols: c, data };
}

/** Where M.data[k] sits, for a message: "X[1][3] = NaN". */
function at(M: Matrix, name: string, k: number): string {
  return `${name}[${Math.floor(k / M.cols)}][${k % M.cols}] = ${M.data[k]}`;
}

/**
 * What the values of a matrix must be: finite (inputs, parameters, targets of
 * a linear output), in [0, 1] (targets of a sigmoid or softmax output), or
 * probabilities (computeCost's A2).
 */
export type ValueRule = 'finite' | 'unit' | 'probability';

const RULES: Record<ValueRule, { expected: string }> = {
  finite: { expected: 'finite everywhere (no NaN or ±Infinity)' },
  unit: { expected: 'in [0, 1] everywhere (targets of a sigmoid or softmax output)' },
  probability: { expected: 'in [0, 1] everywhere (probabilities)' },
};

/** The rule for an output head's targets. */
export function targetRule(head: OutputActivation): ValueRule {
  return head === 'linear' ? 'finite' : 'unit';
}

/** Checks M.data[from, to) against a rule; the RangeError names the first value that breaks it. */
export function checkValues(M: Matrix, name: string, rule: ValueRule, from = 0, to = M.data.length): void {
  const bad = firstBreaking(M.data, rule, from, to);
  if (bad >= 0) throw invalidValue(name, RULES[rule].expected, received(at(M, name, bad)));
}

/**
 * The index of the first value in [from, to) that breaks the rule, or -1. One
 * plain loop per rule, with the test written out: the values of a large X are
 * checked at memory speed (v − v is 0 exactly when v is finite).
 */
function firstBreaking(data: Float64Array, rule: ValueRule, from: number, to: number): number {
  if (rule === 'finite') {
    for (let k = from; k < to; k++) {
      const v = data[k] as number;
      if (v - v !== 0) return k;
    }
    return -1;
  }
  for (let k = from; k < to; k++) {
    const v = data[k] as number;
    if (!(v >= 0 && v <= 1)) return k;
  }
  return -1;
}

/** checkValues over the whole matrix, a piece per turn of the event loop (lib/pieces.ts). */
export function checkValuesInPieces(M: Matrix, name: string, rule: ValueRule): Promise<void> {
  return inPieces(M.data.length, (from, to) => checkValues(M, name, rule, from, to));
}

export function checkFinite(M: Matrix, name: string): void {
  checkValues(M, name, 'finite');
}

/**
 * The targets of a softmax output, columns [from, to) of Y: each column a
 * probability vector (one-hot for labels), summing to 1 within
 * PROBABILITY_SUM_TOLERANCE. Assumes the values were checked in [0, 1].
 */
export function checkProbabilityColumns(Y: Matrix, name: string, from = 0, to = Y.cols): void {
  const { rows, cols, data } = Y;
  for (let j = from; j < to; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += data[i * cols + j] as number;
    if (!(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
      throw invalidValue(name, 'probability columns summing to 1 (targets of a softmax output; one-hot for labels)', received(`column ${j} summing to ${sum}`));
    }
  }
}

/** Every check of an output head's targets (the values, then a softmax's columns). */
export function checkTargetValues(Y: Matrix, name: string, head: OutputActivation): void {
  checkValues(Y, name, targetRule(head));
  if (head === 'softmax') checkProbabilityColumns(Y, name);
}

/** checkTargetValues a piece per turn of the event loop. */
export async function checkTargetValuesInPieces(Y: Matrix, name: string, head: OutputActivation): Promise<void> {
  await checkValuesInPieces(Y, name, targetRule(head));
  if (head === 'softmax') {
    const columnsPerPiece = Math.max(1, Math.floor(PIECE_VALUES / Y.rows));
    await inPieces(Y.cols, (from, to) => checkProbabilityColumns(Y, name, from, to), columnsPerPiece);
  }
}

/** X: (inputSize, m), finite (unless `values` is false: the caller checks them later, in pieces). */
export function checkInputs(value: unknown, sizes: Sizes, name = 'X', values = true): Matrix {
  const X = checkMatrix(value, name);
  if (X.rows !== sizes.inputSize) {
    throw invalidValue(
      name,
      `a matrix of inputSize = ${sizes.inputSize} ${plural(sizes.inputSize, 'row')} (one row per feature, one column per example)`,
      received(`${X.rows} ${plural(X.rows, 'row')}`),
      'build X with fromExamples() from example rows',
    );
  }
  if (values) checkFinite(X, name);
  return X;
}

/**
 * Y: (outputSize, m) with the same m as X (named `inputsName` in a message),
 * its values what the output head takes (unless `values` is false, as for checkInputs).
 */
export function checkTargets(value: unknown, sizes: Sizes, m: number, head: OutputActivation, name = 'Y', values = true, inputsName = 'X'): Matrix {
  const Y = checkMatrix(value, name);
  if (Y.rows !== sizes.outputSize) {
    throw invalidValue(name, `a matrix of outputSize = ${sizes.outputSize} ${plural(sizes.outputSize, 'row')}`, received(`${Y.rows} ${plural(Y.rows, 'row')}`));
  }
  if (Y.cols !== m) throw invalidValue(name, `${m} ${plural(m, 'column')} wide, one per example of ${inputsName}`, received(`${Y.cols} ${plural(Y.cols, 'column')}`));
  if (values) checkTargetValues(Y, name, head);
  return Y;
}

/** A matrix of an exact shape (parameters, gradients, cache entries). */
export function checkShaped(value: unknown, name: string, rows: number, cols: number): Matrix {
  const M = checkMatrix(value, name);
  if (M.rows !== rows || M.cols !== cols) throw invalidValue(name, `(${rows}, ${cols})`, received(`(${M.rows}, ${M.cols})`));
  return M;
}

/**
 * The document a JSON text holds; a value that is not a string is taken to be
 * the document already, and returned as it is. Text that does not parse is a
 * RangeError (a string is the right kind of value, its contents are wrong):
 * "<name> must be <expected>, got text that is not JSON (…)".
 */
export function parseJsonText(json: unknown, name: string, expected: string): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw invalidValue(name, expected, received(`text that is not JSON (${(error as Error).message})`));
  }
}

/** A name (a column, a class label): a non-empty string. */
export function checkName(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidType(name, 'a name (a string)', value);
  if (value === '') throw invalidValue(name, 'a non-empty name', value);
  return value;
}

/** A non-empty list of distinct names, each checked by {@link checkName}; the error names the offending entry. */
export function checkNames(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw invalidType(name, 'an array of names', value);
  if (value.length === 0) throw invalidValue(name, 'at least one name', value);
  const names = value.map((item: unknown, k) => checkName(item, `${name}[${k}]`));
  names.forEach((item, k) => {
    const first = names.indexOf(item);
    if (first !== k) throw invalidValue(`${name}[${k}]`, `distinct from ${name}[${first}]`, item);
  });
  return names;
}
