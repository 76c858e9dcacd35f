/**
 * The training loop of the TS backend; native/core/fit.cpp is the same loop in
 * C++ and the two must stay step for step alike. The lecture's full-batch
 * gradient descent is its simplest setting (batchSize = m, optimizer 'gd');
 * mini-batches, momentum and Adam, L2, the decaying learning rate, validation
 * and early stopping are each a small piece of it.
 */
import type { Architecture, EngineFitOptions, EngineFitOutcome } from '../engine';
import { EVALUATION_CHUNK } from '../limits';
import { Batches } from './batches';
import { Workspace, addL2Gradient, evaluateScore, forwardCost, gradientsFromCost, l2Cost, unpack, type Examples, type Score } from './network';
import { applyUpdate, newOptimizerState, type OptimizerState } from './optimizer';
import { costDiverged } from './output-head';

/** One record (native/core/fit.h ProgressReport); NaN validation figures without validation examples. */
export interface ProgressReport {
  iteration: number;
  epoch: number;
  cost: number;
  validationCost: number;
  validationMetric: number;
}

/** A record's validation cost and metric. */
interface Validated {
  cost: number;
  metric: number;
}
const NOT_VALIDATED: Validated = { cost: NaN, metric: NaN };

/** Hooks into the loop (see FitObserver in native/core/fit.h). */
export interface FitObserver {
  /** Polled before every update; true stops the loop at that boundary. */
  stopRequested(): boolean;
  /** Called at every record, and at the end of a full-batch fit; false stops the loop. */
  progress(report: ProgressReport): boolean;
}

/**
 * Examples per forward pass when evaluating a whole set: all of them in
 * full-batch training; otherwise pieces, so the work buffers stay a mini-batch's size.
 */
export function evaluationChunk(batchSize: number, m: number): number {
  if (batchSize >= m) return m;
  return Math.min(m, Math.max(batchSize, EVALUATION_CHUNK));
}

/** Whether `state` is one that `options` can carry on from (sized for its rule and `count` parameters). */
function stateFits(state: OptimizerState, options: EngineFitOptions, count: number): boolean {
  return state.v.length === (options.optimizer === 'gd' ? 0 : count) && state.s.length === (options.optimizer === 'adam' ? count : 0);
}

/**
 * Trains `params` (packed) in place on `train`, reporting on `validation`.
 * Returns the optimizer's state to keep for a later partialFit.
 */
export function fit(
  net: Architecture,
  params: Float64Array,
  train: Examples,
  validation: Examples | undefined,
  options: EngineFitOptions,
  ws: Workspace,
  previousState: OptimizerState | undefined,
  observer: FitObserver,
): { outcome: EngineFitOutcome; optimizer: OptimizerState } {
  const { sizes } = net;
  const count = params.length;
  const views = unpack(params, sizes);
  const batches = new Batches(sizes, train, options.batchSize, options.shuffle, options.seed);
  const fullBatch = batches.size >= train.m && !options.shuffle;
  const chunk = evaluationChunk(batches.size, train.m);
  // Forward passes over a batch or an evaluation chunk; backpropagation over a batch only.
  ws.ensure(sizes, Math.max(batches.size, chunk), false);
  ws.ensure(sizes, batches.size);
  const optimizer =
    options.keepOptimizerState && previousState !== undefined && stateFits(previousState, options, count)
      ? previousState
      : newOptimizerState(options, count);
  const earlyStopping = validation !== undefined && options.patience > 0;
  const best = earlyStopping && options.restoreBest ? new Float64Array(count) : null;

  const costs: number[] = [];
  const history: number[] = [];
  /** Mini-batches: the epochs completed (full batch counts updates, see finish). */
  let epochs = 0;
  let bestEpoch = -1;
  // With restoreBest, a fit ends with the parameters of its best validation
  // however it ends (completed, stopped early, or stopped by its observer).
  const restoreBest = () => {
    if (best !== null && bestEpoch >= 0) params.set(best);
  };
  const finish = (status: EngineFitOutcome['status'], iterations: number, finalCost: number) => {
    if (status === 'stopped') restoreBest();
    // Full batch, an epoch is an update: however the loop ended, as many epochs as updates applied.
    const outcome = { status, iterations, epochs: fullBatch ? iterations : epochs, finalCost, costs: Float64Array.from(costs), history: Float64Array.from(history), bestEpoch };
    return { outcome, optimizer };
  };
  const score = (examples: Examples): Score => evaluateScore(net, views, examples, ws, chunk);
  /** The validation cost (with L2) and metric of the current parameters; NaN without validation examples. */
  const validate = (): Validated => {
    if (validation === undefined) return NOT_VALIDATED;
    const s = score(validation);
    return { cost: s.cost + l2Cost(views, options.l2, validation.m), metric: s.metric };
  };

  let previousRecord = 0;
  let epochCost = 0;
  let bestValidation = Infinity;
  /** The training cost of the record of the best validation. */
  let bestEpochCost = NaN;
  let withoutImprovement = 0;
  /** Whether the last record taken was a new best: then the parameters are the best ones already. */
  let lastWasBest = false;
  /** Keeps a record's parameters if its validation cost is the best so far (by minDelta); returns whether it was. */
  const noteBest = (validationCost: number, epoch: number, cost: number): boolean => {
    lastWasBest = validation !== undefined && validationCost < bestValidation - options.minDelta;
    if (lastWasBest) {
      bestValidation = validationCost;
      bestEpoch = epoch;
      bestEpochCost = cost;
      best?.set(params);
    }
    return lastWasBest;
  };
  // Takes a record of the current parameters, validated as `validated`: reports, and decides whether to go on.
  const record = (iteration: number, epoch: number, cost: number, validated: Validated): EngineFitOutcome['status'] => {
    const report: ProgressReport = { iteration, epoch, cost, validationCost: validated.cost, validationMetric: validated.metric };
    costs.push(cost);
    history.push(iteration, epoch, cost, report.validationCost, report.validationMetric);
    const converged = options.tolerance > 0 && costs.length > 1 && Math.abs(cost - previousRecord) < options.tolerance;
    previousRecord = cost;
    let stopEarly = false;
    if (noteBest(report.validationCost, epoch, cost)) withoutImprovement = 0;
    else if (earlyStopping && ++withoutImprovement >= options.patience) stopEarly = true;
    if (!observer.progress(report)) return 'stopped';
    if (converged) return 'converged';
    if (stopEarly) return 'stoppedEarly';
    return 'completed';
  };

  let update = 0;
  let ended: EngineFitOutcome['status'] = 'completed';
  for (; update < options.iterations; update++) {
    if (observer.stopRequested()) return finish('stopped', update, NaN);
    const epoch = Math.floor(update / batches.perEpoch);
    const position = update % batches.perEpoch;
    const batch = batches.get(position);
    const recorded = fullBatch && update % options.progressEvery === 0;
    // A full-batch record's validation comes first: scoring runs in ws, and
    // after forwardCost ws holds what backpropagation reads (A1, dZ2, db2).
    // The parameters are the same either way, and so are the figures.
    const validated = recorded ? validate() : NOT_VALIDATED;

    // Forward propagation and the cost of the parameters before this update.
    const cost = forwardCost(net, views, batch, ws) + l2Cost(views, options.l2, batch.m);
    if (costDiverged(cost, net.output, sizes.outputSize)) return finish('diverged', update, cost);
    if (recorded) ended = record(update, update, cost, validated);
    else if (!fullBatch) epochCost += cost;
    if (ended !== 'completed') break;

    // Backward propagation, then the update.
    gradientsFromCost(net, views, batch.X, batch.m, ws);
    addL2Gradient(views, ws.gradients, options.l2, batch.m);
    const rate = options.learningRate / (1 + options.learningRateDecay * (options.epochOffset + epoch));
    if (!applyUpdate(options, optimizer, params, ws.grads, rate)) return finish('diverged', update, cost);

    // An epoch's end (or the last update): its mean batch cost is the record.
    if (!fullBatch && (position === batches.perEpoch - 1 || update + 1 === options.iterations)) {
      ended = record(update + 1, epoch + 1, epochCost / (position + 1), validate());
      epochCost = 0;
      epochs = epoch + 1;
      if (ended !== 'completed') {
        update++;
        break;
      }
    }
  }
  if (ended === 'stopped') return finish('stopped', update, NaN);
  let finalCost: number;
  if (fullBatch) {
    // The cost after the last update, one more forward pass (the lecture's
    // "cost after the last iteration"). A run that completed reports it, with
    // its validation, as the last record of its history (costs keeps the
    // costs before updates), and those parameters may be the best.
    finalCost = score(train).cost + l2Cost(views, options.l2, train.m);
    if (costDiverged(finalCost, net.output, sizes.outputSize)) return finish('diverged', update, finalCost);
    if (ended === 'completed') {
      const validated = validate();
      const last: ProgressReport = { iteration: update, epoch: update, cost: finalCost, validationCost: validated.cost, validationMetric: validated.metric };
      noteBest(last.validationCost, update, finalCost);
      history.push(last.iteration, last.epoch, last.cost, last.validationCost, last.validationMetric);
      observer.progress(last);
    }
  } else {
    // Mini-batches: the record of the parameters left behind, its epoch's
    // mean batch cost, as scikit-learn and Keras report: a pass over the whole
    // training set would cost half an epoch more.
    finalCost = costs[costs.length - 1] as number;
  }
  // The last record is of the parameters left behind: unless it was the best, go back to the best and cost it.
  if (best !== null && bestEpoch >= 0 && !lastWasBest) {
    restoreBest();
    finalCost = fullBatch ? score(train).cost + l2Cost(views, options.l2, train.m) : bestEpochCost;
  }
  return finish(ended, update, finalCost);
}
