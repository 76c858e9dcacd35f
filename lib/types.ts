/**
 * The public types of the network's API (lib/net.ts): its options, what its
 * methods take and return.
 */
import type { Activation, Optimizer, OutputActivation } from './engine';
import type { Initialization } from './initialization';
import type { Matrix } from './matrix';

/** Which implementation runs the maths: the native addon, or pure TypeScript. */
export type Backend = 'native' | 'ts';

/** Options of `new ShallowNet(...)`. */
export interface ShallowNetOptions {
  /** n0: features per example (rows of X). */
  inputSize: number;
  /** n1: hidden units. */
  hiddenSize: number;
  /** n2: output units (rows of Y; one per class for 'softmax'). Default 1. */
  outputSize?: number;
  /** g1, the hidden activation. Default 'tanh', as in the lecture. */
  hiddenActivation?: Activation;
  /**
   * g2 and its cost: 'sigmoid' with the logistic cost (the lecture's; binary
   * or multi-label targets in [0, 1]), 'softmax' with the cross-entropy (one
   * class per example: each column of Y sums to 1), 'linear' with half the
   * squared error (regression). Default 'sigmoid'.
   */
  outputActivation?: OutputActivation;
  /** How the weights are drawn: 'lecture' (randn · 0.01), 'xavier' (randn · √(1/n_in)), 'he' (randn · √(2/n_in)). Default 'lecture'. */
  initialization?: Initialization;
  /** Seed of the initial weights and of the example orders: the same seed gives the same network on every backend. Default: random. */
  seed?: number;
  /** 'native' (throws if the addon cannot load), 'ts', or 'auto' (native, else ts with one warning). Default 'auto'. */
  backend?: Backend | 'auto';
}

/** Options of `ShallowNet.fromParameters(...)`. */
export interface FromParametersOptions {
  hiddenActivation?: Activation;
  outputActivation?: OutputActivation;
  backend?: Backend | 'auto';
}

/** The network's parameters: W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1). */
export interface Parameters {
  W1: Matrix;
  b1: Matrix;
  W2: Matrix;
  b2: Matrix;
}

/** Gradients of the cost, each shaped like its parameter. */
export interface Gradients {
  dW1: Matrix;
  db1: Matrix;
  dW2: Matrix;
  db2: Matrix;
}

/** What forward propagation computes: Z1, A1 (n1, m) and Z2, A2 (n2, m). A2 is ŷ. */
export interface ForwardCache {
  Z1: Matrix;
  A1: Matrix;
  Z2: Matrix;
  A2: Matrix;
}

/**
 * A progress report. Full batch: the cost of the parameters before update
 * `iteration`. Mini-batches: at an epoch's end, the mean of its batches' costs
 * (each before its update). Both include the L2 term.
 */
export interface Progress {
  /** Updates applied so far. */
  iteration: number;
  /** Epochs completed (full batch: the same as iteration). */
  epoch: number;
  cost: number;
  /** With validation examples: their cost (with the L2 term) for the parameters as they are now. */
  validationCost?: number;
  /** With validation examples and a sigmoid or softmax output: the share they get right. */
  validationAccuracy?: number;
  /** With validation examples and a linear output: R² (1 is perfect; 0 is as good as predicting the mean). */
  validationR2?: number;
}

/** The options of every training method: the update, and how batches are drawn. */
export interface TrainingOptions {
  /** α, the step size (> 0). */
  learningRate: number;
  /** α / (1 + decay · epoch), epochs counted from 0. Default 0: constant. */
  learningRateDecay?: number;
  /** 'gd' (the lecture's), 'momentum' or 'adam'. Default 'gd'. */
  optimizer?: Optimizer;
  /** Momentum's β, in [0, 1). Default 0.9. */
  beta?: number;
  /** Adam's β1, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Adam's β2, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Adam's ε (> 0). Default 1e-8. */
  epsilon?: number;
  /** λ of L2 regularisation: the cost gains λ/(2m)·Σ‖W‖² (weights, not biases). Default 0. */
  l2?: number;
  /** Examples per update, 1 to m. Default m: full batch, as in the lecture. */
  batchSize?: number;
  /** A new order of the examples every epoch. Default: true when batchSize < m. */
  shuffle?: boolean;
  /** Seed of the example orders (and of validationSplit). Default: drawn from the network's own seed. */
  seed?: number;
  /** Called at every record (full batch: every progressEvery updates, and at the end; mini-batches: every epoch). */
  onProgress?: (progress: Progress) => void;
}

/** Options of `fit()`: exactly one of iterations and epochs. */
export interface FitOptions extends TrainingOptions {
  /** Updates to apply. */
  iterations?: number;
  /** Passes over the training examples (ceil(m / batchSize) updates each). */
  epochs?: number;
  /** Full batch: how often to record the cost (and call onProgress). Default 100. Mini-batches record every epoch. */
  progressEvery?: number;
  /** Stop once the cost moves less than this between two records. Default 0: never. */
  tolerance?: number;
  /** Examples to report on (and to stop early on), not trained on. */
  validationData?: { X: Matrix; Y: Matrix };
  /** Or: hold out this share of the examples (chosen at random with `seed`) as validation examples. */
  validationSplit?: number;
  /**
   * Stop once the validation cost has not improved by more than minDelta for
   * `patience` records (default 10, 0), and end with the parameters of the
   * best one (restoreBest, default true). Needs validation examples. `true`: the defaults.
   */
  earlyStopping?: boolean | { patience?: number; minDelta?: number; restoreBest?: boolean };
}

/** Options of `fitAsync()`: those of `fit()`, plus an AbortSignal. */
export interface FitAsyncOptions extends FitOptions {
  /** Aborting it stops training before the next update; the promise rejects with a TrainingAbortedError. */
  signal?: AbortSignal;
}

/** Options of `partialFit()`. */
export interface PartialFitOptions extends TrainingOptions {
  /** Passes over these examples. Default 1. */
  epochs?: number;
}

/** What `fit()`, `fitAsync()` and `partialFit()` return. */
export interface FitResult {
  /** costs[k]: record k's cost (full batch: before update k · progressEvery, "cost after iteration i" in the course). */
  costs: number[];
  /** Every record, with its validation figures; a full-batch run that completed ends with the cost after its last update. */
  history: Progress[];
  /**
   * The cost (with the L2 term) of the parameters left behind. Full batch: on
   * the training examples, after the last update. Mini-batches: the training
   * cost of their record — the mean of that epoch's batch costs, as
   * scikit-learn's `loss_` and Keras report (net.evaluate(X, Y) gives the exact one).
   */
  finalCost: number;
  /** Updates applied. */
  iterations: number;
  /** Epochs completed (full batch: the same as iterations). */
  epochs: number;
  /** True if training stopped because of `tolerance`. */
  converged: boolean;
  /** True if early stopping ended training. */
  stoppedEarly: boolean;
  /** With validation examples: the epoch whose validation cost was lowest (with restoreBest, the parameters left behind). */
  bestEpoch?: number;
}

/** What `evaluate()` returns: the cost, and accuracy (sigmoid, softmax) or the squared error and R² (linear). */
export interface Evaluation {
  /** J on these examples (without the L2 term). */
  cost: number;
  /** Sigmoid: the share of outputs on the right side of 0.5; softmax: the share of examples whose most probable class is the target's. */
  accuracy?: number;
  /** Linear: the mean squared error over every output of every example. */
  mse?: number;
  /** Linear: R² per output (1 − residual / total sum of squares), averaged over the outputs. */
  r2?: number;
}
