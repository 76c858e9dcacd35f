import { DIVERGED_COST_PER_OUTPUT } from './limits';

/**
 * Thrown by `fit`, `fitAsync`, `partialFit` and `step` when training diverges:
 * the cost is not finite, or (for the sigmoid and softmax outputs) exceeds
 * DIVERGED_COST_PER_OUTPUT (745) per output unit or per example, beyond which
 * some prediction is exactly 0 or 1 on the wrong side and the cost's
 * logarithm would be infinite; or an update would make a parameter NaN or
 * infinite. Usually a learning rate far too large, or unscaled inputs. The
 * network keeps the parameters from before the failing update.
 */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
  /** The iteration (0-based) whose cost or update was not finite. */
  readonly iteration: number;
  /** The cost at that iteration (may be NaN or Infinity). */
  readonly cost: number;

  constructor(iteration: number, cost: number) {
    super(
      `training diverged at iteration ${iteration} (cost ${cost}): the cost blew up (not finite, or above ${DIVERGED_COST_PER_OUTPUT} per output ` +
        `or example, where the predictions are exactly wrong) or an update was not finite. The network keeps the parameters ` +
        `from before that update. Lower learningRate, or scale the inputs to about unit variance.`,
    );
    this.iteration = iteration;
    this.cost = cost;
  }
}

/**
 * Rejects `fitAsync` when its `signal` aborts. The network keeps the parameters
 * of the last completed update (with earlyStopping's restoreBest, those of the
 * best validation so far); `iterations` says how many updates were applied.
 */
export class TrainingAbortedError extends Error {
  override readonly name = 'AbortError';
  /** Updates applied before training stopped. */
  readonly iterations: number;

  constructor(iterations: number, reason?: unknown) {
    super(`training was aborted after ${iterations} iterations`, reason === undefined ? undefined : { cause: reason });
    this.iterations = iterations;
  }
}

/** What every layer says when a network is used while it trains (native/binding/js_values.cc says the same). */
export function busyMessage(method: string): string {
  return `cannot call ${method}() while this network is training; await fitAsync() (or abort it) first`;
}

/** Thrown when a network is used while it is training (`fitAsync` in flight). */
export class NetworkBusyError extends Error {
  override readonly name = 'NetworkBusyError';
  constructor(method: string) {
    super(busyMessage(method));
  }
}
