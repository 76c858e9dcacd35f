// The raw addon (build/Release/shallownet.node), loaded directly as the
// validation tests and the fuzzer call it, and tables of bad arguments for
// its methods: typed arrays, integers, learning rates, fit options, callbacks.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NativeBinding } from '../../lib/native/binding';
import { m } from './fixture';
import type { BadValue } from './rejection';
import { exactly, names } from './rejection';
import { badLearningRates } from './public-api';

export const addonPath = fileURLToPath(new URL('../../build/Release/shallownet.node', import.meta.url));

function load(): { raw: NativeBinding | undefined; rawLoadError: unknown } {
  try {
    return { raw: createRequire(import.meta.url)(addonPath) as NativeBinding, rawLoadError: undefined };
  } catch (error) {
    return { raw: undefined, rawLoadError: error };
  }
}

export const { raw, rawLoadError } = load();

/** Skipped only when the addon cannot load outside CI; under CI=true a missing addon fails. */
export const skipRaw = raw === undefined && process.env.CI !== 'true';

/** The raw NativeNet, with its methods callable with anything. */
export type RawNet = Record<string, (...args: unknown[]) => unknown>;
export type RawConstructor = new (...args: unknown[]) => RawNet;
/** The binding's module functions (nativeInfo, setThreads, dgemmProbe), callable with anything. */
export type RawFunctions = Record<string, (...args: unknown[]) => unknown>;

/** Packed parameter count of an n0-n1-n2 net: [W1 | b1 | W2 | b2]. */
export function parameterCount(n0: number, n1: number, n2: number): number {
  return n1 * n0 + n1 + n2 * n1 + n2;
}

/**
 * The raw fit's options: every field the binding requires (it fills in no
 * defaults: the TS layer does, lib/options.ts forExamples), in the order
 * native/binding/js_values.cc reads them.
 */
export const RAW_FIT_FIELDS = [
  'iterations',
  'batchSize',
  'shuffle',
  'seed',
  'learningRate',
  'learningRateDecay',
  'optimizer',
  'beta',
  'beta1',
  'beta2',
  'epsilon',
  'l2',
  'progressEvery',
  'tolerance',
  'patience',
  'minDelta',
  'restoreBest',
  'keepOptimizerState',
  'epochOffset',
] as const;
export type RawFitOptions = Record<(typeof RAW_FIT_FIELDS)[number], unknown>;

/**
 * Valid options for the raw fit / fitAsync: 5 full-batch updates of gradient
 * descent (batchSize = the fixture's m: the full batch; the binding refuses a
 * batchSize over m, so a call with another m overrides it), a record every
 * update, no early stopping; `overrides` replace any of them.
 */
export function rawFitOptions(overrides: Partial<RawFitOptions> = {}): RawFitOptions {
  return {
    iterations: 5,
    batchSize: m,
    shuffle: false,
    seed: 1,
    learningRate: 0.5,
    learningRateDecay: 0,
    optimizer: 'gd',
    beta: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    l2: 0,
    progressEvery: 1,
    tolerance: 0,
    patience: 0,
    minDelta: 0,
    restoreBest: true,
    keepOptimizerState: false,
    epochOffset: 0,
    ...overrides,
  };
}

/** Valid options for the raw fit / fitAsync (rawFitOptions()). */
export const RAW_FIT_OPTIONS = rawFitOptions();

/** rawFitOptions() without `key`. */
export function rawFitOptionsWithout(key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rawFitOptions()).filter(([k]) => k !== key));
}

/** Bad values for a Float64Array argument of `length` values. */
export function badArrays(name: string, length: number, fill = 0.5): BadValue[] {
  const lengthMessage = [names(name), new RegExp(`= ${length} values long, got \\d+$`)];
  return [
    { name: `${name} as a Float32Array`, value: new Float32Array(length).fill(fill), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a plain array`, value: new Array(length).fill(fill), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a matrix object`, value: { rows: 1, cols: length, data: new Float64Array(length) }, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as an Int32Array`, value: new Int32Array(length), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a DataView`, value: new DataView(new ArrayBuffer(length * 8)), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} = null`, value: null, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} missing`, value: undefined, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a string`, value: 'data', kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} one value short`, value: new Float64Array(length - 1).fill(fill), kind: RangeError, message: lengthMessage },
    { name: `${name} one value long`, value: new Float64Array(length + 1).fill(fill), kind: RangeError, message: lengthMessage },
    { name: `${name} empty`, value: new Float64Array(0), kind: RangeError, message: lengthMessage },
  ];
}

/** A Float64Array of `length` values whose last is NaN, Infinity or -Infinity. */
export function nonFinite(name: string, length: number, fill = 0.5): BadValue[] {
  return [NaN, Infinity, -Infinity].map((v) => ({
    name: `${name} holding ${v}`,
    value: new Float64Array(length).fill(fill).fill(v, length - 1),
    kind: RangeError,
    message: [names(name), /finite/],
  }));
}

/** Targets (named `name`) of `length` values whose first is outside [0, 1]. */
export function badTargetsRaw(length: number, name = 'Y'): BadValue[] {
  return [2, -0.5, NaN, Infinity].map((v) => ({
    name: `${name} holding ${v}`,
    value: new Float64Array(length).fill(1).fill(v, 0, 1),
    kind: RangeError,
    message: [names(name), /\[0, 1\]/],
  }));
}

/** Bad values for an integer argument in [1, max]. */
export function badIntegers(name: string, max: number, extraRange: unknown[] = []): BadValue[] {
  return [
    ...[0, -1, 1.5, NaN, Infinity, -Infinity, -0, max + 1, 1e300, ...extraRange].map((v) => ({
      name: `${name} = ${Object.is(v, -0) ? '-0' : String(v)}`,
      value: v,
      kind: RangeError,
      message: [names(name), /integer/],
    })),
    ...(['4', null, undefined, 4n, {}, [4], true] as unknown[]).map((v) => ({
      name: `${name} = ${typeof v === 'bigint' ? '4n' : JSON.stringify(v) ?? 'undefined'}`,
      value: v,
      kind: TypeError,
      message: [names(name), /number/],
    })),
  ];
}

/** The raw binding's learning rates are checked as the public API's are. */
export const badRates = (name: string): BadValue[] => badLearningRates(name);

/** How each raw option is read (native/binding/js_values.cc read_fit_options), and values it refuses. */
type FieldRule =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'positive' }
  | { kind: 'nonNegative' }
  | { kind: 'decayRate' }
  | { kind: 'boolean' }
  | { kind: 'optimizer' };

const FIELD_RULES: Record<(typeof RAW_FIT_FIELDS)[number], FieldRule> = {
  iterations: { kind: 'integer', min: 1, max: 2 ** 31 - 1 },
  batchSize: { kind: 'integer', min: 1, max: 2 ** 31 - 1 },
  shuffle: { kind: 'boolean' },
  seed: { kind: 'integer', min: 0, max: 2 ** 32 - 1 },
  learningRate: { kind: 'positive' },
  learningRateDecay: { kind: 'nonNegative' },
  optimizer: { kind: 'optimizer' },
  beta: { kind: 'decayRate' },
  beta1: { kind: 'decayRate' },
  beta2: { kind: 'decayRate' },
  epsilon: { kind: 'positive' },
  l2: { kind: 'nonNegative' },
  progressEvery: { kind: 'integer', min: 1, max: 2 ** 31 - 1 },
  tolerance: { kind: 'nonNegative' },
  patience: { kind: 'integer', min: 0, max: 2 ** 31 - 1 },
  minDelta: { kind: 'nonNegative' },
  restoreBest: { kind: 'boolean' },
  keepOptimizerState: { kind: 'boolean' },
  epochOffset: { kind: 'integer', min: 0, max: 2 ** 31 - 1 },
};

const OPTIMIZER_CHOICES = "one of 'gd', 'momentum', 'adam'";

/** What a field's TypeError says it must be. */
function expectedKind(rule: FieldRule): string {
  return rule.kind === 'boolean' ? 'a boolean' : rule.kind === 'optimizer' ? OPTIMIZER_CHOICES : 'a number';
}

/** Bad values of one raw option, each with the binding's whole message. */
function badField(key: (typeof RAW_FIT_FIELDS)[number]): BadValue[] {
  const rule = FIELD_RULES[key];
  const name = `options.${key}`;
  const type = (value: unknown, shown: string, label = shown): BadValue => ({
    name: `${name} = ${label}`,
    value: rawFitOptions({ [key]: value }),
    kind: TypeError,
    message: [exactly(`${name} must be ${expectedKind(rule)}, got ${shown}`)],
  });
  const range = (value: number, expected: string, shown = String(value)): BadValue => ({
    name: `${name} = ${Object.is(value, -0) ? '-0' : shown}`,
    value: rawFitOptions({ [key]: value }),
    kind: RangeError,
    message: [exactly(`${name} must be ${expected}, got ${shown}`)],
  });
  const cases: BadValue[] = [
    { name: `${name} missing`, value: rawFitOptionsWithout(key), kind: TypeError, message: [exactly(`${name} must be ${expectedKind(rule)}, got undefined`)] },
    type(null, 'null'),
  ];
  switch (rule.kind) {
    case 'integer': {
      const expected = `an integer from ${rule.min} to ${rule.max}`;
      cases.push(type('1', '"1"'), type(1n, 'the bigint 1n', '1n'), type(true, 'true'));
      cases.push(range(rule.min - 1, expected), range(1.5, expected), range(NaN, expected), range(Infinity, expected), range(rule.max + 1, expected));
      break;
    }
    case 'positive':
      cases.push(type('0.5', '"0.5"'), range(0, 'a finite number > 0'), range(-1, 'a finite number > 0'), range(NaN, 'a finite number > 0'), range(Infinity, 'a finite number > 0'));
      break;
    case 'nonNegative':
      cases.push(type('0', '"0"'), range(-1e-9, 'a finite number >= 0', '-1e-9'), range(NaN, 'a finite number >= 0'), range(Infinity, 'a finite number >= 0'));
      break;
    case 'decayRate':
      cases.push(type('0.9', '"0.9"'), range(1, 'a number in [0, 1)'), range(-0.1, 'a number in [0, 1)'), range(NaN, 'a number in [0, 1)'), range(Infinity, 'a number in [0, 1)'));
      break;
    case 'boolean':
      cases.push(type(1, '1'), type('true', '"true"'), type({}, 'an object'));
      break;
    case 'optimizer':
      cases.push(
        type(0, '0'),
        ...['sgd', 'Adam', ''].map((v) => ({ name: `${name} = '${v}'`, value: rawFitOptions({ optimizer: v }), kind: RangeError, message: [exactly(`${name} must be ${OPTIMIZER_CHOICES}, got '${v}'`)] })),
      );
      break;
  }
  return cases;
}

/** Bad options for the raw fit / fitAsync (the valid ones are rawFitOptions()): the object, then each field. */
export function badOptions(): BadValue[] {
  return [
    { name: 'options = null', value: null, kind: TypeError, message: [exactly('options must be an object, got null')] },
    { name: 'options missing', value: undefined, kind: TypeError, message: [exactly('options must be an object, got undefined')] },
    { name: 'options as a number', value: 5, kind: TypeError, message: [exactly('options must be an object, got 5')] },
    { name: 'options as a string', value: 'fast', kind: TypeError, message: [exactly('options must be an object, got "fast"')] },
    { name: "options with the public API's fields only", value: { iterations: 5, learningRate: 0.5 }, kind: TypeError, message: [exactly('options.batchSize must be a number, got undefined')] },
    ...RAW_FIT_FIELDS.flatMap(badField),
  ];
}

/** onProgress values that are not functions. */
export const badCallbacks: BadValue[] = [5, 'log', {}, [], 1n].map((v) => ({
  name: `onProgress = ${typeof v === 'bigint' ? '1n' : JSON.stringify(v)}`,
  value: v,
  kind: TypeError,
  message: [names('onProgress'), /function/],
}));
