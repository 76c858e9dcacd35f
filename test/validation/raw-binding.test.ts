// The raw binding (build/Release/shallownet.node), called directly: it checks
// its arguments again (the TS layer is not its only caller), so a malformed
// one is a TypeError or RangeError naming it, never an out-of-bounds read;
// a rejected call changes nothing, and the net still trains.
import { describe, expect, it } from 'vitest';
import { m, n0, n1, n2, X, Y } from '../cases/fixture';
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
  rawLoadError,
  addonPath,
  skipRaw,
  type RawConstructor,
  type RawFunctions,
  type RawNet,
} from '../cases/raw-binding';
import { describeThrown, escapeRegExp, expectRejection, names, thrownBy, thrownBySync, type BadValue, type Rejection } from '../cases/rejection';
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

  describe('new NativeNet(inputSize, hiddenSize, outputSize, activation, params)', () => {
    const args = [n0, n1, n2, 'tanh', initial] as const;
    const replace = (index: number, value: unknown) => args.map((a, k) => (k === index ? value : a));
    const cases: (Rejection & { args: unknown[] })[] = [
      ...(['inputSize', 'hiddenSize', 'outputSize'] as const).flatMap((name, index) =>
        badIntegers(name, 2 ** 31 - 1).map((bad) => ({ ...bad, args: replace(index, bad.value) })),
      ),
      ...(['softmax', 'TANH', ''] as const).map((v) => ({ name: `activation '${v}'`, args: replace(3, v), kind: RangeError, message: [names('activation'), /'tanh'/] })),
      ...([0, null, undefined, Symbol('tanh'), {}] as const).map((v) => ({ name: `activation ${String(v)}`, args: replace(3, v), kind: TypeError, message: [names('activation'), /'tanh'/] })),
      ...badArrays('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      ...nonFinite('params', count).map((bad) => ({ ...bad, args: replace(4, bad.value) })),
      { name: 'no arguments', args: [], kind: TypeError, message: [names('inputSize')] },
      { name: 'sizes 2**31 - 1 (product overflows)', args: [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e9 × 1e9', args: [1e9, 1e9, 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
      { name: 'sizes 1e6 × 1e6 with 13 params', args: [1e6, 1e6, 1, 'tanh', initial], kind: RangeError, message: [/hiddenSize|inputSize/] },
    ];
    it.each(cases)('$name', ({ args: given, kind, message }) => {
      expectRejection(thrownBySync(() => new NativeNet(...given)), kind, message);
    });

    it('called without new: TypeError', () => {
      // Not an argument error, so not in "<name> must be <expected>, got <actual>" form.
      const error = thrownBySync(() => (NativeNet as unknown as (...a: unknown[]) => unknown)(n0, n1, n2, 'tanh', initial));
      expect((error as object)?.constructor, describeThrown(error)).toBe(TypeError);
      expect((error as Error).message).toMatch(/new/);
    });
  });

  describe('NativeNet methods', () => {
    const cases: (Rejection & { call: (net: RawNet) => unknown })[] = [];
    const add = (method: string, bads: BadValue[], call: (net: RawNet, value: unknown) => unknown) => {
      for (const bad of bads) cases.push({ ...bad, name: `${method}: ${bad.name}`, call: (net) => call(net, bad.value) });
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
    add('update(grads, lr)', badArrays('grads', count, 0.01), (net, v) => net.update!(v, 0.5));
    add('update(grads, lr)', badRates('learningRate'), (net, v) => net.update!(new Float64Array(count).fill(0.01), v));
    for (const method of ['gradients', 'cost', 'step', 'fit', 'fitAsync'] as const) {
      const tail = method === 'gradients' || method === 'cost' ? [] : method === 'step' ? [0.5] : [options];
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
    for (const method of ['fit', 'fitAsync'] as const) {
      add(`${method}(X, Y, m, options)`, badOptions(), (net, v) => net[method]!(Xf, Yf, m, v));
      add(`${method}(X, Y, m, options, onProgress)`, badCallbacks, (net, v) => net[method]!(Xf, Yf, m, options, v));
    }

    it.each(cases)('$name', async ({ call, kind, message }) => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      const error = await thrownBy(() => call(net));
      expectRejection(error, kind, message);
      expect(net.isTraining!()).toBe(false);
      expect(bitsEqual(net.parameters!() as Float64Array, before), 'the parameters changed').toBe(true);
      // Still trains.
      const outcome = net.fit!(Xf, Yf, m, options) as { status: string; finalCost: number };
      expect(outcome.status).toBe('completed');
      expect(bitsEqual(net.parameters!() as Float64Array, before)).toBe(false);
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

    it('update with NaN gradients returns false and changes nothing', () => {
      const net = make();
      const before = net.parameters!() as Float64Array;
      expect(net.update!(new Float64Array(count).fill(NaN), 0.5)).toBe(false);
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
      const methods = ['parameters', 'setParameters', 'forward', 'predictProba', 'gradients', 'backward', 'update', 'cost', 'step', 'fit', 'fitAsync', 'abort'];
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
        for (const key of ['maxDimension', 'maxParameters', 'maxThreads', 'divergedCostPerOutput']) {
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
