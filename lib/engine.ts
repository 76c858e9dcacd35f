/**
 * The backend interface. Both backends implement it over the same packed
 * parameter layout, [W1 | b1 | W2 | b2] row-major in one Float64Array, so an
 * update is one pass and the public API never cares which backend runs:
 * - the native addon's `NativeNet` (native/binding/native_net.cc) implements it directly;
 * - `TsNet` (lib/ts/ts-net.ts) is the pure-TypeScript reference.
 *
 * Arguments are flat row-major buffers plus `m`, the number of examples; the
 * public API (lib/net.ts) has validated them. The native binding checks every
 * argument again on its own (it can be called directly, and a wrong length
 * there would read out of bounds); TsNet checks the sizes and lengths again
 * (what could make it read past an array's end), and trusts the public layer
 * for the values.
 * Not exported from the package index.
 */

/** A hidden-layer activation. */
export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'leakyRelu';

/** The activations, in the order of the native enum. */
export const ACTIVATIONS: readonly Activation[] = ['tanh', 'sigmoid', 'relu', 'leakyRelu'];

/** The output layer's activation and cost (native/core/output_head.h). */
export type OutputActivation = 'sigmoid' | 'softmax' | 'linear';

/** The output activations, in the order of the native enum. */
export const OUTPUT_ACTIVATIONS: readonly OutputActivation[] = ['sigmoid', 'softmax', 'linear'];

/** The update rules (native/core/optimizer.h). */
export type Optimizer = 'gd' | 'momentum' | 'adam';
export const OPTIMIZERS: readonly Optimizer[] = ['gd', 'momentum', 'adam'];

/** What a network is: its sizes and its two activations. */
export interface Architecture {
  sizes: Sizes;
  hidden: Activation;
  output: OutputActivation;
}

/** Every training setting, defaults filled in (lib/options.ts); mirrors FitOptions in native/core/fit.h. */
export interface EngineFitOptions {
  /** Updates to apply. */
  iterations: number;
  /** Examples per update; m or more: full batch. */
  batchSize: number;
  shuffle: boolean;
  /** Of the example orders (uint32). */
  seed: number;
  learningRate: number;
  learningRateDecay: number;
  optimizer: Optimizer;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  l2: number;
  progressEvery: number;
  /** 0 disables the convergence test. */
  tolerance: number;
  /** 0: no early stopping. */
  patience: number;
  minDelta: number;
  restoreBest: boolean;
  /** partialFit: carry the optimizer's state on, and count earlier epochs for the decay. */
  keepOptimizerState: boolean;
  epochOffset: number;
}

export interface EngineFitOutcome {
  status: 'completed' | 'converged' | 'stoppedEarly' | 'diverged' | 'stopped';
  /** Updates applied. For 'diverged': the update whose cost or step was not finite. */
  iterations: number;
  /** Epochs run (full batch: updates). */
  epochs: number;
  /** Cost of the parameters left behind (NaN when 'stopped'): full batch, on the training examples; mini-batches, their record's (an epoch's mean batch cost). */
  finalCost: number;
  /** costs[k]: record k's cost (native/core/fit.h ProgressReport). */
  costs: Float64Array;
  /** Five numbers per record: iteration, epoch, cost, validationCost, validationMetric (NaN without validation). */
  history: Float64Array;
  /** The epoch of the best validation cost, or -1. */
  bestEpoch: number;
}

/** Progress, as an engine reports it: the numbers of a ProgressReport. */
export type ProgressCallback = (
  iteration: number,
  epoch: number,
  cost: number,
  validationCost: number,
  validationMetric: number,
) => void;

export interface EngineCache {
  Z1: Float64Array;
  A1: Float64Array;
  Z2: Float64Array;
  A2: Float64Array;
}

export interface Engine {
  /** True while fit or fitAsync runs; every other call then throws. */
  isTraining(): boolean;
  parameters(): Float64Array;
  forward(X: Float64Array, m: number): EngineCache;
  predictProba(X: Float64Array, m: number): Float64Array;
  /** Forward then backward propagation in one call: the gradients at the current parameters, packed like them. */
  gradients(X: Float64Array, Y: Float64Array, m: number): Float64Array;
  /** Gradients from a given cache, packed like the parameters. */
  backward(X: Float64Array, Y: Float64Array, A1: Float64Array, A2: Float64Array, m: number): Float64Array;
  /** Applies the update only if every new value is finite; returns whether it did. */
  update(grads: Float64Array, learningRate: number): boolean;
  cost(X: Float64Array, Y: Float64Array, m: number): number;
  /** The cost and the metric (accuracy; R² for a linear output) on (X, Y). */
  evaluate(X: Float64Array, Y: Float64Array, m: number): { cost: number; metric: number };
  step(X: Float64Array, Y: Float64Array, m: number, learningRate: number): { cost: number; updated: boolean };
  /** Trains; validationX (n0, validationM) and validationY (n2, validationM) are reported on, not trained on. */
  fit(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
    validationX?: Float64Array,
    validationY?: Float64Array,
    validationM?: number,
  ): EngineFitOutcome;
  fitAsync(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
    validationX?: Float64Array,
    validationY?: Float64Array,
    validationM?: number,
  ): Promise<EngineFitOutcome>;
  /** Stops a running fit before its next iteration. */
  abort(): void;
}

/** The network's sizes. */
export interface Sizes {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
}

/** Offsets of W1, b1, W2, b2 in the packed buffer; mirrors native/core/shapes.h. */
export function layout({ inputSize, hiddenSize, outputSize }: Sizes) {
  const b1 = hiddenSize * inputSize;
  const W2 = b1 + hiddenSize;
  const b2 = W2 + outputSize * hiddenSize;
  return { W1: 0, b1, W2, b2, count: b2 + outputSize };
}

/** The name of a parameter block (its gradient's is 'd' + name). */
export type BlockName = 'W1' | 'b1' | 'W2' | 'b2';

/** One block of the packed buffer: values [from, to), a (rows, cols) matrix. */
export interface Block {
  name: BlockName;
  from: number;
  to: number;
  rows: number;
  cols: number;
}

/** The four blocks in packed order, W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1): the one table of the layout. */
export function blocks(sizes: Sizes): [Block, Block, Block, Block] {
  const at = layout(sizes);
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = sizes;
  return [
    { name: 'W1', from: at.W1, to: at.b1, rows: n1, cols: n0 },
    { name: 'b1', from: at.b1, to: at.W2, rows: n1, cols: 1 },
    { name: 'W2', from: at.W2, to: at.b2, rows: n2, cols: n1 },
    { name: 'b2', from: at.b2, to: at.count, rows: n2, cols: 1 },
  ];
}
