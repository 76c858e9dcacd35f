// What crosses between the public API and a backend, and how often: the
// gradients come back from one backend call as four views of one buffer, and
// update() takes such views back without repacking; parameters() copies once.
import { describe, expect, it } from 'vitest';
import { ShallowNet } from 'shallownet';
import { backends, bernoulliMatrix, bitsEqual, gaussianMatrix, Random } from './helpers';

describe.each(backends)('data crossing the backend boundary (%s)', (backend) => {
  const random = new Random(3);
  const X = gaussianMatrix(random, 3, 20);
  const Y = bernoulliMatrix(random, 2, 20);

  it('gradients() are views of one buffer, in packed order', () => {
    const net = new ShallowNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, seed: 1, backend });
    const g = net.gradients(X, Y);
    const buffer = g.dW1.data.buffer;
    let offset = g.dW1.data.byteOffset;
    for (const key of ['dW1', 'db1', 'dW2', 'db2'] as const) {
      expect(g[key].data.buffer).toBe(buffer);
      expect(g[key].data.byteOffset).toBe(offset);
      offset += g[key].data.byteLength;
    }
  });

  it('update() gives the same parameters for views of one buffer and for separate copies', () => {
    const a = new ShallowNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, seed: 1, backend });
    const b = new ShallowNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, seed: 1, backend });
    const views = a.gradients(X, Y);
    const copies = Object.fromEntries(
      Object.entries(views).map(([k, M]) => [k, { rows: M.rows, cols: M.cols, data: M.data.slice() }]),
    ) as unknown as typeof views;
    // The views can be edited in place (gradient clipping, say) before the update.
    views.db2.data[0] = copies.db2.data[0] = 0.25;
    a.update(views, 0.5);
    b.update(copies, 0.5);
    const pa = a.parameters();
    const pb = b.parameters();
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(bitsEqual(pa[key].data, pb[key].data)).toBe(true);
  });

  it('parameters() is one fresh copy each call: editing it leaves the net alone', () => {
    const net = new ShallowNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, seed: 1, backend });
    const first = net.parameters();
    expect(first.W1.data.buffer).toBe(first.b2.data.buffer);
    first.W1.data.fill(7);
    const second = net.parameters();
    expect(second.W1.data.buffer).not.toBe(first.W1.data.buffer);
    expect(second.W1.data.every((v) => v !== 7)).toBe(true);
  });
});
