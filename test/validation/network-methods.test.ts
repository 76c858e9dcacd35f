// Hostile input to the network's methods: every bad argument is rejected with
// a TypeError (wrong kind of value) or a RangeError (wrong value) whose
// message names the argument and says what was expected; a rejected call
// leaves the network bit for bit as it was and still able to train.
import { describe, expect, it } from 'vitest';
import { NetworkBusyError, ShallowNet, TrainingAbortedError, type Matrix } from 'shallownet';
import { filled, m, makeNet, n0, n1, n2, packedParameters, withValue, X, Y } from '../cases/fixture';
import { badFitOptions, badInputs, badLearningRates, badTargets, malformedMatrix } from '../cases/public-api';
import { describeThrown, expectRejection, names, NOTHING, thrownBy, type BadValue, type Rejection } from '../cases/rejection';
import { backends, bitsEqual } from '../helpers';

/** After a rejected call: the parameters are bit for bit those before, and the net still trains. */
function expectUntouchedAndUsable(net: ShallowNet, before: Float64Array): void {
  expect(net.training).toBe(false);
  expect(bitsEqual(packedParameters(net), before), 'the parameters changed').toBe(true);
  const cost = net.step(X, Y, 0.5);
  expect(Number.isFinite(cost)).toBe(true);
  const result = net.fit(X, Y, { iterations: 5, learningRate: 0.5 });
  expect(Number.isFinite(result.finalCost)).toBe(true);
  expect(bitsEqual(packedParameters(net), before), 'the net no longer trains').toBe(false);
}

interface NetCase extends Rejection {
  call: (net: ShallowNet) => unknown;
}

function netCases(): NetCase[] {
  const cases: NetCase[] = [];
  const add = (entry: string, bads: BadValue[], call: (net: ShallowNet, value: unknown) => unknown) => {
    for (const bad of bads) cases.push({ ...bad, name: `${entry}: ${bad.name}`, call: (net) => call(net, bad.value) });
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
      { name: 'threshold = NaN', value: NaN, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
      { name: 'threshold = 1.5', value: 1.5, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
      { name: 'threshold = -0.1', value: -0.1, kind: RangeError, message: [names('threshold'), /\[0, 1\]/] },
    ],
    (net, v) => net.predict(X, v as number),
  );
  return cases;
}

describe.each(backends)('the public API rejects bad input and changes nothing (%s)', (backend) => {
  it.each(netCases())('$name', async ({ call, kind, message }) => {
    const net = makeNet(backend);
    const before = packedParameters(net);
    const error = await thrownBy(() => call(net));
    expectRejection(error, kind, message);
    expectUntouchedAndUsable(net, before);
  });

  it('an already-aborted signal rejects fitAsync with TrainingAbortedError and changes nothing', async () => {
    const net = makeNet(backend);
    const before = packedParameters(net);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const error = await thrownBy(() => net.fitAsync(X, Y, { iterations: 10, learningRate: 0.5, signal: controller.signal }));
    expect(error).toBeInstanceOf(TrainingAbortedError);
    expectUntouchedAndUsable(net, before);
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
