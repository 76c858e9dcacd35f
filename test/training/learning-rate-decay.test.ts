// Learning-rate decay: the update of epoch k (counted from 0) uses
// α / (1 + decay·k). Full batch, an epoch is one update; with mini-batches all
// the updates of an epoch share its rate.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type Matrix, type Parameters } from 'shallownet';
import { backends, relativeError } from '../helpers';
import { columnSlice, copyOf, expectRelative, flat, flatGradients, problem, unflat } from './common';

const ALPHA = 0.8;
const DECAY = 0.5;

/** gd by hand: one update per (batch, rate). */
function manual(net: ShallowNet, start: Parameters, steps: { X: Matrix; Y: Matrix; rate: number }[]): Float64Array {
  let theta = flat(start);
  for (const { X, Y, rate } of steps) {
    const g = flatGradients(copyOf(net, unflat(theta, start)).gradients(X, Y));
    theta = theta.map((w, k) => w - rate * (g[k] as number));
  }
  return theta;
}

function setup(backend: Backend) {
  const p = problem('sigmoid', 55, 3, 4, 2, 12);
  const net = ShallowNet.fromParameters(p.parameters, { hiddenActivation: 'tanh', backend });
  return { ...p, net };
}

describe.each(backends)('learning-rate decay (%s)', (backend) => {
  it('full batch: update k uses α / (1 + decay·k)', () => {
    const { X, Y, parameters, net } = setup(backend);
    const epochs = 5;
    const result = net.fit(X, Y, { epochs, learningRate: ALPHA, learningRateDecay: DECAY });
    expect(result.iterations).toBe(epochs);
    const rates = Array.from({ length: epochs }, (_, k) => ALPHA / (1 + DECAY * k));
    const got = flat(net.parameters());
    expectRelative(got, manual(net, parameters, rates.map((rate) => ({ X, Y, rate }))), 1e-13, 'parameters');
    // Neither a constant rate nor a decay counted from 1 gives these parameters.
    const constant = manual(net, parameters, rates.map(() => ({ X, Y, rate: ALPHA })));
    expect(relativeError(got, constant)).toBeGreaterThan(1e-4);
    const fromOne = manual(net, parameters, rates.map((_, k) => ({ X, Y, rate: ALPHA / (1 + DECAY * (k + 1)) })));
    expect(relativeError(got, fromOne)).toBeGreaterThan(1e-4);
  });

  it('iterations instead of epochs: the same (full batch, an iteration is an epoch)', () => {
    const { X, Y, net } = setup(backend);
    const twin = copyOf(net, net.parameters());
    net.fit(X, Y, { epochs: 4, learningRate: ALPHA, learningRateDecay: DECAY });
    twin.fit(X, Y, { iterations: 4, learningRate: ALPHA, learningRateDecay: DECAY });
    expect(flat(twin.parameters())).toEqual(flat(net.parameters()));
  });

  it('mini-batches (m = 12, batches of 5, 5, 2 in order): the rate changes per epoch, not per update', () => {
    const { X, Y, parameters, net } = setup(backend);
    net.fit(X, Y, { epochs: 2, batchSize: 5, shuffle: false, learningRate: ALPHA, learningRateDecay: DECAY });
    const batches = [[0, 5], [5, 5], [10, 2]].map(([from, count]) => ({ X: columnSlice(X, from!, count!), Y: columnSlice(Y, from!, count!) }));
    const got = flat(net.parameters());
    const perEpoch = [0, 1].flatMap((epoch) => batches.map((b) => ({ ...b, rate: ALPHA / (1 + DECAY * epoch) })));
    expectRelative(got, manual(net, parameters, perEpoch), 1e-13, 'parameters');
    const perUpdate = [0, 1].flatMap(() => batches).map((b, k) => ({ ...b, rate: ALPHA / (1 + DECAY * k) }));
    expect(relativeError(got, manual(net, parameters, perUpdate))).toBeGreaterThan(1e-4);
  });

  it('momentum and Adam use the decayed rate too (W −= α_k·v)', () => {
    const { X, Y, net } = setup(backend);
    // With decay d, a momentum run scales each step by α/(1 + d·k): compare against the same run by hand.
    const beta = 0.7;
    const start = net.parameters();
    net.fit(X, Y, { epochs: 3, learningRate: ALPHA, learningRateDecay: DECAY, optimizer: 'momentum', beta });
    let theta = flat(start);
    let v = new Float64Array(theta.length);
    for (let k = 0; k < 3; k++) {
      const g = flatGradients(copyOf(net, unflat(theta, start)).gradients(X, Y));
      v = v.map((value, i) => beta * value + (1 - beta) * (g[i] as number));
      const rate = ALPHA / (1 + DECAY * k);
      theta = theta.map((w, i) => w - rate * (v[i] as number));
    }
    expectRelative(flat(net.parameters()), theta, 1e-13, 'momentum parameters');
  });
});
