/**
 * The packed parameter layout, [W1 | b1 | W2 | b2] row-major in one
 * Float64Array (engine.ts `layout`), to and from the four matrices of the
 * public API.
 */
import { invalidValue, received } from './argument-error';
import { blocks, layout, type Block, type Sizes } from './engine';
import { MAX_PARAMETERS } from './limits';
import type { Matrix } from './matrix';

/** A zeroed packed buffer for a network of these sizes. */
export function allocateParameters(sizes: Sizes): Float64Array {
  const { count } = layout(sizes);
  const what = `inputSize = ${sizes.inputSize}, hiddenSize = ${sizes.hiddenSize}, outputSize = ${sizes.outputSize}`;
  if (count > MAX_PARAMETERS) {
    throw invalidValue(`the parameter count of ${what}`, `at most ${MAX_PARAMETERS}`, count, 'use smaller sizes');
  }
  try {
    return new Float64Array(count);
  } catch {
    throw invalidValue(`the parameter count of ${what}`, 'one this process can allocate', received(`${count}`), 'use smaller sizes');
  }
}

/** Writes W1, b1, W2, b2 (or their gradients), already shape-checked, into a packed buffer. */
export function packInto(packed: Float64Array, sizes: Sizes, parts: readonly Matrix[]): void {
  blocks(sizes).forEach(({ from }, k) => packed.set((parts[k] as Matrix).data, from));
}

/**
 * The four blocks of a packed buffer as matrices that view it, without a copy:
 * W1 (n1, n0), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1).
 */
export function unpackViews(packed: Float64Array, sizes: Sizes): [Matrix, Matrix, Matrix, Matrix] {
  const view = ({ from, to, rows, cols }: Block): Matrix => ({ rows, cols, data: packed.subarray(from, to) });
  const [W1, b1, W2, b2] = blocks(sizes);
  return [view(W1), view(b1), view(W2), view(b2)];
}

/**
 * The packed buffer that four shape-checked parts already are, when they are
 * consecutive views of one buffer in the packed order (as `gradients()` and
 * `backward()` return them); otherwise a packed copy.
 */
export function packed(parts: readonly Matrix[], sizes: Sizes): Float64Array {
  const first = (parts[0] as Matrix).data;
  let end = first.byteOffset;
  const contiguous = parts.every(({ data }) => {
    const next = data.buffer === first.buffer && data.byteOffset === end;
    end += data.byteLength;
    return next;
  });
  const { count } = layout(sizes);
  if (contiguous) return new Float64Array(first.buffer, first.byteOffset, count);
  const copy = new Float64Array(count);
  packInto(copy, sizes, parts);
  return copy;
}
