/**
 * What `shallownet train` builds when told only the data: the network for
 * the task, its initialisation, and the training options, with defaults that
 * work on standardised features without tuning.
 */
import type { Activation, Optimizer, OutputActivation } from '../engine';
import type { Task } from '../data/task';
import type { Initialization } from '../initialization';
import type { Matrix } from '../matrix';
import type { Backend, FitAsyncOptions, Progress, ShallowNetOptions } from '../types';

/** Everything the train command's options decide. */
export interface TrainSettings {
  target: string;
  task: Task | undefined;
  features: string[] | undefined;
  hidden: number;
  activation: Activation;
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  learningRate: number;
  l2: number;
  /** Share of the rows held out for validation; 0: none. */
  validation: number;
  /** Epochs without a better validation cost before stopping; 0: never stop early. */
  patience: number;
  seed: number;
  backend: Backend | 'auto';
  /** Standardise the features (and a regression target). */
  scale: boolean;
}

/**
 * The defaults, and why:
 * - 16 tanh hidden units: the lecture's activation, enough units for most small tables;
 * - Adam at 0.01: converges on standardised data without tuning, where plain
 *   gradient descent needs a rate per data set;
 * - batches of 32 (all rows when there are fewer): several updates per epoch
 *   even for a small file, cheap updates for a large one;
 * - 200 epochs, 10 % held out, patience 10 (scikit-learn's n_iter_no_change):
 *   early stopping ends most runs long before 200 and keeps the best epoch.
 */
export const TRAIN_DEFAULTS = {
  hidden: 16,
  activation: 'tanh' as Activation,
  epochs: 200,
  batchSize: 32,
  optimizer: 'adam' as Optimizer,
  learningRate: 0.01,
  l2: 0,
  validation: 0.1,
  patience: 10,
};

/** The output layer a task needs: one sigmoid unit (P of the second class), a softmax unit per class, or one linear unit. */
export function outputHead(task: Task, classCount: number): { outputSize: number; outputActivation: OutputActivation } {
  if (task === 'regression') return { outputSize: 1, outputActivation: 'linear' };
  if (task === 'binary') return { outputSize: 1, outputActivation: 'sigmoid' };
  return { outputSize: classCount, outputActivation: 'softmax' };
}

/** He's scale for the ReLU family (half their inputs are cut to 0), Xavier's for the saturating tanh and sigmoid. */
export function initializationFor(activation: Activation): Initialization {
  return activation === 'relu' || activation === 'leakyRelu' ? 'he' : 'xavier';
}

export function networkOptions(settings: TrainSettings, featureCount: number, task: Task, classCount: number): ShallowNetOptions {
  return {
    inputSize: featureCount,
    hiddenSize: settings.hidden,
    ...outputHead(task, classCount),
    hiddenActivation: settings.activation,
    initialization: initializationFor(settings.activation),
    seed: settings.seed,
    backend: settings.backend,
  };
}

/**
 * fitAsync's options for `examples` training rows. Early stopping restores
 * the best epoch's parameters, which is also what an interrupted run leaves
 * in the network.
 *
 * The rows are always shuffled, even when one batch holds them all (a file of
 * up to 32 rows): the trainer then reports once per epoch, as for any other
 * file, rather than the lecture's full-batch records (the cost before each
 * update, from update 0), so every run's history is one record per epoch and
 * the epoch after the last update is a candidate for the best.
 */
export function fitOptions(
  settings: TrainSettings,
  examples: number,
  validation: { X: Matrix; Y: Matrix } | undefined,
  onProgress: (progress: Progress) => void,
  signal: AbortSignal,
): FitAsyncOptions {
  const batchSize = Math.min(settings.batchSize, examples);
  return {
    epochs: settings.epochs,
    learningRate: settings.learningRate,
    optimizer: settings.optimizer,
    l2: settings.l2,
    batchSize,
    shuffle: true,
    seed: settings.seed,
    ...(validation !== undefined && { validationData: validation }),
    ...(validation !== undefined && settings.patience > 0 && { earlyStopping: { patience: settings.patience, restoreBest: true } }),
    onProgress,
    signal,
  };
}

/** The settings as the model file records them. */
export function settingsRecord(settings: TrainSettings): Record<string, string | number | boolean> {
  return {
    hidden: settings.hidden,
    activation: settings.activation,
    initialization: initializationFor(settings.activation),
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    l2: settings.l2,
    validation: settings.validation,
    patience: settings.patience,
    seed: settings.seed,
    scale: settings.scale,
  };
}
