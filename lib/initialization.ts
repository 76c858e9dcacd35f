/**
 * The initial parameters, drawn in TypeScript for every backend, so the same
 * seed gives bit-identical parameters on both.
 */
import { layout, type Sizes } from './engine';
import { allocateParameters } from './packing';
import { Random } from './random';

/**
 * The course's initialisation: W = randn · 0.01 (small random weights break
 * the symmetry between hidden units), b = 0. Packed [W1 | b1 | W2 | b2].
 */
export function initialParameters(sizes: Sizes, seed: number): Float64Array {
  const params = allocateParameters(sizes);
  const at = layout(sizes);
  const random = new Random(seed);
  for (let k = at.W1; k < at.b1; k++) params[k] = random.normal() * 0.01;
  for (let k = at.W2; k < at.b2; k++) params[k] = random.normal() * 0.01;
  return params;
}
