// Bad arguments for the public API, as tables of { value, kind, message }:
// any matrix, the inputs X and targets Y of the fixture net, learning rates,
// and fit's options. Messages follow "<name> must be <expected>, got <actual>".
import type { BadValue } from './rejection';
import { names } from './rejection';
import { filled, m, n0, n2, withValue, X, Y } from './fixture';

/** Ways to get a matrix argument wrong that apply to any matrix (X, Y, a cache entry, a gradient, a parameter). */
export function malformedMatrix(name: string, rows: number, cols: number, fill = 0.5): BadValue[] {
  const data = () => new Float64Array(rows * cols).fill(fill);
  const kind = [names(name), /matrix|Float64Array/];
  const dataKind = [names(`${name}.data`), /Float64Array/];
  return [
    { name: 'a nested plain array', value: Array.from({ length: rows }, () => new Array(cols).fill(fill)), kind: TypeError, message: kind },
    { name: 'a bare Float64Array', value: data(), kind: TypeError, message: kind },
    { name: 'null', value: null, kind: TypeError, message: kind },
    { name: 'undefined (missing)', value: undefined, kind: TypeError, message: kind },
    { name: 'a number', value: 7, kind: TypeError, message: kind },
    { name: 'a string', value: 'matrix', kind: TypeError, message: kind },
    { name: 'data as a Float32Array', value: { rows, cols, data: new Float32Array(rows * cols).fill(fill) }, kind: TypeError, message: dataKind },
    { name: 'data as a plain array', value: { rows, cols, data: new Array(rows * cols).fill(fill) }, kind: TypeError, message: dataKind },
    { name: 'data missing', value: { rows, cols }, kind: TypeError, message: dataKind },
    { name: 'rows missing', value: { cols, data: data() }, kind: TypeError, message: [names(`${name}.rows`), /number/] },
    { name: 'cols missing', value: { rows, data: data() }, kind: TypeError, message: [names(`${name}.cols`), /number/] },
    { name: 'rows as a string', value: { rows: String(rows), cols, data: data() }, kind: TypeError, message: [names(`${name}.rows`), /number/] },
    { name: 'cols as a bigint', value: { rows, cols: BigInt(cols), data: data() }, kind: TypeError, message: [names(`${name}.cols`), /number/] },
    {
      name: 'data.length one short of rows * cols',
      value: { rows, cols, data: new Float64Array(rows * cols - 1) },
      kind: RangeError,
      message: [names(`${name}.data`), /rows \* cols/],
    },
    {
      name: 'data.length one more than rows * cols',
      value: { rows, cols, data: new Float64Array(rows * cols + 1) },
      kind: RangeError,
      message: [names(`${name}.data`), /rows \* cols/],
    },
    { name: 'fractional rows', value: { rows: rows + 0.5, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /integer/] },
    { name: 'NaN cols', value: { rows, cols: NaN, data: data() }, kind: RangeError, message: [names(`${name}.cols`), /integer/] },
    { name: 'negative cols', value: { rows, cols: -cols, data: data() }, kind: RangeError, message: [names(`${name}.cols`), /integer/] },
    { name: 'cols = 0 (no examples)', value: { rows, cols: 0, data: new Float64Array(0) }, kind: RangeError, message: [names(`${name}.cols`), /integer from 1/] },
    { name: 'rows = 0', value: { rows: 0, cols, data: new Float64Array(0) }, kind: RangeError, message: [names(`${name}.rows`), /integer from 1/] },
    { name: 'rows = 2**31 (huge)', value: { rows: 2 ** 31, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /2147483647/] },
    { name: 'rows = Infinity', value: { rows: Infinity, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /integer/] },
  ];
}

/** Bad inputs X for a net with inputSize n0 (the valid X has m columns). */
export function badInputs(): BadValue[] {
  return [
    ...malformedMatrix('X', n0, m),
    {
      name: 'X rows ≠ inputSize',
      value: filled(n0 + 1, m, 0.5),
      kind: RangeError,
      message: [new RegExp(`^X must be a matrix of inputSize = ${n0} rows\\b.*, got ${n0 + 1} rows`)],
    },
    { name: 'X holding NaN', value: withValue(X, 5, NaN), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding Infinity', value: withValue(X, 0, Infinity), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding -Infinity', value: withValue(X, m * n0 - 1, -Infinity), kind: RangeError, message: [names('X'), /finite/] },
  ];
}

/** Bad targets Y (X is valid, with m columns). */
export function badTargets(): BadValue[] {
  return [
    ...malformedMatrix('Y', n2, m, 1),
    {
      name: 'Y rows ≠ outputSize',
      value: filled(n2 + 1, m, 1),
      kind: RangeError,
      message: [new RegExp(`^Y must be a matrix of outputSize = ${n2} rows?, got ${n2 + 1} rows`)],
    },
    {
      name: 'Y with another m than X',
      value: filled(n2, m - 1, 1),
      kind: RangeError,
      message: [new RegExp(`^Y must be ${m} columns wide, one per example of X, got ${m - 1} columns`)],
    },
    { name: 'Y holding 2 (above 1)', value: withValue(Y, 1, 2), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding -0.5', value: withValue(Y, 0, -0.5), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding NaN', value: withValue(Y, 2, NaN), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding Infinity', value: withValue(Y, 3, Infinity), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
  ];
}

export function badLearningRates(name: string): BadValue[] {
  const range = [names(name), /> 0/];
  const kind = [names(name), /number/];
  return [
    { name: `${name} = 0`, value: 0, kind: RangeError, message: range },
    { name: `${name} = -0`, value: -0, kind: RangeError, message: range },
    { name: `${name} < 0`, value: -0.1, kind: RangeError, message: range },
    { name: `${name} = NaN`, value: NaN, kind: RangeError, message: range },
    { name: `${name} = Infinity`, value: Infinity, kind: RangeError, message: range },
    { name: `${name} = -Infinity`, value: -Infinity, kind: RangeError, message: range },
    { name: `${name} as a string`, value: '0.1', kind: TypeError, message: kind },
    { name: `${name} = null`, value: null, kind: TypeError, message: kind },
    { name: `${name} missing`, value: undefined, kind: TypeError, message: kind },
    { name: `${name} as an object`, value: { valueOf: () => 0.1 }, kind: TypeError, message: kind },
    { name: `${name} as a bigint`, value: 1n, kind: TypeError, message: kind },
  ];
}

/** Bad options for fit() / fitAsync() (`name` is 'fit options' or 'fitAsync options'). */
export function badFitOptions(name: string): BadValue[] {
  const valid = { iterations: 10, learningRate: 0.5 };
  const option = (key: string) => names(`${name}.${key}`);
  const integer = (key: string, value: unknown): BadValue => ({
    name: `${key} = ${String(value)}`,
    value: { ...valid, [key]: value },
    kind: RangeError,
    message: [option(key), /integer/],
  });
  const wrongKind = (key: string, value: unknown, label = String(value)): BadValue => ({
    name: `${key} = ${label}`,
    value: { ...valid, [key]: value },
    kind: TypeError,
    message: [option(key), key === 'onProgress' ? /function/ : /number/],
  });
  return [
    { name: 'options missing', value: undefined, kind: TypeError, message: [names(name), /object/] },
    { name: 'options = null', value: null, kind: TypeError, message: [names(name), /object/] },
    { name: 'options as an array', value: [10, 0.5], kind: TypeError, message: [names(name), /object/] },
    { name: 'options as a number', value: 10, kind: TypeError, message: [names(name), /object/] },
    { name: 'options as a string', value: 'iterations=10', kind: TypeError, message: [names(name), /object/] },
    { name: "unknown option 'iteration' (misspelt)", value: { iteration: 10, learningRate: 0.5 }, kind: TypeError, message: [names(name), /unknown option 'iteration'/] },
    { name: "unknown option 'lr'", value: { ...valid, lr: 0.5 }, kind: TypeError, message: [names(name), /unknown option 'lr'/] },
    wrongKind('iterations', undefined, 'missing'),
    integer('iterations', 0),
    integer('iterations', 1.5),
    integer('iterations', -1),
    integer('iterations', NaN),
    integer('iterations', Infinity),
    integer('iterations', 2 ** 31),
    wrongKind('iterations', '10', "'10'"),
    wrongKind('iterations', 10n, '10n'),
    wrongKind('iterations', null),
    ...badLearningRates('learningRate').map((bad) => ({
      ...bad,
      value: { ...valid, learningRate: bad.value },
      message: [option('learningRate'), ...bad.message.slice(1)],
    })),
    integer('progressEvery', 0),
    integer('progressEvery', -100),
    integer('progressEvery', 2.5),
    integer('progressEvery', NaN),
    wrongKind('progressEvery', '100', "'100'"),
    wrongKind('progressEvery', null),
    { name: 'tolerance < 0', value: { ...valid, tolerance: -1e-6 }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    { name: 'tolerance = NaN', value: { ...valid, tolerance: NaN }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    { name: 'tolerance = Infinity', value: { ...valid, tolerance: Infinity }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    wrongKind('tolerance', '0', "'0'"),
    wrongKind('tolerance', null),
    wrongKind('onProgress', 5),
    wrongKind('onProgress', 'log', "'log'"),
    wrongKind('onProgress', {}, 'an object'),
    wrongKind('onProgress', null),
  ];
}
