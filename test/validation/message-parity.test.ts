// Where the TS layer and the binding check the same thing, they say the same
// thing: each pair below makes one mistake through the public API and the same
// mistake through the raw binding, and the messages must be equal once the
// public API's names are put as the binding's ('fit options.beta1' is
// 'options.beta1' there, 'fit options.validationData.Y' is 'validationY').
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Matrix } from 'shallownet';
import { classes, m, makeNet, n0, n1, withValue, X, Y, YLinear, YSoftmax, type Head } from '../cases/fixture';
import { parameterCount, raw, rawFitOptions, skipRaw, type RawConstructor, type RawNet } from '../cases/raw-binding';
import { describeThrown, thrownBy, thrownBySync } from '../cases/rejection';
import { backends } from '../helpers';
import { BYTES_PER_RECORD, MAX_DIMENSION } from '../../lib/limits';

interface Pair {
  name: string;
  /** The output head of the two nets (default sigmoid). */
  head?: Head;
  /** The mistake through the public API, on a fixture net. */
  ts: (net: ShallowNet) => unknown;
  /** The same mistake through the raw binding, on a raw net of the same sizes (or the constructor). */
  raw: (net: RawNet, NativeNet: RawConstructor) => unknown;
  /** [public name, binding name]: every occurrence in the public message is renamed. */
  rename?: [string, string][];
}

const outputs: Record<Head, number> = { sigmoid: 1, softmax: classes, linear: 1 };
const fitOptions = { iterations: 3, learningRate: 0.5 };
const headY: Record<Head, Matrix> = { sigmoid: Y, softmax: YSoftmax, linear: YLinear };

/** fit's option `key` = value, through both layers (`extra` public options make it apply, e.g. the optimizer). */
function option(key: string, value: unknown, extra: Record<string, unknown> = {}, rawKey = key): Pair {
  return {
    name: `fit option ${key} = ${typeof value === 'string' ? `'${value}'` : String(value)}`,
    ts: (net) => net.fit(X, Y, { ...fitOptions, ...extra, [key]: value } as never),
    raw: (net) => net.fit!(X.data, Y.data, m, rawFitOptions({ [rawKey]: value })),
    rename: [[`fit options.${key}`, `options.${rawKey}`]],
  };
}

function earlyStopping(key: string, value: unknown): Pair {
  return {
    name: `earlyStopping.${key} = ${JSON.stringify(value)}`,
    ts: (net) => net.fit(X, Y, { ...fitOptions, validationSplit: 0.25, earlyStopping: { [key]: value } }),
    raw: (net) => net.fit!(X.data, Y.data, m, rawFitOptions({ [key]: value })),
    rename: [[`fit options.earlyStopping.${key}`, `options.${key}`]],
  };
}

/** fit with validation examples (validationData.Y = `Yv`), through both layers. */
function validationTargets(name: string, head: Head, Yv: Matrix): Pair {
  return {
    name,
    head,
    ts: (net) => net.fit(X, headY[head], { ...fitOptions, validationData: { X, Y: Yv } }),
    raw: (net) => net.fit!(X.data, headY[head].data, m, rawFitOptions(), undefined, X.data, Yv.data, m),
    rename: [['fit options.validationData.Y', 'validationY']],
  };
}

const softmaxColumn = { rows: classes, cols: m, data: Float64Array.from(YSoftmax.data, (v, k) => (k === 2 * m + 3 ? 0.75 : v)) };
const recordBytes = BYTES_PER_RECORD * (MAX_DIMENSION + 2);

const pairs: Pair[] = [
  {
    name: "outputActivation 'tanh'",
    ts: () => new ShallowNet({ inputSize: n0, hiddenSize: n1, outputActivation: 'tanh' as never }),
    raw: (_net, NativeNet) => new NativeNet(n0, n1, 1, 'tanh', new Float64Array(parameterCount(n0, n1, 1)), 'tanh'),
  },
  {
    name: 'outputActivation = 0',
    ts: () => new ShallowNet({ inputSize: n0, hiddenSize: n1, outputActivation: 0 as never }),
    raw: (_net, NativeNet) => new NativeNet(n0, n1, 1, 'tanh', new Float64Array(parameterCount(n0, n1, 1)), 0),
  },
  {
    name: "outputActivation 'softmax' with outputSize 1",
    ts: () => new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: 1, outputActivation: 'softmax' }),
    raw: (_net, NativeNet) => new NativeNet(n0, n1, 1, 'tanh', new Float64Array(parameterCount(n0, n1, 1)), 'softmax'),
  },
  { name: 'X holding NaN', ts: (net) => net.cost(withValue(X, 5, NaN), Y), raw: (net) => net.cost!(withValue(X, 5, NaN).data, Y.data, m) },
  { name: 'sigmoid targets holding 2', ts: (net) => net.evaluate(X, withValue(Y, 1, 2)), raw: (net) => net.evaluate!(X.data, withValue(Y, 1, 2).data, m) },
  { name: 'softmax targets holding -0.5', head: 'softmax', ts: (net) => net.cost(X, withValue(YSoftmax, 6, -0.5)), raw: (net) => net.cost!(X.data, withValue(YSoftmax, 6, -0.5).data, m) },
  { name: 'softmax targets with a column summing to 1.75', head: 'softmax', ts: (net) => net.step(X, softmaxColumn, 0.5), raw: (net) => net.step!(X.data, softmaxColumn.data, m, 0.5) },
  { name: 'linear targets holding NaN', head: 'linear', ts: (net) => net.gradients(X, withValue(YLinear, 2, NaN)), raw: (net) => net.gradients!(X.data, withValue(YLinear, 2, NaN).data, m) },
  option('iterations', 0),
  option('iterations', 2 ** 31),
  option('batchSize', 0),
  option('batchSize', m + 1),
  option('shuffle', 1),
  option('shuffle', 'yes'),
  option('seed', 2 ** 32),
  option('seed', -1),
  option('learningRate', 0),
  option('learningRate', '0.5'),
  option('learningRateDecay', NaN),
  option('learningRateDecay', -1),
  option('optimizer', 'sgd'),
  option('optimizer', 7),
  option('beta', 1, { optimizer: 'momentum' }),
  option('beta', -0.5, { optimizer: 'momentum' }),
  option('beta1', 1, { optimizer: 'adam' }),
  option('beta2', 1, { optimizer: 'adam' }),
  option('beta2', '0.999', { optimizer: 'adam' }),
  option('epsilon', 0, { optimizer: 'adam' }),
  option('epsilon', Infinity, { optimizer: 'adam' }),
  option('l2', -0.1),
  option('l2', NaN),
  option('progressEvery', 0),
  option('progressEvery', 1.5),
  option('tolerance', -1),
  earlyStopping('minDelta', -1),
  earlyStopping('minDelta', 'small'),
  earlyStopping('restoreBest', 'yes'),
  validationTargets('validation targets of a sigmoid output holding 2', 'sigmoid', withValue(Y, 2, 2)),
  validationTargets('validation targets of a softmax output with a column summing to 1.75', 'softmax', softmaxColumn),
  validationTargets('validation targets of a linear output holding -Infinity', 'linear', withValue(YLinear, 0, -Infinity)),
  {
    name: 'validation inputs holding Infinity',
    ts: (net) => net.fit(X, Y, { ...fitOptions, validationData: { X: withValue(X, 7, Infinity), Y } }),
    raw: (net) => net.fit!(X.data, Y.data, m, rawFitOptions(), undefined, withValue(X, 7, Infinity).data, Y.data, m),
    rename: [['fit options.validationData.X', 'validationX']],
  },
];

describe.skipIf(skipRaw)('the binding and the TS layer word the same mistake the same way', () => {
  it('the addon loads', () => expect(raw).toBeDefined());
  if (raw === undefined) return;
  const NativeNet = raw.NativeNet as unknown as RawConstructor;

  describe.each(backends)('public API on %s', (backend) => {
    it.each(pairs)('$name', async ({ head = 'sigmoid', ts, raw: rawCall, rename = [] }) => {
      const net = makeNet(backend, 7, head);
      const rawNet = new NativeNet(n0, n1, outputs[head], 'tanh', new Float64Array(parameterCount(n0, n1, outputs[head])).fill(0.1), head);
      const tsError = await thrownBy(() => ts(net));
      const rawError = await thrownBy(() => rawCall(rawNet, NativeNet));
      expect(tsError, describeThrown(tsError)).toBeInstanceOf(Error);
      expect(rawError, describeThrown(rawError)).toBeInstanceOf(Error);
      expect((rawError as object).constructor, describeThrown(rawError)).toBe((tsError as object).constructor);
      const renamed = rename.reduce((text, [from, to]) => text.replaceAll(from, to), (tsError as Error).message);
      expect((rawError as Error).message).toBe(renamed);
    });
  });

  // 2**31 + 1 records: more than this machine's memory unless it has ~190 GB.
  it.skipIf(recordBytes <= totalmem())('the cost record’s memory bound (2**31 - 1 updates, a record each)', () => {
    const net = makeNet('ts');
    const rawNet = new NativeNet(n0, n1, 1, 'tanh', new Float64Array(parameterCount(n0, n1, 1)), 'sigmoid');
    const tsError = thrownBySync(() => net.fit(X, Y, { iterations: MAX_DIMENSION, progressEvery: 1, learningRate: 0.5 }));
    const rawError = thrownBySync(() => rawNet.fit!(X.data, Y.data, m, rawFitOptions({ iterations: MAX_DIMENSION, progressEvery: 1 })));
    expect(tsError).toBeInstanceOf(RangeError);
    expect((tsError as Error).message).toMatch(/^fit options: the cost record \(2147483649 entries\) must be at most this machine's memory/);
    expect((rawError as Error).message).toBe((tsError as Error).message.replace(/^fit options:/, 'options:'));
  });
});
