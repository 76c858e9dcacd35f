/**
 * TsNet: the pure-TypeScript backend, implementing the same Engine interface
 * as the native addon's NativeNet. fitAsync runs the loop in a worker thread
 * so the fallback never blocks the event loop either.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  Activation,
  Engine,
  EngineCache,
  EngineFitOptions,
  EngineFitOutcome,
  ProgressCallback,
  Sizes,
} from '../engine';
import { invalidType, invalidValue, received } from '../argument-error';
import { FRESH_PIECE_VALUES, inPieces, PIECE_VALUES } from '../pieces';
import { checkValues, type ValueRule } from '../validate';
import { busyMessage } from '../errors';
import { costDiverged, MAX_DIMENSION } from '../limits';
import { fit, type FitObserver } from './fit';
import {
  Workspace,
  backwardHidden,
  backwardUpdate,
  evaluateCost,
  forwardCost,
  forwardHidden,
  forwardOutput,
  outputDelta,
  unpack,
  update,
} from './network';
import type { FitWorkerInput, FitWorkerMessage } from './fit-worker';

export class TsNet implements Engine {
  readonly #sizes: Sizes;
  readonly #activation: Activation;
  #params: Float64Array;
  readonly #ws = new Workspace();
  #training = false;
  /** fitAsync's copies of X and Y, shared with its worker; kept (and grown) for the next call. */
  #staging = new Float64Array(new SharedArrayBuffer(0));
  /** Shared with a fitAsync worker: non-zero asks it to stop. */
  #abortFlag = new Int32Array(new SharedArrayBuffer(4));

  constructor(sizes: Sizes, activation: Activation, params: Float64Array) {
    this.#sizes = { ...sizes };
    this.#activation = activation;
    this.#params = params.slice();
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
  #checkData(method: string, m: number, X: Float64Array, Y?: Float64Array): void {
    this.#assertIdle(method);
    if (!Number.isInteger(m) || m < 1 || m > MAX_DIMENSION) throw invalidValue('m', `an integer from 1 to ${MAX_DIMENSION}`, m);
    for (const [name, array, rows] of [['X', X, this.#sizes.inputSize], ['Y', Y, this.#sizes.outputSize]] as const) {
      if (name === 'Y' && Y === undefined) continue;
      if (!(array instanceof Float64Array)) throw invalidType(name, 'a Float64Array', array);
      if (array.length !== rows * m) throw invalidValue(name, `${rows * m} values long (${rows} rows, m = ${m} columns)`, array.length);
    }
  }

  parameters(): Float64Array {
    this.#assertIdle('parameters');
    return this.#params.slice();
  }

  setParameters(packed: Float64Array): void {
    this.#assertIdle('setParameters');
    this.#params.set(packed);
  }

  forward(X: Float64Array, m: number): EngineCache {
    this.#checkData('forward', m, X);
    const { hiddenSize: n1, outputSize: n2 } = this.#sizes;
    const p = unpack(this.#params, this.#sizes);
    const cache = {
      Z1: new Float64Array(n1 * m),
      A1: new Float64Array(n1 * m),
      Z2: new Float64Array(n2 * m),
      A2: new Float64Array(n2 * m),
    };
    forwardHidden(this.#activation, this.#sizes, m, p.W1, p.b1, X, cache.Z1, cache.A1);
    forwardOutput(this.#sizes, m, p.W2, p.b2, cache.A1, cache.Z2, cache.A2);
    return cache;
  }

  predictProba(X: Float64Array, m: number): Float64Array {
    this.#checkData('predictProba', m, X);
    this.#ws.ensure(this.#sizes, m);
    const p = unpack(this.#params, this.#sizes);
    const A2 = new Float64Array(this.#sizes.outputSize * m);
    forwardHidden(this.#activation, this.#sizes, m, p.W1, p.b1, X, null, this.#ws.A1);
    forwardOutput(this.#sizes, m, p.W2, p.b2, this.#ws.A1, this.#ws.Z2, A2);
    return A2;
  }

  gradients(X: Float64Array, Y: Float64Array, m: number): Float64Array {
    this.#checkData('gradients', m, X, Y);
    this.#ws.ensure(this.#sizes, m);
    const p = unpack(this.#params, this.#sizes);
    forwardCost(this.#activation, this.#sizes, m, p, X, Y, this.#ws);
    backwardHidden(this.#activation, this.#sizes, m, p.W2, X, this.#ws.A1, this.#ws.Z2, this.#ws.dZ1, this.#ws.gradients);
    return this.#ws.grads.slice(0, this.#params.length);
  }

  backward(X: Float64Array, Y: Float64Array, A1: Float64Array, A2: Float64Array, m: number): Float64Array {
    this.#checkData('backward', m, X, Y);
    const { hiddenSize: n1, outputSize: n2 } = this.#sizes;
    if (A1.length !== n1 * m) throw invalidValue('A1', `${n1 * m} values long`, A1.length);
    if (A2.length !== n2 * m) throw invalidValue('A2', `${n2 * m} values long`, A2.length);
    this.#ws.ensure(this.#sizes, m);
    const grads = new Float64Array(this.#params.length);
    const g = unpack(grads, this.#sizes);
    const p = unpack(this.#params, this.#sizes);
    outputDelta(this.#sizes, m, A2, Y, this.#ws.Z2, g.b2);
    backwardHidden(this.#activation, this.#sizes, m, p.W2, X, A1, this.#ws.Z2, this.#ws.dZ1, g);
    return grads;
  }

  update(grads: Float64Array, learningRate: number): boolean {
    this.#assertIdle('update');
    if (grads.length !== this.#params.length) throw invalidValue('grads', `${this.#params.length} values long`, grads.length);
    return update(this.#params, grads, learningRate);
  }

  cost(X: Float64Array, Y: Float64Array, m: number): number {
    this.#checkData('cost', m, X, Y);
    this.#ws.ensure(this.#sizes, m);
    return evaluateCost(this.#activation, this.#sizes, m, unpack(this.#params, this.#sizes), X, Y, this.#ws);
  }

  step(X: Float64Array, Y: Float64Array, m: number, learningRate: number): { cost: number; updated: boolean } {
    this.#checkData('step', m, X, Y);
    this.#ws.ensure(this.#sizes, m);
    const p = unpack(this.#params, this.#sizes);
    const cost = forwardCost(this.#activation, this.#sizes, m, p, X, Y, this.#ws);
    const updated =
      !costDiverged(cost, this.#sizes.outputSize) &&
      backwardUpdate(this.#activation, this.#sizes, m, this.#params, p, X, learningRate, this.#ws);
    return { cost, updated };
  }

  fit(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
  ): EngineFitOutcome {
    this.#checkData('fit', m, X, Y);
    this.#ws.ensure(this.#sizes, m);
    Atomics.store(this.#abortFlag, 0, 0);
    let callbackError: { error: unknown } | undefined;
    const observer: FitObserver = {
      stopRequested: () => Atomics.load(this.#abortFlag, 0) !== 0,
      progress: (iteration, cost) => {
        if (onProgress === undefined) return true;
        try {
          onProgress(iteration, cost);
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
      const outcome = fit(this.#activation, this.#sizes, m, this.#params, X, Y, options, this.#ws, observer);
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
  ): Promise<EngineFitOutcome> {
    this.#checkData('fitAsync', m, X, Y);
    Atomics.store(this.#abortFlag, 0, 0);
    // Training from the start: the copies take turns of the event loop.
    this.#training = true;
    let staged: { X: Float64Array; Y: Float64Array };
    try {
      staged = await this.#stage(X, Y, m);
    } catch (error) {
      this.#training = false;
      throw error;
    }
    if (Atomics.load(this.#abortFlag, 0) !== 0) {
      this.#training = false;
      return { status: 'stopped', iterations: 0, finalCost: NaN, costs: new Float64Array(0) };
    }
    const input: FitWorkerInput = {
      sizes: this.#sizes,
      activation: this.#activation,
      params: this.#params,
      X: staged.X,
      Y: staged.Y,
      m,
      options,
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
          try {
            onProgress(message.iteration, message.cost);
          } catch (error) {
            // A failing callback stops training; the promise rejects with its error.
            callbackError = { error };
            Atomics.store(this.#abortFlag, 0, 1);
          }
          return;
        }
        this.#params = message.params;
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
   * X and Y as the worker will read them, in memory shared with it (a
   * structured clone of a SharedArrayBuffer's array shares it; any other is
   * copied, synchronously, which for a large X would stall the event loop).
   * Arrays already in a SharedArrayBuffer are used in place; the others are
   * copied into this net's staging buffer (kept for its next call) a piece per
   * turn of the event loop, and checked again as they are copied.
   */
  async #stage(X: Float64Array, Y: Float64Array, m: number): Promise<{ X: Float64Array; Y: Float64Array }> {
    const shared = (a: Float64Array) => a.buffer instanceof SharedArrayBuffer;
    const length = (shared(X) ? 0 : X.length) + (shared(Y) ? 0 : Y.length);
    const fresh = this.#staging.length < length;
    if (fresh) this.#staging = new Float64Array(new SharedArrayBuffer(8 * length));
    const piece = fresh ? FRESH_PIECE_VALUES : PIECE_VALUES;
    let offset = 0;
    // A few values are copied at once, before the caller's next statement;
    // more, a piece per turn of the event loop.
    const inTurns = length > piece;
    const copy = async (source: Float64Array, name: 'X' | 'Y', rule: ValueRule): Promise<Float64Array> => {
      if (shared(source)) return source;
      const target = this.#staging.subarray(offset, offset + source.length);
      offset += source.length;
      const expected = source.length;
      const view = { rows: expected / m, cols: m, data: source };
      const work = (from: number, to: number) => {
        if (source.length !== expected) {
          throw invalidValue(name, 'left alone while fitAsync() copies it', received('a buffer resized or detached during the copy; training did not start'));
        }
        checkValues(view, name, rule, from, to);
        target.set(source.subarray(from, to), from);
      };
      if (inTurns) await inPieces(expected, work, piece);
      else work(0, expected);
      return target;
    };
    if (!inTurns) {
      const stagedX = copy(X, 'X', 'finite');
      const stagedY = copy(Y, 'Y', 'unit');
      return { X: await stagedX, Y: await stagedY };
    }
    return { X: await copy(X, 'X', 'finite'), Y: await copy(Y, 'Y', 'unit') };
  }
}
