import { randomInt } from 'node:crypto';
import { createEngine, checkBackend } from './backend';
import type { Activation, Engine, EngineFitOutcome, Sizes } from './engine';
import { NetworkBusyError, TrainingAbortedError, TrainingDivergedError } from './errors';
import { initialParameters } from './initialization';
import { invalidType, invalidValue } from './argument-error';
import { checkMemory, fitAsyncDoublesPerExample, workDoublesPerExample } from './limits';
import type { Matrix } from './matrix';
import { FIT_ASYNC_OPTIONS, FIT_OPTIONS, guardInputs, orDefault, readConstructorOptions, readFitOptions } from './options';
import { allocateParameters, packed, packInto, unpackViews } from './packing';
import { encodePacked, FORMAT, FORMAT_VERSION, parseSaved, type ShallowNetJSON } from './serialize';
import type {
  Backend,
  FitAsyncOptions,
  FitOptions,
  FitResult,
  ForwardCache,
  FromParametersOptions,
  Gradients,
  Parameters,
  ShallowNetOptions,
} from './types';
import {
  checkFinite,
  checkInputs,
  checkKnownKeys,
  checkMatrix,
  checkObject,
  checkPositiveNumber,
  checkShaped,
  checkTargets,
  checkValues,
  checkValuesInPieces,
} from './validate';
import { PIECE_VALUES } from './pieces';

/** For the methods that take X only. */
const NO_TARGETS = Symbol('no targets');

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
  /** True from the start of fit/fitAsync until it ends (the engine's own flag covers only its part). */
  #training = false;

  /**
   * Creates a network with W = randn · 0.01 (from a seeded generator) and b = 0.
   * @throws TypeError / RangeError for a malformed option; Error if backend is 'native' and the addon cannot load.
   */
  constructor(options: ShallowNetOptions);
  /** @internal */
  constructor(options: ShallowNetOptions, initial: Float64Array);
  constructor(options: ShallowNetOptions, initial?: Float64Array) {
    const { sizes, activation, seed, backend: requested } = readConstructorOptions(options);
    const params = initial ?? initialParameters(sizes, seed ?? randomInt(2 ** 32));
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
    const W2 = checkMatrix(p.W2, 'W2');
    const sizes: Sizes = { inputSize: W1.cols, hiddenSize: W1.rows, outputSize: W2.rows };
    checkShaped(W2, 'W2', sizes.outputSize, sizes.hiddenSize);
    const parts = [W1, checkShaped(p.b1, 'b1', sizes.hiddenSize, 1), W2, checkShaped(p.b2, 'b2', sizes.outputSize, 1)];
    parts.forEach((M, k) => checkFinite(M, ['W1', 'b1', 'W2', 'b2'][k] as string));
    const params = allocateParameters(sizes);
    packInto(params, sizes, parts);
    return new ShallowNet(
      {
        ...sizes,
        ...(given.hiddenActivation !== undefined && { hiddenActivation: given.hiddenActivation as Activation }),
        ...(given.backend !== undefined && { backend: given.backend as Backend | 'auto' }),
      },
      params,
    );
  }

  /** Reads a network saved with {@link ShallowNet.toJSON} (the object, or its JSON string). */
  static fromJSON(json: ShallowNetJSON | string, options: { backend?: Backend | 'auto' } = {}): ShallowNet {
    const given = checkObject(options, 'fromJSON options');
    checkKnownKeys(given, ['backend'], 'fromJSON options');
    const backend = checkBackend(orDefault(given.backend, 'auto'));
    const saved = parseSaved(json);
    return new ShallowNet({ ...saved.sizes, hiddenActivation: saved.activation, backend }, saved.params);
  }

  /** True while `fit` or `fitAsync` runs on this network. */
  get training(): boolean {
    return this.#training || this.#engine.isTraining();
  }

  /** Copies of the parameters: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1), each viewing one fresh buffer. */
  parameters(): Parameters {
    this.#assertIdle('parameters');
    const [W1, b1, W2, b2] = unpackViews(this.#engine.parameters(), this);
    return { W1, b1, W2, b2 };
  }

  /** Forward propagation: Z1 = W1·X + b1, A1 = g1(Z1), Z2 = W2·A1 + b2, A2 = σ(Z2). X is (inputSize, m). */
  forward(X: Matrix): ForwardCache {
    const { x, m } = this.#prepare('forward', X, NO_TARGETS, 2 * (this.hiddenSize + this.outputSize));
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
    const { x, y, m } = this.#prepare('backward', X, Y);
    const c = checkObject(cache, 'cache');
    const A1 = checkShaped(c.A1, 'cache.A1', this.hiddenSize, m);
    const A2 = checkShaped(c.A2, 'cache.A2', this.outputSize, m);
    checkFinite(A1, 'cache.A1');
    checkFinite(A2, 'cache.A2');
    this.#assertIdle('backward'); // a getter on the cache may have started training
    return this.#gradientsOf(this.#engine.backward(x.data, y.data, A1.data, A2.data, m));
  }

  /** Gradient descent: W1 −= α dW1, b1 −= α db1, W2 −= α dW2, b2 −= α db2. All or nothing. */
  update(gradients: Gradients, learningRate: number): void {
    this.#assertIdle('update');
    const g = checkObject(gradients, 'gradients');
    const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = this;
    const parts = [
      checkShaped(g.dW1, 'gradients.dW1', n1, n0),
      checkShaped(g.db1, 'gradients.db1', n1, 1),
      checkShaped(g.dW2, 'gradients.dW2', n2, n1),
      checkShaped(g.db2, 'gradients.db2', n2, 1),
    ];
    parts.forEach((M, k) => checkFinite(M, `gradients.${['dW1', 'db1', 'dW2', 'db2'][k]}`));
    const rate = checkPositiveNumber(learningRate, 'learningRate');
    this.#assertIdle('update');
    if (!this.#engine.update(packed(parts, this), rate)) {
      throw invalidValue(
        'learningRate',
        'small enough that W − learningRate · dW stays finite for every parameter',
        rate,
        'this update would overflow, so it was not applied',
      );
    }
  }

  /** The cost J of the current parameters on (X, Y), computed from the logits (finite even when ŷ rounds to 0 or 1). */
  cost(X: Matrix, Y: Matrix): number {
    const { x, y, m } = this.#prepare('cost', X, Y);
    return this.#engine.cost(x.data, y.data, m);
  }

  /** Forward then backward propagation: the gradients of the cost at the current parameters (one call into the backend). */
  gradients(X: Matrix, Y: Matrix): Gradients {
    const { x, y, m } = this.#prepare('gradients', X, Y);
    return this.#gradientsOf(this.#engine.gradients(x.data, y.data, m));
  }

  /**
   * One iteration of gradient descent (forward, cost, backward, update).
   * @returns the cost before the update.
   * @throws TrainingDivergedError if the cost or the update is not finite (nothing is changed).
   */
  step(X: Matrix, Y: Matrix, learningRate: number): number {
    const rate = checkPositiveNumber(learningRate, 'learningRate');
    const { x, y, m } = this.#prepare('step', X, Y);
    const { cost, updated } = this.#engine.step(x.data, y.data, m, rate);
    if (!updated) throw new TrainingDivergedError(0, cost);
    return cost;
  }

  /** The probabilities A2 = ŷ, (outputSize, m). */
  predictProba(X: Matrix): Matrix {
    const { x, m } = this.#prepare('predictProba', X, NO_TARGETS);
    return { rows: this.outputSize, cols: m, data: this.#engine.predictProba(x.data, m) };
  }

  /** 0/1 predictions, (outputSize, m): 1 where ŷ > threshold. */
  predict(X: Matrix, threshold = 0.5): Matrix {
    if (typeof threshold !== 'number') throw invalidType('threshold', 'a number', threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw invalidValue('threshold', 'in [0, 1]', threshold);
    const proba = this.predictProba(X);
    const labels = new Float64Array(proba.data.length);
    for (let k = 0; k < labels.length; k++) labels[k] = (proba.data[k] as number) > threshold ? 1 : 0;
    return { rows: proba.rows, cols: proba.cols, data: labels };
  }

  /**
   * Trains by full-batch gradient descent, the whole loop inside the backend
   * (one call into native code, plus one per progress report). Blocks until
   * done: use {@link ShallowNet.fitAsync} to keep the event loop free.
   * @throws TrainingDivergedError when the cost or an update stops being finite; the network keeps the last finite parameters.
   */
  fit(X: Matrix, Y: Matrix, options: FitOptions): FitResult {
    this.#assertIdle('fit');
    const { engineOptions, onProgress } = readFitOptions(options, FIT_OPTIONS, 'fit options');
    const { x, y, m } = this.#prepare('fit', X, Y);
    this.#training = true;
    try {
      return toFitResult(this.#engine.fit(x.data, y.data, m, engineOptions, guardInputs(onProgress, x, y)));
    } finally {
      this.#training = false;
    }
  }

  /**
   * Trains like {@link ShallowNet.fit} without blocking the event loop. Native
   * training runs on a thread of its own (never on libuv's threadpool, which
   * fs, dns, zlib and crypto share), taking turns for the cores with other
   * networks training in this process; TS training runs in a worker_threads worker.
   *
   * X and Y are copied before training starts, so the caller may change or
   * drop them afterwards. The call itself returns at once whatever their size:
   * small inputs are checked and copied within the call, large ones in
   * pieces over the next turns of the event loop (about a millisecond each) —
   * change them only after the first progress report or the end. X and Y
   * backed by a SharedArrayBuffer are not copied at all: training reads them in
   * place, so writing to them while it runs changes what it trains on.
   *
   * Other calls on this network throw NetworkBusyError until the promise
   * settles; different networks train concurrently. Rejects with
   * TrainingAbortedError when `signal` aborts (the parameters are those of the
   * last completed iteration) and with TrainingDivergedError as fit does.
   */
  async fitAsync(X: Matrix, Y: Matrix, options: FitAsyncOptions): Promise<FitResult> {
    this.#assertIdle('fitAsync');
    const { engineOptions, onProgress, signal } = readFitOptions(options, FIT_ASYNC_OPTIONS, 'fitAsync options');
    const { x, y, m } = this.#prepare('fitAsync', X, Y, fitAsyncDoublesPerExample(this), false);
    if (signal?.aborted) throw new TrainingAbortedError(0, signal.reason);
    this.#training = true;
    const onAbort = () => this.#engine.abort();
    try {
      // The values: within this call if they are few, so the backend copies
      // them before the caller's next statement; otherwise a piece per turn of
      // the event loop (X may be hundreds of megabytes).
      if (x.data.length + y.data.length <= PIECE_VALUES) {
        checkValues(x, 'X', 'finite');
        checkValues(y, 'Y', 'unit');
      } else {
        await checkValuesInPieces(x, 'X', 'finite');
        await checkValuesInPieces(y, 'Y', 'unit');
        if (signal?.aborted) throw new TrainingAbortedError(0, signal.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      const outcome = await this.#engine.fitAsync(x.data, y.data, m, engineOptions, onProgress);
      if (outcome.status === 'stopped') throw new TrainingAbortedError(outcome.iterations, signal?.reason);
      return toFitResult(outcome);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#training = false;
    }
  }

  /** A JSON-ready object holding everything needed to rebuild this network bit for bit. */
  toJSON(): ShallowNetJSON {
    this.#assertIdle('toJSON');
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      outputSize: this.outputSize,
      hiddenActivation: this.hiddenActivation,
      parameters: encodePacked(this.#engine.parameters(), this),
    };
  }

  #assertIdle(method: string): void {
    if (this.#training || this.#engine.isTraining()) throw new NetworkBusyError(method);
  }

  /**
   * The prologue of every method that takes data: the network idle, X (and Y)
   * checked and read once into snapshots, memory for the m examples
   * (`doublesPerExample`, by default the work buffers of one pass), and idle
   * again, since a getter on X or Y may have started training. With `values`
   * false, the values are left for the caller to check (in pieces).
   */
  #prepare(method: string, X: unknown, Y: typeof NO_TARGETS, doublesPerExample?: number): { x: Matrix; m: number };
  #prepare(method: string, X: unknown, Y: unknown, doublesPerExample?: number, values?: boolean): { x: Matrix; y: Matrix; m: number };
  #prepare(method: string, X: unknown, Y: unknown, doublesPerExample = workDoublesPerExample(this), values = true) {
    this.#assertIdle(method);
    const x = checkInputs(X, this, 'X', values);
    const m = x.cols;
    const y = Y === NO_TARGETS ? undefined : checkTargets(Y, this, m, 'Y', values);
    checkMemory(8 * m * doublesPerExample, `${method}()'s work buffers for m = ${m} examples`);
    this.#assertIdle(method);
    return { x, y, m };
  }

  #gradientsOf(packedGradients: Float64Array): Gradients {
    const [dW1, db1, dW2, db2] = unpackViews(packedGradients, this);
    return { dW1, db1, dW2, db2 };
  }
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

