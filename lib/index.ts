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
  type Evaluation,
  type Parameters,
  type PartialFitOptions,
  type Progress,
  type TrainingOptions,
  type ShallowNetOptions,
} from './types';
export { ShallowNet } from './net';
export type { Activation, Optimizer, OutputActivation } from './engine';
export type { Initialization } from './initialization';
export { computeCost } from './cost';
export { matrix, type Matrix } from './matrix';
export { fromExamples, fromLabels, toExamples } from './examples';
export { NetworkBusyError, TrainingAbortedError, TrainingDivergedError } from './errors';
export { nativeInfo, setThreads, type NativeInfo } from './native/info';
export type { SavedMatrix, ShallowNetJSON } from './serialize';
export { loadPlanarDataset, type PlanarDataset } from './datasets/planar';
export {
  readCsv,
  readCsvFeatures,
  type CsvDataset,
  type CsvFeatures,
  type CsvProgress,
  type ReadCsvFeaturesOptions,
  type ReadCsvOptions,
} from './data/csv';
export { CsvDataError, type CsvLocation } from './data/csv-data-error';
export { inferTask, MAX_INFERRED_CLASSES, type Task, type TargetSummary } from './data/task';
export { StandardScaler, type StandardScalerJSON } from './data/standard-scaler';
export { featuresFarFromUnitScale, MAX_UNIT_MEAN, MAX_UNIT_STD, MIN_UNIT_STD, type FeatureScale } from './data/unit-scale';
export { trainTestSplit, type SplitOptions, type TrainTestSplit } from './data/split';
export { argmax, oneHot, toClassIndices } from './class-indices';
export {
  accuracy,
  confusionMatrix,
  logLoss,
  meanSquaredError,
  precisionRecallF1,
  r2Score,
  type ClassIndices,
  type ConfusionMatrixOptions,
  type LogLossOptions,
  type PrecisionRecallF1,
  type PrecisionRecallOptions,
} from './metrics';
export type { CellsShape, CircleShape, Color, Figure, PlotArea, PolylineShape, RectShape, Shape, TextShape } from './plot/figure';
export { decisionBoundaryFigure, type DecisionBoundaryOptions } from './plot/decision-boundary';
export { learningCurvesFigure, type LearningCurvesOptions } from './plot/learning-curves';
export { renderPng } from './plot/render-png';
export { renderSvg } from './plot/render-svg';
export { writeFigure } from './plot/write-figure';
export { Model, type ModelOptions } from './model/model';
export { MODEL_FORMAT, MODEL_VERSION, type ModelJSON, type ModelTraining } from './model/model-json';
export type { ClassificationEvaluation, ClassScores, ModelEvaluation, RegressionEvaluation } from './model/model-evaluation';
