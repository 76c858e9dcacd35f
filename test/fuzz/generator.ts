// The fuzzers' seeded generator: any value at all (numbers at the edges,
// strings, bigints, symbols, typed arrays of every kind, proxies, objects
// with the library's own key names), Float64Arrays in every legal form, and
// matrix arguments that are mostly right and often subtly wrong.
import { Random } from '../helpers';

export class Gen {
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

export const SPECIAL_NUMBERS = [
  0, -0, 1, 2, 3, 4, 5, -1, -2, 0.5, 1.5, -0.5, 1e-7, NaN, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, 2 ** 32,
  2 ** 32 - 1, 2 ** 53, 2 ** 53 + 2, 1e9, 1e15, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
  100, 1000, 1024, 1025, 8192, 8193,
];
export const STRINGS = ['', 'tanh', 'relu', 'sigmoid', 'leakyRelu', 'softmax', 'linear', 'native', 'ts', 'auto', 'gpu', 'gd', 'momentum', 'adam', 'lecture', 'xavier', 'he', '2', '0.5', 'NaN', 'x'.repeat(200), '{}', 'iterations'];
export const KEYS = ['rows', 'cols', 'data', 'iterations', 'learningRate', 'progressEvery', 'tolerance', 'onProgress', 'signal', 'iteration', 'backend', 'hiddenActivation', 'inputSize', 'hiddenSize', 'outputSize', 'seed', 'W1', 'b1', 'W2', 'b2', 'A1', 'A2', 'dW1', 'db1', 'dW2', 'db2', 'format', 'version', 'parameters', '__proto__x',
  'epochs', 'batchSize', 'shuffle', 'optimizer', 'beta', 'beta1', 'beta2', 'epsilon', 'l2', 'learningRateDecay', 'validationData', 'validationSplit',
  'earlyStopping', 'patience', 'minDelta', 'restoreBest', 'outputActivation', 'initialization', 'X', 'Y'];

export type Content = 'gauss' | 'unit' | 'labels' | 'nan' | 'inf' | 'huge' | 'zero' | 'negzero';

export function anyNumber(g: Gen): number {
  const r = g.int(4);
  if (r === 0) return g.pick(SPECIAL_NUMBERS);
  if (r === 1) return g.int(8);
  if (r === 2) return (g.uniform() - 0.5) * 10;
  return g.pick([g.uniform(), g.int(3) + 0.5, -g.int(5), 2 ** (g.int(64))]);
}

export function fill(g: Gen, data: Float64Array | Float32Array, content: Content): void {
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

export function anyContent(g: Gen, valid: Content[]): Content {
  return g.chance(0.85) ? g.pick(valid) : g.pick(['gauss', 'unit', 'labels', 'nan', 'inf', 'huge', 'zero', 'negzero'] as const);
}

/** A Float64Array of `length`, in one of the odd-but-legal forms a Float64Array can take. */
export function float64(g: Gen, length: number, content: Content): Float64Array {
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

export function detachedFloat64(): Float64Array {
  const data = new Float64Array(4);
  structuredClone(data.buffer, { transfer: [data.buffer] });
  return data; // length 0 now
}

const benignFunctions: ((...args: unknown[]) => unknown)[] = [() => {}, () => 1, function named() { return undefined; }, (p: unknown) => p, Math.max as (...args: unknown[]) => unknown];

/** Callbacks that throw: fit / fitAsync must stop and throw exactly what they threw. */
const THROWN_ERROR = new RangeError('thrown by onProgress');
const THROWN_STRING = 'a string thrown by onProgress';
export const throwers = new Map<(...args: unknown[]) => unknown, unknown>([
  [() => { throw THROWN_ERROR; }, THROWN_ERROR],
  [() => { throw THROWN_STRING; }, THROWN_STRING],
]);

export function anyCallback(g: Gen): unknown {
  return g.chance(0.1) ? g.pick([...throwers.keys()]) : g.pick(benignFunctions);
}

/** Any value at all, of a random kind. */
export function anyValue(g: Gen, depth = 0): unknown {
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
export function anyMatrix(g: Gen, rows: number, cols: number, content: Content[]): unknown {
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
