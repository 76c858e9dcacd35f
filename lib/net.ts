import { randomInt } from 'node:crypto';
import { layout, type Activation, type Engine, type EngineFitOptions, type EngineFitOutcome, type Sizes } from './engine';
import { NetworkBusyError, TrainingAbortedError, TrainingDivergedError } from './errors';
import type { Matrix } from './matrix';
import { loadNative, warnFallbackOnce } from './native/loader';
import { Random } from './random';
import { encode, FORMAT, FORMAT_VERSION, parseSaved, type ShallowNetJSON } from './serialize';
import { TsNet } from './ts/ts-net';
import {
  checkActivation,
  checkFinite,
  checkInputs,
  checkInteger,
  checkKnownKeys,
  checkMatrix,
  checkNonNegativeNumber,
  checkObject,
  checkPositiveNumber,
  checkShaped,
  checkTargets,
  checkMemory,
  checkWorkMemory,
  MAX_DIMENSION,
  MAX_PARAMETERS,
} from './validate';
import { describe } from './describe';

/** Which implementation runs the maths: the native addon, or pure TypeScript. */
export type Backend = 'native' | 'ts';

/** Options of `new ShallowNet(...)`. */
export interface ShallowNetOptions {
  /** n0: features per example (rows of X). */
  inputSize: number;
  /** n1: hidden units. */
  hiddenSize: number;
  /** n2: sigmoid output units (rows of Y). Default 1. */
  outputSize?: number;
  /** g1, the hidden activation. Default 'tanh', as in the lecture. */
  hiddenActivation?: Activation;
  /** Seed of the initial weights: the same seed gives the same parameters on every backend. Default: random. */
  seed?: number;
  /** 'native' (throws if the addon cannot load), 'ts', or 'auto' (native, else ts with one warning). Default 'auto'. */
  backend?: Backend | 'auto';
}

/** Options of `ShallowNet.fromParameters(...)`. */
export interface FromParametersOptions {
  hiddenActivation?: Activation;
  backend?: Backend | 'auto';
}

/** The network's parameters: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1). */
export interface Parameters {
  W1: Matrix;
  b1: Matrix;
  W2: Matrix;
  b2: Matrix;
}

/** Gradients of the cost, each shaped like its parameter. */
export interface Gradients {
  dW1: Matrix;
  db1: Matrix;
  dW2: Matrix;
  db2: Matrix;
}

/** What forward propagation computes: Z1, A1 (n1, m) and Z2, A2 (n2, m). A2 is ŷ. */
export interface ForwardCache {
  Z1: Matrix;
  A1: Matrix;
  Z2: Matrix;
  A2: Matrix;
}

/** A progress report: the cost of the parameters before update `iteration`. */
export interface Progress {
  iteration: number;
  cost: number;
}

/** Options of `fit()`. */
export interface FitOptions {
  /** Gradient-descent updates to apply (an integer >= 1). */
  iterations: number;
  /** α, the step size (> 0). */
  learningRate: number;
  /** Called every `progressEvery` iterations and once at the end. */
  onProgress?: (progress: Progress) => void;
  /** How often to record the cost (and call onProgress). Default 100. */
  progressEvery?: number;
  /** Stop early once the cost moves less than this between two records. Default 0: never. */
  tolerance?: number;
}

/** Options of `fitAsync()`: those of `fit()`, plus an AbortSignal. */
export interface FitAsyncOptions extends FitOptions {
  /** Aborting it stops training before the next iteration; the promise rejects with a TrainingAbortedError. */
  signal?: AbortSignal;
}

/** What `fit()` and `fitAsync()` return. */
export interface FitResult {
  /** costs[k]: the cost before update k · progressEvery ("cost after iteration i" in the course). */
  costs: number[];
  /** The cost of the parameters after the last update. */
  finalCost: number;
  /** Updates applied. */
  iterations: number;
  /** True if training stopped because of `tolerance`, false if it ran all its iterations. */
  converged: boolean;
}

const DEFAULT_PROGRESS_EVERY = 100;
const CONSTRUCTOR_OPTIONS = ['inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'seed', 'backend'] as const;
const FIT_OPTIONS = ['iterations', 'learningRate', 'onProgress', 'progressEvery', 'tolerance'] as const;
const FIT_ASYNC_OPTIONS = [...FIT_OPTIONS, 'signal'] as const;

/** An option's value, or its default when it is absent (undefined; null is a value, and is checked). */
function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

function checkBackend(value: unknown): Backend | 'auto' {
  if (value === 'native' || value === 'ts' || value === 'auto') return value;
  if (typeof value !== 'string') throw new TypeError(`backend must be 'auto', 'native' or 'ts', got ${describe(value)}`);
  throw new RangeError(`backend must be 'auto', 'native' or 'ts', got '${value}'`);
}

function createEngine(sizes: Sizes, activation: Activation, params: Float64Array, requested: Backend | 'auto') {
  if (requested === 'ts') return { engine: new TsNet(sizes, activation, params) as Engine, backend: 'ts' as Backend };
  const native = loadNative();
  if (native.ok) {
    const engine = new native.binding.NativeNet(sizes.inputSize, sizes.hiddenSize, sizes.outputSize, activation, params);
    return { engine, backend: 'native' as Backend };
  }
  if (requested === 'native') {
    const error = new Error(`backend 'native' was requested, but ${native.reason}`);
    (error as NodeJS.ErrnoException).code = 'SHALLOWNET_NATIVE_UNAVAILABLE';
    throw error;
  }
  warnFallbackOnce(native.reason);
  return { engine: new TsNet(sizes, activation, params) as Engine, backend: 'ts' as Backend };
}

function allocateParameters(sizes: Sizes): Float64Array {
  const { count } = layout(sizes);
  if (count > MAX_PARAMETERS) {
    throw new RangeError(
      `inputSize = ${sizes.inputSize}, hiddenSize = ${sizes.hiddenSize}, outputSize = ${sizes.outputSize} make ` +
        `${count} parameters, more than the limit of ${MAX_PARAMETERS}; use smaller sizes`,
    );
  }
  try {
    return new Float64Array(count);
  } catch {
    throw new RangeError(
      `cannot allocate ${count} parameters for inputSize = ${sizes.inputSize}, hiddenSize = ${sizes.hiddenSize}, ` +
        `outputSize = ${sizes.outputSize}; use smaller sizes`,
    );
  }
}

/**
 * A neural network with one hidden layer, trained by full-batch gradient
 * descent exactly as in the lecture: forward propagation, the logistic cost,
 * backpropagation, and the update, vectorised over all m examples.
 *
 * Data layout: X is (inputSize, m) and Y is (outputSize, m), one column per
 * example (see {@link fromExamples}).
 *
 * @example
 * const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 1 });
 * const { finalCost } = net.fit(X, Y, { iterations: 10_000, learningRate: 1.2 });
 * const labels = net.predict(X);
 */
export class ShallowNet {
  /** n0: features per example. */
  readonly inputSize: number;
  /** n1: hidden units. */
  readonly hiddenSize: number;
  /** n2: output units. */
  readonly outputSize: number;
  /** The hidden activation g1. */
  readonly hiddenActivation: Activation;
  /** What actually runs: 'native' or 'ts'. */
  readonly backend: Backend;
  readonly #engine: Engine;
  #training = false;

  /**
   * Creates a network with W = randn · 0.01 (from a seeded generator) and b = 0.
   * @throws TypeError / RangeError for a malformed option; Error if backend is 'native' and the addon cannot load.
   */
  constructor(options: ShallowNetOptions);
  /** @internal */
  constructor(options: ShallowNetOptions, initial: Float64Array);
  constructor(options: ShallowNetOptions, initial?: Float64Array) {
    const given = checkObject(options, 'ShallowNet options');
    checkKnownKeys(given, CONSTRUCTOR_OPTIONS, 'ShallowNet options');
    const sizes: Sizes = {
      inputSize: checkInteger(given.inputSize, 'inputSize', 1, MAX_DIMENSION),
      hiddenSize: checkInteger(given.hiddenSize, 'hiddenSize', 1, MAX_DIMENSION),
      outputSize: checkInteger(orDefault(given.outputSize, 1), 'outputSize', 1, MAX_DIMENSION),
    };
    const activation = checkActivation(orDefault(given.hiddenActivation, 'tanh'), 'hiddenActivation');
    const requested = checkBackend(orDefault(given.backend, 'auto'));
    let params = initial;
    if (params === undefined) {
      const seed = given.seed === undefined ? randomInt(2 ** 32) : checkInteger(given.seed, 'seed', 0, 2 ** 32 - 1);
      params = allocateParameters(sizes);
      const at = layout(sizes);
      const random = new Random(seed);
      // The course's initialisation: small random weights break the symmetry; zero biases.
      for (let k = at.W1; k < at.b1; k++) params[k] = random.normal() * 0.01;
      for (let k = at.W2; k < at.b2; k++) params[k] = random.normal() * 0.01;
    }
    const { engine, backend } = createEngine(sizes, activation, params, requested);
    this.inputSize = sizes.inputSize;
    this.hiddenSize = sizes.hiddenSize;
    this.outputSize = sizes.outputSize;
    this.hiddenActivation = activation;
    this.backend = backend;
    this.#engine = engine;
  }

  /**
   * Builds a network from given parameters (copied), e.g. from another net's `parameters()`.
   * Sizes are read from the shapes: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1).
   */
  static fromParameters(parameters: Parameters, options: FromParametersOptions = {}): ShallowNet {
    const given = checkObject(options, 'fromParameters options');
    checkKnownKeys(given, ['hiddenActivation', 'backend'], 'fromParameters options');
    const p = checkObject(parameters, 'parameters');
    const W1 = checkMatrix(p.W1, 'W1');
    const sizes: Sizes = { inputSize: W1.cols, hiddenSize: W1.rows, outputSize: 0 };
    const W2 = checkMatrix(p.W2, 'W2');
    sizes.outputSize = W2.rows;
    checkShaped(W2, 'W2', sizes.outputSize, sizes.hiddenSize);
    const b1 = checkShaped(p.b1, 'b1', sizes.hiddenSize, 1);
    const b2 = checkShaped(p.b2, 'b2', sizes.outputSize, 1);
    for (const [name, M] of [['W1', W1], ['b1', b1], ['W2', W2], ['b2', b2]] as const) checkFinite(M, name);
    const packed = allocateParameters(sizes);
    packInto(packed, sizes, [W1, b1, W2, b2]);
    const net = new ShallowNet(
      {
        ...sizes,
        ...(given.hiddenActivation !== undefined && { hiddenActivation: given.hiddenActivation as Activation }),
        ...(given.backend !== undefined && { backend: given.backend as Backend | 'auto' }),
      },
      packed,
    );
    return net;
  }

  /** Reads a network saved with {@link ShallowNet.toJSON} (the object, or its JSON string). */
  static fromJSON(json: ShallowNetJSON | string, options: { backend?: Backend | 'auto' } = {}): ShallowNet {
    const given = checkObject(options, 'fromJSON options');
    checkKnownKeys(given, ['backend'], 'fromJSON options');
    const backend = checkBackend(orDefault(given.backend, 'auto'));
    const saved = parseSaved(json);
    const rows = (data: Float64Array, r: number, c: number): Matrix => ({ rows: r, cols: c, data });
    const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = saved.sizes;
    return ShallowNet.fromParameters(
      { W1: rows(saved.W1, n1, n0), b1: rows(saved.b1, n1, 1), W2: rows(saved.W2, n2, n1), b2: rows(saved.b2, n2, 1) },
      { hiddenActivation: saved.activation, backend },
    );
  }

  /** True while `fit` or `fitAsync` runs on this network. */
  get training(): boolean {
    return this.#training || this.#engine.isBusy();
  }

  /** Copies of the parameters: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1). */
  parameters(): Parameters {
    this.#idle('parameters');
    return unpackCopies(this.#engine.parameters(), this);
  }

  /** Forward propagation: Z1 = W1·X + b1, A1 = g1(Z1), Z2 = W2·A1 + b2, A2 = σ(Z2). X is (inputSize, m). */
  forward(X: Matrix): ForwardCache {
    this.#idle('forward');
    const x = checkInputs(X, this);
    const m = x.cols;
    checkMemory(16 * m * (this.hiddenSize + this.outputSize), `forward()'s Z1, A1, Z2 and A2 for m = ${m} examples`);
    this.#idle('forward'); // a getter on X may have started training
    const { Z1, A1, Z2, A2 } = this.#engine.forward(x.data, m);
    const n1 = this.hiddenSize;
    const n2 = this.outputSize;
    return {
      Z1: { rows: n1, cols: m, data: Z1 },
      A1: { rows: n1, cols: m, data: A1 },
      Z2: { rows: n2, cols: m, data: Z2 },
      A2: { rows: n2, cols: m, data: A2 },
    };
  }

  /**
   * Backpropagation from a given forward cache (its A1 and A2 are used as they are):
   * dZ2 = A2 − Y, dW2 = (1/m) dZ2·A1ᵀ, db2 = (1/m) Σ dZ2, dZ1 = W2ᵀ·dZ2 ∗ g1′(Z1),
   * dW1 = (1/m) dZ1·Xᵀ, db1 = (1/m) Σ dZ1. Each gradient is shaped like its parameter.
   */
  backward(X: Matrix, Y: Matrix, cache: ForwardCache): Gradients {
    this.#idle('backward');
    const x = checkInputs(X, this);
    const m = x.cols;
    const y = checkTargets(Y, this, m);
    const c = checkObject(cache, 'cache');
    const A1 = checkShaped(c.A1, 'cache.A1', this.hiddenSize, m);
    const A2 = checkShaped(c.A2, 'cache.A2', this.outputSize, m);
    checkFinite(A1, 'cache.A1');
    checkFinite(A2, 'cache.A2');
    checkWorkMemory(this, m);
    this.#idle('backward');
    return this.#gradientsFromPacked(this.#engine.backward(x.data, y.data, A1.data, A2.data, m));
  }

  /** Gradient descent: W1 −= α dW1, b1 −= α db1, W2 −= α dW2, b2 −= α db2. All or nothing. */
  update(gradients: Gradients, learningRate: number): void {
    this.#idle('update');
    const g = checkObject(gradients, 'gradients');
    const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = this;
    const parts = [
      checkShaped(g.dW1, 'gradients.dW1', n1, n0),
      checkShaped(g.db1, 'gradients.db1', n1, 1),
      checkShaped(g.dW2, 'gradients.dW2', n2, n1),
      checkShaped(g.db2, 'gradients.db2', n2, 1),
    ];
    const rate = checkPositiveNumber(learningRate, 'learningRate');
    const packed = new Float64Array(layout(this).count);
    packInto(packed, this, parts);
    this.#idle('update');
    if (!this.#engine.update(packed, rate)) {
      throw new RangeError(
        'update(): this update would make a parameter NaN or infinite, so it was not applied; ' +
          'check the gradients for NaN, or lower learningRate',
      );
    }
  }

  /** The cost J of the current parameters on (X, Y), computed from the logits (finite even when ŷ rounds to 0 or 1). */
  cost(X: Matrix, Y: Matrix): number {
    this.#idle('cost');
    const x = checkInputs(X, this);
    const y = checkTargets(Y, this, x.cols);
    checkWorkMemory(this, x.cols);
    this.#idle('cost');
    return this.#engine.cost(x.data, y.data, x.cols);
  }

  /** Forward then backward propagation: the gradients of the cost at the current parameters. */
  gradients(X: Matrix, Y: Matrix): Gradients {
    return this.backward(X, Y, this.forward(X));
  }

  /**
   * One iteration of gradient descent (forward, cost, backward, update).
   * @returns the cost before the update.
   * @throws TrainingDivergedError if the cost or the update is not finite (nothing is changed).
   */
  step(X: Matrix, Y: Matrix, learningRate: number): number {
    this.#idle('step');
    const x = checkInputs(X, this);
    const y = checkTargets(Y, this, x.cols);
    const rate = checkPositiveNumber(learningRate, 'learningRate');
    checkWorkMemory(this, x.cols);
    this.#idle('step');
    const { cost, updated } = this.#engine.step(x.data, y.data, x.cols, rate);
    if (!updated) throw new TrainingDivergedError(0, cost);
    return cost;
  }

  /** The probabilities A2 = ŷ, (outputSize, m). */
  predictProba(X: Matrix): Matrix {
    this.#idle('predictProba');
    const x = checkInputs(X, this);
    checkWorkMemory(this, x.cols);
    this.#idle('predictProba');
    return { rows: this.outputSize, cols: x.cols, data: this.#engine.predictProba(x.data, x.cols) };
  }

  /** 0/1 predictions, (outputSize, m): 1 where ŷ > threshold. */
  predict(X: Matrix, threshold = 0.5): Matrix {
    if (typeof threshold !== 'number') throw new TypeError(`threshold must be a number, got ${describe(threshold)}`);
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
    const proba = this.predictProba(X);
    const labels = new Float64Array(proba.data.length);
    for (let k = 0; k < labels.length; k++) labels[k] = proba.data[k] > threshold ? 1 : 0;
    return { rows: proba.rows, cols: proba.cols, data: labels };
  }

  /**
   * Trains by full-batch gradient descent, the whole loop inside the backend
   * (one call into native code, plus one per progress report). Blocks until
   * done: use {@link ShallowNet.fitAsync} to keep the event loop free.
   * @throws TrainingDivergedError when the cost or an update stops being finite; the network keeps the last finite parameters.
   */
  fit(X: Matrix, Y: Matrix, options: FitOptions): FitResult {
    this.#idle('fit');
    const x = checkInputs(X, this);
    const y = checkTargets(Y, this, x.cols);
    const { engineOptions, onProgress } = readFitOptions(options, FIT_OPTIONS, 'fit options', [x, y]);
    checkWorkMemory(this, x.cols);
    this.#idle('fit'); // an options getter may have started training
    this.#training = true;
    try {
      return toFitResult(this.#engine.fit(x.data, y.data, x.cols, engineOptions, onProgress));
    } finally {
      this.#training = false;
    }
  }

  /**
   * Trains like {@link ShallowNet.fit} without blocking the event loop: native
   * training runs on a libuv worker thread, TS training in a worker_threads
   * worker. X and Y are copied when the call starts, so the caller may change
   * or drop them meanwhile. Other calls on this network throw NetworkBusyError
   * until the promise settles; different networks can train concurrently.
   *
   * Rejects with TrainingAbortedError when `signal` aborts (the parameters are
   * those of the last completed iteration) and with TrainingDivergedError as fit does.
   */
  async fitAsync(X: Matrix, Y: Matrix, options: FitAsyncOptions): Promise<FitResult> {
    this.#idle('fitAsync');
    const x = checkInputs(X, this);
    const y = checkTargets(Y, this, x.cols);
    const { engineOptions, onProgress, signal } = readFitOptions(options, FIT_ASYNC_OPTIONS, 'fitAsync options');
    checkWorkMemory(this, x.cols);
    this.#idle('fitAsync'); // an options getter may have started training
    if (signal?.aborted) throw new TrainingAbortedError(0, signal.reason);
    this.#training = true;
    const onAbort = () => this.#engine.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await this.#engine.fitAsync(x.data, y.data, x.cols, engineOptions, onProgress);
      if (outcome.status === 'stopped') throw new TrainingAbortedError(outcome.iterations, signal?.reason);
      return toFitResult(outcome);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#training = false;
    }
  }

  /** A JSON-ready object holding everything needed to rebuild this network bit for bit. */
  toJSON(): ShallowNetJSON {
    const { W1, b1, W2, b2 } = this.parameters();
    const save = (M: Matrix) => encode(M.data, M.rows, M.cols);
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      outputSize: this.outputSize,
      hiddenActivation: this.hiddenActivation,
      parameters: { W1: save(W1), b1: save(b1), W2: save(W2), b2: save(b2) },
    };
  }

  #idle(method: string): void {
    if (this.#training || this.#engine.isBusy()) throw new NetworkBusyError(method);
  }

  #gradientsFromPacked(packed: Float64Array): Gradients {
    const { W1, b1, W2, b2 } = unpackCopies(packed, this);
    return { dW1: W1, db1: b1, dW2: W2, db2: b2 };
  }
}

/** Writes W1, b1, W2, b2 (or their gradients), already shape-checked, into a packed buffer. */
function packInto(packed: Float64Array, sizes: Sizes, parts: readonly Matrix[]): void {
  const at = layout(sizes);
  [at.W1, at.b1, at.W2, at.b2].forEach((offset, k) => packed.set((parts[k] as Matrix).data, offset));
}

/** Copies the four blocks of a packed buffer out as matrices: (n1, n0), (n1, 1), (n2, n1), (n2, 1). */
function unpackCopies(packed: Float64Array, sizes: Sizes): Parameters {
  const at = layout(sizes);
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = sizes;
  return {
    W1: { rows: n1, cols: n0, data: packed.slice(at.W1, at.b1) },
    b1: { rows: n1, cols: 1, data: packed.slice(at.b1, at.W2) },
    W2: { rows: n2, cols: n1, data: packed.slice(at.W2, at.b2) },
    b2: { rows: n2, cols: 1, data: packed.slice(at.b2, at.count) },
  };
}

/**
 * Reads fit's options. `pinned` are the matrices a synchronous fit reads while
 * onProgress runs: if the callback resizes or detaches their buffers, training
 * stops with a RangeError rather than reading memory that is gone.
 */
function readFitOptions(options: unknown, known: readonly string[], name: string, pinned: Matrix[] = []) {
  const given = checkObject(options, name);
  checkKnownKeys(given, known, name);
  const iterations = checkInteger(given.iterations, `${name}.iterations`, 1, MAX_DIMENSION);
  const engineOptions: EngineFitOptions = {
    iterations,
    learningRate: checkPositiveNumber(given.learningRate, `${name}.learningRate`),
    progressEvery: checkInteger(orDefault(given.progressEvery, DEFAULT_PROGRESS_EVERY), `${name}.progressEvery`, 1, MAX_DIMENSION),
    tolerance: checkNonNegativeNumber(orDefault(given.tolerance, 0), `${name}.tolerance`),
  };
  checkMemory(8 * (Math.floor(iterations / engineOptions.progressEvery) + 1), `${name}: the cost record (iterations / progressEvery + 1 values)`);
  const callback = given.onProgress;
  if (callback !== undefined && typeof callback !== 'function') {
    throw new TypeError(`${name}.onProgress must be a function, got ${describe(callback)}`);
  }
  const lengths = pinned.map((M) => M.data.length);
  const onProgress =
    callback === undefined
      ? undefined
      : (iteration: number, cost: number) => {
          (callback as (p: Progress) => void)({ iteration, cost });
          pinned.forEach((M, k) => {
            if (M.data.length !== lengths[k]) {
              throw new RangeError(
                `${k === 0 ? 'X' : 'Y'} was resized or detached by onProgress during fit(); training stopped. ` +
                  'Leave X and Y alone until fit() returns (fitAsync() trains on copies)',
              );
            }
          });
        };
  const signal = given.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${name}.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  return { engineOptions, onProgress, signal: signal as AbortSignal | undefined };
}

function toFitResult(outcome: EngineFitOutcome): FitResult {
  if (outcome.status === 'diverged') throw new TrainingDivergedError(outcome.iterations, outcome.finalCost);
  return {
    costs: Array.from(outcome.costs),
    finalCost: outcome.finalCost,
    iterations: outcome.iterations,
    converged: outcome.status === 'converged',
  };
}
