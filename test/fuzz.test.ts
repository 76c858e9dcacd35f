// Property-based fuzzing with a seeded generator: thousands of malformed
// argument lists thrown at the public API and at the raw binding. Every call
// must either succeed with a result of the right shape (finite where the maths
// says so), or throw a TypeError / RangeError whose message is the library's
// own (not a V8 internal like "Cannot read properties of null"), or one of the
// documented errors where they apply (TrainingDivergedError from step / fit /
// fitAsync, TrainingAbortedError from an aborted fitAsync). A call that throws
// a TypeError / RangeError leaves the network's parameters bit for bit as they
// were; no call ever leaves a parameter NaN or infinite; and nothing crashes
// (a native crash kills this file's worker, which fails the run).
//
// Reproduce a run with FUZZ_SEED=<seed>; FUZZ_SCALE=<factor> runs more (or fewer) cases.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  computeCost,
  fromExamples,
  fromLabels,
  matrix,
  nativeInfo,
  NetworkBusyError,
  setThreads,
  ShallowNet,
  TrainingAbortedError,
  TrainingDivergedError,
  type Matrix,
} from 'shallownet';
import type { NativeBinding } from '../lib/native/binding';
import { backends, bitsEqual, Random } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_128);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** FUZZ_TRACE=<file>: each case is written there before it runs, so a crash leaves its culprit last. */
const traceFd = process.env.FUZZ_TRACE ? openSync(process.env.FUZZ_TRACE, 'w') : undefined;
function trace(line: string): void {
  if (traceFd !== undefined) writeSync(traceFd, `${line}\n`);
}

// ---------------------------------------------------------------------------
// The generator

class Gen {
  readonly #random: Random;
  constructor(seed: number) {
    this.#random = new Random(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#random.uniform() * n);
  }
  chance(p: number): boolean {
    return this.#random.uniform() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  uniform(): number {
    return this.#random.uniform();
  }
  normal(): number {
    return this.#random.normal();
  }
}

const SPECIAL_NUMBERS = [
  0, -0, 1, 2, 3, 4, 5, -1, -2, 0.5, 1.5, -0.5, 1e-7, NaN, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, 2 ** 32,
  2 ** 32 - 1, 2 ** 53, 2 ** 53 + 2, 1e9, 1e15, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
  100, 1000, 1024, 1025, 8192, 8193,
];
const STRINGS = ['', 'tanh', 'relu', 'sigmoid', 'leakyRelu', 'softmax', 'native', 'ts', 'auto', 'gpu', '2', '0.5', 'NaN', 'x'.repeat(200), '{}', 'iterations'];
const KEYS = ['rows', 'cols', 'data', 'iterations', 'learningRate', 'progressEvery', 'tolerance', 'onProgress', 'signal', 'iteration', 'backend', 'hiddenActivation', 'inputSize', 'hiddenSize', 'outputSize', 'seed', 'W1', 'b1', 'W2', 'b2', 'A1', 'A2', 'dW1', 'db1', 'dW2', 'db2', 'format', 'version', 'parameters', '__proto__x'];

type Content = 'gauss' | 'unit' | 'labels' | 'nan' | 'inf' | 'huge' | 'zero' | 'negzero';

function anyNumber(g: Gen): number {
  const r = g.int(4);
  if (r === 0) return g.pick(SPECIAL_NUMBERS);
  if (r === 1) return g.int(8);
  if (r === 2) return (g.uniform() - 0.5) * 10;
  return g.pick([g.uniform(), g.int(3) + 0.5, -g.int(5), 2 ** (g.int(64))]);
}

function fill(g: Gen, data: Float64Array | Float32Array, content: Content): void {
  for (let k = 0; k < data.length; k++) {
    switch (content) {
      case 'gauss': data[k] = g.normal(); break;
      case 'unit': data[k] = g.uniform(); break;
      case 'labels': data[k] = g.int(2); break;
      case 'zero': data[k] = 0; break;
      case 'negzero': data[k] = -0; break;
      case 'huge': data[k] = g.pick([1e300, -1e300, Number.MAX_VALUE, 1e150]); break;
      case 'nan': data[k] = g.chance(0.3) ? NaN : g.normal(); break;
      case 'inf': data[k] = g.chance(0.3) ? g.pick([Infinity, -Infinity]) : g.normal(); break;
    }
  }
  if ((content === 'nan' || content === 'inf') && data.length > 0) data[g.int(data.length)] = content === 'nan' ? NaN : -Infinity;
}

function anyContent(g: Gen, valid: Content[]): Content {
  return g.chance(0.85) ? g.pick(valid) : g.pick(['gauss', 'unit', 'labels', 'nan', 'inf', 'huge', 'zero', 'negzero'] as const);
}

/** A Float64Array of `length`, in one of the odd-but-legal forms a Float64Array can take. */
function float64(g: Gen, length: number, content: Content): Float64Array {
  const form = g.int(12);
  let data: Float64Array;
  if (form === 0) {
    // A view into a larger buffer, at an offset.
    const offset = g.int(4);
    data = new Float64Array(new ArrayBuffer((length + offset + g.int(3)) * 8), offset * 8, length);
  } else if (form === 1) {
    data = new Float64Array(new SharedArrayBuffer(length * 8));
  } else if (form === 2) {
    // A length-tracking view of a resizable buffer (never resized here).
    const Resizable = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;
    data = new Float64Array(new Resizable(length * 8, { maxByteLength: length * 8 + 64 }));
  } else {
    data = new Float64Array(length);
  }
  fill(g, data, content);
  return data;
}

function detachedFloat64(): Float64Array {
  const data = new Float64Array(4);
  structuredClone(data.buffer, { transfer: [data.buffer] });
  return data; // length 0 now
}

const benignFunctions: ((...args: unknown[]) => unknown)[] = [() => {}, () => 1, function named() { return undefined; }, (p: unknown) => p, Math.max as (...args: unknown[]) => unknown];

/** Callbacks that throw: fit / fitAsync must stop and throw exactly what they threw. */
const THROWN_ERROR = new RangeError('thrown by onProgress');
const THROWN_STRING = 'a string thrown by onProgress';
const throwers = new Map<(...args: unknown[]) => unknown, unknown>([
  [() => { throw THROWN_ERROR; }, THROWN_ERROR],
  [() => { throw THROWN_STRING; }, THROWN_STRING],
]);
function anyCallback(g: Gen): unknown {
  return g.chance(0.1) ? g.pick([...throwers.keys()]) : g.pick(benignFunctions);
}

/** Any value at all, of a random kind. */
function anyValue(g: Gen, depth = 0): unknown {
  switch (g.int(depth > 1 ? 13 : 17)) {
    case 0: case 1: case 2: return anyNumber(g);
    case 3: return g.pick(STRINGS);
    case 4: return null;
    case 5: return undefined;
    case 6: return g.chance(0.5);
    case 7: return g.pick([0n, 2n, -1n, 2n ** 64n]);
    case 8: return Symbol(g.pick(['x', 'tanh']));
    case 9: return g.pick(benignFunctions);
    case 10: return float64(g, g.int(10), anyContent(g, ['gauss', 'unit']));
    case 11: { const a = new Float32Array(g.int(10)); fill(g, a, 'gauss'); return a; }
    case 12: return g.pick([new Int32Array(g.int(6)), new Uint8Array(4), new DataView(new ArrayBuffer(16)), new ArrayBuffer(16), detachedFloat64(), new Date(0), new Map(), /re/, new AbortController().signal, AbortSignal.abort()]);
    case 13: return Array.from({ length: g.int(6) }, () => (g.chance(0.7) ? anyNumber(g) : anyValue(g, depth + 1)));
    case 14: return Array.from({ length: 1 + g.int(4) }, () => Array.from({ length: 1 + g.int(3) }, () => anyNumber(g)));
    case 15: {
      const object: Record<string, unknown> = {};
      for (let k = g.int(5); k > 0; k--) object[g.pick(KEYS)] = anyValue(g, depth + 1);
      return object;
    }
    default: return new Proxy({ rows: g.int(4), cols: g.int(4), data: new Float64Array(g.int(8)) }, {});
  }
}

/** A matrix argument: mostly well-formed with the given shape, often subtly (or wildly) wrong. */
function anyMatrix(g: Gen, rows: number, cols: number, content: Content[]): unknown {
  const r = g.int(20);
  const valid = () => ({ rows, cols, data: float64(g, rows * cols, anyContent(g, content)) });
  if (r < 9) return valid();
  const M: Record<string, unknown> = valid();
  switch (r) {
    case 9: M.rows = g.chance(0.5) ? rows + g.pick([-1, 1]) : anyValue(g); break;
    case 10: M.cols = g.chance(0.5) ? cols + g.pick([-1, 1, cols]) : anyValue(g); break;
    case 11: M.data = g.chance(0.5) ? float64(g, Math.max(0, rows * cols + g.pick([-1, 1, 2])), 'gauss') : anyValue(g); break;
    case 12: { const f = new Float32Array(rows * cols); fill(g, f, 'unit'); M.data = f; break; }
    case 13: M.data = Array.from(M.data as Float64Array); break;
    case 14: delete M[g.pick(['rows', 'cols', 'data'])]; break;
    case 15: { const c = g.pick([0, cols + 1, 2 * cols]); return { rows, cols: c, data: float64(g, rows * c, 'unit') }; }
    case 16: return Object.create(valid()); // fields inherited, not own
    case 17: return new Proxy(valid(), {});
    case 18: return (M.data as Float64Array); // the bare array
    default: return anyValue(g);
  }
  return M;
}

// ---------------------------------------------------------------------------
// Checking outcomes

/** V8's own messages: an argument the library never looked at. */
const ENGINE_MESSAGES =
  /Cannot read propert|Cannot set propert|Invalid typed array length|Array buffer allocation failed|is not a function|is not iterable|Cannot convert|Cannot mix BigInt|Invalid array length|Maximum call stack|is not a constructor|^Invalid argument$|Start offset|out of memory/i;

class Findings {
  cases = 0;
  readonly outcomes = new Map<string, number>();
  readonly violations = new Map<string, { count: number; example: string }>();

  outcome(entry: string, what: string): void {
    const key = `${entry} → ${what}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  violation(entry: string, problem: string, example: string): void {
    // Grouped by kind: what follows ' — ' is detail, and numbers are not part of the kind.
    const kind = problem.split(' — ')[0]!.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, '#').slice(0, 200);
    const key = `${entry}: ${kind}`;
    const seen = this.violations.get(key);
    if (seen) seen.count++;
    else this.violations.set(key, { count: 1, example: problem.includes(' — ') ? `${problem.split(' — ').slice(1).join(' — ')}: ${example}` : example });
  }

  report(): string[] {
    return [...this.violations].map(([key, { count, example }]) => `${key}  (×${count}; e.g. ${example})`);
  }
}

function show(value: unknown, depth = 0): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 12 ? `${value.slice(0, 12)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return 'Symbol()';
  if (typeof value === 'function') return 'fn';
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    const head = length ? Array.from(value as unknown as ArrayLike<number>).slice(0, 3).map((v) => show(v)).join(',') : '';
    return `${value.constructor.name}(${length ?? '?'})[${head}${(length ?? 0) > 3 ? ',…' : ''}]`;
  }
  if (depth > 2) return '{…}';
  if (Array.isArray(value)) return `[${value.slice(0, 4).map((v) => show(v, depth + 1)).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  const entries = Object.keys(value as object).slice(0, 8).map((k) => `${k}: ${show((value as Record<string, unknown>)[k], depth + 1)}`);
  const name = (value as object).constructor?.name;
  return `${name && name !== 'Object' ? name : ''}{${entries.join(', ')}}`;
}

function allFinite(data: ArrayLike<number>): boolean {
  for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) return false;
  return true;
}

function maxAbs(data: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k < data.length; k++) max = Math.max(max, Math.abs(data[k]!));
  return max;
}

/** A result matrix: the right shape, a real Float64Array, and (if `finite`) finite values. */
function checkMatrixResult(value: unknown, rows: number, cols: number, finite: boolean, name: string): string | undefined {
  const M = value as Matrix;
  if (M === null || typeof M !== 'object') return `${name} is not a matrix`;
  if (M.rows !== rows || M.cols !== cols) return `${name} is (${M.rows}, ${M.cols}), expected (${rows}, ${cols})`;
  if (!(M.data instanceof Float64Array) || M.data.length !== rows * cols) return `${name}.data is not a Float64Array of rows * cols`;
  if (finite && !allFinite(M.data)) return `${name} holds non-finite values`;
  return undefined;
}

// ---------------------------------------------------------------------------
// The public API

interface Net {
  net: ShallowNet;
  n0: number;
  n1: number;
  n2: number;
}

/** Valid-but-expensive values are scaled down so the run stays short; counted, not hidden. */
let clamped = 0;

function clampIterations(options: unknown): void {
  if (options === null || typeof options !== 'object') return;
  const o = options as Record<string, unknown>;
  if (typeof o.iterations === 'number' && Number.isInteger(o.iterations) && o.iterations > 40) {
    o.iterations = 1 + (o.iterations % 40);
    clamped++;
  }
}

function anyFitOptions(g: Gen, async: boolean): unknown {
  if (g.chance(0.08)) return anyValue(g);
  const options: Record<string, unknown> = { iterations: 1 + g.int(30), learningRate: g.pick([0.01, 0.1, 0.5, 1.2, 3]) };
  if (g.chance(0.4)) options.progressEvery = 1 + g.int(10);
  if (g.chance(0.3)) options.tolerance = g.pick([0, 1e-9, 1e-3, 0.5]);
  if (g.chance(0.3)) options.onProgress = anyCallback(g);
  if (async && g.chance(0.15)) options.signal = g.chance(0.3) ? AbortSignal.abort() : new AbortController().signal;
  for (let k = g.chance(0.6) ? 1 + g.int(2) : 0; k > 0; k--) {
    const key = g.pick(['iterations', 'learningRate', 'progressEvery', 'tolerance', 'onProgress', 'signal', 'iteration', 'lr', 'seed']);
    if (g.chance(0.15)) delete options[key];
    else options[key] = g.chance(0.7) ? anyNumber(g) : anyValue(g);
  }
  return options;
}

/** Checks a successful public call's result; returns a problem, or undefined. */
type Checker = (result: unknown) => string | undefined;

async function fuzzPublic(backend: string, seed: number, rounds: number, callsPerRound: number, findings: Findings) {
  const g = new Gen(seed);
  for (let round = 0; round < rounds; round++) {
    const n0 = 1 + g.int(4);
    const n1 = 1 + g.int(5);
    const n2 = 1 + g.int(3);
    const activation = g.pick(['tanh', 'sigmoid', 'relu', 'leakyRelu'] as const);
    const self: Net = { net: new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, hiddenActivation: activation, seed: g.int(1000), backend: backend as 'ts' }), n0, n1, n2 };
    for (let call = 0; call < callsPerRound; call++) await fuzzOneCall(g, backend, self, findings);
    if (round % (backend === 'ts' ? 12 : 3) === 0) await fuzzWhileTraining(g, backend, self, findings);
  }
}

interface PublicCall {
  entry: string;
  args: unknown[];
  run: () => unknown;
  check: Checker;
  mayDiverge: boolean;
  mayAbort: boolean;
}

/**
 * Builds one random call. `packedBefore` is the net's parameters (undefined
 * while it trains: then only calls on the net itself are built).
 */
function buildCall(g: Gen, backend: string, self: Net, packedBefore: Float64Array | undefined): PublicCall {
  const { net, n0, n1, n2 } = self;
  const m = 1 + g.int(5);
  const X = () => anyMatrix(g, n0, m, ['gauss', 'unit', 'zero', 'negzero']);
  const Y = () => anyMatrix(g, n2, m, ['labels', 'unit']);
  const rate = () => (g.chance(0.8) ? g.pick([0.01, 0.1, 0.5, 1.2]) : g.chance(0.6) ? anyNumber(g) : anyValue(g));
  // Results are required to be finite when inputs and parameters are of a sane size (overflow is not a bug).
  const saneParameters = packedBefore !== undefined && maxAbs(packedBefore) < 1e100;
  const sane = (...matrices: unknown[]) =>
    saneParameters && matrices.every((M) => M !== null && typeof M === 'object' && (M as Matrix).data instanceof Float64Array && maxAbs((M as Matrix).data) < 1e6);

  const shapes = { dW1: [n1, n0], db1: [n1, 1], dW2: [n2, n1], db2: [n2, 1] } as const;
  const gradientsCheck = (finite: boolean): Checker => (r) => {
    for (const [key, [rows, cols]] of Object.entries(shapes)) {
      const problem = checkMatrixResult((r as Record<string, unknown>)[key], rows, cols, finite, key);
      if (problem) return problem;
    }
    return undefined;
  };
  const probabilities = (rows: number, cols: number): Checker => (r) =>
    checkMatrixResult(r, rows, cols, true, 'A2') ?? (Array.from((r as Matrix).data).every((v) => v >= 0 && v <= 1) ? undefined : 'A2 outside [0, 1]');
  const cost: Checker = (r) => (typeof r === 'number' && r >= 0 && Number.isFinite(r) ? undefined : `cost ${String(r)}`);
  const costIfSane = (finite: boolean): Checker => (r) => (typeof r !== 'number' ? 'not a number' : finite ? cost(r) : undefined);
  const cols = (M: unknown) => (M as Matrix | undefined)?.cols ?? 0;

  let entry: string;
  let args: unknown[];
  let run: () => unknown;
  let check: Checker;
  let mayDiverge = false;
  let mayAbort = false;

  switch (packedBefore === undefined ? g.int(12) : g.int(17)) {
    case 0: {
      entry = 'forward';
      args = [X()];
      run = () => net.forward(args[0] as Matrix);
      const finite = sane(args[0]);
      check = (r) => {
        const c = r as Record<string, unknown>;
        const k = cols(args[0]);
        return (
          checkMatrixResult(c.Z1, n1, k, finite, 'Z1') ?? checkMatrixResult(c.A1, n1, k, finite, 'A1') ??
          checkMatrixResult(c.Z2, n2, k, finite, 'Z2') ?? probabilities(n2, k)(c.A2)
        );
      };
      break;
    }
    case 1: {
      entry = 'predictProba';
      args = [X()];
      run = () => net.predictProba(args[0] as Matrix);
      check = (r) => probabilities(n2, cols(args[0]))(r);
      break;
    }
    case 2: {
      entry = 'predict';
      args = g.chance(0.7) ? [X()] : [X(), g.chance(0.5) ? g.uniform() : anyValue(g)];
      run = () => net.predict(args[0] as Matrix, args[1] as number);
      check = (r) => checkMatrixResult(r, n2, cols(args[0]), true, 'labels') ?? (Array.from((r as Matrix).data).every((v) => v === 0 || v === 1) ? undefined : 'labels not 0/1');
      break;
    }
    case 3: {
      entry = 'cost';
      args = [X(), Y()];
      run = () => net.cost(args[0] as Matrix, args[1] as Matrix);
      check = costIfSane(sane(args[0]));
      break;
    }
    case 4: {
      entry = 'gradients';
      args = [X(), Y()];
      run = () => net.gradients(args[0] as Matrix, args[1] as Matrix);
      check = gradientsCheck(sane(args[0]));
      break;
    }
    case 5: {
      entry = 'backward';
      const x = X();
      let cache: unknown;
      try {
        cache = net.forward(x as Matrix);
      } catch {
        cache = { A1: anyMatrix(g, n1, m, ['unit']), A2: anyMatrix(g, n2, m, ['unit']) };
      }
      if (g.chance(0.3) && cache && typeof cache === 'object') {
        cache = { ...cache, [g.pick(['A1', 'A2', 'Z1'])]: g.chance(0.5) ? anyMatrix(g, n1, m, ['unit', 'nan']) : anyValue(g) };
      } else if (g.chance(0.1)) cache = anyValue(g);
      args = [x, Y(), cache];
      run = () => net.backward(args[0] as Matrix, args[1] as Matrix, args[2] as ReturnType<ShallowNet['forward']>);
      check = gradientsCheck(false);
      break;
    }
    case 6: {
      entry = 'update';
      let gradients: Record<string, unknown> = {};
      for (const [key, [rows, c]] of Object.entries(shapes)) gradients[key] = anyMatrix(g, rows, c, ['gauss', 'zero']);
      if (g.chance(0.1)) gradients = anyValue(g) as Record<string, unknown>;
      args = [gradients, rate()];
      run = () => net.update(args[0] as ReturnType<ShallowNet['gradients']>, args[1] as number);
      check = (r) => (r === undefined ? undefined : `returned ${show(r)}`);
      break;
    }
    case 7: {
      entry = 'step';
      args = [X(), Y(), rate()];
      run = () => net.step(args[0] as Matrix, args[1] as Matrix, args[2] as number);
      check = costIfSane(sane(args[0]));
      mayDiverge = true;
      break;
    }
    case 8: case 9: {
      entry = 'fit';
      const options = anyFitOptions(g, false);
      clampIterations(options);
      args = [X(), Y(), options];
      run = () => net.fit(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, sane(args[0]));
      mayDiverge = true;
      break;
    }
    case 10: {
      entry = 'fitAsync';
      // The TS backend starts a worker thread per call: fewer of those.
      if (backend === 'ts' && g.chance(0.85)) return buildCall(g, backend, self, packedBefore);
      const options = anyFitOptions(g, true);
      clampIterations(options);
      args = [X(), Y(), options];
      run = () => net.fitAsync(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, sane(args[0]));
      mayDiverge = true;
      mayAbort = (options as { signal?: AbortSignal } | null)?.signal?.aborted === true;
      break;
    }
    case 11: {
      entry = g.pick(['parameters', 'toJSON']);
      args = g.chance(0.5) ? [] : [anyValue(g)];
      run = () => (entry === 'parameters' ? (net.parameters as (...a: unknown[]) => ReturnType<ShallowNet['parameters']>)(...args) : ShallowNet.fromJSON(JSON.stringify(net.toJSON()), { backend: backend as 'ts' }).parameters());
      check = (r) => {
        const p = r as Record<string, Matrix>;
        const after = [p.W1!, p.b1!, p.W2!, p.b2!];
        return bitsEqual(Float64Array.from(after.flatMap((M) => [...M.data])), packedBefore!) ? undefined : 'does not give back the parameters';
      };
      break;
    }
    case 12: {
      entry = 'new ShallowNet';
      const options: Record<string, unknown> = { inputSize: 1 + g.int(4), hiddenSize: 1 + g.int(4), backend };
      if (g.chance(0.3)) options.outputSize = 1 + g.int(3);
      if (g.chance(0.3)) options.hiddenActivation = g.pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']);
      if (g.chance(0.3)) options.seed = g.int(2 ** 32);
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'seed', 'backend', 'iteration']);
        options[key] = g.chance(0.6) ? anyNumber(g) : anyValue(g);
      }
      // Sizes that pass the checks but would allocate (and randomly fill) a huge network are scaled down.
      // (A null size counts as the default 1 here, in case the library reads it with ??.)
      const sizes = ['inputSize', 'hiddenSize', 'outputSize'].map((k) => options[k] ?? 1);
      if (sizes.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1)) {
        const [i, h, o] = sizes as number[];
        const count = h! * (i! + 1) + o! * (h! + 1);
        if (count > 1e6 && count < 2 ** 33) {
          options.hiddenSize = 1 + g.int(4);
          options.inputSize = 1 + g.int(4);
          options.outputSize = 1 + g.int(3);
          clamped++;
        }
      }
      const given = g.chance(0.05) ? anyValue(g) : options;
      args = [given];
      run = () => new ShallowNet(given as { inputSize: number; hiddenSize: number });
      check = (r) => {
        const made = r as ShallowNet;
        const o = given as Record<string, number>;
        const nulls = Object.keys(o).filter((k) => o[k] === null);
        if (nulls.length > 0) return `accepted null as a default — for ${nulls.join(', ')}`;
        if (made.inputSize !== o.inputSize || made.hiddenSize !== o.hiddenSize || made.outputSize !== (o.outputSize ?? 1)) return 'sizes differ from the options';
        return allFinite(Float64Array.from(Object.values(made.parameters()).flatMap((M) => [...M.data]))) ? undefined : 'non-finite initial parameters';
      };
      break;
    }
    case 13: {
      entry = 'fromParameters';
      const p: Record<string, unknown> = { ...net.parameters() };
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['W1', 'b1', 'W2', 'b2', 'extra']);
        const [rows, c] = key === 'W1' ? [n1, n0] : key === 'W2' ? [n2, n1] : key === 'b2' ? [n2, 1] : [n1, 1];
        p[key] = anyMatrix(g, rows + (g.chance(0.2) ? 1 : 0), c, ['gauss', 'nan', 'inf']);
      }
      const options = g.chance(0.7) ? { backend } : g.chance(0.5) ? { backend, hiddenActivation: anyValue(g) } : anyValue(g);
      args = [g.chance(0.05) ? anyValue(g) : p, options];
      run = () => ShallowNet.fromParameters(args[0] as ReturnType<ShallowNet['parameters']>, args[1] as { backend: 'ts' });
      check = (r) => {
        const W1 = (args[0] as Record<string, Matrix>).W1!;
        const W2 = (args[0] as Record<string, Matrix>).W2!;
        const made = r as ShallowNet;
        return made.inputSize === W1.cols && made.hiddenSize === W1.rows && made.outputSize === W2.rows ? undefined : 'sizes differ from the parameters';
      };
      break;
    }
    case 14: {
      entry = 'fromJSON';
      const doc = JSON.parse(JSON.stringify(net.toJSON())) as Record<string, unknown> & { parameters: Record<string, Record<string, unknown>> };
      for (let k = g.chance(0.85) ? 1 + g.int(2) : 0; k > 0; k--) {
        const where = g.int(3);
        if (where === 0) doc[g.pick(['format', 'version', 'inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'parameters'])] = g.chance(0.5) ? anyNumber(g) : anyValue(g);
        else if (where === 1 && doc.parameters && typeof doc.parameters === 'object') {
          const key = g.pick(['W1', 'b1', 'W2', 'b2']);
          doc.parameters[key] = g.chance(0.5) ? anyValue(g) as Record<string, unknown> : { ...(doc.parameters[key] ?? {}), [g.pick(['rows', 'cols', 'float64le'])]: g.chance(0.5) ? anyNumber(g) : g.pick(['', 'AAAA', 'not base64!', '////////////////////w==', 'AAAAAAAA+H8=']) };
        } else delete doc[g.pick(['format', 'version', 'inputSize', 'parameters', 'hiddenActivation'])];
      }
      const text = () => JSON.stringify(doc, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
      const json = g.chance(0.5) ? doc : g.chance(0.8) ? text() : g.chance(0.5) ? text().slice(0, g.int(80)) : anyValue(g);
      const options = g.chance(0.8) ? { backend } : anyValue(g);
      args = [json, options];
      run = () => ShallowNet.fromJSON(json as string, options as { backend: 'ts' });
      check = (r) => {
        if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) return `ignored malformed options — ${show(options)}`;
        const unknown = options === undefined ? [] : Object.keys(options).filter((k) => k !== 'backend');
        if (unknown.length > 0) return `ignored an unknown option — '${unknown[0]}'`;
        return okJSON(r);
      };
      const okJSON = (r: unknown) => (r instanceof ShallowNet && allFinite(Float64Array.from(Object.values(r.parameters()).flatMap((M) => [...M.data]))) ? undefined : 'not a usable net');
      break;
    }
    case 15: {
      entry = 'computeCost';
      const rows = 1 + g.int(3);
      const k = 1 + g.int(4);
      args = [anyMatrix(g, rows, k, ['unit', 'labels']), anyMatrix(g, rows + (g.chance(0.1) ? 1 : 0), k, ['labels', 'unit'])];
      run = () => computeCost(args[0] as Matrix, args[1] as Matrix);
      check = (r) => (typeof r === 'number' && r >= 0 && !Number.isNaN(r) ? undefined : `cost ${String(r)}`);
      break;
    }
    default: {
      const which = g.pick(['matrix', 'fromExamples', 'fromLabels', 'setThreads', 'nativeInfo'] as const);
      entry = which;
      if (which === 'matrix') {
        const rows = g.chance(0.7) ? g.int(4) : anyNumber(g);
        const c = g.chance(0.7) ? g.int(4) : anyNumber(g);
        const validSizes = Number.isSafeInteger(rows) && Number.isSafeInteger(c);
        const values = g.chance(0.4) ? undefined : g.chance(0.5) && validSizes && (rows as number) * (c as number) < 100 ? Array.from({ length: (rows as number) * (c as number) }, () => (g.chance(0.9) ? g.normal() : anyValue(g))) : anyValue(g);
        args = values === undefined ? [rows, c] : [rows, c, values];
        // matrix(1e5, 1e5) would try 80 GB: sizes that pass the checks stay small.
        if (validSizes && (rows as number) >= 0 && (c as number) >= 0 && (rows as number) * (c as number) > 1e6 && (rows as number) * (c as number) < 2 ** 33) {
          args[0] = g.int(4);
          clamped++;
        }
        run = () => (matrix as (...a: unknown[]) => unknown)(...args);
        check = (r) => {
          const M = r as Matrix;
          if (!(M.data instanceof Float64Array) || M.data.length !== M.rows * M.cols || M.rows !== args[0] || M.cols !== args[1]) return 'wrong shape';
          const values = args[2];
          if (values !== undefined && !Array.isArray(values) && !ArrayBuffer.isView(values)) return `accepted values that are not an array — ${show(values)}`;
          const bad = Array.isArray(values) ? values.findIndex((v) => typeof v !== 'number') : -1;
          if (bad >= 0) return `accepted values that are not numbers (stored as NaN) — values[${bad}] is ${show((values as unknown[])[bad])}`;
          return undefined;
        };
      } else if (which === 'fromExamples' || which === 'fromLabels') {
        const k = 1 + g.int(4);
        const features = 1 + g.int(3);
        let value: unknown =
          which === 'fromLabels' && g.chance(0.5)
            ? Array.from({ length: k }, () => (g.chance(0.95) ? g.int(2) : anyValue(g)))
            : Array.from({ length: k }, () => Array.from({ length: features }, () => (g.chance(0.95) ? g.normal() : anyValue(g))));
        if (g.chance(0.2)) value = anyValue(g);
        else if (g.chance(0.1)) (value as unknown[]).push(anyValue(g));
        args = [value];
        run = () => (which === 'fromExamples' ? fromExamples(value as number[][]) : fromLabels(value as number[]));
        check = (r) => {
          const M = r as Matrix;
          return M.data instanceof Float64Array && M.data.length === M.rows * M.cols && M.cols >= 1 ? undefined : `bad shape (${M.rows}, ${M.cols})`;
        };
      } else if (which === 'setThreads') {
        let threads = g.chance(0.5) ? 1 + g.int(2) : anyValue(g);
        // More BLAS threads than cores would only slow the rest of the run down.
        if (typeof threads === 'number' && Number.isInteger(threads) && threads > 2 && threads <= 1024) {
          threads = 2;
          clamped++;
        }
        args = [threads];
        run = () => setThreads(threads as number);
        check = (r) => (r === undefined ? undefined : 'returned a value');
      } else {
        args = g.chance(0.5) ? [] : [anyValue(g)];
        run = () => (nativeInfo as (...a: unknown[]) => unknown)(...args);
        check = (r) => (typeof (r as { loaded?: unknown }).loaded === 'boolean' ? undefined : 'no loaded field');
      }
    }
  }

  return { entry, args, run, check, mayDiverge, mayAbort };
}

function packed(net: ShallowNet): Float64Array {
  const p = net.parameters();
  return Float64Array.from([...p.W1.data, ...p.b1.data, ...p.W2.data, ...p.b2.data]);
}

async function execute(call: () => unknown): Promise<{ threw: boolean; result?: unknown; error?: unknown }> {
  try {
    let result = call();
    if (result instanceof Promise) result = await result;
    return { threw: false, result };
  } catch (error) {
    return { threw: true, error };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : `the non-Error ${show(error)}`;
}

/** One random call on an idle net, with every check. */
async function fuzzOneCall(g: Gen, backend: string, self: Net, findings: Findings): Promise<void> {
  const net = self.net;
  const packedBefore = packed(net);
  const { entry, args, run, check, mayDiverge, mayAbort } = buildCall(g, backend, self, packedBefore);
  findings.cases++;
  const example = `${entry}(${args.map((a) => show(a)).join(', ')})`;
  trace(`${backend} ${example}`);
  const { threw, result, error } = await execute(run);
  const options = args[2] as { onProgress?: unknown } | null | undefined;
  const thrower = (entry === 'fit' || entry === 'fitAsync') && typeof options === 'object' && options !== null && throwers.has(options.onProgress as never);
  if (thrower && threw && error === throwers.get(options!.onProgress as never)) {
    findings.outcome(entry, "onProgress's exception");
  } else if (thrower && !threw) {
    findings.violation(entry, "succeeded although onProgress threw — its exception was lost", example);
  } else if (!threw) {
    findings.outcome(entry, 'ok');
    const problem = check(result);
    if (problem) findings.violation(entry, `succeeded but ${problem}`, example);
  } else if (error instanceof TypeError || error instanceof RangeError) {
    findings.outcome(entry, error.constructor.name);
    if (ENGINE_MESSAGES.test(error.message) || error.message.length < 10) {
      findings.violation(entry, `${error.constructor.name} with an engine message "${error.message}"`, example);
    }
    // A rejected call changes nothing.
    if (!bitsEqual(packed(net), packedBefore)) findings.violation(entry, 'a rejected call changed the parameters', example);
  } else if (mayDiverge && error instanceof TrainingDivergedError) {
    findings.outcome(entry, 'TrainingDivergedError');
  } else if (mayAbort && error instanceof TrainingAbortedError) {
    findings.outcome(entry, 'TrainingAbortedError');
  } else {
    findings.violation(entry, `threw ${describeError(error)}`, example);
  }
  if (net.training) findings.violation(entry, 'the net is still marked as training', example);
  // Whatever happened, the parameters stay finite.
  const now = packed(net);
  if (!allFinite(now)) findings.violation(entry, 'left non-finite parameters', example);
  // Keep each round's net tame: after a wild but finite update, start over from fresh parameters.
  if (maxAbs(now) > 1e6) {
    self.net = new ShallowNet({ inputSize: self.n0, hiddenSize: self.n1, outputSize: self.n2, seed: 1, backend: backend as 'ts' });
  }
}

/**
 * While fitAsync trains the net, random calls on it: each throws
 * NetworkBusyError (or, for an argument checked before the net is, a
 * TypeError / RangeError), none succeeds; then the training ends normally.
 */
async function fuzzWhileTraining(g: Gen, backend: string, self: Net, findings: Findings): Promise<void> {
  // Fresh parameters: the round's net may have been pushed far enough by earlier calls to diverge.
  const net = new ShallowNet({ inputSize: self.n0, hiddenSize: self.n1, outputSize: self.n2, seed: g.int(1000), backend: backend as 'ts' });
  self.net = net;
  const training = net.fitAsync(
    { rows: self.n0, cols: 3, data: new Float64Array(self.n0 * 3).fill(0.5) },
    { rows: self.n2, cols: 3, data: new Float64Array(self.n2 * 3).fill(1) },
    { iterations: 20_000, learningRate: 0.01, progressEvery: 5_000 },
  );
  for (let k = 0; k < 20; k++) {
    const { entry, args, run } = buildCall(g, backend, self, undefined);
    findings.cases++;
    const example = `${entry}(${args.map((a) => show(a)).join(', ')}) while training`;
    trace(`${backend} ${example}`);
    const { threw, error } = await execute(run);
    if (!threw) findings.violation(entry, 'succeeded while the net was training', example);
    else if (error instanceof NetworkBusyError) findings.outcome(entry, 'NetworkBusyError');
    else if (error instanceof TypeError || error instanceof RangeError) findings.outcome(entry, error.constructor.name);
    else findings.violation(entry, `threw ${describeError(error)} while training`, example);
    if (!net.training) findings.violation(entry, 'training ended early', example);
  }
  const { threw, error } = await execute(() => training);
  if (threw) findings.violation('fitAsync', `the training under fire failed: ${describeError(error)}`, '');
  if (net.training) findings.violation('fitAsync', 'still training after the promise settled', '');
  if (!allFinite(packed(net))) findings.violation('fitAsync', 'left non-finite parameters', '');
}

function fitResultCheck(options: unknown, sane: boolean): Checker {
  return (r) => {
    const result = r as { costs: unknown; finalCost: unknown; iterations: unknown; converged: unknown };
    const requested = (options as { iterations: number }).iterations;
    const nulls = Object.keys(options as object).filter((k) => (options as Record<string, unknown>)[k] === null);
    if (nulls.length > 0) return `accepted null as a default — for options.${nulls.join(', options.')}`;
    if (!Array.isArray(result.costs) || !result.costs.every((c) => typeof c === 'number' && (!sane || Number.isFinite(c)))) return 'costs is not an array of finite numbers';
    if (typeof result.finalCost !== 'number' || (sane && !Number.isFinite(result.finalCost))) return `finalCost ${String(result.finalCost)}`;
    if (!Number.isInteger(result.iterations) || (result.iterations as number) < 0 || (result.iterations as number) > requested) return `iterations ${String(result.iterations)}`;
    if (typeof result.converged !== 'boolean') return 'converged is not a boolean';
    if (!result.converged && result.iterations !== requested) return `stopped after ${String(result.iterations)} of ${requested} without converging`;
    return undefined;
  };
}

// ---------------------------------------------------------------------------
// The raw binding

const addonPath = fileURLToPath(new URL('../build/Release/shallownet.node', import.meta.url));
let raw: NativeBinding | undefined;
try {
  raw = createRequire(import.meta.url)(addonPath) as NativeBinding;
} catch {
  raw = undefined;
}
const skipRaw = raw === undefined && process.env.CI !== 'true';

type RawNet = Record<string, (...args: unknown[]) => unknown>;

async function fuzzRaw(binding: NativeBinding, seed: number, rounds: number, callsPerRound: number, findings: Findings) {
  const g = new Gen(seed);
  const NativeNet = binding.NativeNet as unknown as new (...args: unknown[]) => RawNet;
  const b = binding as unknown as Record<string, (...args: unknown[]) => unknown>;
  const threads = (b.nativeInfo!() as { threads: number }).threads;
  const count = (n0: number, n1: number, n2: number) => n1 * n0 + n1 + n2 * n1 + n2;

  for (let round = 0; round < rounds; round++) {
    const n0 = 1 + g.int(4);
    const n1 = 1 + g.int(5);
    const n2 = 1 + g.int(3);
    const p = float64(g, count(n0, n1, n2), 'gauss');
    let net = new NativeNet(n0, n1, n2, g.pick(['tanh', 'sigmoid', 'relu', 'leakyRelu']), p);
    for (let call = 0; call < callsPerRound; call++) {
      const m = 1 + g.int(5);
      const arr = (length: number, content: Content[]) => {
        const r = g.int(12);
        if (r < 8) return float64(g, length, anyContent(g, content));
        if (r === 8) return float64(g, Math.max(0, length + g.pick([-1, 1, length])), 'gauss');
        if (r === 9) { const f = new Float32Array(length); fill(g, f, 'unit'); return f; }
        if (r === 10) return detachedFloat64();
        return anyValue(g);
      };
      const mArg = () => (g.chance(0.85) ? m : g.chance(0.5) ? m + g.pick([-1, 1, 2 ** 31 - 1]) : anyValue(g));
      const rate = () => (g.chance(0.85) ? g.pick([0.01, 0.5, 1.2]) : anyNumber(g));
      const options = () => {
        if (g.chance(0.07)) return anyValue(g);
        const o: Record<string, unknown> = { iterations: 1 + g.int(20), learningRate: g.pick([0.01, 0.5, 1.2]), progressEvery: 1 + g.int(5), tolerance: g.pick([0, 1e-6]) };
        for (let k = g.chance(0.5) ? 1 : 0; k > 0; k--) {
          const key = g.pick(['iterations', 'learningRate', 'progressEvery', 'tolerance']);
          if (g.chance(0.2)) delete o[key];
          else o[key] = g.chance(0.7) ? anyNumber(g) : anyValue(g);
        }
        clampIterations(o);
        return o;
      };
      const callback = () => (g.chance(0.6) ? undefined : g.chance(0.8) ? anyCallback(g) : anyValue(g));
      const X = () => arr(n0 * m, ['gauss', 'unit']);
      const Y = () => arr(n2 * m, ['labels', 'unit']);

      let method = g.pick(['parameters', 'setParameters', 'forward', 'predictProba', 'backward', 'update', 'cost', 'step', 'fit', 'fit', 'fitAsync', 'abort', 'new NativeNet', 'nativeInfo', 'setThreads', 'dgemmProbe'] as const);
      let args: unknown[];
      switch (method) {
        case 'parameters': case 'abort': case 'nativeInfo': args = g.chance(0.5) ? [] : [anyValue(g), anyValue(g)]; break;
        case 'setParameters': args = [arr(count(n0, n1, n2), ['gauss'])]; break;
        case 'forward': case 'predictProba': args = [X(), mArg()]; break;
        case 'backward': args = [X(), Y(), arr(n1 * m, ['unit', 'gauss']), arr(n2 * m, ['unit']), mArg()]; break;
        case 'update': args = [arr(count(n0, n1, n2), ['gauss', 'zero']), rate()]; break;
        case 'cost': args = [X(), Y(), mArg()]; break;
        case 'step': args = [X(), Y(), mArg(), rate()]; break;
        case 'fit': case 'fitAsync': args = [X(), Y(), mArg(), options(), callback()]; break;
        case 'new NativeNet': {
          const sizes = [n0, n1, n2].map((s) => (g.chance(0.8) ? s : g.chance(0.6) ? anyNumber(g) : anyValue(g)));
          const valid = sizes.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1 && s < 2 ** 31);
          const right = valid ? count(...(sizes as [number, number, number])) : 0;
          const params = valid && right <= 1e5 && g.chance(0.8) ? float64(g, right, anyContent(g, ['gauss'])) : arr(count(n0, n1, n2), ['gauss']);
          args = [...sizes, g.chance(0.85) ? g.pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']) : anyValue(g), params];
          break;
        }
        case 'setThreads': {
          let t = g.chance(0.5) ? 1 + g.int(2) : anyValue(g);
          if (typeof t === 'number' && Number.isInteger(t) && t > 2 && t <= 1024) { t = 2; clamped++; }
          args = [t];
          break;
        }
        default: {
          method = 'dgemmProbe';
          let size = g.chance(0.6) ? 1 + g.int(16) : anyValue(g);
          let repeats = g.chance(0.6) ? 1 + g.int(3) : anyValue(g);
          // A valid 8192³ product repeated 1000 times would take hours: valid sizes stay small.
          if (typeof size === 'number' && Number.isInteger(size) && size > 64 && size <= 8192) { size = 1 + (size % 64); clamped++; }
          if (typeof repeats === 'number' && Number.isInteger(repeats) && repeats > 3 && repeats <= 1000) { repeats = 1 + (repeats % 3); clamped++; }
          args = [size, repeats];
        }
      }
      if (g.chance(0.03)) args = args.slice(0, g.int(args.length + 1)); // arguments missing
      else if (g.chance(0.03)) args = [...args, anyValue(g)]; // one too many

      const before = net.parameters!() as Float64Array;
      const wasBusy = net.isBusy();
      findings.cases++;
      trace(`raw ${method}(${args.map((a) => show(a)).join(', ')}) on a ${n0}-${n1}-${n2} net`);
      let result: unknown;
      let error: unknown;
      let threw = false;
      try {
        if (method === 'new NativeNet') result = new NativeNet(...args);
        else if (method === 'nativeInfo' || method === 'setThreads' || method === 'dgemmProbe') result = b[method]!(...args);
        else {
          result = net[method]!(...args);
          if (result instanceof Promise) result = await result;
        }
      } catch (e) {
        error = e;
        threw = true;
      }
      const entry = `raw ${method}`;
      const example = `${method}(${args.map((a) => show(a)).join(', ')}) on a ${n0}-${n1}-${n2} net`;
      const thrower = (method === 'fit' || method === 'fitAsync') && throwers.has(args[4] as never);
      if (thrower && threw && error === throwers.get(args[4] as never)) {
        findings.outcome(entry, "onProgress's exception");
      } else if (thrower && !threw && !['diverged'].includes((result as { status?: string }).status ?? '')) {
        findings.violation(entry, "succeeded although onProgress threw — its exception was lost", example);
      } else if (threw) {
        if (error instanceof TypeError || error instanceof RangeError) {
          findings.outcome(entry, error.constructor.name);
          if (ENGINE_MESSAGES.test(error.message)) findings.violation(entry, `${error.constructor.name} with an engine message "${error.message}"`, example);
          if (!bitsEqual(net.parameters!() as Float64Array, before)) findings.violation(entry, 'a rejected call changed the parameters', example);
        } else if (wasBusy && error instanceof Error && /while this network is training/.test(error.message)) {
          findings.outcome(entry, 'busy');
        } else {
          findings.violation(entry, `threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : `the non-Error ${show(error)}`}`, example);
        }
      } else {
        findings.outcome(entry, 'ok');
        const problem = checkRawResult(method, result, args, { n0, n1, n2, count: count(n0, n1, n2), saneParameters: maxAbs(before) < 1e100 });
        if (problem) findings.violation(entry, `succeeded but ${problem}`, example);
      }
      if (net.isBusy()) findings.violation(entry, 'the net is still busy', example);
      const now = net.parameters!() as Float64Array;
      if (!allFinite(now)) findings.violation(entry, 'left non-finite parameters', example);
      if (maxAbs(now) > 1e6) net = new NativeNet(n0, n1, n2, 'tanh', p);
    }
  }
  b.setThreads!(threads);
}

function checkRawResult(
  method: string,
  result: unknown,
  args: unknown[],
  { n0, n1, n2, count, saneParameters }: { n0: number; n1: number; n2: number; count: number; saneParameters: boolean },
): string | undefined {
  const m = args[method === 'forward' || method === 'predictProba' ? 1 : method === 'backward' ? 4 : 2] as number;
  const sane = saneParameters && ArrayBuffer.isView(args[0]) && maxAbs(args[0] as Float64Array) < 1e6;
  const f64 = (value: unknown, length: number, name: string, finite: boolean) =>
    !(value instanceof Float64Array) || value.length !== length ? `${name} is not a Float64Array(${length})` : finite && !allFinite(value) ? `${name} not finite` : undefined;
  switch (method) {
    case 'parameters': return f64(result, count, 'parameters', true);
    case 'setParameters': case 'abort': case 'setThreads': return result === undefined ? undefined : 'returned a value';
    case 'forward': {
      const c = result as Record<string, unknown>;
      return f64(c.Z1, n1 * m, 'Z1', sane) ?? f64(c.A1, n1 * m, 'A1', sane) ?? f64(c.Z2, n2 * m, 'Z2', sane) ?? f64(c.A2, n2 * m, 'A2', true);
    }
    case 'predictProba': return f64(result, n2 * m, 'A2', true) ?? (Array.from(result as Float64Array).every((v) => v >= 0 && v <= 1) ? undefined : 'A2 outside [0, 1]');
    case 'backward': return f64(result, count, 'gradients', false);
    case 'update': return typeof result === 'boolean' ? undefined : 'update did not return a boolean';
    case 'cost': return typeof result === 'number' && (!sane || (Number.isFinite(result) && result >= 0)) ? undefined : `cost ${String(result)}`;
    case 'step': {
      const r = result as { cost: unknown; updated: unknown };
      return typeof r.cost === 'number' && typeof r.updated === 'boolean' ? undefined : 'not { cost, updated }';
    }
    case 'fit': case 'fitAsync': {
      const r = result as { status: unknown; iterations: unknown; finalCost: unknown; costs: unknown };
      if (!['completed', 'converged', 'diverged', 'stopped'].includes(r.status as string)) return `status ${String(r.status)}`;
      if (!Number.isInteger(r.iterations) || typeof r.finalCost !== 'number' || !(r.costs instanceof Float64Array)) return 'malformed outcome';
      if (r.status === 'stopped') return 'stopped although nothing asked it to';
      return undefined;
    }
    case 'new NativeNet': return typeof (result as RawNet).parameters === 'function' ? undefined : 'not a NativeNet';
    case 'nativeInfo': return typeof (result as { blas?: unknown }).blas === 'string' ? undefined : 'no blas field';
    case 'dgemmProbe': return typeof result === 'number' && result >= 0 && Number.isFinite(result) ? undefined : `time ${String(result)}`;
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------

describe('fuzz', () => {
  const totals: Record<string, number> = {};

  it.each(backends)('the public API (%s): random malformed calls are rejected cleanly or answered correctly', async (backend) => {
    const findings = new Findings();
    const started = Date.now();
    clamped = 0;
    await fuzzPublic(backend, SEED + (backend === 'ts' ? 1 : 0), Math.round(250 * SCALE), 50, findings);
    totals[`public ${backend}`] = findings.cases;
    const ok = [...findings.outcomes].filter(([k]) => k.endsWith('→ ok')).reduce((s, [, n]) => s + n, 0);
    console.log(
      `[fuzz] public API (${backend}), seed ${SEED}: ${findings.cases} cases in ${Date.now() - started} ms — ` +
        `${ok} succeeded, ${findings.cases - ok} threw; ${clamped} valid-but-expensive values scaled down; ` +
        `${findings.violations.size} kinds of violation`,
    );
    expect(findings.report()).toEqual([]);
  });

  it.skipIf(skipRaw)('the raw binding: random malformed calls are rejected cleanly or answered correctly', async () => {
    expect(raw, 'the addon does not load').toBeDefined();
    const findings = new Findings();
    const started = Date.now();
    clamped = 0;
    await fuzzRaw(raw!, SEED + 2, Math.round(450 * SCALE), 60, findings);
    totals.raw = findings.cases;
    const ok = [...findings.outcomes].filter(([k]) => k.endsWith('→ ok')).reduce((s, [, n]) => s + n, 0);
    console.log(
      `[fuzz] raw binding, seed ${SEED}: ${findings.cases} cases in ${Date.now() - started} ms — ` +
        `${ok} succeeded, ${findings.cases - ok} threw; ${clamped} valid-but-expensive values scaled down; ` +
        `${findings.violations.size} kinds of violation`,
    );
    expect(findings.report()).toEqual([]);
  });

  it('counts', () => {
    const total = Object.values(totals).reduce((s, n) => s + n, 0);
    console.log(`[fuzz] total: ${total} cases (${Object.entries(totals).map(([k, n]) => `${k} ${n}`).join(', ')})`);
    expect(total).toBeGreaterThan(0);
  });
});
