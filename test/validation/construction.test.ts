// Making a network: new ShallowNet(options), ShallowNet.fromParameters and
// ShallowNet.fromJSON reject every malformed argument with a TypeError or
// RangeError whose message names it and says what was expected.
import { describe, expect, it } from 'vitest';
import { ShallowNet } from 'shallownet';
import { filled, makeNet, n0, n1, n2, withValue } from '../cases/fixture';
import { malformedMatrix } from '../cases/public-api';
import { exactly, expectRejection, names, thrownBySync, type BadValue, type ErrorKind } from '../cases/rejection';
import { backends, bitsEqual } from '../helpers';

describe.each(backends)('new ShallowNet(options) (%s)', (backend) => {
  const valid = { inputSize: 2, hiddenSize: 3, backend };
  const size = (key: string, value: unknown, kind: ErrorKind, label = String(value)): BadValue => ({
    name: `${key} = ${label}`,
    value: { ...valid, [key]: value },
    kind,
    message: [names(key), kind === TypeError ? /number/ : /integer/],
  });
  const tooMany = /^the parameter count of inputSize = \d+, hiddenSize = \d+, outputSize = \d+ must be at most \d+/;
  const cases: BadValue[] = [
    { name: 'no options', value: undefined, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options = null', value: null, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options as an array', value: [2, 3], kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: 'options as a number', value: 2, kind: TypeError, message: [names('ShallowNet options'), /object/] },
    { name: "unknown option 'iteration'", value: { ...valid, iteration: 3 }, kind: TypeError, message: [/unknown option 'iteration'/] },
    { name: "unknown option 'activation' (it is hiddenActivation)", value: { ...valid, activation: 'relu' }, kind: TypeError, message: [/unknown option 'activation'/] },
    ...['inputSize', 'hiddenSize', 'outputSize'].flatMap((key) => [
      ...(key === 'outputSize' ? [] : [size(key, undefined, TypeError, 'missing')]),
      size(key, 0, RangeError),
      size(key, -1, RangeError),
      size(key, 1.5, RangeError),
      size(key, NaN, RangeError),
      size(key, Infinity, RangeError),
      size(key, 2 ** 31, RangeError, '2**31'),
      size(key, 1e300, RangeError),
      size(key, '2', TypeError, "'2'"),
      size(key, 2n, TypeError, '2n'),
      size(key, null, TypeError),
      size(key, [2], TypeError, '[2]'),
    ]),
    {
      name: 'inputSize = hiddenSize = 1e9 (1e18 parameters)',
      value: { ...valid, inputSize: 1e9, hiddenSize: 1e9 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/, tooMany],
    },
    {
      name: 'all sizes 2**31 - 1',
      value: { ...valid, inputSize: 2 ** 31 - 1, hiddenSize: 2 ** 31 - 1, outputSize: 2 ** 31 - 1 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/, tooMany],
    },
    {
      name: 'inputSize = 1e5, hiddenSize = 1e5 (1e10 parameters)',
      value: { ...valid, inputSize: 1e5, hiddenSize: 1e5 },
      kind: RangeError,
      message: [/inputSize/, /hiddenSize/, tooMany],
    },
    { name: "hiddenActivation 'softmax'", value: { ...valid, hiddenActivation: 'softmax' }, kind: RangeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: "hiddenActivation 'Tanh' (case)", value: { ...valid, hiddenActivation: 'Tanh' }, kind: RangeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation as a number', value: { ...valid, hiddenActivation: 0 }, kind: TypeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation as a function', value: { ...valid, hiddenActivation: Math.tanh }, kind: TypeError, message: [names('hiddenActivation'), /'tanh'/] },
    { name: 'hiddenActivation = null', value: { ...valid, hiddenActivation: null }, kind: TypeError, message: [names('hiddenActivation')] },
    { name: "backend 'gpu'", value: { ...valid, backend: 'gpu' }, kind: RangeError, message: [names('backend'), /'native'/] },
    { name: "backend 'Native' (case)", value: { ...valid, backend: 'Native' }, kind: RangeError, message: [names('backend'), /'native'/] },
    { name: 'backend as a number', value: { ...valid, backend: 1 }, kind: TypeError, message: [names('backend'), /'native'/] },
    { name: 'backend = null', value: { ...valid, backend: null }, kind: TypeError, message: [names('backend')] },
    { name: 'seed = -1', value: { ...valid, seed: -1 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = 1.5', value: { ...valid, seed: 1.5 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = 2**32', value: { ...valid, seed: 2 ** 32 }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: 'seed = NaN', value: { ...valid, seed: NaN }, kind: RangeError, message: [names('seed'), /integer/] },
    { name: "seed = '1'", value: { ...valid, seed: '1' }, kind: TypeError, message: [names('seed'), /number/] },
    { name: 'seed = null', value: { ...valid, seed: null }, kind: TypeError, message: [names('seed'), /number/] },
    ...(['tanh', 'Softmax', 'relu', ''] as const).map((v) => ({
      name: `outputActivation '${v}'`,
      value: { ...valid, outputActivation: v },
      kind: RangeError,
      message: [exactly(`outputActivation must be one of 'sigmoid', 'softmax', 'linear', got '${v}'`)],
    })),
    ...([[0, '0'], [null, 'null'], [true, 'true'], [['softmax'], 'an Array of length 1']] as const).map(([v, shown]) => ({
      name: `outputActivation = ${shown}`,
      value: { ...valid, outputActivation: v },
      kind: TypeError,
      message: [exactly(`outputActivation must be one of 'sigmoid', 'softmax', 'linear', got ${shown}`)],
    })),
    {
      name: "outputActivation 'softmax' with outputSize 1 (the default)",
      value: { ...valid, outputActivation: 'softmax' },
      kind: RangeError,
      message: [exactly('outputSize must be at least 2 for a softmax output (one row per class), got 1')],
    },
    {
      name: "outputActivation 'softmax' with outputSize 1 (given)",
      value: { ...valid, outputSize: 1, outputActivation: 'softmax' },
      kind: RangeError,
      message: [exactly('outputSize must be at least 2 for a softmax output (one row per class), got 1')],
    },
    {
      name: "outputActivation 'softmax' with outputSize 0 (the size is checked first)",
      value: { ...valid, outputSize: 0, outputActivation: 'softmax' },
      kind: RangeError,
      message: [exactly('outputSize must be an integer from 1 to 2147483647, got 0')],
    },
    ...(['glorot', 'Xavier', 'random', ''] as const).map((v) => ({
      name: `initialization '${v}'`,
      value: { ...valid, initialization: v },
      kind: RangeError,
      message: [exactly(`initialization must be one of 'lecture', 'xavier', 'he', got '${v}'`)],
    })),
    ...([[0.01, '0.01'], [null, 'null'], [{}, 'an object'], [() => 0, 'a function']] as const).map(([v, shown]) => ({
      name: `initialization = ${shown}`,
      value: { ...valid, initialization: v },
      kind: TypeError,
      message: [exactly(`initialization must be one of 'lecture', 'xavier', 'he', got ${shown}`)],
    })),
    { name: "unknown option 'outputActivations' (misspelt)", value: { ...valid, outputActivations: 'linear' }, kind: TypeError, message: [/unknown option 'outputActivations'/] },
    { name: "unknown option 'init' (it is initialization)", value: { ...valid, init: 'he' }, kind: TypeError, message: [/unknown option 'init'/] },
  ];

  it.each(cases)('$name', ({ value, kind, message }) => {
    const error = thrownBySync(() => new ShallowNet(value as ConstructorParameters<typeof ShallowNet>[0]));
    expectRejection(error, kind, message);
  });
});

describe.each(backends)('ShallowNet.fromParameters(parameters, options) (%s)', (backend) => {
  const source = makeNet(backend, 3).parameters();
  const withParameter = (key: string, value: unknown) => ({ ...source, [key]: value });
  const shapes = { W1: [n1, n0], b1: [n1, 1], W2: [n2, n1], b2: [n2, 1] } as const;
  const cases: (BadValue & { options?: unknown })[] = [
    { name: 'parameters = null', value: null, kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters missing', value: undefined, kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters as an array', value: [source.W1, source.b1, source.W2, source.b2], kind: TypeError, message: [names('parameters'), /object/] },
    ...Object.entries(shapes).flatMap(([key, [rows, cols]]) =>
      [
        ...malformedMatrix(key, rows, cols, 0.1),
        { name: `${key} holding NaN`, value: withValue(source[key as keyof typeof source], 0, NaN), kind: RangeError, message: [names(key), /finite/] },
        { name: `${key} holding -Infinity`, value: withValue(source[key as keyof typeof source], rows * cols - 1, -Infinity), kind: RangeError, message: [names(key), /finite/] },
      ].map((bad) => ({ ...bad, name: `${key}: ${bad.name}`, value: withParameter(key, bad.value) })),
    ),
    { name: 'b1 with hiddenSize + 1 rows', value: withParameter('b1', filled(n1 + 1, 1, 0)), kind: RangeError, message: [names('b1'), new RegExp(`\\(${n1}, 1\\)`)] },
    { name: 'W2 with the wrong number of columns', value: withParameter('W2', filled(n2, n1 + 1, 0)), kind: RangeError, message: [names('W2'), new RegExp(`\\(${n2}, ${n1}\\)`)] },
    { name: 'b2 as a row', value: withParameter('b2', filled(1, 2, 0)), kind: RangeError, message: [names('b2')] },
    { name: 'options = null', value: source, options: null, kind: TypeError, message: [names('fromParameters options'), /object/] },
    { name: "options as a string 'ts'", value: source, options: 'ts', kind: TypeError, message: [names('fromParameters options'), /object/] },
    { name: "unknown option 'seed'", value: source, options: { backend, seed: 1 }, kind: TypeError, message: [/unknown option 'seed'/] },
    { name: "hiddenActivation 'softmax'", value: source, options: { backend, hiddenActivation: 'softmax' }, kind: RangeError, message: [names('hiddenActivation')] },
    { name: "backend 'gpu'", value: source, options: { backend: 'gpu' }, kind: RangeError, message: [names('backend')] },
    {
      name: "outputActivation 'tanh'",
      value: source,
      options: { backend, outputActivation: 'tanh' },
      kind: RangeError,
      message: [exactly("outputActivation must be one of 'sigmoid', 'softmax', 'linear', got 'tanh'")],
    },
    {
      name: "outputActivation 'softmax' for parameters of one output",
      value: source,
      options: { backend, outputActivation: 'softmax' },
      kind: RangeError,
      message: [exactly(`outputSize must be at least 2 for a softmax output (one row per class), got ${n2}`)],
    },
    { name: "unknown option 'initialization' (the parameters are given)", value: source, options: { backend, initialization: 'he' }, kind: TypeError, message: [/unknown option 'initialization'/] },
  ];

  it.each(cases)('$name', ({ value, options, kind, message }) => {
    const before = Float64Array.from([...source.W1.data, ...source.b1.data, ...source.W2.data, ...source.b2.data]);
    const error = thrownBySync(() =>
      ShallowNet.fromParameters(value as Parameters<typeof ShallowNet.fromParameters>[0], (options === undefined ? { backend } : options) as { backend: 'ts' }),
    );
    expectRejection(error, kind, message);
    // The caller's parameters are never written to.
    expect(bitsEqual(Float64Array.from([...source.W1.data, ...source.b1.data, ...source.W2.data, ...source.b2.data]), before)).toBe(true);
  });
});

describe.each(backends)('ShallowNet.fromJSON(json, options) (%s)', (backend) => {
  const saved = makeNet(backend, 5).toJSON();
  const clone = () => JSON.parse(JSON.stringify(saved)) as Record<string, unknown> & { parameters: Record<string, Record<string, unknown>> };
  const edit = (change: (doc: ReturnType<typeof clone>) => void) => {
    const doc = clone();
    change(doc);
    return doc;
  };
  const base64 = (values: number[]) => Buffer.from(new Float64Array(values).buffer).toString('base64');
  const cases: (BadValue & { options?: unknown })[] = [
    { name: 'json missing', value: undefined, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'json = null', value: null, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'json as a number', value: 42, kind: TypeError, message: [/fromJSON/, /object/] },
    { name: "json = ''", value: '', kind: RangeError, message: [/fromJSON/, /JSON/] },
    { name: 'json truncated', value: JSON.stringify(saved).slice(0, 40), kind: RangeError, message: [/fromJSON/, /JSON/] },
    { name: "json = 'null'", value: 'null', kind: TypeError, message: [/fromJSON/, /object/] },
    { name: 'format missing', value: edit((d) => delete d.format), kind: TypeError, message: [/format/, /'shallownet'/] },
    {
      name: 'version 3 (from a later shallownet)',
      value: edit((d) => (d.version = 3)),
      kind: RangeError,
      message: [exactly('fromJSON(): version must be one of 1, 2, the versions this shallownet reads, got 3')],
    },
    { name: 'version 0', value: edit((d) => (d.version = 0)), kind: RangeError, message: [/^fromJSON\(\): version must be one of 1, 2\b.*, got 0$/] },
    { name: 'version missing', value: edit((d) => delete d.version), kind: RangeError, message: [/^fromJSON\(\): version must be one of 1, 2\b.*, got undefined$/] },
    {
      name: 'version 2 without outputActivation',
      value: edit((d) => delete d.outputActivation),
      kind: TypeError,
      message: [exactly("outputActivation must be one of 'sigmoid', 'softmax', 'linear', got undefined")],
    },
    {
      name: "outputActivation 'relu'",
      value: edit((d) => (d.outputActivation = 'relu')),
      kind: RangeError,
      message: [exactly("outputActivation must be one of 'sigmoid', 'softmax', 'linear', got 'relu'")],
    },
    {
      name: "outputActivation 'softmax' with outputSize 1",
      value: edit((d) => (d.outputActivation = 'softmax')),
      kind: RangeError,
      message: [exactly('outputSize must be at least 2 for a softmax output (one row per class), got 1')],
    },
    { name: "inputSize '2'", value: edit((d) => (d.inputSize = '2')), kind: TypeError, message: [names('inputSize'), /number/] },
    { name: 'inputSize 0', value: edit((d) => (d.inputSize = 0)), kind: RangeError, message: [names('inputSize'), /integer/] },
    { name: 'hiddenSize 1.5', value: edit((d) => (d.hiddenSize = 1.5)), kind: RangeError, message: [names('hiddenSize'), /integer/] },
    { name: 'outputSize 2**31', value: edit((d) => (d.outputSize = 2 ** 31)), kind: RangeError, message: [names('outputSize'), /integer/] },
    { name: 'outputSize missing', value: edit((d) => delete d.outputSize), kind: TypeError, message: [names('outputSize'), /number/] },
    {
      name: 'inputSize = hiddenSize = 1e9 (huge)',
      value: edit((d) => Object.assign(d, { inputSize: 1e9, hiddenSize: 1e9 })),
      kind: RangeError,
      message: [/^the parameter count of inputSize = 1000000000, hiddenSize = 1000000000, outputSize = \d+ must be at most \d+/],
    },
    { name: "hiddenActivation 'softmax'", value: edit((d) => (d.hiddenActivation = 'softmax')), kind: RangeError, message: [names('hiddenActivation')] },
    { name: 'parameters missing', value: edit((d) => delete (d as Record<string, unknown>).parameters), kind: TypeError, message: [names('parameters'), /object/] },
    { name: 'parameters.W1 missing', value: edit((d) => delete d.parameters.W1), kind: TypeError, message: [names('parameters.W1'), /object/] },
    { name: 'parameters.W1 of another shape', value: edit((d) => (d.parameters.W1!.rows = n1 + 1)), kind: RangeError, message: [names('parameters.W1'), new RegExp(`\\(${n1}, ${n0}\\)`)] },
    { name: 'parameters.b2.float64le not base64', value: edit((d) => (d.parameters.b2!.float64le = 'not base64!')), kind: TypeError, message: [names('parameters.b2.float64le'), /base64/] },
    { name: 'parameters.b2.float64le a number', value: edit((d) => (d.parameters.b2!.float64le = 7)), kind: TypeError, message: [names('parameters.b2.float64le'), /base64/] },
    {
      name: 'parameters.b1.float64le one value short',
      value: edit((d) => (d.parameters.b1!.float64le = base64([0, 0]))),
      kind: RangeError,
      message: [names('parameters.b1.float64le'), new RegExp(`must be ${n1} float64 values \\(${n1 * 8} bytes\\), got 16 bytes`)],
    },
    { name: 'parameters.b1 holding NaN', value: edit((d) => (d.parameters.b1!.float64le = base64([0, NaN, 0]))), kind: RangeError, message: [names('parameters.b1'), /finite/] },
    { name: 'parameters.b1 holding Infinity', value: edit((d) => (d.parameters.b1!.float64le = base64([Infinity, 0, 0]))), kind: RangeError, message: [names('parameters.b1'), /finite/] },
    { name: "options {backend: 'gpu'}", value: saved, options: { backend: 'gpu' }, kind: RangeError, message: [names('backend')] },
    { name: 'options = null', value: saved, options: null, kind: TypeError, message: [/options/, /object/] },
    { name: "options = 'ts' (a string)", value: saved, options: 'ts', kind: TypeError, message: [/options/, /object/] },
    { name: "unknown option 'backnd'", value: saved, options: { backnd: 'ts' }, kind: TypeError, message: [/unknown option 'backnd'/] },
  ];

  it.each(cases)('$name', ({ value, options, kind, message }) => {
    const error = thrownBySync(() => ShallowNet.fromJSON(value as string, (options === undefined ? { backend } : options) as { backend: 'ts' }));
    expectRejection(error, kind, message);
  });
});
