/**
 * shallownet: one-hidden-layer neural networks for Node.js, trained by a
 * native BLAS addon with a pure-TypeScript fallback.
 * @packageDocumentation
 */
export {
  type Backend,
  type FitAsyncOptions,
  type FitOptions,
  type FitResult,
  type ForwardCache,
  type FromParametersOptions,
  type Gradients,
  type Parameters,
  type Progress,
  type ShallowNetOptions,
} from './types';
export { ShallowNet } from './net';
export type { Activation } from './engine';
export { computeCost } from './cost';
export { matrix, type Matrix } from './matrix';
export { fromExamples, fromLabels, toExamples } from './examples';
export { NetworkBusyError, TrainingAbortedError, TrainingDivergedError } from './errors';
export { nativeInfo, setThreads, type NativeInfo } from './native/info';
export type { SavedMatrix, ShallowNetJSON } from './serialize';
export { loadPlanarDataset, type PlanarDataset } from './datasets/planar';
