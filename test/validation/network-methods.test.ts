// Hostile input to the network's methods: every bad argument is rejected with
// a TypeError (wrong kind of value) or a RangeError (wrong value) whose
// message names the argument and says what was expected; a rejected call
// leaves the network as it was — its parameters bit for bit, and the rest of
// its state (the seed of its next example order, the epochs partialFit counts
// on from) — and still able to train. Each output head has its own cases.
import { describe, expect, it } from 'vitest';
import { NetworkBusyError, ShallowNet, TrainingAbortedError, type Matrix } from 'shallownet';
import { filled, heads, m, makeNet, n0, n1, n2, packedParameters, withValue, X, Y, YLinear, YSoftmax, type Head } from '../cases/fixture';
import {
  badFitOptions,
  badInputs,
  badLearningRates,
  badLinearTargets,
  badPartialFitOptions,
  badSoftmaxTargets,
  badTargets,
  malformedMatrix,
} from '../cases/public-api';
import { describeThrown, exactly, expectRejection, names, NOTHING, thrownBy, thrownBySync, type BadValue, type Rejection } from '../cases/rejection';
import { backends, bitsEqual } from '../helpers';

/**
 * What a net does next, from where it stands: a step, a partialFit with
 * learning-rate decay (which counts on from the epochs trained so far), and
 * shuffled mini-batch fits drawing their example orders from the net's seed.
 * Its parameters afterwards.
 */
function trainOn(net: ShallowNet, head: Head): Float64Array {
  const Yh = heads[head].Y;
  const rate = head === 'linear' ? 0.05 : 0.5;
  const cost = net.step(X, Yh, rate);
  expect(Number.isFinite(cost)).toBe(true);
  net.partialFit(X, Yh, { learningRate: rate, learningRateDecay: 1, batchSize: 2, optimizer: 'momentum' });
  const result = net.fit(X, Yh, { epochs: 2, batchSize: 3, learningRate: rate });
  expect(Number.isFinite(result.finalCost)).toBe(true);
  net.partialFit(X, Yh, { learningRate: rate, learningRateDecay: 1, batchSize: 2 });
  return packedParameters(net);
}

/**
 * After a rejected call: the parameters are bit for bit those before, the net
 * still trains, and it trains exactly as a twin that never saw the call.
 */
function expectUntouchedAndUsable(net: ShallowNet, before: Float64Array, backend: string, head: Head): void {
  expect(net.training).toBe(false);
  expect(bitsEqual(packedParameters(net), before), 'the parameters changed').toBe(true);
  const twin = makeNet(backend, 7, head);
  expect(bitsEqual(packedParameters(twin), before), 'the fixture is not the net the case was given').toBe(true);
  const trained = trainOn(net, head);
  expect(bitsEqual(trained, before), 'the net no longer trains').toBe(false);
  expect(bitsEqual(trained, trainOn(twin, head)), 'the rejected call changed how the net trains').toBe(true);
}

interface NetCase extends Rejection {
  call: (net: ShallowNet) => unknown;
  /** The output head of the net the call is made on (default sigmoid). */
  head?: Head;
}

function netCases(): NetCase[] {
  const cases: NetCase[] = [];
  const add = (entry: string, bads: BadValue[], call: (net: ShallowNet, value: unknown) => unknown, head?: Head) => {
    for (const bad of bads) {
      cases.push({ ...bad, name: `${head === undefined ? '' : `${head} net, `}${entry}: ${bad.name}`, call: (net) => call(net, bad.value), head });
    }
  };
  const anyX = (v: unknown) => v as Matrix;
  const fitOptions = { iterations: 10, learningRate: 0.5 };

  add('forward(X)', badInputs(), (net, v) => net.forward(anyX(v)));
  add('predictProba(X)', badInputs(), (net, v) => net.predictProba(anyX(v)));
  add('predict(X)', badInputs(), (net, v) => net.predict(anyX(v)));
  add('cost(X, Y)', badInputs(), (net, v) => net.cost(anyX(v), Y));
  add('cost(X, Y)', badTargets(), (net, v) => net.cost(X, anyX(v)));
  add('gradients(X, Y)', badInputs(), (net, v) => net.gradients(anyX(v), Y));
  add('gradients(X, Y)', badTargets(), (net, v) => net.gradients(X, anyX(v)));
  add('backward(X, Y, cache)', badInputs(), (net, v) => net.backward(anyX(v), Y, net.forward(X)));
  add('backward(X, Y, cache)', badTargets(), (net, v) => net.backward(X, anyX(v), net.forward(X)));
  add('step(X, Y, α)', badInputs(), (net, v) => net.step(anyX(v), Y, 0.5));
  add('step(X, Y, α)', badTargets(), (net, v) => net.step(X, anyX(v), 0.5));
  add('step(X, Y, α)', badLearningRates('learningRate'), (net, v) => net.step(X, Y, v as number));
  add('fit(X, Y, options)', badInputs(), (net, v) => net.fit(anyX(v), Y, fitOptions));
  add('fit(X, Y, options)', badTargets(), (net, v) => net.fit(X, anyX(v), fitOptions));
  add('fit(X, Y, options)', badFitOptions('fit options'), (net, v) => net.fit(X, Y, v as typeof fitOptions));
  add('fitAsync(X, Y, options)', badInputs(), (net, v) => net.fitAsync(anyX(v), Y, fitOptions));
  add('fitAsync(X, Y, options)', badTargets(), (net, v) => net.fitAsync(X, anyX(v), fitOptions));
  add('fitAsync(X, Y, options)', badFitOptions('fitAsync options'), (net, v) => net.fitAsync(X, Y, v as typeof fitOptions));
  add(
    'fitAsync(X, Y, options)',
    [
      { name: 'signal as a string', value: 'abort', kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
      { name: 'signal as an AbortController', value: new AbortController(), kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
      { name: 'signal = null', value: null, kind: TypeError, message: [names('fitAsync options.signal'), /AbortSignal/] },
    ],
    (net, v) => net.fitAsync(X, Y, { ...fitOptions, signal: v as AbortSignal }),
  );
  add(
    'fit(X, Y, options)',
    [{ name: "fitAsync's signal option", value: new AbortController().signal, kind: TypeError, message: [names('fit options'), /unknown option 'signal'/] }],
    (net, v) => net.fit(X, Y, { ...fitOptions, signal: v } as typeof fitOptions),
  );

  // backward's cache.
  const cacheWith = (net: ShallowNet, key: 'A1' | 'A2', value: unknown) => ({ ...net.forward(X), [key]: value as Matrix });
  add(
    'backward(X, Y, cache)',
    [
      { name: 'cache = null', value: null, kind: TypeError, message: [names('cache'), /object/] },
      { name: 'cache as an array', value: [], kind: TypeError, message: [names('cache'), /object/] },
      { name: 'cache as a string', value: 'cache', kind: TypeError, message: [names('cache'), /object/] },
    ],
    (net, v) => net.backward(X, Y, v as ReturnType<ShallowNet['forward']>),
  );
  add(
    'backward(X, Y, cache)',
    [
      ...malformedMatrix('cache.A1', n1, m),
      { name: 'cache.A1 of another shape', value: filled(n1, m - 1, 0.5), kind: RangeError, message: [names('cache.A1'), new RegExp(`\\(${n1}, ${m}\\)`)] },
      { name: 'cache.A1 holding NaN', value: withValue(filled(n1, m, 0.5), 0, NaN), kind: RangeError, message: [names('cache.A1'), /finite/] },
    ],
    (net, v) => net.backward(X, Y, cacheWith(net, 'A1', v)),
  );
  add(
    'backward(X, Y, cache)',
    [
      ...malformedMatrix('cache.A2', n2, m),
      { name: 'cache.A2 of another shape', value: filled(n2 + 1, m, 0.5), kind: RangeError, message: [names('cache.A2'), new RegExp(`\\(${n2}, ${m}\\)`)] },
      { name: 'cache.A2 holding Infinity', value: withValue(filled(n2, m, 0.5), 1, Infinity), kind: RangeError, message: [names('cache.A2'), /finite/] },
    ],
    (net, v) => net.backward(X, Y, cacheWith(net, 'A2', v)),
  );

  // update's gradients and learning rate.
  const shapes = { dW1: [n1, n0], db1: [n1, 1], dW2: [n2, n1], db2: [n2, 1] } as const;
  add(
    'update(gradients, α)',
    [
      { name: 'gradients = null', value: null, kind: TypeError, message: [names('gradients'), /object/] },
      { name: 'gradients missing', value: undefined, kind: TypeError, message: [names('gradients'), /object/] },
      { name: 'gradients as a Float64Array', value: new Float64Array(13), kind: TypeError, message: [names('gradients')] },
    ],
    (net, v) => net.update(v as ReturnType<ShallowNet['gradients']>, 0.5),
  );
  for (const [key, [rows, cols]] of Object.entries(shapes)) {
    add(
      'update(gradients, α)',
      [
        ...malformedMatrix(`gradients.${key}`, rows, cols, 0.01),
        {
          name: `gradients.${key} transposed`,
          value: filled(cols, rows, 0.01),
          kind: RangeError,
          message: [names(`gradients.${key}`), new RegExp(`\\(${rows}, ${cols}\\)`)],
        },
      ].filter((bad) => !(rows === cols && bad.name.endsWith('transposed'))),
      (net, v) => net.update({ ...net.gradients(X, Y), [key]: v as Matrix }, 0.5),
    );
  }
  for (const [key, value] of [['dW1', NaN], ['db2', Infinity], ['dW2', -Infinity]] as const) {
    cases.push({
      name: `update(gradients, α): gradients.${key} holding ${value}`,
      kind: RangeError,
      message: [/gradients/, /NaN|finite/],
      call: (net) => {
        const g = net.gradients(X, Y);
        g[key].data[0] = value;
        return net.update(g, 0.5);
      },
    });
  }
  cases.push({
    name: 'update(gradients, α): a finite update that overflows (1e300 · 1e300)',
    kind: RangeError,
    message: [/update/, /infinite|finite/],
    call: (net) => {
      const g = net.gradients(X, Y);
      g.dW1.data.fill(1e300);
      return net.update(g, 1e300);
    },
  });
  add('update(gradients, α)', badLearningRates('learningRate'), (net, v) => net.update(net.gradients(X, Y), v as number));

  add(
    'predict(X, threshold)',
    [
      { name: 'threshold as a string', value: '0.5', kind: TypeError, message: [names('threshold'), /number/] },
      { name: 'threshold = null', value: null, kind: TypeError, message: [names('threshold'), /number/] },
      { name: 'threshold = NaN', value: NaN, kind: RangeError, message: [exactly('threshold must be a number in [0, 1], got NaN')] },
      { name: 'threshold = 1.5', value: 1.5, kind: RangeError, message: [exactly('threshold must be a number in [0, 1], got 1.5')] },
      { name: 'threshold = -0.1', value: -0.1, kind: RangeError, message: [exactly('threshold must be a number in [0, 1], got -0.1')] },
    ],
    (net, v) => net.predict(X, v as number),
  );

  // evaluate, partialFit and predictClasses, on the sigmoid net.
  add('evaluate(X, Y)', badInputs(), (net, v) => net.evaluate(anyX(v), Y));
  add('evaluate(X, Y)', badTargets(), (net, v) => net.evaluate(X, anyX(v)));
  add('partialFit(X, Y, options)', badInputs(), (net, v) => net.partialFit(anyX(v), Y, { learningRate: 0.5 }));
  add('partialFit(X, Y, options)', badTargets(), (net, v) => net.partialFit(X, anyX(v), { learningRate: 0.5 }));
  add('partialFit(X, Y, options)', badPartialFitOptions(), (net, v) => net.partialFit(X, Y, v as { learningRate: number }));
  add('predictClasses(X)', badInputs(), (net, v) => net.predictClasses(anyX(v)));

  // The softmax net: its targets are probability columns, it has no threshold.
  const softmaxFit = { iterations: 3, learningRate: 0.5 };
  const withTargets: [string, (net: ShallowNet, Yh: Matrix) => unknown][] = [
    ['cost(X, Y)', (net, Yh) => net.cost(X, Yh)],
    ['evaluate(X, Y)', (net, Yh) => net.evaluate(X, Yh)],
    ['gradients(X, Y)', (net, Yh) => net.gradients(X, Yh)],
    ['backward(X, Y, cache)', (net, Yh) => net.backward(X, Yh, net.forward(X))],
    ['step(X, Y, α)', (net, Yh) => net.step(X, Yh, 0.5)],
    ['fit(X, Y, options)', (net, Yh) => net.fit(X, Yh, softmaxFit)],
    ['fitAsync(X, Y, options)', (net, Yh) => net.fitAsync(X, Yh, softmaxFit)],
    ['partialFit(X, Y, options)', (net, Yh) => net.partialFit(X, Yh, { learningRate: 0.5 })],
  ];
  for (const [entry, call] of withTargets) add(entry, badSoftmaxTargets(), (net, v) => call(net, anyX(v)), 'softmax');
  for (const method of ['fit', 'fitAsync'] as const) {
    add(
      `${method}(X, Y, options)`,
      badSoftmaxTargets(`${method} options.validationData.Y`),
      (net, v) => net[method](X, YSoftmax, { ...softmaxFit, validationData: { X, Y: anyX(v) } }),
      'softmax',
    );
  }
  add(
    'predict(X, threshold)',
    [0.5, 0, null, '0.5'].map((v) => ({
      name: `threshold = ${JSON.stringify(v)}`,
      value: v,
      kind: RangeError,
      message: [exactly(`threshold must be left out for a softmax or linear output (it applies to sigmoid outputs), got ${v === null ? 'null' : typeof v === 'string' ? `"${v}"` : v}`)],
    })),
    (net, v) => net.predict(X, v as number),
    'softmax',
  );

  // The linear net: any finite target (values outside [0, 1] train, see below), no threshold, no classes.
  for (const [entry, call] of withTargets) add(entry, badLinearTargets(), (net, v) => call(net, anyX(v)), 'linear');
  add(
    'fit(X, Y, options)',
    badLinearTargets('fit options.validationData.Y'),
    (net, v) => net.fit(X, YLinear, { ...softmaxFit, validationData: { X, Y: anyX(v) } }),
    'linear',
  );
  add(
    'predict(X, threshold)',
    [{ name: 'threshold = 0.5', value: 0.5, kind: RangeError, message: [exactly('threshold must be left out for a softmax or linear output (it applies to sigmoid outputs), got 0.5')] }],
    (net, v) => net.predict(X, v as number),
    'linear',
  );
  add(
    'predictClasses(X)',
    [{ name: 'a linear output', value: X, kind: RangeError, message: [exactly('predictClasses() must be called on a softmax or single sigmoid output (one class per example), got a linear output')] }],
    (net, v) => net.predictClasses(anyX(v)),
    'linear',
  );
  return cases;
}

describe.each(backends)('the public API rejects bad input and changes nothing (%s)', (backend) => {
  it.each(netCases())('$name', async ({ call, kind, message, head = 'sigmoid' }) => {
    const net = makeNet(backend, 7, head);
    const before = packedParameters(net);
    const error = await thrownBy(() => call(net));
    expectRejection(error, kind, message);
    expectUntouchedAndUsable(net, before, backend, head);
  });

  it.each([
    ['sigmoid', 'fit'],
    ['softmax', 'fit'],
    ['linear', 'fit'],
    ['sigmoid', 'fitAsync'],
    ['sigmoid', 'partialFit'],
  ] as const)('a fit rejected after its options were read (%s net, %s) leaves the next example order as it was', async (head, method) => {
    // batchSize > m passes readFitPlan and fails once m is known: by then a seed for the example order is chosen.
    const net = makeNet(backend, 7, head);
    const before = packedParameters(net);
    const Yh = heads[head].Y;
    const error = await thrownBy(() => net[method](X, Yh, { ...(method === 'partialFit' ? {} : { epochs: 1 }), batchSize: m + 1, learningRate: 0.5 }));
    expectRejection(error, RangeError, [names(`${method} options.batchSize`)]);
    expectUntouchedAndUsable(net, before, backend, head);
  });

  it.each(['sigmoid', 'softmax', 'linear'] as const)('the %s net accepts its own kind of targets (and its twin trains the same)', (head) => {
    // The linear net's targets lie outside [0, 1]; the softmax net's are one-hot columns.
    const net = makeNet(backend, 7, head);
    const Yh = heads[head].Y;
    expect(Number.isFinite(net.cost(X, Yh))).toBe(true);
    expect(Number.isFinite(net.evaluate(X, Yh).cost)).toBe(true);
    const result = net.fit(X, Yh, { iterations: 3, learningRate: 0.05, validationData: { X, Y: Yh } });
    expect(result.history.every((record) => Number.isFinite(record.validationCost))).toBe(true);
  });

  it('the softmax net accepts probability columns that sum to 1 within the tolerance (1e-9)', () => {
    const net = makeNet(backend, 7, 'softmax');
    const data = YSoftmax.data.slice();
    data[0] = 1 - 1e-12; // column 0 sums to 1 − 1e-12
    [0.1, 0.2, 0.7].forEach((p, i) => (data[i * m + 1] = p)); // column 1 sums to 1.0000000000000002
    const soft = { rows: YSoftmax.rows, cols: m, data };
    expect(Number.isFinite(net.cost(X, soft))).toBe(true);
    expect(Number.isFinite(net.fit(X, soft, { iterations: 2, learningRate: 0.5 }).finalCost)).toBe(true);
  });

  it('predictClasses on a net of 2 sigmoid outputs: RangeError (no one class per example)', () => {
    const net = new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: 2, seed: 7, backend });
    const error = thrownBySync(() => net.predictClasses(X));
    expectRejection(error, RangeError, [exactly('predictClasses() must be called on a softmax or single sigmoid output (one class per example), got 2 sigmoid outputs')]);
  });

  it('an already-aborted signal rejects fitAsync with TrainingAbortedError and changes nothing', async () => {
    const net = makeNet(backend);
    const before = packedParameters(net);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const error = await thrownBy(() => net.fitAsync(X, Y, { iterations: 10, learningRate: 0.5, signal: controller.signal }));
    expect(error).toBeInstanceOf(TrainingAbortedError);
    expectUntouchedAndUsable(net, before, backend, 'sigmoid');
  });

  it('a diverging step throws TrainingDivergedError and leaves the parameters as they were before it', async () => {
    const net = makeNet(backend);
    // Huge (finite) inputs and learning rate: within a few steps the cost or the update overflows.
    const wild = filled(n0, m, 1e300);
    let error: unknown = NOTHING;
    let beforeFailing = packedParameters(net);
    for (let k = 0; k < 5 && error === NOTHING; k++) {
      beforeFailing = packedParameters(net);
      error = await thrownBy(() => net.step(wild, Y, 1e300));
    }
    expect(error, describeThrown(error)).toHaveProperty('name', 'TrainingDivergedError');
    expect(bitsEqual(packedParameters(net), beforeFailing), 'the failed step changed the parameters').toBe(true);
    expect(packedParameters(net).every(Number.isFinite)).toBe(true);
  });

  it('bad arguments while fitAsync runs: NetworkBusyError or the argument error, never a change', async () => {
    const net = makeNet(backend);
    const running = net.fitAsync(X, Y, { iterations: 200_000, learningRate: 0.01, progressEvery: 100_000 });
    const error = await thrownBy(() => net.forward(null as unknown as Matrix));
    expect(error).toBeInstanceOf(NetworkBusyError);
    await running;
    expect(net.training).toBe(false);
  });

  it('every method called while fitAsync runs names itself in the NetworkBusyError (predict and predictClasses too)', async () => {
    const net = makeNet(backend, 7, 'softmax');
    const running = net.fitAsync(X, YSoftmax, { iterations: 200_000, learningRate: 0.01, progressEvery: 100_000 });
    const calls: [string, () => unknown][] = [
      ['predictProba', () => net.predictProba(X)],
      ['predict', () => net.predict(X)],
      ['predictClasses', () => net.predictClasses(X)],
      ['forward', () => net.forward(X)],
      ['cost', () => net.cost(X, YSoftmax)],
    ];
    for (const [method, call] of calls) {
      const error = await thrownBy(call);
      expect(error).toBeInstanceOf(NetworkBusyError);
      expect((error as Error).message).toMatch(new RegExp(`^cannot call ${method}\\(\\) while this network is training`));
    }
    await running;
  });

  // A matrix is read once: an object whose fields change between reads (getters)
  // must not slip past the checks with values that were never validated. Each
  // field is honest for its first `honest` reads, then lies.
  const shifty: Record<string, (honest: number) => Matrix> = {
    cols: (honest) => {
      let reads = 0;
      return { rows: n0, get cols() { return reads++ < honest ? m : 100_000; }, data: X.data.slice() };
    },
    data: (honest) => {
      let reads = 0;
      const good = X.data.slice();
      const poisoned = new Float64Array(n0 * m).fill(NaN);
      return { rows: n0, cols: m, get data() { return reads++ < honest ? good : poisoned; } };
    },
    rows: (honest) => {
      let reads = 0;
      return { get rows() { return reads++ < honest ? n0 : 1; }, cols: m, data: X.data.slice() };
    },
  };
  it.each(Object.keys(shifty))(
    'an X whose %s changes after it was checked gives a result from the checked values, or a TypeError/RangeError',
    async (field) => {
      const failures: string[] = [];
      for (const honest of [1, 2, 3, 4]) {
        for (const method of ['forward', 'predictProba', 'cost', 'step', 'fit'] as const) {
          const net = makeNet(backend);
          const X2 = shifty[field]!(honest);
          let result: unknown;
          const error = await thrownBy(() => {
            if (method === 'forward') result = net.forward(X2).A2;
            else if (method === 'predictProba') result = net.predictProba(X2);
            else if (method === 'cost') result = net.cost(X2, Y);
            else if (method === 'step') result = net.step(X2, Y, 0.5);
            else result = net.fit(X2, Y, { iterations: 3, learningRate: 0.5 }).finalCost;
          });
          const label = `${method} (${field} honest for ${honest} reads)`;
          if (error !== NOTHING) {
            if (!(error instanceof TypeError || error instanceof RangeError)) failures.push(`${label} threw ${describeThrown(error)}`);
          } else if (typeof result === 'number') {
            if (!Number.isFinite(result)) failures.push(`${label} returned ${result}`);
          } else {
            const A2 = result as Matrix;
            if (A2.rows !== n2 || A2.cols !== m || !Array.from(A2.data).every((v) => v >= 0 && v <= 1)) {
              failures.push(`${label} returned a (${A2.rows}, ${A2.cols}) matrix starting ${Array.from(A2.data.slice(0, 3))}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('an options getter that starts fitAsync on the same net makes fit throw NetworkBusyError', async () => {
    const net = makeNet(backend);
    let inner: Promise<unknown> | undefined;
    const error = await thrownBy(() =>
      net.fit(X, Y, {
        learningRate: 0.5,
        get iterations() {
          inner ??= net.fitAsync(X, Y, { iterations: 50_000, learningRate: 0.01, progressEvery: 50_000 });
          return 5;
        },
      }),
    );
    await inner;
    expect(error, describeThrown(error)).toBeInstanceOf(NetworkBusyError);
  });

  it.each([42, 'a string', undefined, null])(
    'a value thrown by onProgress (%s) comes out of fit and fitAsync unchanged',
    async (thrown) => {
      const net = makeNet(backend);
      const options = { iterations: 5, learningRate: 0.5, progressEvery: 1, onProgress: () => { throw thrown; } };
      const syncError = await thrownBy(() => net.fit(X, Y, options));
      expect(syncError, `fit: ${describeThrown(syncError)}`).toBe(thrown);
      const asyncError = await thrownBy(() => net.fitAsync(X, Y, options));
      expect(asyncError, `fitAsync: ${describeThrown(asyncError)}`).toBe(thrown);
      expect(net.training).toBe(false);
    },
  );
});
