import { randomInt } from 'node:crypto';
import { createEngine, checkBackend } from './backend';
import { blocks, type Activation, type Engine, type EngineFitOptions, type EngineFitOutcome, type OutputActivation, type ProgressCallback, type Sizes } from './engine';
import { NetworkBusyError, TrainingAbortedError, TrainingDivergedError } from './errors';
import { initialParameters } from './initialization';
import { invalidValue, received } from './argument-error';
import { toClassIndices } from './class-indices';
import { trainTestSplit } from './data/split';
import { checkMemory, fitAsyncDoublesPerExample, MAX_SEED, trainingDoublesPerExample, workDoublesPerExample } from './limits';
import type { Matrix } from './matrix';
import {
  FIT_ASYNC_OPTIONS,
  FIT_OPTIONS,
  PARTIAL_FIT_OPTIONS,
  forExamples,
  guardInputs,
  mayShuffle,
  orDefault,
  progressCallback,
  readConstructorOptions,
  readFitPlan,
  toProgress,
  type FitPlan,
} from './options';
import { allocateParameters, packed, packInto, unpackViews } from './packing';
import { Random } from './random';
import { encodePacked, FORMAT, FORMAT_VERSION, parseSaved, type ShallowNetJSON } from './serialize';
import type {
  Backend,
  Evaluation,
  FitAsyncOptions,
  FitOptions,
  FitResult,
  ForwardCache,
  FromParametersOptions,
  Gradients,
  Parameters,
  PartialFitOptions,
  ShallowNetOptions,
} from './types';
import {
  checkActivation,
  checkFinite,
  checkInputs,
  checkKnownKeys,
  checkMatrix,
  checkNumberIn,
  checkObject,
  checkOutputActivation,
  checkPositiveNumber,
  checkShaped,
  checkTargets,
  checkTargetValues,
  checkTargetValuesInPieces,
  checkValues,
  checkValuesInPieces,
} from './validate';
import { PIECE_VALUES } from './pieces';

/** For the methods that take X only. */
const NO_TARGETS = Symbol('no targets');

/** "a linear output", "3 sigmoid outputs". */
function describeOutput(net: { outputSize: number; outputActivation: OutputActivation }): string {
  return net.outputSize === 1 ? `a ${net.outputActivation} output` : `${net.outputSize} ${net.outputActivation} outputs`;
}

/** A training call's data and options, checked and ready for the engine. */
interface TrainingCall {
  x: Matrix;
  y: Matrix;
  m: number;
  options: EngineFitOptions;
  validation: { x: Matrix; y: Matrix } | undefined;
  /** Whether the values of x, y and validation are still to be checked (fitAsync, in pieces). */
  valuesPending: boolean;
  /** Whether the call trains with the network's next seed (it was given none). */
  usesNextSeed: boolean;
}

/**
 * A neural network with one hidden layer: the lecture's, trained by
 * full-batch gradient descent (forward propagation, the cost,
 * backpropagation, the update, vectorised over all m examples), and the
 * course's next steps beside it: softmax and linear outputs, mini-batches,
 * momentum and Adam, L2, validation and early stopping.
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
  /** The output activation g2, which also sets the cost. */
  readonly outputActivation: OutputActivation;
  /** What actually runs: 'native' or 'ts'. */
  readonly backend: Backend;
  readonly #engine: Engine;
  /** True from the start of fit/fitAsync until it ends (the engine's own flag covers only its part). */
  #training = false;
  /** Seeds of the example orders of training calls given none: drawn from the network's seed, so a seeded network trains the same every run. */
  readonly #seeds: Random;
  /**
   * The seed the next training call given none uses: drawn ahead, and replaced
   * only once a call trains, so a rejected call leaves the stream where it was.
   */
  #nextSeed: number;
  /** Epochs trained since the last fit (partialFit's learning-rate decay counts on from there). */
  #epochsTrained = 0;

  /**
   * Creates a network with weights drawn as `initialization` says (from a seeded generator) and b = 0.
   * @throws TypeError / RangeError for a malformed option; Error if backend is 'native' and the addon cannot load.
   */
  constructor(options: ShallowNetOptions);
  /** @internal `initial`: packed parameters the network takes as its own (fromParameters and fromJSON pass fresh ones). */
  constructor(options: ShallowNetOptions, initial: Float64Array);
  constructor(options: ShallowNetOptions, initial?: Float64Array) {
    const { sizes, hidden, output, initialization, seed: given, backend: requested } = readConstructorOptions(options);
    const seed = given ?? randomInt(MAX_SEED + 1);
    const params = initial ?? initialParameters(sizes, seed, initialization);
    const { engine, backend } = createEngine({ sizes, hidden, output }, params, requested);
    this.inputSize = sizes.inputSize;
    this.hiddenSize = sizes.hiddenSize;
    this.outputSize = sizes.outputSize;
    this.hiddenActivation = hidden;
    this.outputActivation = output;
    this.backend = backend;
    this.#engine = engine;
    // Another stream than the weights': splitmix32 of a different seed.
    this.#seeds = new Random((seed ^ 0x6a09e667) >>> 0);
    this.#nextSeed = this.#seeds.nextUint32();
  }

  /**
   * Builds a network from given parameters (copied), e.g. from another net's `parameters()`.
   * Sizes are read from the shapes: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1).
   */
  static fromParameters(parameters: Parameters, options: FromParametersOptions = {}): ShallowNet {
    const given = checkObject(options, 'fromParameters options');
    checkKnownKeys(given, ['hiddenActivation', 'outputActivation', 'backend'], 'fromParameters options');
    const p = checkObject(parameters, 'parameters');
    // Each field read once: W1 and W2 give the sizes, then every block is checked against its shape.
    const read = { W1: checkMatrix(p.W1, 'W1'), b1: p.b1, W2: checkMatrix(p.W2, 'W2'), b2: p.b2 };
    const sizes: Sizes = { inputSize: read.W1.cols, hiddenSize: read.W1.rows, outputSize: read.W2.rows };
    const shapes = blocks(sizes);
    const parts = shapes.map(({ name, rows, cols }) => checkShaped(read[name], name, rows, cols));
    parts.forEach((M, k) => checkFinite(M, shapes[k]?.name as string));
    const params = allocateParameters(sizes);
    packInto(params, sizes, parts);
    return new ShallowNet(
      {
        ...sizes,
        ...(given.hiddenActivation !== undefined && { hiddenActivation: given.hiddenActivation as Activation }),
        ...(given.outputActivation !== undefined && { outputActivation: given.outputActivation as OutputActivation }),
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
    return new ShallowNet({ ...saved.sizes, hiddenActivation: saved.activation, outputActivation: saved.output, backend }, saved.params);
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

  /** Forward propagation: Z1 = W1·X + b1, A1 = g1(Z1), Z2 = W2·A1 + b2, A2 = g2(Z2). X is (inputSize, m). */
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
   * dZ2 = A2 − Y (for every output head: each is paired with its cost so that this holds),
   * dW2 = (1/m) dZ2·A1ᵀ, db2 = (1/m) Σ dZ2, dZ1 = W2ᵀ·dZ2 ∗ g1′(Z1),
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
    const shapes = blocks(this);
    const parts = shapes.map(({ name, rows, cols }) => checkShaped(g[`d${name}`], `gradients.d${name}`, rows, cols));
    parts.forEach((M, k) => checkFinite(M, `gradients.d${shapes[k]?.name}`));
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

  /**
   * The cost J of the current parameters on (X, Y) (the output head's: logistic,
   * cross-entropy or half squared error), computed from the logits: finite
   * even when ŷ rounds to 0 or 1.
   */
  cost(X: Matrix, Y: Matrix): number {
    const { x, y, m } = this.#prepare('cost', X, Y);
    return this.#engine.cost(x.data, y.data, m);
  }

  /**
   * The cost on (X, Y) and how good the predictions are: accuracy for a
   * sigmoid or softmax output, the mean squared error and R² for a linear one.
   * One forward pass.
   */
  evaluate(X: Matrix, Y: Matrix): Evaluation {
    const { x, y, m } = this.#prepare('evaluate', X, Y);
    const { cost, metric } = this.#engine.evaluate(x.data, y.data, m);
    if (this.outputActivation !== 'linear') return { cost, accuracy: metric };
    // J = (1/(2m)) Σ over outputs and examples of (a − y)²: the mean over all n2·m values is 2J / n2.
    return { cost, mse: (2 * cost) / this.outputSize, r2: metric };
  }

  /** Forward then backward propagation: the gradients of the cost at the current parameters (one call into the backend). */
  gradients(X: Matrix, Y: Matrix): Gradients {
    const { x, y, m } = this.#prepare('gradients', X, Y);
    return this.#gradientsOf(this.#engine.gradients(x.data, y.data, m));
  }

  /**
   * One iteration of the lecture's gradient descent (forward, cost, backward, update).
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

  /** The output A2 = ŷ, (outputSize, m): probabilities (sigmoid, softmax: each column sums to 1) or values (linear). */
  predictProba(X: Matrix): Matrix {
    return this.#predictProba('predictProba', X);
  }

  /**
   * Predictions shaped like Y, (outputSize, m): sigmoid, 1 where ŷ > threshold
   * else 0; softmax, one-hot columns of the most probable class; linear, the values ŷ.
   */
  predict(X: Matrix, threshold?: number): Matrix {
    if (threshold !== undefined && this.outputActivation !== 'sigmoid') {
      throw invalidValue('threshold', 'left out for a softmax or linear output (it applies to sigmoid outputs)', threshold);
    }
    const limit = checkNumberIn(orDefault(threshold, 0.5), 'threshold', 0, 1);
    const proba = this.#predictProba('predict', X);
    if (this.outputActivation === 'linear') return proba;
    const labels = new Float64Array(proba.data.length);
    if (this.outputActivation === 'softmax') {
      toClassIndices(proba).forEach((c, j) => (labels[c * proba.cols + j] = 1));
    } else {
      for (let k = 0; k < labels.length; k++) labels[k] = (proba.data[k] as number) > limit ? 1 : 0;
    }
    return { rows: proba.rows, cols: proba.cols, data: labels };
  }

  /**
   * The class of each example, as m indices: softmax, the most probable class
   * (the first on a tie); a single sigmoid output, 1 where ŷ ≥ 0.5 (see toClassIndices).
   */
  predictClasses(X: Matrix): Int32Array {
    if (this.outputActivation === 'linear' || (this.outputActivation === 'sigmoid' && this.outputSize > 1)) {
      throw invalidValue('predictClasses()', 'called on a softmax or single sigmoid output (one class per example)', received(describeOutput(this)));
    }
    return toClassIndices(this.#predictProba('predictClasses', X));
  }

  /**
   * Trains, the whole loop inside the backend (one call into native code,
   * plus one per progress report). By default the lecture's full-batch
   * gradient descent; batchSize, optimizer, l2, learningRateDecay, validation
   * and earlyStopping add the course's next steps. Starts the optimizer's
   * state afresh. Blocks until done: use {@link ShallowNet.fitAsync} to keep the event loop free.
   * @throws TrainingDivergedError when the cost or an update stops being finite; the network keeps the last finite parameters.
   */
  fit(X: Matrix, Y: Matrix, options: FitOptions): FitResult {
    this.#assertIdle('fit');
    const plan = readFitPlan(options, FIT_OPTIONS, 'fit options');
    const call = this.#trainingCall('fit', X, Y, plan);
    return this.#runSync(call, plan, false);
  }

  /**
   * Trains on (X, Y) for `epochs` (default 1) more, carrying on from where the
   * last fit or partialFit left off: the optimizer's state (momentum's and
   * Adam's averages) and the epoch count of the learning-rate decay. For data
   * that arrives in parts, or training interleaved with other work. Synchronous.
   */
  partialFit(X: Matrix, Y: Matrix, options: PartialFitOptions): FitResult {
    this.#assertIdle('partialFit');
    const plan = readFitPlan(options, PARTIAL_FIT_OPTIONS, 'partialFit options');
    const call = this.#trainingCall('partialFit', X, Y, plan, { epochOffset: this.#epochsTrained });
    return this.#runSync(call, plan, true);
  }

  /**
   * Trains like {@link ShallowNet.fit} without blocking the event loop. Native
   * training runs on a thread of its own (never on libuv's threadpool, which
   * fs, dns, zlib and crypto share), taking turns for the cores with other
   * networks training in this process; TS training runs in a worker_threads worker.
   *
   * X and Y (and validationData) are copied before training starts, so the
   * caller may change or drop them afterwards. The call itself returns at once
   * whatever their size: small inputs are checked and copied within the call,
   * large ones in pieces over the next turns of the event loop (about a
   * millisecond each) — change them only after the first progress report or
   * the end. Inputs backed by a SharedArrayBuffer are not copied at all:
   * training reads them in place, so writing to them while it runs changes
   * what it trains on. (validationSplit copies its two parts within the call.)
   *
   * Other calls on this network throw NetworkBusyError until the promise
   * settles; different networks train concurrently. Rejects with
   * TrainingAbortedError when `signal` aborts (the parameters are those of the
   * last completed update; with earlyStopping's restoreBest, those of the best
   * validation so far) and with TrainingDivergedError as fit does.
   */
  async fitAsync(X: Matrix, Y: Matrix, options: FitAsyncOptions): Promise<FitResult> {
    this.#assertIdle('fitAsync');
    const plan = readFitPlan(options, FIT_ASYNC_OPTIONS, 'fitAsync options');
    const { signal } = plan;
    const call = this.#trainingCall('fitAsync', X, Y, plan);
    if (signal?.aborted) throw new TrainingAbortedError(0, signal.reason);
    this.#training = true;
    const onAbort = () => this.#engine.abort();
    // A throwing onProgress aborts the run rather than failing the engine's
    // call, so that its outcome, the epochs it did, is still known; the call
    // then rejects with what onProgress threw.
    const user = progressCallback(plan, this.outputActivation);
    let callbackError: { error: unknown } | undefined;
    const onProgress: ProgressCallback | undefined =
      user &&
      ((...report) => {
        if (callbackError !== undefined) return;
        try {
          user(...report);
        } catch (error) {
          callbackError = { error };
          this.#engine.abort();
        }
      });
    try {
      if (call.valuesPending) await this.#checkValuesInPieces(call);
      if (signal?.aborted) throw new TrainingAbortedError(0, signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const outcome = await this.#engine.fitAsync(call.x.data, call.y.data, call.m, call.options, onProgress, ...this.#validationArguments(call));
      this.#trained(call, false, outcome.epochs);
      if (callbackError !== undefined) throw callbackError.error;
      if (outcome.status === 'stopped') throw new TrainingAbortedError(outcome.iterations, signal?.reason);
      return this.#fitResult(outcome);
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
      outputActivation: this.outputActivation,
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
    const y = Y === NO_TARGETS ? undefined : checkTargets(Y, this, m, this.outputActivation, 'Y', values);
    checkMemory(8 * m * doublesPerExample, `${method}()'s work buffers for m = ${m} examples`);
    this.#assertIdle(method);
    return { x, y, m };
  }

  /**
   * The data and options of fit, fitAsync or partialFit: X and Y checked,
   * the validation examples found (given, or split off with the call's seed),
   * the engine's options for the training examples' m.
   */
  #trainingCall(method: 'fit' | 'fitAsync' | 'partialFit', X: unknown, Y: unknown, plan: FitPlan, partial?: { epochOffset: number }): TrainingCall {
    const shuffle = mayShuffle(plan);
    const doubles = method === 'fitAsync' ? fitAsyncDoublesPerExample(this, shuffle) : trainingDoublesPerExample(this, shuffle);
    // fitAsync checks large inputs' values later, a piece per turn of the event loop.
    const split = plan.validation?.kind === 'split';
    const deferValues = method === 'fitAsync' && !split;
    let { x, y, m } = this.#prepare(method, X, Y, doubles, !deferValues);
    const seed = plan.seed ?? this.#nextSeed;
    let validation: TrainingCall['validation'];
    const source = plan.validation;
    if (source?.kind === 'data') {
      const vx = checkInputs(source.X, this, `${plan.name}.validationData.X`, !deferValues);
      const vy = checkTargets(source.Y, this, vx.cols, this.outputActivation, `${plan.name}.validationData.Y`, !deferValues, `${plan.name}.validationData.X`);
      validation = { x: vx, y: vy };
    } else if (source?.kind === 'split') {
      const held = Math.ceil(source.fraction * m);
      if (held >= m) {
        throw invalidValue(`${plan.name}.validationSplit`, `small enough to leave a training example of m = ${m}`, source.fraction);
      }
      // Its own stream, so the split does not shadow the first epoch's order.
      const parts = trainTestSplit(x, y, { testFraction: source.fraction, seed: (seed ^ 0xbb67ae85) >>> 0 });
      ({ XTrain: x, YTrain: y } = parts);
      m = x.cols;
      validation = { x: parts.XTest, y: parts.YTest };
    }
    const options = forExamples(plan, m, seed, partial);
    this.#assertIdle(method); // a getter on the validation data may have started training
    const valuesPending = deferValues && x.data.length + y.data.length + (validation === undefined ? 0 : validation.x.data.length + validation.y.data.length) > PIECE_VALUES;
    if (deferValues && !valuesPending) this.#checkValues(x, y, validation, plan.name);
    return { x, y, m, options, validation, valuesPending, usesNextSeed: plan.seed === undefined };
  }

  #checkValues(x: Matrix, y: Matrix, validation: TrainingCall['validation'], name: string): void {
    checkValues(x, 'X', 'finite');
    checkTargetValues(y, 'Y', this.outputActivation);
    if (validation === undefined) return;
    checkValues(validation.x, `${name}.validationData.X`, 'finite');
    checkTargetValues(validation.y, `${name}.validationData.Y`, this.outputActivation);
  }

  async #checkValuesInPieces(call: TrainingCall): Promise<void> {
    const name = 'fitAsync options';
    await checkValuesInPieces(call.x, 'X', 'finite');
    await checkTargetValuesInPieces(call.y, 'Y', this.outputActivation);
    if (call.validation === undefined) return;
    await checkValuesInPieces(call.validation.x, `${name}.validationData.X`, 'finite');
    await checkTargetValuesInPieces(call.validation.y, `${name}.validationData.Y`, this.outputActivation);
  }

  /**
   * The engine took the call and trained (all of it, or until it stopped):
   * the parameters and the optimizer's state are this run's, so the epoch
   * count is too, and a call that took the network's next seed moves the
   * stream on. A call the engine rejected changes neither.
   */
  #trained(call: TrainingCall, partial: boolean, epochs: number): void {
    this.#epochsTrained = (partial ? this.#epochsTrained : 0) + epochs;
    if (call.usesNextSeed) this.#nextSeed = this.#seeds.nextUint32();
  }

  /** The engine's last three arguments: validationX, validationY, validationM (undefined without validation). */
  #validationArguments(call: TrainingCall): [Float64Array | undefined, Float64Array | undefined, number | undefined] {
    const v = call.validation;
    return [v?.x.data, v?.y.data, v?.x.cols];
  }

  #runSync(call: TrainingCall, plan: FitPlan, partial: boolean): FitResult {
    const inputs = [
      { name: 'X', matrix: call.x },
      { name: 'Y', matrix: call.y },
      ...(call.validation === undefined
        ? []
        : [
            { name: `${plan.name}.validationData.X`, matrix: call.validation.x },
            { name: `${plan.name}.validationData.Y`, matrix: call.validation.y },
          ]),
    ];
    const guarded = guardInputs(progressCallback(plan, this.outputActivation), inputs);
    // The epoch of the last report: a synchronous engine stops at the report whose onProgress throws.
    let lastEpoch: number | undefined;
    const onProgress: ProgressCallback | undefined =
      guarded &&
      ((iteration, epoch, ...rest) => {
        lastEpoch = epoch;
        guarded(iteration, epoch, ...rest);
      });
    this.#training = true;
    let outcome: EngineFitOutcome;
    try {
      outcome = this.#engine.fit(call.x.data, call.y.data, call.m, call.options, onProgress, ...this.#validationArguments(call));
    } catch (error) {
      // onProgress threw: training ran up to that report, and the network keeps what it did.
      if (lastEpoch !== undefined) this.#trained(call, partial, lastEpoch);
      throw error;
    } finally {
      this.#training = false;
    }
    this.#trained(call, partial, outcome.epochs);
    return this.#fitResult(outcome);
  }

  #fitResult(outcome: EngineFitOutcome): FitResult {
    if (outcome.status === 'diverged') throw new TrainingDivergedError(outcome.iterations, outcome.finalCost);
    const history = [];
    const h = outcome.history;
    for (let k = 0; k + 5 <= h.length; k += 5) {
      history.push(toProgress(this.outputActivation, h[k] as number, h[k + 1] as number, h[k + 2] as number, h[k + 3] as number, h[k + 4] as number));
    }
    return {
      costs: Array.from(outcome.costs),
      history,
      finalCost: outcome.finalCost,
      iterations: outcome.iterations,
      epochs: outcome.epochs,
      converged: outcome.status === 'converged',
      stoppedEarly: outcome.status === 'stoppedEarly',
      ...(outcome.bestEpoch >= 0 && { bestEpoch: outcome.bestEpoch }),
    };
  }

  /** predictProba for `method`, the public method called (named when the network is busy or X is wrong). */
  #predictProba(method: string, X: unknown): Matrix {
    const { x, m } = this.#prepare(method, X, NO_TARGETS);
    return { rows: this.outputSize, cols: m, data: this.#engine.predictProba(x.data, m) };
  }

  #gradientsOf(packedGradients: Float64Array): Gradients {
    const [dW1, db1, dW2, db2] = unpackViews(packedGradients, this);
    return { dW1, db1, dW2, db2 };
  }
}
