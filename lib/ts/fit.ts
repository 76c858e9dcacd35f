/**
 * The gradient-descent loop of the TS backend; native/core/fit.cpp is the
 * same loop in C++ and the two must stay step for step alike.
 */
import type { Activation, EngineFitOptions, EngineFitOutcome, Sizes } from '../engine';
import { costDiverged } from '../limits';
import { backwardUpdate, evaluateCost, forwardCost, unpack, type Workspace } from './network';

/** Hooks into the loop (see FitObserver in native/core/fit.h). */
export interface FitObserver {
  /** Polled before every iteration; true stops the loop at that boundary. */
  stopRequested(): boolean;
  /** Called at every record and once at the end; false stops the loop. */
  progress(iteration: number, cost: number): boolean;
}

/** Trains `params` (packed) in place; ws must hold room for m examples. */
export function fit(
  activation: Activation,
  sizes: Sizes,
  m: number,
  params: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  options: EngineFitOptions,
  ws: Workspace,
  observer: FitObserver,
): EngineFitOutcome {
  const { iterations, learningRate, progressEvery, tolerance } = options;
  const views = unpack(params, sizes);
  const costs: number[] = [];
  const finish = (status: EngineFitOutcome['status'], done: number, finalCost: number): EngineFitOutcome => ({
    status,
    iterations: done,
    finalCost,
    costs: Float64Array.from(costs),
  });
  let previousRecord = 0;

  for (let iteration = 0; iteration < iterations; iteration++) {
    if (observer.stopRequested()) return finish('stopped', iteration, NaN);
    // The cost of the parameters before update `iteration`.
    const cost = forwardCost(activation, sizes, m, views, X, Y, ws);
    if (costDiverged(cost, sizes.outputSize)) return finish('diverged', iteration, cost);

    if (iteration % progressEvery === 0) {
      costs.push(cost);
      if (tolerance > 0 && iteration > 0 && Math.abs(cost - previousRecord) < tolerance) {
        observer.progress(iteration, cost);
        return finish('converged', iteration, cost);
      }
      previousRecord = cost;
      if (!observer.progress(iteration, cost)) return finish('stopped', iteration, NaN);
    }
    if (!backwardUpdate(activation, sizes, m, params, views, X, learningRate, ws)) {
      return finish('diverged', iteration, cost);
    }
  }
  const finalCost = evaluateCost(activation, sizes, m, views, X, Y, ws);
  if (costDiverged(finalCost, sizes.outputSize)) return finish('diverged', iterations, finalCost);
  observer.progress(iterations, finalCost);
  return finish('completed', iterations, finalCost);
}
