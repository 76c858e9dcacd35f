import { describe, expect, it } from 'vitest';
import { loadPlanarDataset, ShallowNet } from 'shallownet';
import { backends, bitsEqual, relativeError } from './helpers';

describe('toJSON / fromJSON', () => {
  const { X, Y } = loadPlanarDataset({ seed: 4 });

  it.each(backends)('a trained net (%s) round-trips bit-exactly and predicts identically', (backend) => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 5, hiddenActivation: 'relu', seed: 3, backend });
    net.fit(X, Y, { iterations: 500, learningRate: 0.5 });
    const text = JSON.stringify(net);
    const loaded = ShallowNet.fromJSON(text, { backend });
    expect(loaded.backend).toBe(backend);
    expect([loaded.inputSize, loaded.hiddenSize, loaded.outputSize, loaded.hiddenActivation]).toEqual([2, 5, 1, 'relu']);
    const before = net.parameters();
    const after = loaded.parameters();
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(bitsEqual(after[key].data, before[key].data)).toBe(true);
    expect(bitsEqual(loaded.predictProba(X).data, net.predictProba(X).data)).toBe(true);
    expect(loaded.predict(X).data).toEqual(net.predict(X).data);
    // Reading the object (not the string) works too.
    expect(bitsEqual(ShallowNet.fromJSON(net.toJSON()).parameters().W1.data, before.W1.data)).toBe(true);
  });

  it.runIf(backends.length === 2)('a net saved on one backend loads on the other', () => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3, backend: 'native' });
    net.fit(X, Y, { iterations: 300, learningRate: 1.2 });
    const loaded = ShallowNet.fromJSON(JSON.stringify(net), { backend: 'ts' });
    expect(relativeError(loaded.predictProba(X).data, net.predictProba(X).data)).toBeLessThan(1e-12);
  });

  it.each(['softmax', 'linear'] as const)('a %s net saves as version 2 and loads with its output activation', (outputActivation) => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 3, outputSize: 2, outputActivation, seed: 3, backend: 'ts' });
    const saved = net.toJSON();
    expect(saved.version).toBe(2);
    expect(saved.outputActivation).toBe(outputActivation);
    const loaded = ShallowNet.fromJSON(JSON.stringify(saved), { backend: 'ts' });
    expect(loaded.outputActivation).toBe(outputActivation);
    expect(bitsEqual(loaded.predictProba(X).data, net.predictProba(X).data)).toBe(true);
  });

  it('reads a version 1 document (written before outputActivation existed) as a sigmoid output', () => {
    const net = new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 1, backend: 'ts' });
    const { outputActivation, ...rest } = net.toJSON();
    expect(outputActivation).toBe('sigmoid');
    const loaded = ShallowNet.fromJSON({ ...rest, version: 1 }, { backend: 'ts' });
    expect(loaded.outputActivation).toBe('sigmoid');
    expect(bitsEqual(loaded.parameters().W2.data, net.parameters().W2.data)).toBe(true);
  });

  it('keeps -0 and every bit of awkward values', () => {
    const W1 = { rows: 1, cols: 3, data: new Float64Array([-0, Number.MIN_VALUE, 0.1 + 0.2]) };
    const net = ShallowNet.fromParameters(
      { W1, b1: { rows: 1, cols: 1, data: new Float64Array([-1e-308]) }, W2: { rows: 1, cols: 1, data: new Float64Array([Math.PI]) }, b2: { rows: 1, cols: 1, data: new Float64Array([1 / 3]) } },
      { backend: 'ts' },
    );
    const loaded = ShallowNet.fromJSON(JSON.stringify(net));
    expect(bitsEqual(loaded.parameters().W1.data, W1.data)).toBe(true);
    expect(Object.is(loaded.parameters().W1.data[0], -0)).toBe(true);
  });

  it('rejects malformed documents with a clear error', () => {
    const good = new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 1, backend: 'ts' }).toJSON();
    expect(() => ShallowNet.fromJSON('{not json')).toThrow(/not JSON/);
    expect(() => ShallowNet.fromJSON({ ...good, format: 'other' } as never)).toThrow(TypeError);
    expect(() => ShallowNet.fromJSON({ ...good, version: 3 } as never)).toThrow(/^fromJSON\(\): version must be one of 1, 2, the versions this shallownet reads, got 3$/);
    expect(() => ShallowNet.fromJSON({ ...good, outputActivation: 'tanh' } as never)).toThrow(/^outputActivation must be one of 'sigmoid', 'softmax', 'linear', got 'tanh'$/);
    expect(() => ShallowNet.fromJSON({ ...good, hiddenSize: 4 })).toThrow(/parameters.W1 must be \(4, 2\)/);
    expect(() => ShallowNet.fromJSON({ ...good, hiddenActivation: 'swish' } as never)).toThrow(RangeError);
    const truncated = { ...good, parameters: { ...good.parameters, W2: { ...good.parameters.W2, float64le: 'AAAA' } } };
    expect(() => ShallowNet.fromJSON(truncated)).toThrow(/^parameters\.W2\.float64le must be 3 float64 values \(24 bytes\), got 3 bytes$/);
    expect(() => ShallowNet.fromJSON(null as never)).toThrow(TypeError);
  });
});
