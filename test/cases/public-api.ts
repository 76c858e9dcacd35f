// Bad arguments for the public API, as tables of { value, kind, message }:
// any matrix, the inputs X and targets Y of the fixture nets (each output
// head's), learning rates, and the options of fit, fitAsync and partialFit.
// Messages follow "<name> must be <expected>, got <actual>".
import type { BadValue } from './rejection';
import { exactly, names } from './rejection';
import { classes, filled, m, n0, n2, withValue, X, Y, YLinear, YSoftmax } from './fixture';

/** Ways to get a matrix argument wrong that apply to any matrix (X, Y, a cache entry, a gradient, a parameter). */
export function malformedMatrix(name: string, rows: number, cols: number, fill = 0.5): BadValue[] {
  const data = () => new Float64Array(rows * cols).fill(fill);
  const kind = [names(name), /matrix|Float64Array/];
  const dataKind = [names(`${name}.data`), /Float64Array/];
  return [
    { name: 'a nested plain array', value: Array.from({ length: rows }, () => new Array(cols).fill(fill)), kind: TypeError, message: kind },
    { name: 'a bare Float64Array', value: data(), kind: TypeError, message: kind },
    { name: 'null', value: null, kind: TypeError, message: kind },
    { name: 'undefined (missing)', value: undefined, kind: TypeError, message: kind },
    { name: 'a number', value: 7, kind: TypeError, message: kind },
    { name: 'a string', value: 'matrix', kind: TypeError, message: kind },
    { name: 'data as a Float32Array', value: { rows, cols, data: new Float32Array(rows * cols).fill(fill) }, kind: TypeError, message: dataKind },
    { name: 'data as a plain array', value: { rows, cols, data: new Array(rows * cols).fill(fill) }, kind: TypeError, message: dataKind },
    { name: 'data missing', value: { rows, cols }, kind: TypeError, message: dataKind },
    { name: 'rows missing', value: { cols, data: data() }, kind: TypeError, message: [names(`${name}.rows`), /number/] },
    { name: 'cols missing', value: { rows, data: data() }, kind: TypeError, message: [names(`${name}.cols`), /number/] },
    { name: 'rows as a string', value: { rows: String(rows), cols, data: data() }, kind: TypeError, message: [names(`${name}.rows`), /number/] },
    { name: 'cols as a bigint', value: { rows, cols: BigInt(cols), data: data() }, kind: TypeError, message: [names(`${name}.cols`), /number/] },
    {
      name: 'data.length one short of rows * cols',
      value: { rows, cols, data: new Float64Array(rows * cols - 1) },
      kind: RangeError,
      message: [names(`${name}.data`), /rows \* cols/],
    },
    {
      name: 'data.length one more than rows * cols',
      value: { rows, cols, data: new Float64Array(rows * cols + 1) },
      kind: RangeError,
      message: [names(`${name}.data`), /rows \* cols/],
    },
    { name: 'fractional rows', value: { rows: rows + 0.5, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /integer/] },
    { name: 'NaN cols', value: { rows, cols: NaN, data: data() }, kind: RangeError, message: [names(`${name}.cols`), /integer/] },
    { name: 'negative cols', value: { rows, cols: -cols, data: data() }, kind: RangeError, message: [names(`${name}.cols`), /integer/] },
    { name: 'cols = 0 (no examples)', value: { rows, cols: 0, data: new Float64Array(0) }, kind: RangeError, message: [names(`${name}.cols`), /integer from 1/] },
    { name: 'rows = 0', value: { rows: 0, cols, data: new Float64Array(0) }, kind: RangeError, message: [names(`${name}.rows`), /integer from 1/] },
    { name: 'rows = 2**31 (huge)', value: { rows: 2 ** 31, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /2147483647/] },
    { name: 'rows = Infinity', value: { rows: Infinity, cols, data: data() }, kind: RangeError, message: [names(`${name}.rows`), /integer/] },
  ];
}

/** Bad inputs X for a net with inputSize n0 (the valid X has m columns). */
export function badInputs(): BadValue[] {
  return [
    ...malformedMatrix('X', n0, m),
    {
      name: 'X rows ≠ inputSize',
      value: filled(n0 + 1, m, 0.5),
      kind: RangeError,
      message: [new RegExp(`^X must be a matrix of inputSize = ${n0} rows\\b.*, got ${n0 + 1} rows`)],
    },
    { name: 'X holding NaN', value: withValue(X, 5, NaN), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding Infinity', value: withValue(X, 0, Infinity), kind: RangeError, message: [names('X'), /finite/] },
    { name: 'X holding -Infinity', value: withValue(X, m * n0 - 1, -Infinity), kind: RangeError, message: [names('X'), /finite/] },
  ];
}

/** Bad targets Y (X is valid, with m columns). */
export function badTargets(): BadValue[] {
  return [
    ...malformedMatrix('Y', n2, m, 1),
    {
      name: 'Y rows ≠ outputSize',
      value: filled(n2 + 1, m, 1),
      kind: RangeError,
      message: [new RegExp(`^Y must be a matrix of outputSize = ${n2} rows?, got ${n2 + 1} rows`)],
    },
    {
      name: 'Y with another m than X',
      value: filled(n2, m - 1, 1),
      kind: RangeError,
      message: [new RegExp(`^Y must be ${m} columns wide, one per example of X, got ${m - 1} columns`)],
    },
    { name: 'Y holding 2 (above 1)', value: withValue(Y, 1, 2), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding -0.5', value: withValue(Y, 0, -0.5), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding NaN', value: withValue(Y, 2, NaN), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding Infinity', value: withValue(Y, 3, Infinity), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
  ];
}

export function badLearningRates(name: string): BadValue[] {
  const range = [names(name), /> 0/];
  const kind = [names(name), /number/];
  return [
    { name: `${name} = 0`, value: 0, kind: RangeError, message: range },
    { name: `${name} = -0`, value: -0, kind: RangeError, message: range },
    { name: `${name} < 0`, value: -0.1, kind: RangeError, message: range },
    { name: `${name} = NaN`, value: NaN, kind: RangeError, message: range },
    { name: `${name} = Infinity`, value: Infinity, kind: RangeError, message: range },
    { name: `${name} = -Infinity`, value: -Infinity, kind: RangeError, message: range },
    { name: `${name} as a string`, value: '0.1', kind: TypeError, message: kind },
    { name: `${name} = null`, value: null, kind: TypeError, message: kind },
    { name: `${name} missing`, value: undefined, kind: TypeError, message: kind },
    { name: `${name} as an object`, value: { valueOf: () => 0.1 }, kind: TypeError, message: kind },
    { name: `${name} as a bigint`, value: 1n, kind: TypeError, message: kind },
  ];
}

/** Bad targets of the softmax fixture net (3 classes): columns that are not probability vectors, values outside [0, 1]. */
export function badSoftmaxTargets(name = 'Y'): BadValue[] {
  const columns = (message: string) => [exactly(`${name} must be probability columns summing to 1 (targets of a softmax output; one-hot for labels), got ${message}`)];
  // Column j of YSoftmax (3 rows, m columns) set to `column`.
  const withColumn = (j: number, column: number[]) => {
    const data = YSoftmax.data.slice();
    column.forEach((v, i) => (data[i * m + j] = v));
    return { rows: classes, cols: m, data };
  };
  return [
    { name: `${name}: a column of zeros`, value: withColumn(1, [0, 0, 0]), kind: RangeError, message: columns('column 1 summing to 0') },
    { name: `${name}: a column of two ones`, value: withColumn(0, [1, 1, 0]), kind: RangeError, message: columns('column 0 summing to 2') },
    { name: `${name}: a column summing to 0.9`, value: withColumn(3, [0.5, 0.4, 0]), kind: RangeError, message: columns('column 3 summing to 0.9') },
    { name: `${name}: a column 1e-8 over 1 (past the tolerance)`, value: withColumn(2, [0.5, 0.5 + 1e-8, 0]), kind: RangeError, message: columns('column 2 summing to 1.00000001') },
    { name: `${name}: all ones (the sigmoid's kind of target)`, value: filled(classes, m, 1), kind: RangeError, message: columns('column 0 summing to 3') },
    { name: `${name}: rows ≠ outputSize (one row of labels)`, value: filled(1, m, 1), kind: RangeError, message: [exactly(`${name} must be a matrix of outputSize = ${classes} rows, got 1 row`)] },
    {
      name: `${name} holding 2 (a column summing to 1)`,
      value: withColumn(1, [2, -1, 0]),
      kind: RangeError,
      message: [exactly(`${name} must be in [0, 1] everywhere (targets of a sigmoid or softmax output), got ${name}[0][1] = 2`)],
    },
    {
      name: `${name} holding NaN`,
      value: withColumn(0, [NaN, 0, 1]),
      kind: RangeError,
      message: [exactly(`${name} must be in [0, 1] everywhere (targets of a sigmoid or softmax output), got ${name}[0][0] = NaN`)],
    },
  ];
}

/** Bad targets of the linear fixture net: any finite value is a target, anything else is not. */
export function badLinearTargets(name = 'Y'): BadValue[] {
  const finite = (where: string) => [exactly(`${name} must be finite everywhere (no NaN or ±Infinity), got ${name}${where}`)];
  return [
    { name: `${name} holding NaN`, value: withValue(YLinear, 1, NaN), kind: RangeError, message: finite('[0][1] = NaN') },
    { name: `${name} holding Infinity`, value: withValue(YLinear, 3, Infinity), kind: RangeError, message: finite('[0][3] = Infinity') },
    { name: `${name} holding -Infinity`, value: withValue(YLinear, 0, -Infinity), kind: RangeError, message: finite('[0][0] = -Infinity') },
    ...malformedMatrix(name, 1, m, 3).filter((bad) => ['null', 'a bare Float64Array', 'data.length one short of rows * cols'].includes(bad.name)),
  ];
}

/** Bad options for fit() / fitAsync() (`name` is 'fit options' or 'fitAsync options'). */
export function badFitOptions(name: string): BadValue[] {
  const valid = { iterations: 10, learningRate: 0.5 };
  const byEpochs = { epochs: 2, learningRate: 0.5 };
  const option = (key: string) => names(`${name}.${key}`);
  const integer = (key: string, value: unknown, base: object = valid): BadValue => ({
    name: `${key} = ${String(value)}`,
    value: { ...base, [key]: value },
    kind: RangeError,
    message: [option(key), /integer/],
  });
  const wrongKind = (key: string, value: unknown, label = String(value), base: object = valid): BadValue => ({
    name: `${key} = ${label}`,
    value: { ...base, [key]: value },
    kind: TypeError,
    message: [option(key), key === 'onProgress' ? /function/ : /number/],
  });
  /** A rejection whose whole message is `${name}.${text}`. */
  const exact = (label: string, value: object, kind: typeof TypeError | typeof RangeError, text: string): BadValue => ({
    name: label,
    value,
    kind,
    message: [exactly(`${name}${text}`)],
  });
  const either = 'either iterations (updates) or epochs (passes over the examples)';
  const decayRate = (key: string, value: number, base: object) =>
    exact(`${key} = ${value}`, { ...base, [key]: value }, RangeError, `.${key} must be a number in [0, 1), got ${value}`);
  const momentum = { ...valid, optimizer: 'momentum' };
  const adam = { ...valid, optimizer: 'adam' };
  const split = { ...valid, validationSplit: 0.25 };
  const withValidation = (key: 'X' | 'Y', value: unknown) => ({ ...valid, validationData: { X, Y, [key]: value } });
  return [
    { name: 'options missing', value: undefined, kind: TypeError, message: [names(name), /object/] },
    { name: 'options = null', value: null, kind: TypeError, message: [names(name), /object/] },
    { name: 'options as an array', value: [10, 0.5], kind: TypeError, message: [names(name), /object/] },
    { name: 'options as a number', value: 10, kind: TypeError, message: [names(name), /object/] },
    { name: 'options as a string', value: 'iterations=10', kind: TypeError, message: [names(name), /object/] },
    { name: "unknown option 'iteration' (misspelt)", value: { iteration: 10, learningRate: 0.5 }, kind: TypeError, message: [names(name), /unknown option 'iteration'/] },
    { name: "unknown option 'lr'", value: { ...valid, lr: 0.5 }, kind: TypeError, message: [names(name), /unknown option 'lr'/] },
    { name: "unknown option 'epoch' (misspelt)", value: { epoch: 2, learningRate: 0.5 }, kind: TypeError, message: [names(name), /unknown option 'epoch'/] },
    { name: "unknown option 'momentum' (it is optimizer: 'momentum')", value: { ...valid, momentum: 0.9 }, kind: TypeError, message: [names(name), /unknown option 'momentum'/] },
    exact('iterations and epochs both missing', { learningRate: 0.5 }, TypeError, ` must be an object with ${either}, got neither`),
    exact('iterations and epochs both given', { ...valid, epochs: 2 }, TypeError, ` must be an object with ${either}, got both`),
    integer('iterations', 0),
    integer('iterations', 1.5),
    integer('iterations', -1),
    integer('iterations', NaN),
    integer('iterations', Infinity),
    integer('iterations', 2 ** 31),
    wrongKind('iterations', '10', "'10'"),
    wrongKind('iterations', 10n, '10n'),
    wrongKind('iterations', null),
    integer('epochs', 0, byEpochs),
    integer('epochs', 1.5, byEpochs),
    integer('epochs', -2, byEpochs),
    integer('epochs', NaN, byEpochs),
    integer('epochs', 2 ** 31, byEpochs),
    wrongKind('epochs', '2', "'2'", byEpochs),
    wrongKind('epochs', null, 'null', byEpochs),
    exact(
      'epochs × updates per epoch past 2**31 - 1 (batchSize 1)',
      { ...byEpochs, batchSize: 1, epochs: 2 ** 31 - 1 },
      RangeError,
      `.epochs must be at most ${Math.floor((2 ** 31 - 1) / m)} for ${m} updates per epoch, got ${2 ** 31 - 1}`,
    ),
    ...badLearningRates('learningRate').map((bad) => ({
      ...bad,
      value: { ...valid, learningRate: bad.value },
      message: [option('learningRate'), ...bad.message.slice(1)],
    })),
    integer('batchSize', 0),
    integer('batchSize', 1.5),
    integer('batchSize', -1),
    integer('batchSize', NaN),
    exact(`batchSize = m + 1`, { ...valid, batchSize: m + 1 }, RangeError, `.batchSize must be an integer from 1 to m = ${m} (the training examples), got ${m + 1}`),
    exact(
      `batchSize = m with validationSplit (m - 1 training examples)`,
      { ...split, batchSize: m },
      RangeError,
      `.batchSize must be an integer from 1 to m = ${m - 1} (the training examples), got ${m}`,
    ),
    wrongKind('batchSize', '2', "'2'"),
    wrongKind('batchSize', null),
    exact('shuffle = 1', { ...valid, shuffle: 1 }, TypeError, '.shuffle must be a boolean, got 1'),
    exact("shuffle = 'true'", { ...valid, shuffle: 'true' }, TypeError, '.shuffle must be a boolean, got "true"'),
    exact('shuffle = null', { ...valid, shuffle: null }, TypeError, '.shuffle must be a boolean, got null'),
    exact('seed = -1', { ...valid, seed: -1 }, RangeError, '.seed must be an integer from 0 to 4294967295, got -1'),
    exact('seed = 2**32', { ...valid, seed: 2 ** 32 }, RangeError, '.seed must be an integer from 0 to 4294967295, got 4294967296'),
    exact('seed = 1.5', { ...valid, seed: 1.5 }, RangeError, '.seed must be an integer from 0 to 4294967295, got 1.5'),
    exact("seed = '1'", { ...valid, seed: '1' }, TypeError, '.seed must be a number, got "1"'),
    exact('seed = null', { ...valid, seed: null }, TypeError, '.seed must be a number, got null'),
    exact("optimizer 'sgd'", { ...valid, optimizer: 'sgd' }, RangeError, ".optimizer must be one of 'gd', 'momentum', 'adam', got 'sgd'"),
    exact("optimizer 'Adam' (case)", { ...valid, optimizer: 'Adam' }, RangeError, ".optimizer must be one of 'gd', 'momentum', 'adam', got 'Adam'"),
    exact('optimizer = 1', { ...valid, optimizer: 1 }, TypeError, ".optimizer must be one of 'gd', 'momentum', 'adam', got 1"),
    exact('optimizer = null', { ...valid, optimizer: null }, TypeError, ".optimizer must be one of 'gd', 'momentum', 'adam', got null"),
    exact("beta with optimizer 'gd' (the default)", { ...valid, beta: 0.9 }, RangeError, ".beta must be given only with optimizer 'momentum', got it with optimizer 'gd'"),
    exact("beta with optimizer 'adam'", { ...adam, beta: 0.9 }, RangeError, ".beta must be given only with optimizer 'momentum', got it with optimizer 'adam'"),
    exact("beta1 with optimizer 'momentum'", { ...momentum, beta1: 0.9 }, RangeError, ".beta1 must be given only with optimizer 'adam', got it with optimizer 'momentum'"),
    exact("beta2 with optimizer 'gd'", { ...valid, beta2: 0.999 }, RangeError, ".beta2 must be given only with optimizer 'adam', got it with optimizer 'gd'"),
    exact("epsilon with optimizer 'gd'", { ...valid, epsilon: 1e-8 }, RangeError, ".epsilon must be given only with optimizer 'adam', got it with optimizer 'gd'"),
    decayRate('beta', 1, momentum),
    decayRate('beta', -0.1, momentum),
    decayRate('beta', NaN, momentum),
    decayRate('beta1', 1, adam),
    decayRate('beta1', 1.5, adam),
    decayRate('beta2', 1, adam),
    decayRate('beta2', -0.5, adam),
    decayRate('beta2', Infinity, adam),
    exact("beta = '0.9'", { ...momentum, beta: '0.9' }, TypeError, '.beta must be a number, got "0.9"'),
    exact('beta = null', { ...momentum, beta: null }, TypeError, '.beta must be a number, got null'),
    exact('epsilon = 0', { ...adam, epsilon: 0 }, RangeError, '.epsilon must be a finite number > 0, got 0'),
    exact('epsilon = -1e-8', { ...adam, epsilon: -1e-8 }, RangeError, '.epsilon must be a finite number > 0, got -1e-8'),
    exact('epsilon = NaN', { ...adam, epsilon: NaN }, RangeError, '.epsilon must be a finite number > 0, got NaN'),
    exact('epsilon = Infinity', { ...adam, epsilon: Infinity }, RangeError, '.epsilon must be a finite number > 0, got Infinity'),
    exact('l2 = -1', { ...valid, l2: -1 }, RangeError, '.l2 must be a finite number >= 0, got -1'),
    exact('l2 = -1e-300', { ...valid, l2: -1e-300 }, RangeError, '.l2 must be a finite number >= 0, got -1e-300'),
    exact('l2 = NaN', { ...valid, l2: NaN }, RangeError, '.l2 must be a finite number >= 0, got NaN'),
    exact('l2 = Infinity', { ...valid, l2: Infinity }, RangeError, '.l2 must be a finite number >= 0, got Infinity'),
    exact("l2 = '0'", { ...valid, l2: '0' }, TypeError, '.l2 must be a number, got "0"'),
    exact('learningRateDecay = NaN', { ...valid, learningRateDecay: NaN }, RangeError, '.learningRateDecay must be a finite number >= 0, got NaN'),
    exact('learningRateDecay = -0.1', { ...valid, learningRateDecay: -0.1 }, RangeError, '.learningRateDecay must be a finite number >= 0, got -0.1'),
    exact('learningRateDecay = Infinity', { ...valid, learningRateDecay: Infinity }, RangeError, '.learningRateDecay must be a finite number >= 0, got Infinity'),
    exact('learningRateDecay = null', { ...valid, learningRateDecay: null }, TypeError, '.learningRateDecay must be a number, got null'),
    integer('progressEvery', 0),
    integer('progressEvery', -100),
    integer('progressEvery', 2.5),
    integer('progressEvery', NaN),
    wrongKind('progressEvery', '100', "'100'"),
    wrongKind('progressEvery', null),
    exact(
      'progressEvery with mini-batches',
      { ...valid, batchSize: 2, progressEvery: 5 },
      RangeError,
      '.progressEvery must be left out with mini-batches (training records once per epoch), got 5',
    ),
    exact(
      'progressEvery with shuffled full batches',
      { ...valid, shuffle: true, progressEvery: 5 },
      RangeError,
      '.progressEvery must be left out with mini-batches (training records once per epoch), got 5',
    ),
    { name: 'tolerance < 0', value: { ...valid, tolerance: -1e-6 }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    { name: 'tolerance = NaN', value: { ...valid, tolerance: NaN }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    { name: 'tolerance = Infinity', value: { ...valid, tolerance: Infinity }, kind: RangeError, message: [option('tolerance'), />= 0/] },
    wrongKind('tolerance', '0', "'0'"),
    wrongKind('tolerance', null),
    ...[0, 1, -0.25, 1.5, NaN].map((v) =>
      exact(`validationSplit = ${v}`, { ...valid, validationSplit: v }, RangeError, `.validationSplit must be a number in (0, 1), got ${v}`),
    ),
    exact(
      'validationSplit 0.8 (would hold out every example of m = 4)',
      { ...valid, validationSplit: 0.8 },
      RangeError,
      `.validationSplit must be small enough to leave a training example of m = ${m}, got 0.8`,
    ),
    exact(
      'validationSplit 0.76 (ceil(0.76 · 4) = 4 held out)',
      { ...valid, validationSplit: 0.76 },
      RangeError,
      `.validationSplit must be small enough to leave a training example of m = ${m}, got 0.76`,
    ),
    exact("validationSplit = '0.2'", { ...valid, validationSplit: '0.2' }, TypeError, '.validationSplit must be a number, got "0.2"'),
    exact('validationSplit = null', { ...valid, validationSplit: null }, TypeError, '.validationSplit must be a number, got null'),
    exact(
      'validationSplit with validationData',
      { ...valid, validationSplit: 0.25, validationData: { X, Y } },
      RangeError,
      '.validationSplit must be left out when validationData is given, got 0.25',
    ),
    exact('validationData = null', { ...valid, validationData: null }, TypeError, '.validationData must be an object, got null'),
    exact('validationData as an array [X, Y]', { ...valid, validationData: [X, Y] }, TypeError, '.validationData must be an object, got an Array of length 2'),
    exact("validationData = 'holdout'", { ...valid, validationData: 'holdout' }, TypeError, '.validationData must be an object, got "holdout"'),
    exact(
      "validationData with an unknown key 'M'",
      { ...valid, validationData: { X, Y, M: m } },
      TypeError,
      ".validationData must be an object of the options X, Y, got an unknown option 'M'",
    ),
    ...malformedMatrix(`${name}.validationData.X`, n0, m).map((bad) => ({ ...bad, name: `validationData.X: ${bad.name}`, value: withValidation('X', bad.value) })),
    ...malformedMatrix(`${name}.validationData.Y`, n2, m, 1).map((bad) => ({ ...bad, name: `validationData.Y: ${bad.name}`, value: withValidation('Y', bad.value) })),
    exact(
      'validationData.X rows ≠ inputSize',
      withValidation('X', filled(n0 + 1, m, 0.5)),
      RangeError,
      `.validationData.X must be a matrix of inputSize = ${n0} rows (one row per feature, one column per example), got ${n0 + 1} rows; build X with fromExamples() from example rows`,
    ),
    exact('validationData.Y rows ≠ outputSize', withValidation('Y', filled(n2 + 1, m, 1)), RangeError, `.validationData.Y must be a matrix of outputSize = ${n2} row, got ${n2 + 1} rows`),
    exact(
      'validationData.Y of another m than validationData.X',
      withValidation('Y', filled(n2, m - 1, 1)),
      RangeError,
      `.validationData.Y must be ${m} columns wide, one per example of ${name}.validationData.X, got ${m - 1} columns`,
    ),
    exact(
      'validationData.X holding NaN',
      withValidation('X', withValue(X, 5, NaN)),
      RangeError,
      `.validationData.X must be finite everywhere (no NaN or ±Infinity), got ${name}.validationData.X[1][1] = NaN`,
    ),
    exact(
      'validationData.Y holding 2',
      withValidation('Y', withValue(Y, 2, 2)),
      RangeError,
      `.validationData.Y must be in [0, 1] everywhere (targets of a sigmoid or softmax output), got ${name}.validationData.Y[0][2] = 2`,
    ),
    exact(
      'earlyStopping without validation examples',
      { ...valid, earlyStopping: true },
      RangeError,
      '.earlyStopping must be used with validationData or validationSplit (it watches the validation cost), got true',
    ),
    exact(
      'earlyStopping settings without validation examples',
      { ...valid, earlyStopping: { patience: 3 } },
      RangeError,
      '.earlyStopping must be used with validationData or validationSplit (it watches the validation cost), got an object',
    ),
    exact('earlyStopping.patience = 0', { ...split, earlyStopping: { patience: 0 } }, RangeError, '.earlyStopping.patience must be an integer from 1 to 2147483647, got 0'),
    exact('earlyStopping.patience = 1.5', { ...split, earlyStopping: { patience: 1.5 } }, RangeError, '.earlyStopping.patience must be an integer from 1 to 2147483647, got 1.5'),
    exact("earlyStopping.patience = '3'", { ...split, earlyStopping: { patience: '3' } }, TypeError, '.earlyStopping.patience must be a number, got "3"'),
    exact('earlyStopping.minDelta = -0.01', { ...split, earlyStopping: { minDelta: -0.01 } }, RangeError, '.earlyStopping.minDelta must be a finite number >= 0, got -0.01'),
    exact('earlyStopping.minDelta = NaN', { ...split, earlyStopping: { minDelta: NaN } }, RangeError, '.earlyStopping.minDelta must be a finite number >= 0, got NaN'),
    exact("earlyStopping.restoreBest = 'yes'", { ...split, earlyStopping: { restoreBest: 'yes' } }, TypeError, '.earlyStopping.restoreBest must be a boolean, got "yes"'),
    exact(
      "earlyStopping with an unknown key 'patiance' (misspelt)",
      { ...split, earlyStopping: { patiance: 3 } },
      TypeError,
      ".earlyStopping must be an object of the options patience, minDelta, restoreBest, got an unknown option 'patiance'",
    ),
    exact('earlyStopping = null', { ...split, earlyStopping: null }, TypeError, '.earlyStopping must be an object, got null'),
    exact('earlyStopping = 5 (patience given bare)', { ...split, earlyStopping: 5 }, TypeError, '.earlyStopping must be an object, got 5'),
    wrongKind('onProgress', 5),
    wrongKind('onProgress', 'log', "'log'"),
    wrongKind('onProgress', {}, 'an object'),
    wrongKind('onProgress', null),
  ];
}

/** Bad options for partialFit() (a partialFit's X and Y are the fixture's, m = 4). */
export function badPartialFitOptions(): BadValue[] {
  const name = 'partialFit options';
  const valid = { learningRate: 0.5 };
  const known = 'learningRate, learningRateDecay, optimizer, beta, beta1, beta2, epsilon, l2, batchSize, shuffle, seed, onProgress, epochs';
  const unknown = (key: string, value: unknown): BadValue => ({
    name: `fit's option '${key}'`,
    value: { ...valid, [key]: value },
    kind: TypeError,
    message: [exactly(`${name} must be an object of the options ${known}, got an unknown option '${key}'`)],
  });
  const exact = (label: string, value: object, kind: typeof TypeError | typeof RangeError, text: string): BadValue => ({
    name: label,
    value,
    kind,
    message: [exactly(`${name}${text}`)],
  });
  return [
    { name: 'options missing', value: undefined, kind: TypeError, message: [exactly(`${name} must be an object, got undefined`)] },
    { name: 'options = null', value: null, kind: TypeError, message: [exactly(`${name} must be an object, got null`)] },
    { name: 'options = 1 (epochs given bare)', value: 1, kind: TypeError, message: [exactly(`${name} must be an object, got 1`)] },
    unknown('iterations', 10),
    unknown('progressEvery', 1),
    unknown('tolerance', 0),
    unknown('validationData', { X, Y }),
    unknown('validationSplit', 0.25),
    unknown('earlyStopping', true),
    unknown('signal', new AbortController().signal),
    exact('learningRate missing', {}, TypeError, '.learningRate must be a number, got undefined'),
    exact('learningRate = 0', { learningRate: 0 }, RangeError, '.learningRate must be a finite number > 0, got 0'),
    exact('epochs = 0', { ...valid, epochs: 0 }, RangeError, '.epochs must be an integer from 1 to 2147483647, got 0'),
    exact('epochs = 1.5', { ...valid, epochs: 1.5 }, RangeError, '.epochs must be an integer from 1 to 2147483647, got 1.5'),
    exact('epochs = NaN', { ...valid, epochs: NaN }, RangeError, '.epochs must be an integer from 1 to 2147483647, got NaN'),
    exact("epochs = '1'", { ...valid, epochs: '1' }, TypeError, '.epochs must be a number, got "1"'),
    exact('epochs = null', { ...valid, epochs: null }, TypeError, '.epochs must be a number, got null'),
    exact(
      'epochs × updates per epoch past 2**31 - 1 (batchSize 1)',
      { ...valid, batchSize: 1, epochs: 2 ** 30 },
      RangeError,
      `.epochs must be at most ${Math.floor((2 ** 31 - 1) / m)} for ${m} updates per epoch, got ${2 ** 30}`,
    ),
    exact('batchSize = m + 1', { ...valid, batchSize: m + 1 }, RangeError, `.batchSize must be an integer from 1 to m = ${m} (the training examples), got ${m + 1}`),
    exact('batchSize = 0', { ...valid, batchSize: 0 }, RangeError, '.batchSize must be an integer from 1 to 2147483647, got 0'),
    exact('shuffle = 0', { ...valid, shuffle: 0 }, TypeError, '.shuffle must be a boolean, got 0'),
    exact('seed = -1', { ...valid, seed: -1 }, RangeError, '.seed must be an integer from 0 to 4294967295, got -1'),
    exact("optimizer 'rmsprop'", { ...valid, optimizer: 'rmsprop' }, RangeError, ".optimizer must be one of 'gd', 'momentum', 'adam', got 'rmsprop'"),
    exact("beta with optimizer 'gd'", { ...valid, beta: 0.5 }, RangeError, ".beta must be given only with optimizer 'momentum', got it with optimizer 'gd'"),
    exact('beta2 = 1', { ...valid, optimizer: 'adam', beta2: 1 }, RangeError, '.beta2 must be a number in [0, 1), got 1'),
    exact('epsilon = 0', { ...valid, optimizer: 'adam', epsilon: 0 }, RangeError, '.epsilon must be a finite number > 0, got 0'),
    exact('l2 = -0.5', { ...valid, l2: -0.5 }, RangeError, '.l2 must be a finite number >= 0, got -0.5'),
    exact('learningRateDecay = NaN', { ...valid, learningRateDecay: NaN }, RangeError, '.learningRateDecay must be a finite number >= 0, got NaN'),
    exact('onProgress = 5', { ...valid, onProgress: 5 }, TypeError, '.onProgress must be a function, got 5'),
  ];
}
