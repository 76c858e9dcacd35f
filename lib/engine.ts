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

export interface EngineFitOptions {
  iterations: number;
  learningRate: number;
  progressEvery: number;
  /** 0 disables the convergence test. */
  tolerance: number;
}

export interface EngineFitOutcome {
  status: 'completed' | 'converged' | 'diverged' | 'stopped';
  /** Updates applied. For 'diverged': the iteration whose cost or update was not finite. */
  iterations: number;
  /** Cost of the parameters left behind (NaN when 'stopped'). */
  finalCost: number;
  /** costs[k]: cost before update k * progressEvery. */
  costs: Float64Array;
}

export interface EngineCache {
  Z1: Float64Array;
  A1: Float64Array;
  Z2: Float64Array;
  A2: Float64Array;
}

export type ProgressCallback = (iteration: number, cost: number) => void;

export interface Engine {
  /** True while fit or fitAsync runs; every other call then throws. */
  isTraining(): boolean;
  parameters(): Float64Array;
  setParameters(packed: Float64Array): void;
  forward(X: Float64Array, m: number): EngineCache;
  predictProba(X: Float64Array, m: number): Float64Array;
  /** Forward then backward propagation in one call: the gradients at the current parameters, packed like them. */
  gradients(X: Float64Array, Y: Float64Array, m: number): Float64Array;
  /** Gradients from a given cache, packed like the parameters. */
  backward(X: Float64Array, Y: Float64Array, A1: Float64Array, A2: Float64Array, m: number): Float64Array;
  /** Applies the update only if every new value is finite; returns whether it did. */
  update(grads: Float64Array, learningRate: number): boolean;
  cost(X: Float64Array, Y: Float64Array, m: number): number;
  step(X: Float64Array, Y: Float64Array, m: number, learningRate: number): { cost: number; updated: boolean };
  fit(X: Float64Array, Y: Float64Array, m: number, options: EngineFitOptions, onProgress?: ProgressCallback): EngineFitOutcome;
  fitAsync(
    X: Float64Array,
    Y: Float64Array,
    m: number,
    options: EngineFitOptions,
    onProgress?: ProgressCallback,
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
