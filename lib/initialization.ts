/**
 * The initial parameters, drawn in TypeScript for every backend, so the same
 * seed gives bit-identical parameters on both.
 */
import { layout, type Sizes } from './engine';
import { allocateParameters } from './packing';
import { Random } from './random';

/**
 * How the weights are drawn, each W = randn · scale (b = 0):
 * - 'lecture': scale 0.01, the lecture's (small weights break the symmetry
 *   between hidden units and keep tanh and sigmoid off their flat tails);
 * - 'xavier': scale √(1/n_in), the course's choice for tanh in deeper nets;
 * - 'he': scale √(2/n_in), the course's choice for ReLU.
 * n_in is the layer's fan-in: n0 for W1, n1 for W2.
 */
export type Initialization = 'lecture' | 'xavier' | 'he';
export const INITIALIZATIONS: readonly Initialization[] = ['lecture', 'xavier', 'he'];

function weightScale(initialization: Initialization, fanIn: number): number {
  if (initialization === 'xavier') return Math.sqrt(1 / fanIn);
  if (initialization === 'he') return Math.sqrt(2 / fanIn);
  return 0.01;
}

/** Packed [W1 | b1 | W2 | b2], W1 drawn before W2 from one seeded generator. */
export function initialParameters(sizes: Sizes, seed: number, initialization: Initialization = 'lecture'): Float64Array {
  const params = allocateParameters(sizes);
  const at = layout(sizes);
  const random = new Random(seed);
  const scale1 = weightScale(initialization, sizes.inputSize);
  const scale2 = weightScale(initialization, sizes.hiddenSize);
  for (let k = at.W1; k < at.b1; k++) params[k] = random.normal() * scale1;
  for (let k = at.W2; k < at.b2; k++) params[k] = random.normal() * scale2;
  return params;
}
