// The raw addon (build/Release/shallownet.node), loaded directly as the
// validation tests and the fuzzer call it, and tables of bad arguments for
// its methods: typed arrays, integers, learning rates, fit options, callbacks.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NativeBinding } from '../../lib/native/binding';
import type { BadValue } from './rejection';
import { names } from './rejection';
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

/** Valid options for the raw fit / fitAsync. */
export const RAW_FIT_OPTIONS = { iterations: 5, learningRate: 0.5, progressEvery: 1, tolerance: 0 };

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

/** Targets of `length` values whose first is outside [0, 1]. */
export function badTargetsRaw(length: number): BadValue[] {
  return [2, -0.5, NaN, Infinity].map((v) => ({
    name: `Y holding ${v}`,
    value: new Float64Array(length).fill(1).fill(v, 0, 1),
    kind: RangeError,
    message: [names('Y'), /\[0, 1\]/],
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

/** Bad options for the raw fit / fitAsync (the valid ones are RAW_FIT_OPTIONS). */
export function badOptions(): BadValue[] {
  const options = RAW_FIT_OPTIONS;
  return [
    { name: 'options = null', value: null, kind: TypeError, message: [names('options'), /object/] },
    { name: 'options missing', value: undefined, kind: TypeError, message: [names('options'), /object/] },
    { name: 'options as a number', value: 5, kind: TypeError, message: [names('options'), /object/] },
    { name: 'options as a string', value: 'fast', kind: TypeError, message: [names('options'), /object/] },
    ...(['iterations', 'learningRate', 'progressEvery', 'tolerance'] as const).flatMap((key) => [
      {
        name: `options.${key} missing`,
        value: Object.fromEntries(Object.entries(options).filter(([k]) => k !== key)),
        kind: TypeError,
        message: [names(`options.${key}`), /number/],
      },
      { name: `options.${key} as a string`, value: { ...options, [key]: '1' }, kind: TypeError, message: [names(`options.${key}`), /number/] },
      { name: `options.${key} = NaN`, value: { ...options, [key]: NaN }, kind: RangeError, message: [names(`options.${key}`)] },
      { name: `options.${key} = -1`, value: { ...options, [key]: -1 }, kind: RangeError, message: [names(`options.${key}`)] },
      ...(key === 'tolerance' ? [] : [{ name: `options.${key} = 0`, value: { ...options, [key]: 0 }, kind: RangeError, message: [names(`options.${key}`)] }]),
    ]),
    { name: 'options.iterations = 1.5', value: { ...options, iterations: 1.5 }, kind: RangeError, message: [names('options.iterations'), /integer/] },
    { name: 'options.iterations = 2**31', value: { ...options, iterations: 2 ** 31 }, kind: RangeError, message: [names('options.iterations'), /integer/] },
    { name: 'options.progressEvery = 0.5', value: { ...options, progressEvery: 0.5 }, kind: RangeError, message: [names('options.progressEvery'), /integer/] },
    { name: 'options.learningRate = Infinity', value: { ...options, learningRate: Infinity }, kind: RangeError, message: [names('options.learningRate'), /> 0/] },
    { name: 'options.tolerance = Infinity', value: { ...options, tolerance: Infinity }, kind: RangeError, message: [names('options.tolerance'), />= 0/] },
  ];
}

/** onProgress values that are not functions. */
export const badCallbacks: BadValue[] = [5, 'log', {}, [], 1n].map((v) => ({
  name: `onProgress = ${typeof v === 'bigint' ? '1n' : JSON.stringify(v)}`,
  value: v,
  kind: TypeError,
  message: [names('onProgress'), /function/],
}));
