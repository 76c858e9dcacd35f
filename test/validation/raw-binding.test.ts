// The raw binding (build/Release/shallownet.node), called directly: it checks
// its arguments again (the TS layer is not its only caller), so a malformed
// one is a TypeError or RangeError naming it, never an out-of-bounds read;
// a rejected call changes nothing, and the net still trains.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { classes, m, n0, n1, n2, X, Y, YLinear, YSoftmax } from '../cases/fixture';
import {
  badArrays,
  badCallbacks,
  badIntegers,
  badOptions,
  badRates,
  badTargetsRaw,
  nonFinite,
  parameterCount,
  raw,
  RAW_FIT_OPTIONS,
  rawFitOptions,
  rawLoadError,
  addonPath,
  skipRaw,
  type RawConstructor,
  type RawFunctions,
  type RawNet,
} from '../cases/raw-binding';
import { describeThrown, escapeRegExp, exactly, expectRejection, names, thrownBy, thrownBySync, type BadValue, type Rejection } from '../cases/rejection';
import { bitsEqual, nativeAvailable } from '../helpers';

describe.skipIf(skipRaw)('the raw binding', () => {
  it('loads', () => {
    expect(raw, `the addon at ${addonPath} does not load: ${String(rawLoadError)}`).toBeDefined();
    expect(nativeAvailable || process.env.CI !== 'true').toBe(true);
  });
  if (raw === undefined) return;
  const binding = raw;
  const NativeNet = binding.NativeNet as unknown as RawConstructor;
  const count = parameterCount(n0, n1, n2);
  const initial = new Float64Array(count).map((_, k) => Math.sin(k + 1) * 0.3);
  const Xf = X.data;
  const Yf = Y.data;
  const options = RAW_FIT_OPTIONS;
  const make = () => new NativeNet(n0, n1, n2, 'tanh', initial.slice(), 'sigmoid');
  // The other output heads' nets: a softmax over `classes` outputs, a linear output.
  const softmaxCount = parameterCount(n0, n1, classes);
  const makeHead = (head: 'sigmoid' | 'softmax' | 'linear') =>
    head === 'softmax'
      ? new NativeNet(n0, n1, classes, 'tanh', new Float64Array(softmaxCount).map((_, k) => Math.sin(k + 1) * 0.3), 'softmax')
      : head === 'linear'
        ? new NativeNet(n0, n1, 1, 'tanh', initial.slice(), 'linear')
        : make();

  describe('new NativeNet(inputSize, hiddenSize, outputSize, activation, params, outputActivation)', () => {
    const args = [n0, n1, n2, 'tanh', initial, 'sigmoid'] as const;
    const outputChoices = "one of 'sigmoid', 'softmax', 'linear'";
    const replace = (index: number, value: unknown) => args.map((a, k) => (k === index ? value : a));
    const cases: (Rejection & { args: unknown[] })[] = [
      ...(['inputSize', 'hiddenSize', 'outputSize'] as const).flatMap((name, index) =>
        badIntegers(name, 2 ** 31 - 1).map((bad) => ({ ...bad, args: replace(index, bad.value) })),
      ),
      ...(['softmax', 'TANH', ''] as const).map((v) => ({ name: `activation '${v}'`, args: replace(3, v), kind: RangeError, message: [names('activation'), /'tanh'/] })),
      ...([0, null, undefined, Symbol('tanh'), {}] as const).map((v) => ({ name: `activation ${String(v)}`, args: replace(3, v), kind: TypeError, message: [names('activation'), /'tanh'/] })),
      ...badArrays('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      ...nonFinite('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      ...(['tanh', 'Softmax', 'relu', ''] as const).map((v) => ({
        name: `outputActivation '${v}'`,
        args: replace(5, v),
        kind: RangeError,
        message: [exactly(`outputActivation must be ${outputChoices}, got '${v}'`)],
      })),
      ...([[undefined, 'undefined'], [null, 'null'], [0, '0'], [{}, 'an object'], [Symbol('softmax'), 'a symbol']] as const).map(([v, shown]) => ({
        name: `outputActivation = ${shown}${v === undefined ? ' (the 6th argument missing)' : ''}`,
        args: replace(5, v),
        kind: TypeError,
        message: [exactly(`outputActivation must be ${outputChoices}, got ${shown}`)],
      })),
      {
        name: 'five arguments (before outputActivation existed)',
        args: args.slice(0, 5),
        kind: TypeError,
        message: [exactly(`outputActivation must be ${outputChoices}, got undefined`)],
      },
      {
        name: "outputActivation 'softmax' with outputSize 1",
        args: replace(5, 'softmax'),
        kind: RangeError,
        message: [exactly('outputSize must be at least 2 for a softmax output (one row per class), got 1')],
      },
      { name: 'no arguments', args: [], kind: TypeError, message: [names('inputSize')] },
      { name: 'sizes 2**31 - 1 (product overflows)', args: [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1, 'tanh', initial, 'sigmoid'], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e9 × 1e9', args: [1e9, 1e9, 1, 'tanh', initial, 'sigmoid'], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e6 × 1e6 with 13 params', args: [1e6, 1e6, 1, 'tanh', initial, 'sigmoid'], kind: RangeError, message: [/hiddenSize|inputSize/] },
    ];
    it.each(cases)('$name', ({ args: given, kind, message }) => {
      expectRejection(thrownBySync(() => new NativeNet(...given)), kind, message);
    });

    it('called without new: TypeError', () => {
      // Not an argument error, so not in "<name> must be <expected>, got <actual>" form.
      const error = thrownBySync(() => (NativeNet as unknown as (...a: unknown[]) => unknown)(n0, n1, n2, 'tanh', initial, 'sigmoid'));
      expect((error as object)?.constructor, describeThrown(error)).toBe(TypeError);
      expect((error as Error).message).toMatch(/new/);
    });
  });

  describe('NativeNet methods', () => {
    type Head = 'sigmoid' | 'softmax' | 'linear';
    const cases: (Rejection & { call: (net: RawNet) => unknown; head?: Head })[] = [];
    const add = (method: string, bads: BadValue[], call: (net: RawNet, value: unknown) => unknown, head?: Head) => {
      for (const bad of bads) cases.push({ ...bad, name: `${head === undefined ? '' : `${head} net, `}${method}: ${bad.name}`, call: (net) => call(net, bad.value), head });
    };
    const A1 = new Float64Array(n1 * m).fill(0.25);
    const A2 = new Float64Array(n2 * m).fill(0.5);

    add('setParameters(p)', [...badArrays('params', count), ...nonFinite('params', count)], (net, v) => net.setParameters!(v));
    for (const method of ['forward', 'predictProba'] as const) {
      add(`${method}(X, m)`, [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net[method]!(v, m));
      add(`${method}(X, m)`, badIntegers('m', 2 ** 31 - 1), (net, v) => net[method]!(Xf, v));
      add(
        `${method}(X, m)`,
        [
          { name: 'm = 2**31 - 1 with a short X', value: 2 ** 31 - 1, kind: RangeError, message: [names('X')] },
          { name: 'm one more than X holds', value: m + 1, kind: RangeError, message: [names('X')] },
        ],
        (net, v) => net[method]!(Xf, v),
      );
    }
    add('backward(X, Y, A1, A2, m)', [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net.backward!(v, Yf, A1, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('Y', n2 * m, 1), ...badTargetsRaw(n2 * m)], (net, v) => net.backward!(Xf, v, A1, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('A1', n1 * m), ...nonFinite('A1', n1 * m)], (net, v) => net.backward!(Xf, Yf, v, A2, m));
    add('backward(X, Y, A1, A2, m)', [...badArrays('A2', n2 * m), ...nonFinite('A2', n2 * m)], (net, v) => net.backward!(Xf, Yf, A1, v, m));
    add('backward(X, Y, A1, A2, m)', badIntegers('m', 2 ** 31 - 1), (net, v) => net.backward!(Xf, Yf, A1, A2, v));
    add('update(grads, lr)', [...badArrays('grads', count, 0.01), ...nonFinite('grads', count)], (net, v) => net.update!(v, 0.5));
    add('update(grads, lr)', badRates('learningRate'), (net, v) => net.update!(new Float64Array(count).fill(0.01), v));
    for (const method of ['gradients', 'cost', 'evaluate', 'step', 'fit', 'fitAsync'] as const) {
      const tail = method === 'gradients' || method === 'cost' || method === 'evaluate' ? [] : method === 'step' ? [0.5] : [options];
      add(`${method}(X, Y, m, …)`, [...badArrays('X', n0 * m), ...nonFinite('X', n0 * m)], (net, v) => net[method]!(v, Yf, m, ...tail));
      add(`${method}(X, Y, m, …)`, [...badArrays('Y', n2 * m, 1), ...badTargetsRaw(n2 * m)], (net, v) => net[method]!(Xf, v, m, ...tail));
      add(`${method}(X, Y, m, …)`, badIntegers('m', 2 ** 31 - 1), (net, v) => net[method]!(Xf, Yf, v, ...tail));
    }
    add(
      'gradients(X, Y, m)',
      [
        { name: 'm = 2**31 - 1 with a short X', value: 2 ** 31 - 1, kind: RangeError, message: [names('X')] },
        { name: 'm one more than X holds', value: m + 1, kind: RangeError, message: [names('X')] },
      ],
      (net, v) => net.gradients!(Xf, Yf, v),
    );
    add('step(X, Y, m, lr)', badRates('learningRate'), (net, v) => net.step!(Xf, Yf, m, v));
    add(
      'evaluate(X, Y, m)',
      [
        { name: 'm = 2**31 - 1 with a short X', value: 2 ** 31 - 1, kind: RangeError, message: [names('X')] },
        { name: 'm one more than X holds', value: m + 1, kind: RangeError, message: [exactly(`X must be inputSize * m = ${n0 * (m + 1)} values long, got ${n0 * m}`)] },
      ],
      (net, v) => net.evaluate!(Xf, Yf, v),
    );
    // Validation examples: validationX (n0 * validationM), validationY (n2 * validationM) and validationM, all three or none.
    const mv = m - 1;
    const Xv = Xf.slice(0, n0 * mv);
    const Yv = Yf.slice(0, n2 * mv);
    for (const method of ['fit', 'fitAsync'] as const) {
      add(`${method}(X, Y, m, options)`, badOptions(), (net, v) => net[method]!(Xf, Yf, m, v));
      add(`${method}(X, Y, m, options, onProgress)`, badCallbacks, (net, v) => net[method]!(Xf, Yf, m, options, v));
      // Rules that need m or the validation examples, as the TS layer's (lib/options.ts forExamples, readFitPlan).
      add(
        `${method}(X, Y, m, options)`,
        [
          {
            name: 'options.batchSize = m + 1',
            value: rawFitOptions({ batchSize: m + 1 }),
            kind: RangeError,
            message: [exactly(`options.batchSize must be an integer from 1 to m = ${m} (the training examples), got ${m + 1}`)],
          },
          {
            name: 'options.batchSize = 2**31 - 1',
            value: rawFitOptions({ batchSize: 2 ** 31 - 1 }),
            kind: RangeError,
            message: [exactly(`options.batchSize must be an integer from 1 to m = ${m} (the training examples), got ${2 ** 31 - 1}`)],
          },
          {
            name: 'options.patience = 2 without validation examples',
            value: rawFitOptions({ patience: 2 }),
            kind: RangeError,
            message: [exactly('options.patience must be 0 without validationX, validationY and validationM (early stopping watches the validation cost), got 2')],
          },
        ],
        (net, v) => net[method]!(Xf, Yf, m, v),
      );
      const entry = `${method}(X, Y, m, options, onProgress, validationX, validationY, validationM)`;
      const validating = (x: unknown, y: unknown, k: unknown) => (net: RawNet) => net[method]!(Xf, Yf, m, options, undefined, x, y, k);
      add(entry, [...badArrays('validationX', n0 * mv), ...nonFinite('validationX', n0 * mv)], (net, v) => validating(v, Yv, mv)(net));
      add(entry, [...badArrays('validationY', n2 * mv, 1), ...badTargetsRaw(n2 * mv, 'validationY')], (net, v) => validating(Xv, v, mv)(net));
      add(entry, badIntegers('validationM', 2 ** 31 - 1), (net, v) => validating(Xv, Yv, v)(net));
      add(
        entry,
        [
          { name: 'validationX without validationY and validationM', value: [Xv, undefined, undefined], kind: TypeError, message: [exactly('validationM must be a number, got undefined')] },
          { name: 'validationX and validationM without validationY', value: [Xv, undefined, mv], kind: TypeError, message: [exactly('validationY must be a Float64Array, got undefined')] },
          { name: 'validationX and validationY without validationM', value: [Xv, Yv, undefined], kind: TypeError, message: [exactly('validationM must be a number, got undefined')] },
          { name: 'validationY and validationM without validationX', value: [undefined, Yv, mv], kind: TypeError, message: [exactly('validationX must be a Float64Array, got undefined')] },
          { name: 'validationM alone', value: [undefined, undefined, mv], kind: TypeError, message: [exactly('validationX must be a Float64Array, got undefined')] },
          { name: 'validationY alone', value: [undefined, Yv, undefined], kind: TypeError, message: [exactly('validationM must be a number, got undefined')] },
          { name: 'null for all three', value: [null, null, null], kind: TypeError, message: [exactly('validationM must be a number, got null')] },
          {
            name: 'validationM one more than the arrays hold',
            value: [Xv, Yv, mv + 1],
            kind: RangeError,
            message: [exactly(`validationX must be inputSize * validationM = ${n0 * (mv + 1)} values long, got ${n0 * mv}`)],
          },
          {
            name: 'validationY one value short',
            value: [Xv, Yv.subarray(1), mv],
            kind: RangeError,
            message: [exactly(`validationY must be outputSize * validationM = ${n2 * mv} values long, got ${n2 * mv - 1}`)],
          },
          {
            name: "validationM = m with the training set's X and a short validationY",
            value: [Xf, Yv, m],
            kind: RangeError,
            message: [exactly(`validationY must be outputSize * validationM = ${n2 * m} values long, got ${n2 * mv}`)],
          },
        ],
        (net, v) => validating(...(v as [unknown, unknown, unknown]))(net),
      );
    }

    // The softmax net: Y, and validationY, must be probability columns.
    const softmaxY = YSoftmax.data;
    const column = (sum: string, j: number) => [exactly(`Y must be probability columns summing to 1 (targets of a softmax output; one-hot for labels), got column ${j} summing to ${sum}`)];
    const softmaxBad: BadValue[] = [
      { name: 'Y with a column of zeros', value: Float64Array.from(softmaxY, (v, k) => (k % m === 1 ? 0 : v)), kind: RangeError, message: column('0', 1) },
      { name: 'Y with a column summing to 0.9', value: Float64Array.from(softmaxY, (v, k) => (k === 2 * m + 3 ? 0.9 : v)), kind: RangeError, message: column('0.9', 3) },
      { name: 'Y all ones', value: new Float64Array(classes * m).fill(1), kind: RangeError, message: column('3', 0) },
      {
        name: 'Y with a column 1e-8 over 1 (past the tolerance)',
        value: Float64Array.from(softmaxY, (v, k) => (k === 2 ? 0.5 : k === m + 2 ? 0.5 + 1e-8 : v)),
        kind: RangeError,
        message: column('1.00000001', 2),
      },
      ...badTargetsRaw(classes * m),
      ...badArrays('Y', classes * m, 0),
    ];
    for (const method of ['gradients', 'cost', 'evaluate', 'step', 'fit', 'fitAsync'] as const) {
      const tail = method === 'gradients' || method === 'cost' || method === 'evaluate' ? [] : method === 'step' ? [0.5] : [options];
      add(`${method}(X, Y, m, …)`, softmaxBad, (net, v) => net[method]!(Xf, v, m, ...tail), 'softmax');
    }
    add('backward(X, Y, A1, A2, m)', softmaxBad.slice(0, 3), (net, v) => net.backward!(Xf, v, A1, new Float64Array(classes * m).fill(1 / classes), m), 'softmax');
    for (const method of ['fit', 'fitAsync'] as const) {
      add(
        `${method}(…, validationX, validationY, validationM)`,
        [
          {
            name: 'validationY with a column summing to 2',
            value: Float64Array.from(softmaxY, (v, k) => (k === 2 ? 1 : v)),
            kind: RangeError,
            message: [exactly('validationY must be probability columns summing to 1 (targets of a softmax output; one-hot for labels), got column 2 summing to 2')],
          },
        ],
        (net, v) => net[method]!(Xf, softmaxY, m, options, undefined, Xf, v, m),
        'softmax',
      );
    }
    // The linear net: any finite target, nothing else.
    const finite = (where: string, name = 'Y') => [exactly(`${name} must be finite everywhere (no NaN or ±Infinity), got ${name}${where}`)];
    const linearBad: BadValue[] = [
      { name: 'Y holding NaN', value: Float64Array.from(YLinear.data, (v, k) => (k === 1 ? NaN : v)), kind: RangeError, message: finite('[0][1] = NaN') },
      { name: 'Y holding -Infinity', value: Float64Array.from(YLinear.data, (v, k) => (k === 3 ? -Infinity : v)), kind: RangeError, message: finite('[0][3] = -Infinity') },
      ...badArrays('Y', m, 3),
    ];
    for (const method of ['gradients', 'cost', 'evaluate', 'step', 'fit', 'fitAsync'] as const) {
      const tail = method === 'gradients' || method === 'cost' || method === 'evaluate' ? [] : method === 'step' ? [0.5] : [options];
      add(`${method}(X, Y, m, …)`, linearBad, (net, v) => net[method]!(Xf, v, m, ...tail), 'linear');
    }
    for (const method of ['fit', 'fitAsync'] as const) {
      add(
        `${method}(…, validationX, validationY, validationM)`,
        [{ name: 'validationY holding Infinity', value: Float64Array.from(YLinear.data, (v, k) => (k === 2 ? Infinity : v)), kind: RangeError, message: finite('[0][2] = Infinity', 'validationY') }],
        (net, v) => net[method]!(Xf, YLinear.data, m, options, undefined, Xf, v, m),
        'linear',
      );
    }

    const headTargets = { sigmoid: Yf, softmax: softmaxY, linear: YLinear.data };
    it.each(cases)('$name', async ({ call, kind, message, head = 'sigmoid' }) => {
      const net = makeHead(head);
      const before = net.parameters!() as Float64Array;
      const error = await thrownBy(() => call(net));
      expectRejection(error, kind, message);
      expect(net.isTraining!()).toBe(false);
      expect(bitsEqual(net.parameters!() as Float64Array, before), 'the parameters changed').toBe(true);
      // Still trains.
      const outcome = net.fit!(Xf, headTargets[head], m, rawFitOptions({ learningRate: head === 'linear' ? 0.05 : 0.5 })) as { status: string; finalCost: number };
      expect(outcome.status).toBe('completed');
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(false);
    });

    it.each(['sigmoid', 'softmax', 'linear'] as const)('the %s net takes its own kind of targets, with validation examples', (head) => {
      // The linear net's lie outside [0, 1]; the softmax net's are one-hot columns.
      const net = makeHead(head);
      const Yh = headTargets[head];
      const outcome = net.fit!(Xf, Yh, m, rawFitOptions({ learningRate: 0.05, patience: 2 }), undefined, Xf, Yh, m) as { status: string; history: Float64Array };
      expect(['completed', 'stoppedEarly']).toContain(outcome.status);
      // Five numbers per record; validationCost (the 4th) is there.
      expect(outcome.history.length % 5).toBe(0);
      expect(Number.isFinite(outcome.history[3])).toBe(true);
      const score = net.evaluate!(Xf, Yh, m) as { cost: number; metric: number };
      expect(Number.isFinite(score.cost) && Number.isFinite(score.metric)).toBe(true);
    });

    describe('fitAsync: a softmax target column far into a large Y, checked in pieces or in place, rejects and changes nothing', () => {
      // 3 × 200 000 targets: past a piece (2**19 values), so the training thread copies and checks them.
      const big = 200_000;
      const bigX = new Float64Array(n0 * big).map((_, k) => Math.sin(k));
      const targets = (shared: boolean, bad: boolean) => {
        const data = shared ? new Float64Array(new SharedArrayBuffer(8 * classes * big)) : new Float64Array(classes * big);
        for (let j = 0; j < big; j++) data[(j % classes) * big + j] = 1;
        if (bad) data[((big - 1) % classes) * big + big - 1] = 0.25; // the last column sums to 0.25
        return data;
      };
      const column = (name: string) =>
        exactly(`${name} must be probability columns summing to 1 (targets of a softmax output; one-hot for labels), got column ${big - 1} summing to 0.25`);
      it.each([
        { name: 'Y copied in pieces', shared: false, validation: false },
        { name: 'Y in a SharedArrayBuffer', shared: true, validation: false },
        { name: 'validationY copied in pieces', shared: false, validation: true },
        { name: 'validationY in a SharedArrayBuffer', shared: true, validation: true },
      ])('$name', async ({ shared, validation }) => {
        const net = makeHead('softmax');
        const before = net.parameters!() as Float64Array;
        const call = () =>
          validation
            ? net.fitAsync!(bigX, targets(false, false), big, rawFitOptions({ iterations: 1, batchSize: big }), undefined, bigX, targets(shared, true), big)
            : net.fitAsync!(bigX, targets(shared, true), big, rawFitOptions({ iterations: 1, batchSize: big }));
        expectRejection(await thrownBy(call), RangeError, [column(validation ? 'validationY' : 'Y')]);
        expect(net.isTraining!()).toBe(false);
        expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(true);
      });
    });

    it('gradients(X, Y, m) equals backward(X, Y, A1, A2, m) after forward(X, m), and changes nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      const packed = net.gradients!(Xf, Yf, m) as Float64Array;
      const cache = net.forward!(Xf, m) as { A1: Float64Array; A2: Float64Array };
      const reference = net.backward!(Xf, Yf, cache.A1, cache.A2, m) as Float64Array;
      expect(packed).toBeInstanceOf(Float64Array);
      expect(packed.length).toBe(count);
      expect(Array.from(packed)).toEqual(Array.from(reference));
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(true);
    });

    it('update whose result would overflow returns false and changes nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      expect(net.update!(new Float64Array(count).fill(1e300), 1e300)).toBe(false);
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(true);
    });

    it('abort() and parameters() ignore extra arguments and change nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      for (const junk of [undefined, null, 1, 'x', {}, [], NaN, 1n, Symbol('s'), () => 1]) {
        expect(net.abort!(junk, junk)).toBeUndefined();
        expect(bitsEqual(net.parameters!(junk) as Float64Array, before)).toBe(true);
      }
      // A fit started after a stray abort() runs to completion.
      expect((net.fit!(Xf, Yf, m, options) as { status: string }).status).toBe('completed');
    });

    it('methods called on something that is not a NativeNet: TypeError', () => {
      const methods = ['parameters', 'setParameters', 'forward', 'predictProba', 'gradients', 'backward', 'update', 'cost', 'evaluate', 'step', 'fit', 'fitAsync', 'abort'];
      const proto = NativeNet.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const method of methods) {
        for (const receiver of [{}, null, undefined, NativeNet.prototype, make]) {
          const error = thrownBySync(() => proto[method]!.call(receiver, Xf, m));
          expect((error as object)?.constructor, `${method} on ${String(receiver)}: ${describeThrown(error)}`).toBe(TypeError);
        }
      }
    });

    it('isTraining called on something that is not a NativeNet: TypeError', () => {
      const isTraining = (NativeNet.prototype as unknown as { isTraining: () => boolean }).isTraining;
      for (const receiver of [{}, NativeNet.prototype]) {
        const error = thrownBySync(() => isTraining.call(receiver));
        expect((error as object)?.constructor, describeThrown(error)).toBe(TypeError);
      }
    });

    it('messages show the received number as JavaScript would (NaN, 2147483648, 1.5)', () => {
      const net = make();
      for (const [value, shown] of [[NaN, 'NaN'], [2 ** 31, '2147483648'], [1.5, '1.5'], [Infinity, 'Infinity'], [1e-7, '1e-7']] as const) {
        const error = thrownBySync(() => net.forward!(Xf, value));
        expect((error as Error).message).toMatch(new RegExp(`\\b${escapeRegExp(shown)}$`));
      }
    });

    it("fit's onProgress reports free their handles as they go: 500 000 reports leave the old space as it was", () => {
      // Without a handle scope per report, each report's numbers stay alive
      // until fit() returns (about 15 MB of old space here, 150 MB for 3e6 reports).
      const reports = 500_000;
      const oldSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
      let first = 0;
      let last = 0;
      make().fit!(Xf, Yf, m, rawFitOptions({ iterations: reports, progressEvery: 1, learningRate: 0.01 }), (iteration: number) => {
        if (iteration === 1000) first = oldSpace();
        if (iteration === reports - 1) last = oldSpace();
      });
      expect(first).toBeGreaterThan(0);
      expect(last - first).toBeLessThan(4e6);
    });

    it.each([42, 'a string', undefined, null])('a value thrown by onProgress (%s) comes out of fit and fitAsync unchanged', async (thrown) => {
      const net = make();
      const syncError = await thrownBy(() => net.fit!(Xf, Yf, m, options, () => { throw thrown; }));
      expect(syncError, `fit: ${describeThrown(syncError)}`).toBe(thrown);
      const asyncError = await thrownBy(() => net.fitAsync!(Xf, Yf, m, options, () => { throw thrown; }));
      expect(asyncError, `fitAsync: ${describeThrown(asyncError)}`).toBe(thrown);
      expect(net.isTraining!()).toBe(false);
    });
  });

  describe('nativeInfo(), setThreads(n), dgemmProbe(size, repeats)', () => {
    const b = binding as unknown as RawFunctions;
    it('nativeInfo() ignores arguments and reports its fields', () => {
      for (const junk of [undefined, null, 5, 'x']) {
        const info = b.nativeInfo!(junk) as Record<string, unknown>;
        expect(typeof info.blas).toBe('string');
        expect(typeof info.blasCore).toBe('string');
        expect(Number.isInteger(info.threads)).toBe(true);
        expect(info.napiVersion).toBe(8);
        expect(typeof info.simd).toBe('string');
        expect(['avx512', 'avx2', 'baseline', 'neon']).toContain(info.simd);
        expect(info.limits).toBeTypeOf('object');
        expect(info.limits).not.toBeNull();
        const limits = info.limits as Record<string, unknown>;
        for (const key of ['maxDimension', 'maxParameters', 'maxThreads', 'divergedCostPerOutput', 'bytesPerRecord', 'probabilitySumTolerance']) {
          expect(typeof limits[key], `limits.${key}`).toBe('number');
          expect(limits[key] as number, `limits.${key}`).toBeGreaterThan(0);
        }
      }
    });
    const cases: (Rejection & { call: () => unknown })[] = [
      ...badIntegers('threads', 1024).map((bad) => ({ ...bad, call: () => b.setThreads!(bad.value) })),
      ...badIntegers('size', 8192).map((bad) => ({ ...bad, call: () => b.dgemmProbe!(bad.value, 1) })),
      ...badIntegers('repeats', 1000).map((bad) => ({ ...bad, call: () => b.dgemmProbe!(4, bad.value) })),
    ];
    it.each(cases)('$name', ({ call, kind, message }) => {
      const threads = (b.nativeInfo!() as { threads: number }).threads;
      expectRejection(thrownBySync(call), kind, message);
      expect((b.nativeInfo!() as { threads: number }).threads).toBe(threads);
    });
    it('dgemmProbe(8, 2) returns a positive time', () => {
      const seconds = b.dgemmProbe!(8, 2) as number;
      expect(seconds).toBeGreaterThan(0);
      expect(Number.isFinite(seconds)).toBe(true);
    });
  });
});
