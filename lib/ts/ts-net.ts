/**
 * TsNet: the pure-TypeScript backend, implementing the same Engine interface
 * as the native addon's NativeNet. fitAsync runs the loop in a worker thread
 * so the fallback never blocks the event loop either.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  Architecture,
  Engine,
  EngineCache,
  EngineFitOptions,
  EngineFitOutcome,
  ProgressCallback,
} from '../engine';
import { invalidType, invalidValue, received } from '../argument-error';
import { FRESH_PIECE_VALUES, inPieces, PIECE_VALUES } from '../pieces';
import { busyMessage } from '../errors';
import { MAX_DIMENSION } from '../limits';
import { fit, type FitObserver, type ProgressReport } from './fit';
import {
  Workspace,
  backwardHidden,
  backwardUpdate,
  evaluateScore,
  forwardCost,
  forwardHidden,
  forwardOutput,
  outputDelta,
  unpack,
  update,
  type Examples,
} from './network';
import type { OptimizerState } from './optimizer';
import { costDiverged } from './output-head';
import type { FitWorkerInput, FitWorkerMessage } from './fit-worker';

export class TsNet implements Engine {
  readonly #net: Architecture;
  #params: Float64Array;
  readonly #ws = new Workspace();
  /** The optimizer's state after the last fit, for a partialFit to carry on from. */
  #optimizer: OptimizerState | undefined;
  #training = false;
  /** fitAsync's copies of its inputs, shared with its worker; kept (and grown) for the next call. */
  #staging = new Float64Array(new SharedArrayBuffer(0));
  /** Shared with a fitAsync worker: non-zero asks it to stop. */
  #abortFlag = new Int32Array(new SharedArrayBuffer(4));

  /** Takes `params` as its own (every caller has just allocated them): the caller must not keep or change them. */
  constructor(net: Architecture, params: Float64Array) {
    this.#net = { ...net, sizes: { ...net.sizes } };
    this.#params = params;
  }

  isTraining(): boolean {
    return this.#training;
  }

  #assertIdle(method: string): void {
    if (this.#training) throw new Error(busyMessage(method));
  }

  /**
   * m, and the lengths of X (n0, m) and Y (n2, m) when given: what could make
   * this engine read past an array's end (the values were checked by lib/net.ts).
   */
  #checkData(method: string, m: number, X: Float64Array, Y?: Float64Array, prefix = ''): void {
    this.#assertIdle(method);
    const { inputSize, outputSize } = this.#net.sizes;
    if (!Number.isInteger(m) || m < 1 || m > MAX_DIMENSION) throw invalidValue(prefix === '' ? 'm' : `${prefix}M`, `an integer from 1 to ${MAX_DIMENSION}`, m);
    for (const [name, array, rows] of [[`${prefix}X`, X, inputSize], [`${prefix}Y`, Y, outputSize]] as const) {
      if (array === undefined) continue;
      if (!(array instanceof Float64Array)) throw invalidType(name, 'a Float64Array', array);
      if (array.length !== rows * m) throw invalidValue(name, `${rows * m} values long (${rows} rows, m = ${m} columns)`, array.length);
    }
  }

  #views() {
    return unpack(this.#params, this.#net.sizes);
  }

  parameters(): Float64Array {
    this.#assertIdle('parameters');
    return this.#params.slice();
  }

  forward(X: Float64Array, m: number): EngineCache {
    this.#checkData('forward', m, X);
    const { sizes, hidden, output } = this.#net;
    const p = this.#views();
    const cache = {
      Z1: new Float64Array(sizes.hiddenSize * m),
      A1: new Float64Array(sizes.hiddenSize * m),
      Z2: new Float64Array(sizes.outputSize * m),
      A2: new Float64Array(sizes.outputSize * m),
    };
    forwardHidden(hidden, sizes, m, p.W1, p.b1, X, cache.Z1, cache.A1);
    forwardOutput(output, sizes, m, p.W2, p.b2, cache.A1, cache.Z2, cache.A2);
    return cache;
  }

  predictProba(X: Float64Array, m: number): Float64Array {
    this.#checkData('predictProba', m, X);
    const { sizes, hidden, output } = this.#net;
    this.#ws.ensure(sizes, m, false);
    const p = this.#views();
    const A2 = new Float64Array(sizes.outputSize * m);
    forwardHidden(hidden, sizes, m, p.W1, p.b1, X, null, this.#ws.A1);
    forwardOutput(output, sizes, m, p.W2, p.b2, this.#ws.A1, this.#ws.Z2, A2);
    return A2;
  }

  gradients(X: Float64Array, Y: Float64Array, m: number): Float64Array {
    this.#checkData('gradients', m, X, Y);
    this.#ws.ensure(this.#net.sizes, m);
    const p = this.#views();
    forwardCost(this.#net, p, { X, Y, m }, this.#ws);
    backwardHidden(this.#net.hidden, this.#net.sizes, m, p.W2, X, this.#ws.A1, this.#ws.Z2, this.#ws.dZ1, this.#ws.gradients);
    return this.#ws.grads.slice(0, this.#params.length);
  }

  backward(X: Float64Array, Y: Float64Array, A1: Float64Array, A2: Float64Array, m: number): Float64Array {
    this.#checkData('backward', m, X, Y);
    const { sizes, hidden } = this.#net;
    if (A1.length !== sizes.hiddenSize * m) throw invalidValue('A1', `${sizes.hiddenSize * m} values long`, A1.length);
    if (A2.length !== sizes.outputSize * m) throw invalidValue('A2', `${sizes.outputSize * m} values long`, A2.length);
    this.#ws.ensure(sizes, m);
    const grads = new Float64Array(this.#params.length);
    const g = unpack(grads, sizes);
    const p = this.#views();
    // dZ2 = A2 − Y whatever the output head: the lecture's first backward equation holds for all three.
    outputDelta(sizes, m, A2, Y, this.#ws.Z2, g.b2);
    backwardHidden(hidden, sizes, m, p.W2, X, A1, this.#ws.Z2, this.#ws.dZ1, g);
    return grads;
  }

  update(grads: Float64Array, learningRate: number): boolean {
    this.#assertIdle('update');
    if (grads.length !== this.#params.length) throw invalidValue('grads', `${this.#params.length} values long`, grads.length);
    return update(this.#params, grads, learningRate);
  }

  /** The cost alone: forwardCost's one pass (the same bits as evaluate's cost, without the metric). */
  cost(X: Float64Array, Y: Float64Array, m: number): number {
    this.#checkData('cost', m, X, Y);
    this.#ws.ensure(this.#net.sizes, m, false);
    return forwardCost(this.#net, this.#views(), { X, Y, m }, this.#ws);
  }

  evaluate(X: Float64Array, Y: Float64Array, m: number): { cost: number; metric: number } {
    this.#checkData('evaluate', m, X, Y);
    this.#ws.ensure(this.#net.sizes, m, false);
    return evaluateScore(this.#net, this.#views(), { X, Y, m }, this.#ws);
  }

  step(X: Float64Array, Y: Float64Array, m: number, learningRate: number): { cost: number; updated: boolean } {
    this.#checkData('step', m, X, Y);
    this.#ws.ensure(this.#net.sizes, m);
    const p = this.#views();
    const cost = forwardCost(this.#net, p, { X, Y, m }, this.#ws);
    const updated =
      !costDiverged(cost, this.#net.output, this.#net.sizes.outputSize) &&
      backwardUpdate(this.#net, this.#params, p, X, m, learningRate, this.#ws);
    return { cost, updated };
  }

  /** Validation examples, given all three or none (as the binding takes them: any one given, the others must be too). */
  #checkValidation(method: string, X: Float64Array | undefined, Y: Float64Array | undefined, m: number | undefined): Examples | undefined {
    if (X === undefined && Y === undefined && m === undefined) return undefined;
    if (!(X instanceof Float64Array)) throw invalidType('validationX', 'a Float64Array', X);
    if (!(Y instanceof Float64Array)) throw invalidType('validationY', 'a Float64Array', Y);
    this.#checkData(method, m as number, X, Y, 'validation');
    return { X, Y, m: m as number };
  }

  fit(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
    validationX?: Float64Array,
    validationY?: Float64Array,
    validationM?: number,
  ): EngineFitOutcome {
    this.#checkData('fit', m, X, Y);
    const checkedValidation = this.#checkValidation('fit', validationX, validationY, validationM);
    Atomics.store(this.#abortFlag, 0, 0);
    let callbackError: { error: unknown } | undefined;
    const observer: FitObserver = {
      stopRequested: () => Atomics.load(this.#abortFlag, 0) !== 0,
      progress: (report) => {
        if (onProgress === undefined) return true;
        try {
          onProgress(report.iteration, report.epoch, report.cost, report.validationCost, report.validationMetric);
          return true;
        } catch (error) {
          callbackError = { error };
          return false;
        }
      },
    };
    // Busy while the loop runs: onProgress may call back into this object.
    this.#training = true;
    try {
      const { outcome, optimizer } = fit(this.#net, this.#params, { X, Y, m }, checkedValidation, options, this.#ws, this.#optimizer, observer);
      this.#optimizer = optimizer;
      if (callbackError !== undefined) throw callbackError.error;
      return outcome;
    } finally {
      this.#training = false;
    }
  }

  async fitAsync(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
    validationX?: Float64Array,
    validationY?: Float64Array,
    validationM?: number,
  ): Promise<EngineFitOutcome> {
    this.#checkData('fitAsync', m, X, Y);
    const validation = this.#checkValidation('fitAsync', validationX, validationY, validationM);
    Atomics.store(this.#abortFlag, 0, 0);
    // Training from the start: the copies take turns of the event loop.
    this.#training = true;
    let staged: Float64Array[];
    try {
      staged = await this.#stage(validation === undefined ? [X, Y] : [X, Y, validation.X, validation.Y]);
    } catch (error) {
      this.#training = false;
      throw error;
    }
    if (Atomics.load(this.#abortFlag, 0) !== 0) {
      this.#training = false;
      return { status: 'stopped', iterations: 0, epochs: 0, finalCost: NaN, costs: new Float64Array(0), history: new Float64Array(0), bestEpoch: -1 };
    }
    const [sX, sY, vX, vY] = staged as [Float64Array, Float64Array, Float64Array?, Float64Array?];
    const input: FitWorkerInput = {
      net: this.#net,
      params: this.#params,
      train: { X: sX, Y: sY, m },
      validation: validation === undefined ? undefined : { X: vX as Float64Array, Y: vY as Float64Array, m: validation.m },
      options,
      optimizer: this.#optimizer,
      abortFlag: this.#abortFlag,
      reportProgress: onProgress !== undefined,
    };
    const worker = new Worker(path.join(__dirname, 'fit-worker.js'), { workerData: input });
    return new Promise<EngineFitOutcome>((resolve, reject) => {
      let callbackError: { error: unknown } | undefined;
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        this.#training = false;
        action();
      };
      worker.on('message', (message: FitWorkerMessage) => {
        if (message.kind === 'progress') {
          if (onProgress === undefined || callbackError !== undefined) return;
          const r: ProgressReport = message.report;
          try {
            onProgress(r.iteration, r.epoch, r.cost, r.validationCost, r.validationMetric);
          } catch (error) {
            // A failing callback stops training; the promise rejects with its error.
            callbackError = { error };
            Atomics.store(this.#abortFlag, 0, 1);
          }
          return;
        }
        this.#params = message.params;
        this.#optimizer = message.optimizer;
        settle(() => (callbackError !== undefined ? reject(callbackError.error) : resolve(message.outcome)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the fitAsync worker exited with code ${code} before finishing`))),
      );
    });
  }

  abort(): void {
    Atomics.store(this.#abortFlag, 0, 1);
  }

  /**
   * The inputs as the worker will read them, in memory shared with it (a
   * structured clone of a SharedArrayBuffer's array shares it; any other is
   * copied, synchronously, which for a large X would stall the event loop).
   * Arrays already in a SharedArrayBuffer are used in place; the others are
   * copied into this net's staging buffer (kept for its next call): up to
   * PIECE_VALUES values within the call, as the native binding does, more a
   * piece per turn of the event loop. Their values were checked by lib/net.ts;
   * only their lengths are checked again here, since a buffer resized or
   * detached between two pieces would otherwise be copied short.
   * `sources` are X, Y and perhaps validation X, Y.
   */
  async #stage(sources: Float64Array[]): Promise<Float64Array[]> {
    const shared = (a: Float64Array) => a.buffer instanceof SharedArrayBuffer;
    const length = sources.reduce((sum, a) => sum + (shared(a) ? 0 : a.length), 0);
    const fresh = this.#staging.length < length;
    if (fresh) this.#staging = new Float64Array(new SharedArrayBuffer(8 * length));
    // Within the call up to PIECE_VALUES values (the caller may change its
    // inputs as soon as fitAsync returns); more, a piece per turn, smaller
    // pieces while the fresh buffer's pages are faulted in.
    const inTurns = length > PIECE_VALUES;
    const piece = fresh ? FRESH_PIECE_VALUES : PIECE_VALUES;
    const names = ['X', 'Y', 'validationX', 'validationY'];
    let offset = 0;
    const staged: Float64Array[] = [];
    for (let k = 0; k < sources.length; k++) {
      const source = sources[k] as Float64Array;
      if (shared(source)) {
        staged.push(source);
        continue;
      }
      const name = names[k] as string;
      const target = this.#staging.subarray(offset, offset + source.length);
      offset += source.length;
      const expected = source.length;
      const work = (from: number, to: number) => {
        if (source.length !== expected) {
          throw invalidValue(name, 'left alone while fitAsync() copies it', received('a buffer resized or detached during the copy; training did not start'));
        }
        target.set(source.subarray(from, to), from);
      };
      if (inTurns) await inPieces(expected, work, piece);
      else work(0, expected);
      staged.push(target);
    }
    return staged;
  }
}
