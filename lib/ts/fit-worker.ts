/**
 * The TS backend's fitAsync runs here, in a worker thread, so training never
 * blocks the main event loop. It trains on its own copies of the parameters
 * and the optimizer's state (the examples are shared, read only), and posts
 * them back when it stops.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Architecture, EngineFitOptions, EngineFitOutcome } from '../engine';
import { fit, type ProgressReport } from './fit';
import { Workspace, type Examples } from './network';
import type { OptimizerState } from './optimizer';

/** @internal */
export interface FitWorkerInput {
  net: Architecture;
  params: Float64Array;
  train: Examples;
  validation: Examples | undefined;
  options: EngineFitOptions;
  optimizer: OptimizerState | undefined;
  abortFlag: Int32Array;
  reportProgress: boolean;
}

/** @internal */
export type FitWorkerMessage =
  | { kind: 'progress'; report: ProgressReport }
  | { kind: 'done'; outcome: EngineFitOutcome; params: Float64Array; optimizer: OptimizerState };

if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'abortFlag' in workerData) {
  const port = parentPort;
  const input = workerData as FitWorkerInput;
  const { outcome, optimizer } = fit(input.net, input.params, input.train, input.validation, input.options, new Workspace(), input.optimizer, {
    stopRequested: () => Atomics.load(input.abortFlag, 0) !== 0,
    progress: (report) => {
      if (input.reportProgress) port.postMessage({ kind: 'progress', report } satisfies FitWorkerMessage);
      return true;
    },
  });
  const transfer = [input.params.buffer, optimizer.v.buffer, optimizer.s.buffer] as ArrayBuffer[];
  port.postMessage({ kind: 'done', outcome, params: input.params, optimizer } satisfies FitWorkerMessage, transfer);
}
