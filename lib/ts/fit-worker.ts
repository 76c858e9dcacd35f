/**
 * The TS backend's fitAsync runs here, in a worker thread, so training never
 * blocks the main event loop. It trains on its own copies of the parameters,
 * X and Y, and posts the parameters back when it stops.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Activation, EngineFitOptions, EngineFitOutcome, Sizes } from '../engine';
import { fit } from './fit';
import { Workspace } from './network';

/** @internal */
export interface FitWorkerInput {
  sizes: Sizes;
  activation: Activation;
  params: Float64Array;
  X: Float64Array;
  Y: Float64Array;
  m: number;
  options: EngineFitOptions;
  abortFlag: Int32Array;
  reportProgress: boolean;
}

/** @internal */
export type FitWorkerMessage =
  | { kind: 'progress'; iteration: number; cost: number }
  | { kind: 'done'; outcome: EngineFitOutcome; params: Float64Array };

if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'abortFlag' in workerData) {
  const port = parentPort;
  const input = workerData as FitWorkerInput;
  const ws = new Workspace();
  ws.ensure(input.sizes, input.m);
  const outcome = fit(input.activation, input.sizes, input.m, input.params, input.X, input.Y, input.options, ws, {
    stopRequested: () => Atomics.load(input.abortFlag, 0) !== 0,
    progress: (iteration, cost) => {
      if (input.reportProgress) port.postMessage({ kind: 'progress', iteration, cost } satisfies FitWorkerMessage);
      return true;
    },
  });
  port.postMessage({ kind: 'done', outcome, params: input.params } satisfies FitWorkerMessage, [input.params.buffer as ArrayBuffer]);
}
