// toJSON / fromJSON for the new heads: softmax and linear nets round-trip and
// predict bit for bit (on the same backend and across backends within 1e-12);
// a version-1 document, written before outputActivation existed, loads as the
// lecture's sigmoid.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type OutputActivation } from 'shallownet';
import { backends, bitsEqual, nativeAvailable, relativeError } from '../helpers';
import { expectSameBits, flat, problem } from './common';

const heads: { head: OutputActivation; n2: number }[] = [
  { head: 'softmax', n2: 3 },
  { head: 'linear', n2: 2 },
];

function trained(head: OutputActivation, n2: number, backend: Backend) {
  const p = problem(head, 90 + n2, 3, 5, n2, 40);
  const net = new ShallowNet({ inputSize: 3, hiddenSize: 5, outputSize: n2, hiddenActivation: 'relu', outputActivation: head, initialization: 'he', seed: 6, backend });
  net.fit(p.X, p.Y, { epochs: 20, batchSize: 8, learningRate: 0.01, optimizer: 'adam', seed: 1 });
  return { net, X: p.X };
}

describe.each(backends)('save and load the new heads (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    it(`${head}: JSON round trip keeps every bit, the head, and the predictions`, () => {
      const { net, X } = trained(head, n2, backend);
      const json = net.toJSON();
      expect(json).toMatchObject({ format: 'shallownet', version: 2, outputActivation: head, outputSize: n2, hiddenActivation: 'relu' });
      const loaded = ShallowNet.fromJSON(JSON.stringify(json), { backend });
      expect([loaded.outputActivation, loaded.hiddenActivation, loaded.outputSize, loaded.backend]).toEqual([head, 'relu', n2, backend]);
      expectSameBits(flat(loaded.parameters()), flat(net.parameters()), 'parameters');
      expect(bitsEqual(loaded.predictProba(X).data, net.predictProba(X).data)).toBe(true);
      expect(bitsEqual(loaded.predict(X).data, net.predict(X).data)).toBe(true);
      if (head === 'softmax') expect(loaded.predictClasses(X)).toEqual(net.predictClasses(X));
      // The predictions are not trivial (softmax: more than one class predicted).
      if (head === 'softmax') expect(new Set(net.predictClasses(X)).size).toBeGreaterThan(1);
    });
  }
});

describe.skipIf(!nativeAvailable)('save on one backend, load on the other', () => {
  for (const { head, n2 } of heads) {
    it(`${head}: the same parameters bit for bit, predictions within 1e-12`, () => {
      for (const [from, to] of [['native', 'ts'], ['ts', 'native']] as const) {
        const { net, X } = trained(head, n2, from);
        const loaded = ShallowNet.fromJSON(JSON.stringify(net), { backend: to });
        expect(loaded.outputActivation).toBe(head);
        expectSameBits(flat(loaded.parameters()), flat(net.parameters()), `${from} → ${to}`);
        expect(relativeError(loaded.predictProba(X).data, net.predictProba(X).data)).toBeLessThan(1e-12);
      }
    });
  }
});

/** base64 of the little-endian bytes of the values, as a version-1 save stores them. */
function float64le(values: number[]): string {
  const bytes = Buffer.alloc(8 * values.length);
  values.forEach((v, k) => bytes.writeDoubleLE(v, 8 * k));
  return bytes.toString('base64');
}

describe.each(backends)('a version-1 document (%s)', (backend) => {
  // Written by hand: the format of shallownet before outputActivation existed.
  const W1 = [0.5, -1.25, 2, 0.75]; // (2, 2)
  const b1 = [0.1, -0.2];
  const W2 = [1.5, -0.5, 0.25, 2]; // (2, 2)
  const b2 = [-0.3, 0.4];
  const v1 = {
    format: 'shallownet',
    version: 1,
    inputSize: 2,
    hiddenSize: 2,
    outputSize: 2,
    hiddenActivation: 'tanh',
    parameters: {
      W1: { rows: 2, cols: 2, float64le: float64le(W1) },
      b1: { rows: 2, cols: 1, float64le: float64le(b1) },
      W2: { rows: 2, cols: 2, float64le: float64le(W2) },
      b2: { rows: 2, cols: 1, float64le: float64le(b2) },
    },
  };

  it('loads as a sigmoid output, with its parameters and the sigmoid predictions worked by hand', () => {
    const net = ShallowNet.fromJSON(JSON.stringify(v1), { backend });
    expect([net.outputActivation, net.hiddenActivation, net.inputSize, net.hiddenSize, net.outputSize]).toEqual(['sigmoid', 'tanh', 2, 2, 2]);
    expect(Array.from(flat(net.parameters()))).toEqual([...W1, ...b1, ...W2, ...b2]);
    const X = { rows: 2, cols: 3, data: Float64Array.from([1, 0, -2, 0.5, 3, 1]) };
    const proba = net.predictProba(X);
    for (let j = 0; j < 3; j++) {
      const x = [X.data[j]!, X.data[3 + j]!];
      const a1 = [0, 1].map((h) => Math.tanh(W1[2 * h]! * x[0]! + W1[2 * h + 1]! * x[1]! + b1[h]!));
      for (let i = 0; i < 2; i++) {
        const z = W2[2 * i]! * a1[0]! + W2[2 * i + 1]! * a1[1]! + b2[i]!;
        expect(proba.data[i * 3 + j]).toBeCloseTo(1 / (1 + Math.exp(-z)), 14);
      }
    }
    // Two sigmoid outputs: the columns do not sum to 1 (it is not read as softmax).
    expect(Math.abs(proba.data[0]! + proba.data[3]! - 1)).toBeGreaterThan(1e-3);
    // And saving it again writes version 2 with the head made explicit.
    expect(net.toJSON()).toMatchObject({ version: 2, outputActivation: 'sigmoid' });
  });

  it('an outputActivation field in a version-1 document is not read (version 1 is always sigmoid)', () => {
    const net = ShallowNet.fromJSON({ ...v1, outputActivation: 'linear' } as never, { backend });
    expect(net.outputActivation).toBe('sigmoid');
  });
});
