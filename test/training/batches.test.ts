// Mini-batches: which columns each update sees. In order (shuffle: false),
// batch k of an epoch is columns [k·b, k·b + b), the last one holding the
// remainder (m = 10, b = 4: 4, 4, 2). Shuffled, a new permutation every epoch
// drawn from the seed, the same on both backends.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type Matrix, type Parameters } from 'shallownet';
import { backends, nativeAvailable, Random, relativeError } from '../helpers';
import { columnsAt, columnSlice, copyOf, expectRelative, flat, flatGradients, problem, unflat } from './common';

const M = 10;
const BATCH = 4;
const ALPHA = 0.05;

/** A linear-output net (so the gradient is a smooth function of which columns are in the batch) and its data. */
function setup(backend: Backend, seed = 12) {
  const p = problem('linear', seed, 3, 4, 2, M);
  const net = ShallowNet.fromParameters(p.parameters, { hiddenActivation: 'tanh', outputActivation: 'linear', backend });
  return { ...p, net };
}

/** gd updates by hand, one per batch: P −= α·gradients(batch) through fromParameters copies. Also the cost before each. */
function manualGd(net: ShallowNet, start: Parameters, batches: { X: Matrix; Y: Matrix }[], rates: number[] | number = ALPHA) {
  let theta = flat(start);
  const costs: number[] = [];
  batches.forEach(({ X, Y }, k) => {
    const copy = copyOf(net, unflat(theta, start));
    costs.push(copy.cost(X, Y));
    const g = flatGradients(copy.gradients(X, Y));
    const rate = typeof rates === 'number' ? rates : (rates[k] as number);
    theta = theta.map((w, i) => w - rate * (g[i] as number));
  });
  return { theta, costs };
}

function inOrder(X: Matrix, Y: Matrix, sizes: number[]) {
  let from = 0;
  return sizes.map((count) => {
    const batch = { X: columnSlice(X, from, count), Y: columnSlice(Y, from, count) };
    from += count;
    return batch;
  });
}

describe.each(backends)('batches in order (%s)', (backend) => {
  it('m = 10, batchSize 4, shuffle false: one epoch is 3 updates on columns 0–3, 4–7, 8–9', () => {
    const { X, Y, parameters, net } = setup(backend);
    const result = net.fit(X, Y, { epochs: 1, batchSize: BATCH, shuffle: false, learningRate: ALPHA });
    expect(result.iterations).toBe(3);
    expect(result.epochs).toBe(1);
    const got = flat(net.parameters());
    const want = manualGd(net, parameters, inOrder(X, Y, [4, 4, 2]));
    expectRelative(got, want.theta, 1e-12, 'parameters after the epoch');
    // The epoch's record is the mean of its batches' costs, each before its update.
    expect(result.history).toHaveLength(1);
    expect(result.history[0]).toMatchObject({ iteration: 3, epoch: 1 });
    const meanCost = (want.costs[0]! + want.costs[1]! + want.costs[2]!) / 3;
    expect(Math.abs(result.costs[0]! - meanCost) / meanCost).toBeLessThan(1e-12);

    // Other compositions land measurably elsewhere, so the check above can tell them apart.
    for (const sizes of [[2, 4, 4], [4, 2, 4], [5, 5], [10]]) {
      const other = manualGd(net, parameters, inOrder(X, Y, sizes));
      expect(relativeError(got, other.theta), `batches ${sizes.join(', ')}`).toBeGreaterThan(1e-6);
    }
    const reversed = manualGd(net, parameters, inOrder(X, Y, [4, 4, 2]).reverse());
    expect(relativeError(got, reversed.theta)).toBeGreaterThan(1e-6);
  });

  it('two epochs in order take the same three batches again (6 updates)', () => {
    const { X, Y, parameters, net } = setup(backend);
    const result = net.fit(X, Y, { epochs: 2, batchSize: BATCH, shuffle: false, learningRate: ALPHA });
    expect([result.iterations, result.epochs, result.costs.length]).toEqual([6, 2, 2]);
    const batches = inOrder(X, Y, [4, 4, 2]);
    expectRelative(flat(net.parameters()), manualGd(net, parameters, [...batches, ...batches]).theta, 1e-12, 'after two epochs');
  });

  it('iterations that end mid-epoch stop after that batch (iterations: 4 = 3 batches, then columns 0–3)', () => {
    const { X, Y, parameters, net } = setup(backend);
    const result = net.fit(X, Y, { iterations: 4, batchSize: BATCH, shuffle: false, learningRate: ALPHA });
    expect(result.iterations).toBe(4);
    const batches = inOrder(X, Y, [4, 4, 2]);
    expectRelative(flat(net.parameters()), manualGd(net, parameters, [...batches, batches[0]!]).theta, 1e-12, 'after 4 updates');
  });
});

/** The permutations a shuffled fit draws for `seed`: one Random(seed), one Fisher–Yates shuffle of the running order per epoch. */
function permutations(seed: number, m: number, epochs: number): Int32Array[] {
  const random = new Random(seed);
  const order = Int32Array.from({ length: m }, (_, j) => j);
  return Array.from({ length: epochs }, () => {
    random.shuffle(order);
    return order.slice();
  });
}

function shuffledBatches(X: Matrix, Y: Matrix, orders: Int32Array[]) {
  return orders.flatMap((order) => {
    const Xo = columnsAt(X, order);
    const Yo = columnsAt(Y, order);
    return inOrder(Xo, Yo, [4, 4, 2]);
  });
}

describe.each(backends)('shuffled batches (%s)', (backend) => {
  it('each epoch takes the batches of a new permutation drawn from the seed', () => {
    const { X, Y, parameters, net } = setup(backend);
    const seed = 2024;
    const result = net.fit(X, Y, { epochs: 3, batchSize: BATCH, shuffle: true, seed, learningRate: ALPHA });
    expect(result.iterations).toBe(9);
    const orders = permutations(seed, M, 3);
    // The permutations really change from epoch to epoch (and are not the identity).
    expect(orders[1]).not.toEqual(orders[0]);
    expect(orders[2]).not.toEqual(orders[1]);
    expect(orders[0]).not.toEqual(Int32Array.from({ length: M }, (_, j) => j));
    const got = flat(net.parameters());
    expectRelative(got, manualGd(net, parameters, shuffledBatches(X, Y, orders)).theta, 1e-12, 'after 3 shuffled epochs');
    // Reusing the first epoch's order for every epoch would land elsewhere.
    const repeated = manualGd(net, parameters, shuffledBatches(X, Y, [orders[0]!, orders[0]!, orders[0]!]));
    expect(relativeError(got, repeated.theta)).toBeGreaterThan(1e-6);
  });

  it('shuffle defaults to true when batchSize < m', () => {
    const { X, Y, net } = setup(backend);
    const explicit = copyOf(net, net.parameters());
    net.fit(X, Y, { epochs: 2, batchSize: BATCH, seed: 5, learningRate: ALPHA });
    explicit.fit(X, Y, { epochs: 2, batchSize: BATCH, seed: 5, shuffle: true, learningRate: ALPHA });
    expect(flat(net.parameters())).toEqual(flat(explicit.parameters()));
  });

  it('the same seed trains the same; another seed differently', () => {
    const { X, Y, net } = setup(backend);
    const start = net.parameters();
    const run = (seed: number) => {
      const copy = copyOf(net, start);
      copy.fit(X, Y, { epochs: 3, batchSize: BATCH, shuffle: true, seed, learningRate: ALPHA });
      return flat(copy.parameters());
    };
    expect(run(7)).toEqual(run(7));
    expect(relativeError(run(7), run(8))).toBeGreaterThan(1e-6);
  });
});

describe.skipIf(!nativeAvailable)('shuffled batches on both backends', () => {
  it('the permutations are the same on both backends (parameters within 1e-12 after 5 shuffled epochs, for several seeds)', () => {
    const p = problem('linear', 99, 3, 5, 2, 23);
    for (const seed of [0, 1, 77, 2 ** 32 - 1]) {
      const results = (['native', 'ts'] as const).map((b) => {
        const net = ShallowNet.fromParameters(p.parameters, { outputActivation: 'linear', backend: b });
        const r = net.fit(p.X, p.Y, { epochs: 5, batchSize: 4, shuffle: true, seed, learningRate: ALPHA });
        return { theta: flat(net.parameters()), costs: r.costs };
      });
      expectRelative(results[0]!.theta, results[1]!.theta, 1e-12, `seed ${seed}: parameters`);
      expectRelative(results[0]!.costs, results[1]!.costs, 1e-12, `seed ${seed}: epoch costs`);
    }
  });
});
