/**
 * The public types of the network's API (lib/net.ts): its options, what its
 * methods take and return.
 */
import type { Activation } from './engine';
import type { Matrix } from './matrix';

/** Which implementation runs the maths: the native addon, or pure TypeScript. */
export type Backend = 'native' | 'ts';

/** Options of `new ShallowNet(...)`. */
export interface ShallowNetOptions {
  /** n0: features per example (rows of X). */
  inputSize: number;
  /** n1: hidden units. */
  hiddenSize: number;
  /** n2: sigmoid output units (rows of Y). Default 1. */
  outputSize?: number;
  /** g1, the hidden activation. Default 'tanh', as in the lecture. */
  hiddenActivation?: Activation;
  /** Seed of the initial weights: the same seed gives the same parameters on every backend. Default: random. */
  seed?: number;
  /** 'native' (throws if the addon cannot load), 'ts', or 'auto' (native, else ts with one warning). Default 'auto'. */
  backend?: Backend | 'auto';
}

/** Options of `ShallowNet.fromParameters(...)`. */
export interface FromParametersOptions {
  hiddenActivation?: Activation;
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

/** A progress report: the cost of the parameters before update `iteration`. */
export interface Progress {
  iteration: number;
  cost: number;
}

/** Options of `fit()`. */
export interface FitOptions {
  /** Gradient-descent updates to apply (an integer >= 1). */
  iterations: number;
  /** α, the step size (> 0). */
  learningRate: number;
  /** Called every `progressEvery` iterations and once at the end. */
  onProgress?: (progress: Progress) => void;
  /** How often to record the cost (and call onProgress). Default 100. */
  progressEvery?: number;
  /** Stop early once the cost moves less than this between two records. Default 0: never. */
  tolerance?: number;
}

/** Options of `fitAsync()`: those of `fit()`, plus an AbortSignal. */
export interface FitAsyncOptions extends FitOptions {
  /** Aborting it stops training before the next iteration; the promise rejects with a TrainingAbortedError. */
  signal?: AbortSignal;
}

/** What `fit()` and `fitAsync()` return. */
export interface FitResult {
  /** costs[k]: the cost before update k · progressEvery ("cost after iteration i" in the course). */
  costs: number[];
  /** The cost of the parameters after the last update. */
  finalCost: number;
  /** Updates applied. */
  iterations: number;
  /** True if training stopped because of `tolerance`, false if it ran all its iterations. */
  converged: boolean;
}
