// Hostile input: every public entry point, and the raw binding under it,
// rejects malformed arguments with a TypeError (wrong kind of value) or a
// RangeError (wrong value) whose message names the argument and says what was
// expected; a rejected call leaves the network bit for bit as it was and still
// able to train; and no input, however odd, crashes or hangs the process.
//
// Inputs that could take the whole process down (a native crash, a runaway
// allocation) run in a child process, so a failure is reported as a failed
// test instead of killing the test worker.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  computeCost,
  fromExamples,
  fromLabels,
  matrix,
  NetworkBusyError,
  setThreads,
  ShallowNet,
  TrainingAbortedError,
  type Matrix,
} from 'shallownet';
import type { NativeBinding } from '../lib/native/binding';
import { backends, bernoulliMatrix, bitsEqual, gaussianMatrix, nativeAvailable, Random } from './helpers';

// ---------------------------------------------------------------------------
// Helpers

type ErrorKind = typeof TypeError | typeof RangeError;

interface Rejection {
  /** What the test is called. */
  name: string;
  kind: ErrorKind;
  /** Each must match the message: the argument's name, and what was expected. */
  message: RegExp[];
}

const NOTHING = Symbol('nothing thrown');

/** Runs `call`; returns what it threw (or what its promise rejected with), or NOTHING. */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    const result = call();
    if (result instanceof Promise) await result;
  } catch (error) {
    return error;
  }
  return NOTHING;
}

function describeThrown(error: unknown): string {
  if (error === NOTHING) return 'nothing was thrown';
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return `a non-Error value: ${String(error)}`;
}

/** The exact class (a TypeError is not a RangeError, and NetworkBusyError is neither), and the message. */
function expectRejection(error: unknown, kind: ErrorKind, message: RegExp[]): void {
  expect(error === NOTHING ? undefined : (error as object)?.constructor, describeThrown(error)).toBe(kind);
  for (const pattern of message) expect((error as Error).message).toMatch(pattern);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The argument's name as a word in the message ("X" matches "X has" and "X.data", not "max"). */
function names(argument: string): RegExp {
  return new RegExp(`(^|[^\\w.])${escapeRegExp(argument)}(?!\\w)`);
}

function packedParameters(net: ShallowNet): Float64Array {
  const { W1, b1, W2, b2 } = net.parameters();
  return Float64Array.from([...W1.data, ...b1.data, ...W2.data, ...b2.data]);
}

// The fixture every table uses: n0 = 2, n1 = 3, n2 = 1, m = 4.
const n0 = 2;
const n1 = 3;
const n2 = 1;
const m = 4;
const fixtureRandom = new Random(2024);
const X = gaussianMatrix(fixtureRandom, n0, m);
const Y = bernoulliMatrix(fixtureRandom, n2, m);

function filled(rows: number, cols: number, value: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols).fill(value) };
}

function withValue(M: Matrix, index: number, value: number): Matrix {
  const data = M.data.slice();
  data[index] = value;
  return { rows: M.rows, cols: M.cols, data };
}

interface BadValue extends Rejection {
  value: unknown;
}

/** Ways to get a matrix argument wrong that apply to any matrix (X, Y, a cache entry, a gradient, a parameter). */
function malformedMatrix(name: string, rows: number, cols: number, fill = 0.5): BadValue[] {
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
function badInputs(): BadValue[] {
  return [
    ...malformedMatrix('X', n0, m),
    {
      name: 'X rows ≠ inputSize',
      value: filled(n0 + 1, m, 0.5),
      kind: RangeError,
      message: [new RegExp(`X has ${n0 + 1} rows but the network expects inputSize = ${n0}`)],
    },
    { name: 'X holding NaN', value: withValue(X, 5, NaN), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding Infinity', value: withValue(X, 0, Infinity), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding -Infinity', value: withValue(X, m * n0 - 1, -Infinity), kind: RangeError, message: [names('X'), /finite/] },
  ];
}

/** Bad targets Y (X is valid, with m columns). */
function badTargets(): BadValue[] {
  return [
    ...malformedMatrix('Y', n2, m, 1),
    {
      name: 'Y rows ≠ outputSize',
      value: filled(n2 + 1, m, 1),
      kind: RangeError,
      message: [new RegExp(`Y has ${n2 + 1} rows but the network expects outputSize = ${n2}`)],
    },
    { name: 'Y with another m than X', value: filled(n2, m - 1, 1), kind: RangeError, message: [new RegExp(`Y has ${m - 1} columns.*X has ${m}`)] },
    { name: 'Y holding 2 (above 1)', value: withValue(Y, 1, 2), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding -0.5', value: withValue(Y, 0, -0.5), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding NaN', value: withValue(Y, 2, NaN), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding Infinity', value: withValue(Y, 3, Infinity), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
  ];
}

function badLearningRates(name: string): BadValue[] {
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
function badFitOptions(name: string): BadValue[] {
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

/** A fresh network on `backend` with the fixture's sizes. */
function makeNet(backend: string, seed = 7): ShallowNet {
  return new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed, backend: backend as 'native' | 'ts' });
}

/** After a rejected call: the parameters are bit for bit those before, and the net still trains. */
function expectUntouchedAndUsable(net: ShallowNet, before: Float64Array): void {
  expect(net.training).toBe(false);
  expect(bitsEqual(packedParameters(net), before), 'the parameters changed').toBe(true);
  const cost = net.step(X, Y, 0.5);
  expect(Number.isFinite(cost)).toBe(true);
  const result = net.fit(X, Y, { iterations: 5, learningRate: 0.5 });
  expect(Number.isFinite(result.finalCost)).toBe(true);
  expect(bitsEqual(packedParameters(net), before), 'the net no longer trains').toBe(false);
}

interface NetCase extends Rejection {
  call: (net: ShallowNet) => unknown;
}

function netCases(): NetCase[] {
  const cases: NetCase[] = [];
  const add = (entry: string, bads: BadValue[], call: (net: ShallowNet, value: unknown) => unknown) => {
    for (const bad of bads) cases.push({ ...bad, name: `${entry}: ${bad.name}`, call: (net) => call(net, bad.value) });
  };
  const anyX = (v: unknown) => v as Matrix;
  const fitOptions = { iterations: 10, learningRate: 0.5 };

  add('forward(X)', badInputs(), (net, v) => net.forward(anyX(v)));
  add('predictProba(X)', badInputs(), (net, v) => net.predictProba(anyX(v)));
  add('predict(X)', badInputs(), (net, v) => net.predict(anyX(v)));
  add('cost(X, Y)', badInputs(), (net, v) => net.cost(anyX(v), Y));
  add('cost(X, Y)', badTargets(), (net, v) => net.cost(X, anyX(v)));
  add('gradients(X, Y)', badInputs(), (net, v) => net.gradients(anyX(v), Y));
  add('gradients(X, Y)', badTargets(), (net, v) => net.gradients(X, anyX(v)));
  add('backward(X, Y, cache)', badInputs(), (net, v) => net.backward(anyX(v), Y, net.forward(X)));
  add('backward(X, Y, cache)', badTargets(), (net, v) => net.backward(X, anyX(v), net.forward(X)));
  add('step(X, Y, α)', badInputs(), (net, v) => net.step(anyX(v), Y, 0.5));
  add('step(X, Y, α)', badTargets(), (net, v) => net.step(X, anyX(v), 0.5));
  add('step(X, Y, α)', badLearningRates('learningRate'), (net, v) => net.step(X, Y, v as number));
  add('fit(X, Y, options)', badInputs(), (net, v) => net.fit(anyX(v), Y, fitOptions));
  add('fit(X, Y, options)', badTargets(), (net, v) => net.fit(X, anyX(v), fitOptions));
  add('fit(X, Y, options)', badFitOptions('fit options'), (net, v) => net.fit(X, Y, v as typeof fitOptions));
  add('fitAsync(X, Y, options)', badInputs(), (net, v) => net.fitAsync(anyX(v), Y, fitOptions));
  add('fitAsync(X, Y, options)', badTargets(), (net, v) => net.fitAsync(X, anyX(v), fitOptions));
  add('fitAsync(X, Y, options)', badFitOptions('fitAsync options'), (net, v) => net.fitAsync(X, Y, v as typeof fitOptions));
  add(
    'fitAsync(X, Y, options)',
    [
      { name: 'signal as a string', value: 'abort', kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
      { name: 'signal as an AbortController', value: new AbortController(), kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
      { name: 'signal = null', value: null, kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
    ],
    (net, v) => net.fitAsync(X, Y, { ...fitOptions, signal: v as AbortSignal }),
  );
  add(
    'fit(X, Y, options)',
    [{ name: "fitAsync's signal option", value: new AbortController().signal, kind: TypeError, message: [names('fit options'), /unknown option 'signal'/] }],
    (net, v) => net.fit(X, Y, { ...fitOptions, signal: v } as typeof fitOptions),
  );

  // backward's cache.
  const cacheWith = (net: ShallowNet, key: 'A1' | 'A2', value: unknown) => ({ ...net.forward(X), [key]: value as Matrix });
  add(
    'backward(X, Y, cache)',
    [
      { name: 'cache = null', value: null, kind: TypeError, message: [names('cache'), /object/] },
      { name: 'cache as an array', value: [], kind: TypeError, message: [names('cache'), /object/] },
      { name: 'cache as a string', value: 'cache', kind: TypeError, message: [names('cache'), /object/] },
    ],
    (net, v) => net.backward(X, Y, v as ReturnType<ShallowNet['forward']>),
  );
  add(
    'backward(X, Y, cache)',
    [
      ...malformedMatrix('cache.A1', n1, m),
      { name: 'cache.A1 of another shape', value: filled(n1, m - 1, 0.5), kind: RangeError, message: [names('cache.A1'), new RegExp(`\\(${n1}, ${m}\\)`)] },
      { name: 'cache.A1 holding NaN', value: withValue(filled(n1, m, 0.5), 0, NaN), kind: RangeError, message: [names('cache.A1'), /finite/] },
    ],
    (net, v) => net.backward(X, Y, cacheWith(net, 'A1', v)),
  );
  add(
    'backward(X, Y, cache)',
    [
      ...malformedMatrix('cache.A2', n2, m),
      { name: 'cache.A2 of another shape', value: filled(n2 + 1, m, 0.5), kind: RangeError, message: [names('cache.A2'), new RegExp(`\\(${n2}, ${m}\\)`)] },
      { name: 'cache.A2 holding Infinity', value: withValue(filled(n2, m, 0.5), 1, Infinity), kind: RangeError, message: [names('cache.A2'), /finite/] },
    ],
    (net, v) => net.backward(X, Y, cacheWith(net, 'A2', v)),
  );

  // update's gradients and learning rate.
  const shapes = { dW1: [n1, n0], db1: [n1, 1], dW2: [n2, n1], db2: [n2, 1] } as const;
  add(
    'update(gradients, α)',
    [
      { name: 'gradients = null', value: null, kind: TypeError, message: [names('gradients'), /object/] },
      { name: 'gradients missing', value: undefined, kind: TypeError, message: [names('gradients'), /object/] },
      { name: 'gradients as a Float64Array', value: new Float64Array(13), kind: TypeError, message: [names('gradients')] },
    ],
    (net, v) => net.update(v as ReturnType<ShallowNet['gradients']>, 0.5),
  );
  for (const [key, [rows, cols]] of Object.entries(shapes)) {
    add(
      'update(gradients, α)',
      [
        ...malformedMatrix(`gradients.${key}`, rows, cols, 0.01),
        {
          name: `gradients.${key} transposed`,
          value: filled(cols, rows, 0.01),
          kind: RangeError,
          message: [names(`gradients.${key}`), new RegExp(`\\(${rows}, ${cols}\\)`)],
        },
      ].filter((bad) => !(rows === cols && bad.name.endsWith('transposed'))),
      (net, v) => net.update({ ...net.gradients(X, Y), [key]: v as Matrix }, 0.5),
    );
  }
  for (const [key, value] of [['dW1', NaN], ['db2', Infinity], ['dW2', -Infinity]] as const) {
    cases.push({
      name: `update(gradients, α): gradients.${key} holding ${value}`,
      kind: RangeError,
      message: [/gradients/, /NaN|finite/],
      call: (net) => {
        const g = net.gradients(X, Y);
        g[key].data[0] = value;
        return net.update(g, 0.5);
      },
    });
  }
  cases.push({
    name: 'update(gradients, α): a finite update that overflows (1e300 · 1e300)',
    kind: RangeError,
    message: [/update/, /infinite|finite/],
    call: (net) => {
      const g = net.gradients(X, Y);
      g.dW1.data.fill(1e300);
      return net.update(g, 1e300);
    },
  });
  add('update(gradients, α)', badLearningRates('learningRate'), (net, v) => net.update(net.gradients(X, Y), v as number));

  add(
    'predict(X, threshold)',
    [
      { name: 'threshold as a string', value: '0.5', kind: TypeError, message: [names('threshold'), /number/] },
      { name: 'threshold = null', value: null, kind: TypeError, message: [names('threshold'), /number/] },
      { name: 'threshold = NaN', value: NaN, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
      { name: 'threshold = 1.5', value: 1.5, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
      { name: 'threshold = -0.1', value: -0.1, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
    ],
    (net, v) => net.predict(X, v as number),
  );
  return cases;
}

// ---------------------------------------------------------------------------
// The public API

describe.each(backends)('the public API rejects bad input and changes nothing (%s)', (backend) => {
  it.each(netCases())('$name', async ({ call, kind, message }) => {
    const net = makeNet(backend);
    const before = packedParameters(net);
    const error = await thrownBy(() => call(net));
    expectRejection(error, kind, message);
    expectUntouchedAndUsable(net, before);
  });

  it('an already-aborted signal rejects fitAsync with TrainingAbortedError and changes nothing', async () => {
    const net = makeNet(backend);
    const before = packedParameters(net);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const error = await thrownBy(() => net.fitAsync(X, Y, { iterations: 10, learningRate: 0.5, signal: controller.signal }));
    expect(error).toBeInstanceOf(TrainingAbortedError);
    expectUntouchedAndUsable(net, before);
  });

  it('a diverging step throws TrainingDivergedError and leaves the parameters as they were before it', async () => {
    const net = makeNet(backend);
    // Huge (finite) inputs and learning rate: within a few steps the cost or the update overflows.
    const wild = filled(n0, m, 1e300);
    let error: unknown = NOTHING;
    let beforeFailing = packedParameters(net);
    for (let k = 0; k < 5 && error === NOTHING; k++) {
      beforeFailing = packedParameters(net);
      error = await thrownBy(() => net.step(wild, Y, 1e300));
    }
    expect(error, describeThrown(error)).toHaveProperty('name', 'TrainingDivergedError');
    expect(bitsEqual(packedParameters(net), beforeFailing), 'the failed step changed the parameters').toBe(true);
    expect(packedParameters(net).every(Number.isFinite)).toBe(true);
  });

  it('bad arguments while fitAsync runs: NetworkBusyError or the argument error, never a change', async () => {
    const net = makeNet(backend);
    const running = net.fitAsync(X, Y, { iterations: 200_000, learningRate: 0.01, progressEvery: 100_000 });
    const error = await thrownBy(() => net.forward(null as unknown as Matrix));
    expect(error).toBeInstanceOf(NetworkBusyError);
    await running;
    expect(net.training).toBe(false);
  });

  // A matrix is read once: an object whose fields change between reads (getters)
  // must not slip past the checks with values that were never validated. Each
  // field is honest for its first `honest` reads, then lies.
  const shifty: Record<string, (honest: number) => Matrix> = {
    cols: (honest) => {
      let reads = 0;
      return { rows: n0, get cols() { return reads++ < honest ? m : 100_000; }, data: X.data.slice() };
    },
    data: (honest) => {
      let reads = 0;
      const good = X.data.slice();
      const poisoned = new Float64Array(n0 * m).fill(NaN);
      return { rows: n0, cols: m, get data() { return reads++ < honest ? good : poisoned; } };
    },
    rows: (honest) => {
      let reads = 0;
      return { get rows() { return reads++ < honest ? n0 : 1; }, cols: m, data: X.data.slice() };
    },
  };
  it.each(Object.keys(shifty))(
    'an X whose %s changes after it was checked gives a result from the checked values, or a TypeError/RangeError',
    async (field) => {
      const failures: string[] = [];
      for (const honest of [1, 2, 3, 4]) {
        for (const method of ['forward', 'predictProba', 'cost', 'step', 'fit'] as const) {
          const net = makeNet(backend);
          const X2 = shifty[field]!(honest);
          let result: unknown;
          const error = await thrownBy(() => {
            if (method === 'forward') result = net.forward(X2).A2;
            else if (method === 'predictProba') result = net.predictProba(X2);
            else if (method === 'cost') result = net.cost(X2, Y);
            else if (method === 'step') result = net.step(X2, Y, 0.5);
            else result = net.fit(X2, Y, { iterations: 3, learningRate: 0.5 }).finalCost;
          });
          const label = `${method} (${field} honest for ${honest} reads)`;
          if (error !== NOTHING) {
            if (!(error instanceof TypeError || error instanceof RangeError)) failures.push(`${label} threw ${describeThrown(error)}`);
          } else if (typeof result === 'number') {
            if (!Number.isFinite(result)) failures.push(`${label} returned ${result}`);
          } else {
            const A2 = result as Matrix;
            if (A2.rows !== n2 || A2.cols !== m || !Array.from(A2.data).every((v) => v >= 0 && v <= 1)) {
              failures.push(`${label} returned a (${A2.rows}, ${A2.cols}) matrix starting ${Array.from(A2.data.slice(0, 3))}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('an options getter that starts fitAsync on the same net makes fit throw NetworkBusyError', async () => {
    const net = makeNet(backend);
    let inner: Promise<unknown> | undefined;
    const error = await thrownBy(() =>
      net.fit(X, Y, {
        learningRate: 0.5,
        get iterations() {
          inner ??= net.fitAsync(X, Y, { iterations: 50_000, learningRate: 0.01, progressEvery: 50_000 });
          return 5;
        },
      }),
    );
    await inner;
    expect(error, describeThrown(error)).toBeInstanceOf(NetworkBusyError);
  });

  it.each([42, 'a string', undefined, null])(
    'a value thrown by onProgress (%s) comes out of fit and fitAsync unchanged',
    async (thrown) => {
      const net = makeNet(backend);
      const options = { iterations: 5, learningRate: 0.5, progressEvery: 1, onProgress: () => { throw thrown; } };
      const syncError = await thrownBy(() => net.fit(X, Y, options));
      expect(syncError, `fit: ${describeThrown(syncError)}`).toBe(thrown);
      const asyncError = await thrownBy(() => net.fitAsync(X, Y, options));
      expect(asyncError, `fitAsync: ${describeThrown(asyncError)}`).toBe(thrown);
      expect(net.training).toBe(false);
    },
  );
});

describe.each(backends)('new ShallowNet(options) (%s)', (backend) => {
  const valid = { inputSize: 2, hiddenSize: 3, backend };
  const size = (key: string, value: unknown, kind: ErrorKind, label = String(value)): BadValue => ({
    name: `${key} = ${label}`,
    value: { ...valid, [key]: value },
    kind,
    message: [names(key), kind === TypeError ? /number/ : /integer/],
  });
  const cases: BadValue[] = [
    { name: 'no options', value: undefined, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options = null', value: null, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options as an array', value: [2, 3], kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options as a number', value: 2, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: "unknown option 'iteration'", value: { ...valid, iteration: 3 }, kind: TypeError, message: [/unknown option 'iteration'/] },
    { name: "unknown option 'activation' (it is hiddenActivation)", value: { ...valid, activation: 'relu' }, kind: TypeError, message: [/unknown option 'activation'/] },
    ...['inputSize', 'hiddenSize', 'outputSize'].flatMap((key) => [
      ...(key === 'outputSize' ? [] : [size(key, undefined, TypeError, 'missing')]),
      size(key, 0, RangeError),
      size(key, -1, RangeError),
      size(key, 1.5, RangeError),
      size(key, NaN, RangeError),
      size(key, Infinity, RangeError),
      size(key, 2 ** 31, RangeError, '2**31'),
      size(key, 1e300, RangeError),
      size(key, '2', TypeError, "'2'"),
      size(key, 2n, TypeError, '2n'),
      size(key, null, TypeError),
      size(key, [2], TypeError, '[2]'),
    ]),
    {
      name: 'inputSize = hiddenSize = 1e9 (1e18 parameters)',
      value: { ...valid, inputSize: 1e9, hiddenSize: 1e9 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/],
    },
    {
      name: 'all sizes 2**31 - 1',
      value: { ...valid, inputSize: 2 ** 31 - 1, hiddenSize: 2 ** 31 - 1, outputSize: 2 ** 31 - 1 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/],
    },
    {
      name: 'inputSize = 1e5, hiddenSize = 1e5 (1e10 parameters)',
      value: { ...valid, inputSize: 1e5, hiddenSize: 1e5 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/],
    },
    { name: "hiddenActivation 'softmax'", value: { ...valid, hiddenActivation: 'softmax' }, kind: RangeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: "hiddenActivation 'Tanh' (case)", value: { ...valid, hiddenActivation: 'Tanh' }, kind: RangeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation as a number', value: { ...valid, hiddenActivation: 0 }, kind: TypeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation as a function', value: { ...valid, hiddenActivation: Math.tanh }, kind: TypeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation = null', value: { ...valid, hiddenActivation: null }, kind: TypeError, message: [names('hiddenActivation')] },
    { name: "backend 'gpu'", value: { ...valid, backend: 'gpu' }, kind: RangeError, message: [names('backend'), /'native'/] },
    { name: "backend 'Native' (case)", value: { ...valid, backend: 'Native' }, kind: RangeError, message: [names('backend'), /'native'/] },
    { name: 'backend as a number', value: { ...valid, backend: 1 }, kind: TypeError, message: [names('backend'), /'native'/] },
    { name: 'backend = null', value: { ...valid, backend: null }, kind: TypeError, message: [names('backend')] },
    { name: 'seed = -1', value: { ...valid, seed: -1 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = 1.5', value: { ...valid, seed: 1.5 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = 2**32', value: { ...valid, seed: 2 ** 32 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = NaN', value: { ...valid, seed: NaN }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: "seed = '1'", value: { ...valid, seed: '1' }, kind: TypeError, message: [names('seed'), /number/] },
    { name: 'seed = null', value: { ...valid, seed: null }, kind: TypeError, message: [names('seed'), /number/] },
  ];

  it.each(cases)('$name', ({ value, kind, message }) => {
    let error: unknown = NOTHING;
    try {
      new ShallowNet(value as ConstructorParameters<typeof ShallowNet>[0]);
    } catch (e) {
      error = e;
    }
    expectRejection(error, kind, message);
  });
});

describe.each(backends)('ShallowNet.fromParameters(parameters, options) (%s)', (backend) => {
  const source = makeNet(backend, 3).parameters();
  const withParameter = (key: string, value: unknown) => ({ ...source, [key]: value });
  const shapes = { W1: [n1, n0], b1: [n1, 1], W2: [n2, n1], b2: [n2, 1] } as const;
  const cases: (BadValue & { options?: unknown })[] = [
    { name: 'parameters = null', value: null, kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters missing', value: undefined, kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters as an array', value: [source.W1, source.b1, source.W2, source.b2], kind: TypeError, message: [names('parameters'), /object/] },
    ...Object.entries(shapes).flatMap(([key, [rows, cols]]) =>
      [
        ...malformedMatrix(key, rows, cols, 0.1),
        { name: `${key} holding NaN`, value: withValue(source[key as keyof typeof source], 0, NaN), kind: RangeError, message: [names(key), /finite/] },
        { name: `${key} holding -Infinity`, value: withValue(source[key as keyof typeof source], rows * cols - 1, -Infinity), kind: RangeError, message: [names(key), /finite/] },
      ].map((bad) => ({ ...bad, name: `${key}: ${bad.name}`, value: withParameter(key, bad.value) })),
    ),
    { name: 'b1 with hiddenSize + 1 rows', value: withParameter('b1', filled(n1 + 1, 1, 0)), kind: RangeError, message: [names('b1'), new RegExp(`\\(${n1}, 1\\)`)] },
    { name: 'W2 with the wrong number of columns', value: withParameter('W2', filled(n2, n1 + 1, 0)), kind: RangeError, message: [names('W2'), new RegExp(`\\(${n2}, ${n1}\\)`)] },
    { name: 'b2 as a row', value: withParameter('b2', filled(1, 2, 0)), kind: RangeError, message: [names('b2')] },
    { name: 'options = null', value: source, options: null, kind: TypeError, message: [names('fromParameters options'), /object/] },
    { name: "options as a string 'ts'", value: source, options: 'ts', kind: TypeError, message: [names('fromParameters options'), /object/] },
    { name: "unknown option 'seed'", value: source, options: { backend, seed: 1 }, kind: TypeError, message: [/unknown option 'seed'/] },
    { name: "hiddenActivation 'softmax'", value: source, options: { backend, hiddenActivation: 'softmax' }, kind: RangeError, message: [names('hiddenActivation')] },
    { name: "backend 'gpu'", value: source, options: { backend: 'gpu' }, kind: RangeError, message: [names('backend')] },
  ];

  it.each(cases)('$name', ({ value, options, kind, message }) => {
    const before = Float64Array.from([...source.W1.data, ...source.b1.data, ...source.W2.data, ...source.b2.data]);
    let error: unknown = NOTHING;
    try {
      ShallowNet.fromParameters(value as Parameters<typeof ShallowNet.fromParameters>[0], (options === undefined ? { backend } : options) as { backend: 'ts' });
    } catch (e) {
      error = e;
    }
    expectRejection(error, kind, message);
    // The caller's parameters are never written to.
    expect(bitsEqual(Float64Array.from([...source.W1.data, ...source.b1.data, ...source.W2.data, ...source.b2.data]), before)).toBe(true);
  });
});

describe.each(backends)('ShallowNet.fromJSON(json, options) (%s)', (backend) => {
  const saved = makeNet(backend, 5).toJSON();
  const clone = () => JSON.parse(JSON.stringify(saved)) as Record<string, unknown> & { parameters: Record<string, Record<string, unknown>> };
  const edit = (change: (doc: ReturnType<typeof clone>) => void) => {
    const doc = clone();
    change(doc);
    return doc;
  };
  const base64 = (values: number[]) => Buffer.from(new Float64Array(values).buffer).toString('base64');
  const cases: (BadValue & { options?: unknown })[] = [
    { name: 'json missing', value: undefined, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'json = null', value: null, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'json as a number', value: 42, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: "json = ''", value: '', kind: TypeError, message: [/fromJSON/, /JSON/] },
    { name: 'json truncated', value: JSON.stringify(saved).slice(0, 40), kind: TypeError, message: [/fromJSON/, /JSON/] },
    { name: "json = 'null'", value: 'null', kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'format missing', value: edit((d) => delete d.format), kind: TypeError, message: [/format/, /'shallownet'/] },
    { name: 'version 2', value: edit((d) => (d.version = 2)), kind: RangeError, message: [/version/] },
    { name: "inputSize '2'", value: edit((d) => (d.inputSize = '2')), kind: TypeError, message: [names('inputSize'), /number/] },
    { name: 'inputSize 0', value: edit((d) => (d.inputSize = 0)), kind: RangeError, message: [names('inputSize'), /integer/] },
    { name: 'hiddenSize 1.5', value: edit((d) => (d.hiddenSize = 1.5)), kind: RangeError, message: [names('hiddenSize'), /integer/] },
    { name: 'outputSize 2**31', value: edit((d) => (d.outputSize = 2 ** 31)), kind: RangeError, message: [names('outputSize'), /integer/] },
    { name: 'outputSize missing', value: edit((d) => delete d.outputSize), kind: TypeError, message: [names('outputSize'), /number/] },
    {
      name: 'inputSize = hiddenSize = 1e9 (huge)',
      value: edit((d) => Object.assign(d, { inputSize: 1e9, hiddenSize: 1e9 })),
      kind: RangeError,
      message: [/parameters\.W1/],
    },
    { name: "hiddenActivation 'softmax'", value: edit((d) => (d.hiddenActivation = 'softmax')), kind: RangeError, message: [names('hiddenActivation')] },
    { name: 'parameters missing', value: edit((d) => delete (d as Record<string, unknown>).parameters), kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters.W1 missing', value: edit((d) => delete d.parameters.W1), kind: TypeError, message: [names('parameters.W1'), /object/] },
    { name: 'parameters.W1 of another shape', value: edit((d) => (d.parameters.W1!.rows = n1 + 1)), kind: RangeError, message: [names('parameters.W1'), new RegExp(`\\(${n1}, ${n0}\\)`)] },
    { name: 'parameters.b2.float64le not base64', value: edit((d) => (d.parameters.b2!.float64le = 'not base64!')), kind: TypeError, message: [names('parameters.b2.float64le'), /base64/] },
    { name: 'parameters.b2.float64le a number', value: edit((d) => (d.parameters.b2!.float64le = 7)), kind: TypeError, message: [names('parameters.b2.float64le'), /base64/] },
    { name: 'parameters.b1.float64le one value short', value: edit((d) => (d.parameters.b1!.float64le = base64([0, 0]))), kind: RangeError, message: [names('parameters.b1.float64le'), /bytes/] },
    { name: 'parameters.b1 holding NaN', value: edit((d) => (d.parameters.b1!.float64le = base64([0, NaN, 0]))), kind: RangeError, message: [names('parameters.b1'), /finite/] },
    { name: 'parameters.b1 holding Infinity', value: edit((d) => (d.parameters.b1!.float64le = base64([Infinity, 0, 0]))), kind: RangeError, message: [names('parameters.b1'), /finite/] },
    { name: "options {backend: 'gpu'}", value: saved, options: { backend: 'gpu' }, kind: RangeError, message: [names('backend')] },
    { name: 'options = null', value: saved, options: null, kind: TypeError, message: [/options/, /object/] },
    { name: "options = 'ts' (a string)", value: saved, options: 'ts', kind: TypeError, message: [/options/, /object/] },
    { name: "unknown option 'backnd'", value: saved, options: { backnd: 'ts' }, kind: TypeError, message: [/unknown option 'backnd'/] },
  ];

  it.each(cases)('$name', ({ value, options, kind, message }) => {
    let error: unknown = NOTHING;
    try {
      ShallowNet.fromJSON(value as string, (options === undefined ? { backend } : options) as { backend: 'ts' });
    } catch (e) {
      error = e;
    }
    expectRejection(error, kind, message);
  });
});

describe('computeCost(A2, Y)', () => {
  const A2 = filled(n2, m, 0.5);
  const cases: (BadValue & { which: 'A2' | 'Y' })[] = [
    ...malformedMatrix('A2', n2, m).map((bad) => ({ ...bad, name: `A2: ${bad.name}`, which: 'A2' as const })),
    ...malformedMatrix('Y', n2, m, 1).map((bad) => ({ ...bad, name: `Y: ${bad.name}`, which: 'Y' as const })),
    { name: 'A2 and Y of different shapes', which: 'Y', value: filled(n2, m + 1, 1), kind: RangeError, message: [names('A2'), names('Y'), /same shape/] },
    { name: 'A2 holding NaN', which: 'A2', value: withValue(A2, 0, NaN), kind: RangeError, message: [names('A2'), /\[0, 1\]/] },
    { name: 'A2 holding 1.5', which: 'A2', value: withValue(A2, 1, 1.5), kind: RangeError, message: [names('A2'), /\[0, 1\]/] },
    { name: 'Y holding -1', which: 'Y', value: withValue(Y, 1, -1), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding NaN', which: 'Y', value: withValue(Y, 1, NaN), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
  ];
  it.each(cases)('$name', ({ which, value, kind, message }) => {
    let error: unknown = NOTHING;
    try {
      if (which === 'A2') computeCost(value as Matrix, Y);
      else computeCost(A2, value as Matrix);
    } catch (e) {
      error = e;
    }
    expectRejection(error, kind, message);
  });
});

describe('matrix(), fromExamples(), fromLabels(), setThreads()', () => {
  const cases: (Rejection & { call: () => unknown })[] = [
    { name: "matrix('2', 2)", call: () => matrix('2' as unknown as number, 2), kind: TypeError, message: [names('rows'), /number/] },
    { name: 'matrix(2, null)', call: () => matrix(2, null as unknown as number), kind: TypeError, message: [names('cols'), /number/] },
    { name: 'matrix(-1, 2)', call: () => matrix(-1, 2), kind: RangeError, message: [names('rows'), /integer/] },
    { name: 'matrix(2, 1.5)', call: () => matrix(2, 1.5), kind: RangeError, message: [names('cols'), /integer/] },
    { name: 'matrix(NaN, 2)', call: () => matrix(NaN, 2), kind: RangeError, message: [names('rows'), /integer/] },
    { name: 'matrix(2, Infinity)', call: () => matrix(2, Infinity), kind: RangeError, message: [names('cols'), /integer/] },
    { name: 'matrix(2, 2, 3 values)', call: () => matrix(2, 2, [1, 2, 3]), kind: RangeError, message: [names('values'), /4/] },
    { name: 'matrix(2**31, 2**31) (huge)', call: () => matrix(2 ** 31, 2 ** 31), kind: RangeError, message: [/matrix\(\)/, /rows|cols/] },
    { name: 'matrix(1e5, 1e5) (80 GB)', call: () => matrix(1e5, 1e5), kind: RangeError, message: [/matrix\(\)/, /rows|cols/] },
    { name: 'matrix(2, 2, null)', call: () => matrix(2, 2, null as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: 'matrix(2, 2, 5)', call: () => matrix(2, 2, 5 as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: "matrix(1, 2, '12') (a string)", call: () => matrix(1, 2, '12' as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: "matrix(1, 2, ['a', 'b'])", call: () => matrix(1, 2, ['a', 'b'] as unknown as number[]), kind: TypeError, message: [/values\[0\]/, /number/] },
    { name: 'fromExamples(null)', call: () => fromExamples(null as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: 'fromExamples(5)', call: () => fromExamples(5 as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: "fromExamples('ab')", call: () => fromExamples('ab' as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: 'fromExamples([]) (m = 0)', call: () => fromExamples([]), kind: RangeError, message: [names('examples'), /at least one/] },
    { name: 'fromExamples([1, 2]) (flat)', call: () => fromExamples([1, 2] as unknown as number[][]), kind: TypeError, message: [/examples\[0\]/, /array/] },
    { name: 'fromExamples([[1, 2], [3]]) (ragged)', call: () => fromExamples([[1, 2], [3]]), kind: RangeError, message: [/examples\[1\]/, /2 features/] },
    { name: "fromExamples([[1, 'a']])", call: () => fromExamples([[1, 'a']] as unknown as number[][]), kind: TypeError, message: [/examples\[0\]\[1\]/, /number/] },
    { name: 'fromExamples([[1], null])', call: () => fromExamples([[1], null] as unknown as number[][]), kind: RangeError, message: [/examples\[1\]/] },
    { name: 'fromExamples([{ length: 1e10 }]) (huge)', call: () => fromExamples([{ length: 1e10 }] as unknown as number[][]), kind: RangeError, message: [/fromExamples\(\)/, /examples/] },
    { name: 'fromExamples({ length: 2**40 }) (huge)', call: () => fromExamples({ length: 2 ** 40, 0: [1] } as unknown as number[][]), kind: RangeError, message: [/fromExamples\(\)/, /examples/] },
    { name: 'fromLabels(null)', call: () => fromLabels(null as unknown as number[]), kind: TypeError, message: [names('labels'), /array/] },
    { name: 'fromLabels(1)', call: () => fromLabels(1 as unknown as number[]), kind: TypeError, message: [names('labels'), /array/] },
    { name: 'fromLabels([]) (m = 0)', call: () => fromLabels([]), kind: RangeError, message: [/fromLabels\(\)/, names('labels')] },
    { name: "fromLabels([0, 'a'])", call: () => fromLabels([0, 'a'] as unknown as number[]), kind: TypeError, message: [/labels\[1\]/, /number/] },
    { name: "fromLabels(['a'])", call: () => fromLabels(['a'] as unknown as number[]), kind: TypeError, message: [/fromLabels\(\)/, /labels\[0\]/] },
    { name: 'fromLabels([[0], [1, 1]]) (ragged)', call: () => fromLabels([[0], [1, 1]]), kind: RangeError, message: [/\[1\]/] },
    { name: "setThreads('2')", call: () => setThreads('2' as unknown as number), kind: TypeError, message: [names('threads'), /number/] },
    { name: 'setThreads(0)', call: () => setThreads(0), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(1.5)', call: () => setThreads(1.5), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(NaN)', call: () => setThreads(NaN), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(1025)', call: () => setThreads(1025), kind: RangeError, message: [names('threads'), /integer/] },
  ];
  it.each(cases)('$name', ({ call, kind, message }) => {
    let error: unknown = NOTHING;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expectRejection(error, kind, message);
  });
});

// ---------------------------------------------------------------------------
// Inputs that could crash or hang the process: each runs in a child process.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const addonPath = fileURLToPath(new URL('../build/Release/shallownet.node', import.meta.url));

/** Runs `script` (CommonJS) in a fresh node; returns how it ended. */
function runIsolated(script: string, timeoutMs = 30_000) {
  const started = Date.now();
  const child = spawnSync(process.execPath, ['-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, SHALLOWNET_ADDON: addonPath },
  });
  const lines = (child.stdout ?? '').trim().split('\n');
  return {
    status: child.status,
    signal: child.signal,
    elapsedMs: Date.now() - started,
    /** The script's last line of output (its verdict). */
    last: lines.at(-1) ?? '',
    stdout: child.stdout,
    stderr: (child.stderr ?? '').slice(-2000),
  };
}

function expectSurvived(run: ReturnType<typeof runIsolated>): void {
  const how = run.signal ? `killed by ${run.signal} after ${run.elapsedMs} ms` : `exit code ${run.status}`;
  expect({ status: run.status, signal: run.signal }, `${how}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toEqual({ status: 0, signal: null });
}

/** Prints 'OUTCOME <kind>' for a call: ok, or the error's class. */
const OUTCOME_HELPER = `
  const outcome = (f) => {
    try { const r = f(); if (r && typeof r.then === 'function') return r.then(() => 'ok', (e) => (e && e.constructor && e.constructor.name) || String(e)); return 'ok'; }
    catch (e) { return (e && e.constructor && e.constructor.name) || String(e); }
  };
`;

describe('inputs that must neither crash nor hang the process (public API)', () => {
  it.each(backends)(
    '%s: fit on an X whose resizable ArrayBuffer onProgress shrinks to 0',
    (backend) => {
      const run = runIsolated(`
        ${OUTCOME_HELPER}
        const { ShallowNet } = require('shallownet');
        const m = 100000;
        const buffer = new ArrayBuffer(2 * m * 8, { maxByteLength: 2 * m * 8 });
        const data = new Float64Array(buffer); // length-tracking: shrinks with the buffer
        for (let k = 0; k < data.length; k++) data[k] = Math.sin(k);
        const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 1, backend: '${backend}' });
        const Y = { rows: 1, cols: m, data: new Float64Array(m).fill(1) };
        const result = outcome(() => net.fit({ rows: 2, cols: m, data }, Y, {
          iterations: 5, learningRate: 0.1, progressEvery: 1, onProgress: () => buffer.resize(0),
        }));
        console.log('OUTCOME ' + result);
      `);
      expectSurvived(run);
      expect(['OUTCOME ok', 'OUTCOME TypeError', 'OUTCOME RangeError', 'OUTCOME TrainingDivergedError']).toContain(run.last);
    },
  );

  it.each(backends)(
    '%s: new ShallowNet({ inputSize: 2**31 - 1, hiddenSize: 1 }) (2**31 parameters) answers within 6 s',
    (backend) => {
      const run = runIsolated(
        `
        ${OUTCOME_HELPER}
        const { ShallowNet } = require('shallownet');
        console.log('OUTCOME ' + outcome(() => new ShallowNet({ inputSize: 2 ** 31 - 1, hiddenSize: 1, seed: 1, backend: '${backend}' })));
      `,
        6_000,
      );
      expectSurvived(run);
      expect(['OUTCOME ok', 'OUTCOME RangeError']).toContain(run.last);
    },
  );
});

// ---------------------------------------------------------------------------
// The raw binding, called directly

const requireAddon = createRequire(import.meta.url);
let raw: NativeBinding | undefined;
let rawLoadError: unknown;
try {
  raw = requireAddon(addonPath) as NativeBinding;
} catch (error) {
  rawLoadError = error;
}
// Skipped only when the addon cannot load outside CI; under CI=true a missing addon fails.
const skipRaw = raw === undefined && process.env.CI !== 'true';

/** The raw NativeNet, with its methods callable with anything. */
type RawNet = Record<string, (...args: unknown[]) => unknown>;
type RawConstructor = new (...args: unknown[]) => RawNet;

describe.skipIf(skipRaw)('the raw binding', () => {
  it('loads', () => {
    expect(raw, `the addon at ${addonPath} does not load: ${String(rawLoadError)}`).toBeDefined();
    expect(nativeAvailable || process.env.CI !== 'true').toBe(true);
  });
  if (raw === undefined) return;
  const binding = raw;
  const NativeNet = binding.NativeNet as unknown as RawConstructor;
  const count = n1 * n0 + n1 + n2 * n1 + n2;
  const initial = new Float64Array(count).map((_, k) => Math.sin(k + 1) * 0.3);
  const Xf = X.data;
  const Yf = Y.data;
  const options = { iterations: 5, learningRate: 0.5, progressEvery: 1, tolerance: 0 };
  const make = () => new NativeNet(n0, n1, n2, 'tanh', initial.slice());

  const badArrays = (name: string, length: number, fill = 0.5): BadValue[] => [
    { name: `${name} as a Float32Array`, value: new Float32Array(length).fill(fill), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a plain array`, value: new Array(length).fill(fill), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a matrix object`, value: { rows: 1, cols: length, data: new Float64Array(length) }, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as an Int32Array`, value: new Int32Array(length), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a DataView`, value: new DataView(new ArrayBuffer(length * 8)), kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} = null`, value: null, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} missing`, value: undefined, kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} as a string`, value: 'data', kind: TypeError, message: [names(name), /Float64Array/] },
    { name: `${name} one value short`, value: new Float64Array(length - 1).fill(fill), kind: RangeError, message: [names(name), new RegExp(`${length}`)] },
    { name: `${name} one value long`, value: new Float64Array(length + 1).fill(fill), kind: RangeError, message: [names(name), new RegExp(`${length}`)] },
    { name: `${name} empty`, value: new Float64Array(0), kind: RangeError, message: [names(name), new RegExp(`${length}`)] },
  ];
  const nonFinite = (name: string, length: number, fill = 0.5): BadValue[] =>
    [NaN, Infinity, -Infinity].map((v) => ({
      name: `${name} holding ${v}`,
      value: new Float64Array(length).fill(fill).fill(v, length - 1),
      kind: RangeError,
      message: [names(name), /finite/],
    }));
  const badTargetsRaw = (length: number): BadValue[] =>
    [2, -0.5, NaN, Infinity].map((v) => ({
      name: `Y holding ${v}`,
      value: new Float64Array(length).fill(1).fill(v, 0, 1),
      kind: RangeError,
      message: [names('Y'), /\[0, 1\]/],
    }));
  const badIntegers = (name: string, max: number, extraRange: unknown[] = []): BadValue[] => [
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
  const badRates = (name: string): BadValue[] => badLearningRates(name);
  const badOptions = (): BadValue[] => [
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
  const badCallbacks: BadValue[] = [5, 'log', {}, [], 1n].map((v) => ({
    name: `onProgress = ${typeof v === 'bigint' ? '1n' : JSON.stringify(v)}`,
    value: v,
    kind: TypeError,
    message: [names('onProgress'), /function/],
  }));

  describe('new NativeNet(inputSize, hiddenSize, outputSize, activation, params)', () => {
    const args = [n0, n1, n2, 'tanh', initial] as const;
    const replace = (index: number, value: unknown) => args.map((a, k) => (k === index ? value : a));
    const cases: (Rejection & { args: unknown[] })[] = [
      ...(['inputSize', 'hiddenSize', 'outputSize'] as const).flatMap((name, index) =>
        badIntegers(name, 2 ** 31 - 1).map((bad) => ({ ...bad, args: replace(index, bad.value) })),
      ),
      ...(['softmax', 'TANH', ''] as const).map((v) => ({ name: `activation '${v}'`, args: replace(3, v), kind: RangeError, message: [names('activation'), /'tanh'/] })),
      ...([0, null, undefined, Symbol('tanh'), {}] as const).map((v) => ({ name: `activation ${String(v)}`, args: replace(3, v), kind: TypeError, message: [names('activation'), /'tanh'/] })),
      ...badArrays('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      ...nonFinite('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      { name: 'no arguments', args: [], kind: TypeError, message: [names('inputSize')] },
      { name: 'sizes 2**31 - 1 (product overflows)', args: [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e9 × 1e9', args: [1e9, 1e9, 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e6 × 1e6 with 13 params', args: [1e6, 1e6, 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
    ];
    it.each(cases)('$name', ({ args: given, kind, message }) => {
      let error: unknown = NOTHING;
      try {
        new NativeNet(...given);
      } catch (e) {
        error = e;
      }
      expectRejection(error, kind, message);
    });

    it('called without new: TypeError', () => {
      expectRejection(
        (() => {
          try {
            (NativeNet as unknown as (...a: unknown[]) => unknown)(n0, n1, n2, 'tanh', initial);
          } catch (e) {
            return e;
          }
          return NOTHING;
        })(),
        TypeError,
        [/new/],
      );
    });
  });

  describe('NativeNet methods', () => {
    const cases: (Rejection & { call: (net: RawNet) => unknown })[] = [];
    const add = (method: string, bads: BadValue[], call: (net: RawNet, value: unknown) => unknown) => {
      for (const bad of bads) cases.push({ ...bad, name: `${method}: ${bad.name}`, call: (net) => call(net, bad.value) });
    };
    const A1 = new Float64Array(n1 * m).fill(0.25);
    const A2 = new Float64Array(n2 * m).fill(0.5);

    add('setParameters(p)', [...badArrays('params', count), ...nonFinite('params', count)], (net, v) => net.setParameters!(v));
    for (const method of ['forward', 'predictProba'] as const) {
      add(`${method}(X, m)`, [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net[method]!(v, m));
      add(`${method}(X, m)`, badIntegers('m', 2 ** 31 - 1), (net, v) => net[method]!(Xf, v));
      add(
        `${method}(X, m)`,
        [
          { name: 'm = 2**31 - 1 with a short X', value: 2 ** 31 - 1, kind: RangeError, message: [names('X')] },
          { name: 'm one more than X holds', value: m + 1, kind: RangeError, message: [names('X')] },
        ],
        (net, v) => net[method]!(Xf, v),
      );
    }
    add('backward(X, Y, A1, A2, m)', [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net.backward!(v, Yf, A1, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('Y', n2 * m, 1), ...badTargetsRaw(n2 * m)], (net, v) => net.backward!(Xf, v, A1, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('A1', n1 * m), ...nonFinite('A1', n1 * m)], (net, v) => net.backward!(Xf, Yf, v, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('A2', n2 * m), ...nonFinite('A2', n2 * m)], (net, v) => net.backward!(Xf, Yf, A1, v, m));
    add('backward(X, Y, A1, A2, m)', badIntegers('m', 2 ** 31 - 1), (net, v) => net.backward!(Xf, Yf, A1, A2, v));
    add('update(grads, lr)', badArrays('grads', count, 0.01), (net, v) => net.update!(v, 0.5));
    add('update(grads, lr)', badRates('learningRate'), (net, v) => net.update!(new Float64Array(count).fill(0.01), v));
    for (const method of ['cost', 'step', 'fit', 'fitAsync'] as const) {
      const tail = method === 'cost' ? [] : method === 'step' ? [0.5] : [options];
      add(`${method}(X, Y, m, …)`, [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net[method]!(v, Yf, m, ...tail));
      add(`${method}(X, Y, m, …)`, [...badArrays('Y', n2 * m, 1), ...badTargetsRaw(n2 * m)], (net, v) => net[method]!(Xf, v, m, ...tail));
      add(`${method}(X, Y, m, …)`, badIntegers('m', 2 ** 31 - 1), (net, v) => net[method]!(Xf, Yf, v, ...tail));
    }
    add('step(X, Y, m, lr)', badRates('learningRate'), (net, v) => net.step!(Xf, Yf, m, v));
    for (const method of ['fit', 'fitAsync'] as const) {
      add(`${method}(X, Y, m, options)`, badOptions(), (net, v) => net[method]!(Xf, Yf, m, v));
      add(`${method}(X, Y, m, options, onProgress)`, badCallbacks, (net, v) => net[method]!(Xf, Yf, m, options, v));
    }

    it.each(cases)('$name', async ({ call, kind, message }) => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      const error = await thrownBy(() => call(net));
      expectRejection(error, kind, message);
      expect(net.isBusy()).toBe(false);
      expect(bitsEqual(net.parameters!() as Float64Array, before), 'the parameters changed').toBe(true);
      // Still trains.
      const outcome = net.fit!(Xf, Yf, m, options) as { status: string; finalCost: number };
      expect(outcome.status).toBe('completed');
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(false);
    });

    it('update with NaN gradients returns false and changes nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      expect(net.update!(new Float64Array(count).fill(NaN), 0.5)).toBe(false);
      expect(net.update!(new Float64Array(count).fill(1e300), 1e300)).toBe(false);
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(true);
    });

    it('abort() and parameters() ignore extra arguments and change nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      for (const junk of [undefined, null, 1, 'x', {}, [], NaN, 1n, Symbol('s'), () => 1]) {
        expect(net.abort!(junk, junk)).toBeUndefined();
        expect(bitsEqual(net.parameters!(junk) as Float64Array, before)).toBe(true);
      }
      // A fit started after a stray abort() runs to completion.
      expect((net.fit!(Xf, Yf, m, options) as { status: string }).status).toBe('completed');
    });

    it('methods called on something that is not a NativeNet: TypeError', () => {
      const methods = ['parameters', 'setParameters', 'forward', 'predictProba', 'backward', 'update', 'cost', 'step', 'fit', 'fitAsync', 'abort'];
      const proto = NativeNet.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const method of methods) {
        for (const receiver of [{}, null, undefined, NativeNet.prototype, make]) {
          let error: unknown = NOTHING;
          try {
            proto[method]!.call(receiver, Xf, m);
          } catch (e) {
            error = e;
          }
          expect((error as object)?.constructor, `${method} on ${String(receiver)}: ${describeThrown(error)}`).toBe(TypeError);
        }
      }
    });

    it('isBusy called on something that is not a NativeNet: TypeError', () => {
      const isBusy = (NativeNet.prototype as unknown as { isBusy: () => boolean }).isBusy;
      for (const receiver of [{}, NativeNet.prototype]) {
        let error: unknown = NOTHING;
        try {
          isBusy.call(receiver);
        } catch (e) {
          error = e;
        }
        expect((error as object)?.constructor, describeThrown(error)).toBe(TypeError);
      }
    });

    it('messages show the received number as JavaScript would (NaN, 2147483648, 1.5)', () => {
      const net = make();
      for (const [value, shown] of [[NaN, 'NaN'], [2 ** 31, '2147483648'], [1.5, '1.5'], [Infinity, 'Infinity'], [1e-7, '1e-7']] as const) {
        let error: unknown = NOTHING;
        try {
          net.forward!(Xf, value);
        } catch (e) {
          error = e;
        }
        expect((error as Error).message).toMatch(new RegExp(`\\b${escapeRegExp(shown)}$`));
      }
    });

    it.each([42, 'a string', undefined, null])('a value thrown by onProgress (%s) comes out of fit and fitAsync unchanged', async (thrown) => {
      const net = make();
      const syncError = await thrownBy(() => net.fit!(Xf, Yf, m, options, () => { throw thrown; }));
      expect(syncError, `fit: ${describeThrown(syncError)}`).toBe(thrown);
      const asyncError = await thrownBy(() => net.fitAsync!(Xf, Yf, m, options, () => { throw thrown; }));
      expect(asyncError, `fitAsync: ${describeThrown(asyncError)}`).toBe(thrown);
      expect(net.isBusy()).toBe(false);
    });
  });

  describe('nativeInfo(), setThreads(n), dgemmProbe(size, repeats)', () => {
    const b = binding as unknown as Record<string, (...args: unknown[]) => unknown>;
    it('nativeInfo() ignores arguments and reports its fields', () => {
      for (const junk of [undefined, null, 5, 'x']) {
        const info = b.nativeInfo!(junk) as Record<string, unknown>;
        expect(typeof info.blas).toBe('string');
        expect(typeof info.blasCore).toBe('string');
        expect(Number.isInteger(info.threads)).toBe(true);
        expect(info.napiVersion).toBe(8);
      }
    });
    const cases: (Rejection & { call: () => unknown })[] = [
      ...badIntegers('threads', 1024).map((bad) => ({ ...bad, call: () => b.setThreads!(bad.value) })),
      ...badIntegers('size', 8192).map((bad) => ({ ...bad, call: () => b.dgemmProbe!(bad.value, 1) })),
      ...badIntegers('repeats', 1000).map((bad) => ({ ...bad, call: () => b.dgemmProbe!(4, bad.value) })),
    ];
    it.each(cases)('$name', ({ call, kind, message }) => {
      const threads = (b.nativeInfo!() as { threads: number }).threads;
      let error: unknown = NOTHING;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expectRejection(error, kind, message);
      expect((b.nativeInfo!() as { threads: number }).threads).toBe(threads);
    });
    it('dgemmProbe(8, 2) returns a positive time', () => {
      const seconds = b.dgemmProbe!(8, 2) as number;
      expect(seconds).toBeGreaterThan(0);
      expect(Number.isFinite(seconds)).toBe(true);
    });
  });

  describe('inputs that must not crash the process (raw binding, in a child process)', () => {
    const prelude = `
      ${OUTCOME_HELPER}
      const { NativeNet } = require(process.env.SHALLOWNET_ADDON);
      const n0 = 2, n1 = 8, n2 = 1;
      const params = new Float64Array(n1 * n0 + n1 + n2 * n1 + n2).map((_, k) => Math.sin(k) * 0.1);
      const net = new NativeNet(n0, n1, n2, 'tanh', params);
      const base = { learningRate: 0.1, progressEvery: 1000, tolerance: 0 };
      const shrinkable = (m) => {
        const buffer = new ArrayBuffer(n0 * m * 8, { maxByteLength: n0 * m * 8 });
        return { buffer, X: new Float64Array(buffer).fill(0.5), Y: new Float64Array(m).fill(1) };
      };
    `;
    const allowed = ['OUTCOME ok', 'OUTCOME TypeError', 'OUTCOME RangeError', 'OUTCOME Error'];

    it('fit: an options getter shrinks X’s resizable buffer after X was checked', () => {
      const run = runIsolated(`${prelude}
        const m = 200000, { buffer, X, Y } = shrinkable(m);
        console.log('OUTCOME ' + outcome(() => net.fit(X, Y, m, { ...base, get iterations() { buffer.resize(0); return 3; } })));
      `);
      expectSurvived(run);
      expect(allowed).toContain(run.last);
    });

    it('fitAsync: an options getter shrinks X’s resizable buffer after X was checked', async () => {
      const run = runIsolated(`${prelude}
        const m = 200000, { buffer, X, Y } = shrinkable(m);
        Promise.resolve(outcome(() => net.fitAsync(X, Y, m, { ...base, get iterations() { buffer.resize(0); return 3; } })))
          .then((r) => console.log('OUTCOME ' + r));
      `);
      expectSurvived(run);
      expect(allowed).toContain(run.last);
    });

    it('fit: onProgress shrinks X’s resizable buffer while training', () => {
      const run = runIsolated(`${prelude}
        const m = 200000, { buffer, X, Y } = shrinkable(m);
        console.log('OUTCOME ' + outcome(() => net.fit(X, Y, m, { ...base, iterations: 3, progressEvery: 1 }, () => buffer.resize(0))));
      `);
      expectSurvived(run);
      expect(allowed).toContain(run.last);
    });

    it('fit: an options getter starts fitAsync on the same net; fit must refuse, and the net stay busy until it ends', () => {
      const run = runIsolated(`${prelude}
        const data = (m) => ({ X: new Float64Array(n0 * m).map((_, k) => Math.cos(k)), Y: new Float64Array(m).map((_, k) => k % 2), m });
        const small = data(1000);
        let inner;
        const outer = outcome(() => net.fit(small.X, small.Y, small.m, { ...base, get iterations() {
          inner = net.fitAsync(small.X, small.Y, small.m, { ...base, iterations: 100000 });
          return 1;
        } }));
        console.log('outer fit: ' + outer + ', busy afterwards: ' + net.isBusy());
        // While the worker trains, calls that reallocate the work buffers must be refused, not race it.
        for (let m = 2000; m < 2000000; m *= 2) { const d = data(m); outcome(() => net.predictProba(d.X, d.m)); }
        Promise.resolve(inner).then(() => console.log('OUTCOME ' + (net.isBusy() ? 'still busy' : 'ok')), (e) => console.log('OUTCOME ' + e.constructor.name));
      `);
      expectSurvived(run);
      expect(run.stdout).toMatch(/outer fit: \w*Error, busy afterwards: true/);
      expect(run.last).toBe('OUTCOME ok');
    });
  });
});
