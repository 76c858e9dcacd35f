// Property-based fuzzing of the public API with a seeded generator: thousands
// of malformed argument lists. Every call must either succeed with a result of
// the right shape (finite where the maths says so), or throw a TypeError /
// RangeError whose message is the library's own (not a V8 internal like
// "Cannot read properties of null"), or one of the documented errors where
// they apply (TrainingDivergedError from step / fit / fitAsync,
// TrainingAbortedError from an aborted fitAsync). A call that throws a
// TypeError / RangeError leaves the network's parameters bit for bit as they
// were; no call ever leaves a parameter NaN or infinite; and nothing crashes
// (a native crash kills this file's worker, which fails the run).
//
// Reproduce a run with FUZZ_SEED=<seed>; FUZZ_SCALE=<factor> runs more (or fewer) cases.
import { describe, expect, it } from 'vitest';
import {
  computeCost,
  fromExamples,
  fromLabels,
  matrix,
  nativeInfo,
  NetworkBusyError,
  setThreads,
  ShallowNet,
  toExamples,
  TrainingAbortedError,
  TrainingDivergedError,
  type Evaluation,
  type FitResult,
  type Matrix,
} from 'shallownet';
import { packedParameters as packed } from '../cases/fixture';
import { backends, bitsEqual } from '../helpers';
import {
  allFinite,
  checkMatrixResult,
  clampIterations,
  describeError,
  execute,
  Findings,
  maxAbs,
  ENGINE_MESSAGES,
  SCALE,
  SEED,
  show,
  trace,
} from './findings';
import { anyCallback, anyMatrix, anyNumber, anyValue, float64, Gen, throwers } from './generator';

type Head = 'sigmoid' | 'softmax' | 'linear';

interface Net {
  net: ShallowNet;
  n0: number;
  n1: number;
  n2: number;
  head: Head;
}

/** The options fit, fitAsync and partialFit share, each mostly valid. */
function anyUpdateOptions(g: Gen): Record<string, unknown> {
  const options: Record<string, unknown> = { learningRate: g.pick([0.01, 0.1, 0.5, 1.2, 3]) };
  if (g.chance(0.3)) options.batchSize = 1 + g.int(5);
  if (g.chance(0.2)) options.shuffle = g.chance(0.5);
  if (g.chance(0.2)) options.seed = g.int(2 ** 32);
  if (g.chance(0.3)) {
    options.optimizer = g.pick(['gd', 'momentum', 'adam']);
    if (options.optimizer === 'momentum' && g.chance(0.5)) options.beta = g.pick([0, 0.5, 0.9]);
    if (options.optimizer === 'adam' && g.chance(0.5)) Object.assign(options, { beta1: g.pick([0, 0.9]), beta2: g.pick([0.5, 0.999]), epsilon: g.pick([1e-8, 1]) });
  }
  if (g.chance(0.2)) options.l2 = g.pick([0, 0.01, 1]);
  if (g.chance(0.2)) options.learningRateDecay = g.pick([0, 0.1, 1]);
  if (g.chance(0.3)) options.onProgress = anyCallback(g);
  return options;
}

const UPDATE_KEYS = ['learningRate', 'learningRateDecay', 'optimizer', 'beta', 'beta1', 'beta2', 'epsilon', 'l2', 'batchSize', 'shuffle', 'seed', 'onProgress'];
const FIT_KEYS = [...UPDATE_KEYS, 'iterations', 'epochs', 'progressEvery', 'tolerance', 'validationData', 'validationSplit', 'earlyStopping', 'signal', 'iteration', 'lr'];

/** Sets 0 to 2 random keys of `options` to random values (or deletes them). */
function mutate(g: Gen, options: Record<string, unknown>, keys: readonly string[]): void {
  for (let k = g.chance(0.6) ? 1 + g.int(2) : 0; k > 0; k--) {
    const key = g.pick(keys);
    if (g.chance(0.15)) delete options[key];
    else options[key] = g.chance(0.7) ? anyNumber(g) : anyValue(g);
  }
}

function anyFitOptions(g: Gen, async: boolean, validation: () => { X: unknown; Y: unknown }): unknown {
  if (g.chance(0.08)) return anyValue(g);
  const options = anyUpdateOptions(g);
  if (g.chance(0.6)) options.iterations = 1 + g.int(30);
  else options.epochs = 1 + g.int(10);
  if (g.chance(0.02)) options.epochs = 2; // both: refused
  if (g.chance(0.3)) options.progressEvery = 1 + g.int(10);
  if (g.chance(0.3)) options.tolerance = g.pick([0, 1e-9, 1e-3, 0.5]);
  if (g.chance(0.2)) options.validationData = validation();
  else if (g.chance(0.15)) options.validationSplit = g.pick([0.2, 0.25, 0.5, 0.9]);
  if (g.chance(0.2)) options.earlyStopping = g.chance(0.5) ? true : { patience: 1 + g.int(3), minDelta: g.pick([0, 1e-3]), restoreBest: g.chance(0.5) };
  if (async && g.chance(0.15)) options.signal = g.chance(0.3) ? AbortSignal.abort() : new AbortController().signal;
  mutate(g, options, FIT_KEYS);
  return options;
}

function anyPartialFitOptions(g: Gen): unknown {
  if (g.chance(0.08)) return anyValue(g);
  const options = anyUpdateOptions(g);
  if (g.chance(0.5)) options.epochs = 1 + g.int(4);
  mutate(g, options, [...UPDATE_KEYS, 'epochs', 'iterations', 'validationSplit']);
  return options;
}

/** Targets for a head's net: mostly what it takes (one-hot columns for a softmax, any values for a linear output), often wrong. */
function anyTargets(g: Gen, head: Head, n2: number, m: number): unknown {
  if (head === 'softmax' && g.chance(0.75)) {
    const data = new Float64Array(n2 * m);
    for (let j = 0; j < m; j++) data[g.int(n2) * m + j] = 1;
    if (g.chance(0.1)) data[g.int(data.length)] = g.pick([0.5, 2, -0.25, NaN]);
    return g.chance(0.9) ? { rows: n2, cols: m, data } : anyMatrix(g, n2, m, ['labels']);
  }
  return anyMatrix(g, n2, m, head === 'linear' ? ['gauss', 'unit'] : ['labels', 'unit']);
}

/** Well-formed targets for a head, at random: labels, one-hot columns, any values. */
function goodTargets(g: Gen, head: Head, n2: number, m: number): Matrix {
  const data = float64(g, n2 * m, head === 'linear' ? 'gauss' : head === 'sigmoid' ? 'labels' : 'zero');
  if (head === 'softmax') for (let j = 0; j < m; j++) data[g.int(n2) * m + j] = 1;
  return { rows: n2, cols: m, data };
}

/** Valid targets for a head (a training run the fuzzer starts itself). */
function validTargets(head: Head, n2: number, m: number): Matrix {
  const data = new Float64Array(n2 * m);
  for (let j = 0; j < m; j++) {
    if (head === 'softmax') data[(j % n2) * m + j] = 1;
    else for (let i = 0; i < n2; i++) data[i * m + j] = head === 'linear' ? j - 1.5 : j % 2;
  }
  return { rows: n2, cols: m, data };
}

function makeNet(self: Pick<Net, 'n0' | 'n1' | 'n2' | 'head'>, seed: number, backend: string, hiddenActivation?: string): ShallowNet {
  return new ShallowNet({
    inputSize: self.n0,
    hiddenSize: self.n1,
    outputSize: self.n2,
    outputActivation: self.head,
    ...(hiddenActivation !== undefined && { hiddenActivation: hiddenActivation as 'tanh' }),
    seed,
    backend: backend as 'ts',
  });
}

/** Checks a successful public call's result; returns a problem, or undefined. */
type Checker = (result: unknown) => string | undefined;

/** Every how many rounds the net is fuzzed while it trains (the TS backend starts a worker thread for each). */
function trainingPeriod(backend: string): number {
  return backend === 'ts' ? 12 : 3;
}

async function fuzzPublic(backend: string, seed: number, rounds: number, callsPerRound: number, findings: Findings) {
  const g = new Gen(seed);
  for (let round = 0; round < rounds; round++) {
    const n0 = 1 + g.int(4);
    const n1 = 1 + g.int(5);
    const n2 = 1 + g.int(3);
    const activation = g.pick(['tanh', 'sigmoid', 'relu', 'leakyRelu'] as const);
    const head: Head = g.pick(n2 >= 2 ? (['sigmoid', 'softmax', 'linear'] as const) : (['sigmoid', 'linear'] as const));
    const self: Net = { net: makeNet({ n0, n1, n2, head }, g.int(1000), backend, activation), n0, n1, n2, head };
    for (let call = 0; call < callsPerRound; call++) await fuzzOneCall(g, backend, self, findings);
    if (round % trainingPeriod(backend) === 0) await fuzzWhileTraining(g, backend, self, findings);
  }
}

interface PublicCall {
  entry: string;
  args: unknown[];
  run: () => unknown;
  check: Checker;
  mayDiverge: boolean;
  mayAbort: boolean;
}

/**
 * Builds one random call. `packedBefore` is the net's parameters (undefined
 * while it trains: then only calls on the net itself are built).
 */
function buildCall(g: Gen, backend: string, self: Net, packedBefore: Float64Array | undefined, findings: Findings): PublicCall {
  const { net, n0, n1, n2, head } = self;
  const m = 1 + g.int(5);
  const X = () => anyMatrix(g, n0, m, ['gauss', 'unit', 'zero', 'negzero']);
  const Y = () => anyTargets(g, head, n2, m);
  // Training calls get well-formed data a third of the time, so that their options' checks, and their results, are exercised too.
  const trainingData = () => (g.chance(0.35) ? [{ rows: n0, cols: m, data: float64(g, n0 * m, 'gauss') }, goodTargets(g, head, n2, m)] : [X(), Y()]);
  const rate = () => (g.chance(0.8) ? g.pick([0.01, 0.1, 0.5, 1.2]) : g.chance(0.6) ? anyNumber(g) : anyValue(g));
  // Results are required to be finite when inputs and parameters are of a sane size (overflow is not a bug).
  const saneParameters = packedBefore !== undefined && maxAbs(packedBefore) < 1e100;
  const sane = (...matrices: unknown[]) =>
    saneParameters && matrices.every((M) => M !== null && typeof M === 'object' && (M as Matrix).data instanceof Float64Array && maxAbs((M as Matrix).data) < 1e6);

  const shapes = { dW1: [n1, n0], db1: [n1, 1], dW2: [n2, n1], db2: [n2, 1] } as const;
  const gradientsCheck = (finite: boolean): Checker => (r) => {
    for (const [key, [rows, cols]] of Object.entries(shapes)) {
      const problem = checkMatrixResult((r as Record<string, unknown>)[key], rows, cols, finite, key);
      if (problem) return problem;
    }
    return undefined;
  };
  // A2: probabilities (each softmax column summing to 1), or a linear output's values (finite for sane inputs).
  const outputs = (rows: number, cols: number, finite: boolean): Checker => (r) => {
    if (head === 'linear') return checkMatrixResult(r, rows, cols, finite, 'A2');
    const A2 = r as Matrix;
    return (
      checkMatrixResult(r, rows, cols, true, 'A2') ??
      (Array.from(A2.data).every((v) => v >= 0 && v <= 1) ? undefined : 'A2 outside [0, 1]') ??
      (head === 'softmax' ? columnsSumToOne(A2) : undefined)
    );
  };
  // Sane inputs (and, for a linear output, sane targets: its cost squares them).
  const saneData = (x: unknown, y?: unknown) => (head === 'linear' && y !== undefined ? sane(x, y) : sane(x));
  const cost: Checker = (r) => (typeof r === 'number' && r >= 0 && Number.isFinite(r) ? undefined : `cost ${String(r)}`);
  const costIfSane = (finite: boolean): Checker => (r) => (typeof r !== 'number' ? 'not a number' : finite ? cost(r) : undefined);
  const cols = (M: unknown) => (M as Matrix | undefined)?.cols ?? 0;

  let entry: string;
  let args: unknown[];
  let run: () => unknown;
  let check: Checker;
  let mayDiverge = false;
  let mayAbort = false;

  switch (packedBefore === undefined ? g.int(15) : g.int(20)) {
    case 0: {
      entry = 'forward';
      args = [X()];
      run = () => net.forward(args[0] as Matrix);
      const finite = sane(args[0]);
      check = (r) => {
        const c = r as Record<string, unknown>;
        const k = cols(args[0]);
        return (
          checkMatrixResult(c.Z1, n1, k, finite, 'Z1') ?? checkMatrixResult(c.A1, n1, k, finite, 'A1') ??
          checkMatrixResult(c.Z2, n2, k, finite, 'Z2') ?? outputs(n2, k, finite)(c.A2)
        );
      };
      break;
    }
    case 1: {
      entry = 'predictProba';
      args = [X()];
      run = () => net.predictProba(args[0] as Matrix);
      check = (r) => outputs(n2, cols(args[0]), sane(args[0]))(r);
      break;
    }
    case 2: {
      entry = 'predict';
      args = g.chance(0.7) ? [X()] : [X(), g.chance(0.5) ? g.uniform() : anyValue(g)];
      run = () => (args.length === 1 ? net.predict(args[0] as Matrix) : net.predict(args[0] as Matrix, args[1] as number));
      check = (r) => {
        if (args[1] !== undefined && head !== 'sigmoid') return `took a threshold for a ${head} output — ${show(args[1])}`;
        if (head === 'linear') return checkMatrixResult(r, n2, cols(args[0]), sane(args[0]), 'predictions');
        const problem = checkMatrixResult(r, n2, cols(args[0]), true, 'labels') ?? (Array.from((r as Matrix).data).every((v) => v === 0 || v === 1) ? undefined : 'labels not 0/1');
        return problem ?? (head === 'softmax' ? columnsSumToOne(r as Matrix) : undefined);
      };
      break;
    }
    case 3: {
      entry = 'cost';
      args = [X(), Y()];
      run = () => net.cost(args[0] as Matrix, args[1] as Matrix);
      check = costIfSane(saneData(args[0], args[1]));
      break;
    }
    case 4: {
      entry = 'gradients';
      args = [X(), Y()];
      run = () => net.gradients(args[0] as Matrix, args[1] as Matrix);
      check = gradientsCheck(saneData(args[0], args[1]));
      break;
    }
    case 5: {
      entry = 'backward';
      const x = X();
      let cache: unknown;
      try {
        cache = net.forward(x as Matrix);
      } catch {
        cache = { A1: anyMatrix(g, n1, m, ['unit']), A2: anyMatrix(g, n2, m, ['unit']) };
      }
      if (g.chance(0.3) && cache && typeof cache === 'object') {
        cache = { ...cache, [g.pick(['A1', 'A2', 'Z1'])]: g.chance(0.5) ? anyMatrix(g, n1, m, ['unit', 'nan']) : anyValue(g) };
      } else if (g.chance(0.1)) cache = anyValue(g);
      args = [x, Y(), cache];
      run = () => net.backward(args[0] as Matrix, args[1] as Matrix, args[2] as ReturnType<ShallowNet['forward']>);
      check = gradientsCheck(false);
      break;
    }
    case 6: {
      entry = 'update';
      let gradients: Record<string, unknown> = {};
      for (const [key, [rows, c]] of Object.entries(shapes)) gradients[key] = anyMatrix(g, rows, c, ['gauss', 'zero']);
      if (g.chance(0.1)) gradients = anyValue(g) as Record<string, unknown>;
      args = [gradients, rate()];
      run = () => net.update(args[0] as ReturnType<ShallowNet['gradients']>, args[1] as number);
      check = (r) => (r === undefined ? undefined : `returned ${show(r)}`);
      break;
    }
    case 7: {
      entry = 'step';
      args = [X(), Y(), rate()];
      run = () => net.step(args[0] as Matrix, args[1] as Matrix, args[2] as number);
      check = costIfSane(saneData(args[0], args[1]));
      mayDiverge = true;
      break;
    }
    case 8: case 9: {
      entry = 'fit';
      const options = anyFitOptions(g, false, () => ({ X: X(), Y: Y() }));
      clampIterations(options, findings);
      args = [...trainingData(), options];
      run = () => net.fit(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, saneData(args[0], args[1]), args[0], head, false);
      mayDiverge = true;
      break;
    }
    case 10: {
      entry = 'fitAsync';
      // The TS backend starts a worker thread per call: fewer of those.
      if (backend === 'ts' && g.chance(0.85)) return buildCall(g, backend, self, packedBefore, findings);
      const options = anyFitOptions(g, true, () => ({ X: X(), Y: Y() }));
      clampIterations(options, findings);
      args = [...trainingData(), options];
      run = () => net.fitAsync(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, saneData(args[0], args[1]), args[0], head, false);
      mayDiverge = true;
      mayAbort = (options as { signal?: AbortSignal } | null)?.signal?.aborted === true;
      break;
    }
    case 11: {
      entry = g.pick(['parameters', 'toJSON']);
      args = g.chance(0.5) ? [] : [anyValue(g)];
      run = () => (entry === 'parameters' ? (net.parameters as (...a: unknown[]) => ReturnType<ShallowNet['parameters']>)(...args) : ShallowNet.fromJSON(JSON.stringify(net.toJSON()), { backend: backend as 'ts' }).parameters());
      check = (r) => {
        const p = r as Record<string, Matrix>;
        const after = [p.W1!, p.b1!, p.W2!, p.b2!];
        return bitsEqual(Float64Array.from(after.flatMap((M) => [...M.data])), packedBefore!) ? undefined : 'does not give back the parameters';
      };
      break;
    }
    case 12: {
      entry = 'evaluate';
      args = [X(), Y()];
      run = () => net.evaluate(args[0] as Matrix, args[1] as Matrix);
      const finite = saneData(args[0], args[1]);
      check = (r) => {
        const e = r as Evaluation;
        const problem = costIfSane(finite)(e.cost);
        if (problem) return problem;
        if (head === 'linear') {
          if (e.accuracy !== undefined || typeof e.mse !== 'number' || typeof e.r2 !== 'number') return 'not { cost, mse, r2 }';
          return !finite || (e.mse >= 0 && e.r2 <= 1) ? undefined : `mse ${e.mse}, r2 ${e.r2}`;
        }
        if (e.mse !== undefined || e.r2 !== undefined || typeof e.accuracy !== 'number') return 'not { cost, accuracy }';
        return e.accuracy >= 0 && e.accuracy <= 1 ? undefined : `accuracy ${e.accuracy}`;
      };
      break;
    }
    case 13: {
      entry = 'partialFit';
      const options = anyPartialFitOptions(g);
      clampIterations(options, findings);
      args = [...trainingData(), options];
      run = () => net.partialFit(args[0] as Matrix, args[1] as Matrix, args[2] as { learningRate: number });
      check = fitResultCheck(options, saneData(args[0], args[1]), args[0], head, true);
      mayDiverge = true;
      break;
    }
    case 14: {
      entry = 'predictClasses';
      args = [X()];
      run = () => net.predictClasses(args[0] as Matrix);
      check = (r) => {
        if (head === 'linear' || (head === 'sigmoid' && n2 > 1)) return `gave classes for ${n2} ${head} outputs`;
        const classes = r as Int32Array;
        if (!(classes instanceof Int32Array) || classes.length !== cols(args[0])) return 'not an Int32Array of m classes';
        return classes.every((c) => c >= 0 && c < Math.max(2, n2)) ? undefined : `a class outside [0, ${Math.max(2, n2)})`;
      };
      break;
    }
    case 15: {
      entry = 'new ShallowNet';
      const options: Record<string, unknown> = { inputSize: 1 + g.int(4), hiddenSize: 1 + g.int(4), backend };
      if (g.chance(0.3)) options.outputSize = 1 + g.int(3);
      if (g.chance(0.3)) options.hiddenActivation = g.pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']);
      if (g.chance(0.3)) options.seed = g.int(2 ** 32);
      if (g.chance(0.3)) options.outputActivation = g.pick(['sigmoid', 'softmax', 'linear']);
      if (g.chance(0.3)) options.initialization = g.pick(['lecture', 'xavier', 'he']);
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'outputActivation', 'initialization', 'seed', 'backend', 'iteration']);
        options[key] = g.chance(0.6) ? anyNumber(g) : anyValue(g);
      }
      // Sizes that pass the checks but would allocate (and randomly fill) a huge network are scaled down.
      // (A null size counts as the default 1 here, in case the library reads it with ??.)
      const sizes = ['inputSize', 'hiddenSize', 'outputSize'].map((k) => options[k] ?? 1);
      if (sizes.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1)) {
        const [i, h, o] = sizes as number[];
        const count = h! * (i! + 1) + o! * (h! + 1);
        if (count > 1e6 && count < 2 ** 33) {
          options.hiddenSize = 1 + g.int(4);
          options.inputSize = 1 + g.int(4);
          options.outputSize = 1 + g.int(3);
          findings.clamped++;
        }
      }
      const given = g.chance(0.05) ? anyValue(g) : options;
      args = [given];
      run = () => new ShallowNet(given as { inputSize: number; hiddenSize: number });
      check = (r) => {
        const made = r as ShallowNet;
        const o = given as Record<string, number>;
        const nulls = Object.keys(o).filter((k) => o[k] === null);
        if (nulls.length > 0) return `accepted null as a default — for ${nulls.join(', ')}`;
        if (made.inputSize !== o.inputSize || made.hiddenSize !== o.hiddenSize || made.outputSize !== (o.outputSize ?? 1)) return 'sizes differ from the options';
        if (made.outputActivation !== ((o as Record<string, unknown>).outputActivation ?? 'sigmoid')) return `output activation ${made.outputActivation}`;
        if (made.outputActivation === 'softmax' && made.outputSize < 2) return 'a softmax of one output';
        return allFinite(Float64Array.from(Object.values(made.parameters()).flatMap((M) => [...M.data]))) ? undefined : 'non-finite initial parameters';
      };
      break;
    }
    case 16: {
      entry = 'fromParameters';
      const p: Record<string, unknown> = { ...net.parameters() };
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['W1', 'b1', 'W2', 'b2', 'extra']);
        const [rows, c] = key === 'W1' ? [n1, n0] : key === 'W2' ? [n2, n1] : key === 'b2' ? [n2, 1] : [n1, 1];
        p[key] = anyMatrix(g, rows + (g.chance(0.2) ? 1 : 0), c, ['gauss', 'nan', 'inf']);
      }
      const options = g.chance(0.6)
        ? { backend }
        : g.chance(0.4)
          ? { backend, outputActivation: g.chance(0.7) ? g.pick(['sigmoid', 'softmax', 'linear']) : anyValue(g) }
          : g.chance(0.5)
            ? { backend, hiddenActivation: anyValue(g) }
            : anyValue(g);
      args = [g.chance(0.05) ? anyValue(g) : p, options];
      run = () => ShallowNet.fromParameters(args[0] as ReturnType<ShallowNet['parameters']>, args[1] as { backend: 'ts' });
      check = (r) => {
        const W1 = (args[0] as Record<string, Matrix>).W1!;
        const W2 = (args[0] as Record<string, Matrix>).W2!;
        const made = r as ShallowNet;
        return made.inputSize === W1.cols && made.hiddenSize === W1.rows && made.outputSize === W2.rows ? undefined : 'sizes differ from the parameters';
      };
      break;
    }
    case 17: {
      entry = 'fromJSON';
      const doc = JSON.parse(JSON.stringify(net.toJSON())) as Record<string, unknown> & { parameters: Record<string, Record<string, unknown>> };
      for (let k = g.chance(0.85) ? 1 + g.int(2) : 0; k > 0; k--) {
        const where = g.int(3);
        if (where === 0) doc[g.pick(['format', 'version', 'inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'outputActivation', 'parameters'])] = g.chance(0.5) ? anyNumber(g) : anyValue(g);
        else if (where === 1 && doc.parameters && typeof doc.parameters === 'object') {
          const key = g.pick(['W1', 'b1', 'W2', 'b2']);
          doc.parameters[key] = g.chance(0.5) ? anyValue(g) as Record<string, unknown> : { ...(doc.parameters[key] ?? {}), [g.pick(['rows', 'cols', 'float64le'])]: g.chance(0.5) ? anyNumber(g) : g.pick(['', 'AAAA', 'not base64!', '////////////////////w==', 'AAAAAAAA+H8=']) };
        } else delete doc[g.pick(['format', 'version', 'inputSize', 'parameters', 'hiddenActivation', 'outputActivation'])];
      }
      const text = () => JSON.stringify(doc, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
      const json = g.chance(0.5) ? doc : g.chance(0.8) ? text() : g.chance(0.5) ? text().slice(0, g.int(80)) : anyValue(g);
      const options = g.chance(0.8) ? { backend } : anyValue(g);
      args = [json, options];
      run = () => ShallowNet.fromJSON(json as string, options as { backend: 'ts' });
      check = (r) => {
        if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) return `ignored malformed options — ${show(options)}`;
        const unknown = options === undefined ? [] : Object.keys(options).filter((k) => k !== 'backend');
        if (unknown.length > 0) return `ignored an unknown option — '${unknown[0]}'`;
        return okJSON(r);
      };
      const okJSON = (r: unknown) => (r instanceof ShallowNet && allFinite(Float64Array.from(Object.values(r.parameters()).flatMap((M) => [...M.data]))) ? undefined : 'not a usable net');
      break;
    }
    case 18: {
      entry = 'computeCost';
      const rows = 1 + g.int(3);
      const k = 1 + g.int(4);
      args = [anyMatrix(g, rows, k, ['unit', 'labels']), anyMatrix(g, rows + (g.chance(0.1) ? 1 : 0), k, ['labels', 'unit'])];
      run = () => computeCost(args[0] as Matrix, args[1] as Matrix);
      check = (r) => (typeof r === 'number' && r >= 0 && !Number.isNaN(r) ? undefined : `cost ${String(r)}`);
      break;
    }
    default: {
      const which = g.pick(['matrix', 'fromExamples', 'fromLabels', 'toExamples', 'setThreads', 'nativeInfo'] as const);
      entry = which;
      if (which === 'matrix') {
        const rows = g.chance(0.7) ? g.int(4) : anyNumber(g);
        const c = g.chance(0.7) ? g.int(4) : anyNumber(g);
        const validSizes = Number.isSafeInteger(rows) && Number.isSafeInteger(c);
        const values = g.chance(0.4) ? undefined : g.chance(0.5) && validSizes && (rows as number) * (c as number) < 100 ? Array.from({ length: (rows as number) * (c as number) }, () => (g.chance(0.9) ? g.normal() : anyValue(g))) : anyValue(g);
        args = values === undefined ? [rows, c] : [rows, c, values];
        // matrix(1e5, 1e5) would try 80 GB: sizes that pass the checks stay small.
        if (validSizes && (rows as number) >= 0 && (c as number) >= 0 && (rows as number) * (c as number) > 1e6 && (rows as number) * (c as number) < 2 ** 33) {
          args[0] = g.int(4);
          findings.clamped++;
        }
        run = () => (matrix as (...a: unknown[]) => unknown)(...args);
        check = (r) => {
          const M = r as Matrix;
          if (!(M.data instanceof Float64Array) || M.data.length !== M.rows * M.cols || M.rows !== args[0] || M.cols !== args[1]) return 'wrong shape';
          const values = args[2];
          if (values !== undefined && !Array.isArray(values) && !ArrayBuffer.isView(values)) return `accepted values that are not an array — ${show(values)}`;
          const bad = Array.isArray(values) ? values.findIndex((v) => typeof v !== 'number') : -1;
          if (bad >= 0) return `accepted values that are not numbers (stored as NaN) — values[${bad}] is ${show((values as unknown[])[bad])}`;
          return undefined;
        };
      } else if (which === 'fromExamples' || which === 'fromLabels') {
        const k = 1 + g.int(4);
        const features = 1 + g.int(3);
        let value: unknown =
          which === 'fromLabels' && g.chance(0.5)
            ? Array.from({ length: k }, () => (g.chance(0.95) ? g.int(2) : anyValue(g)))
            : Array.from({ length: k }, () => Array.from({ length: features }, () => (g.chance(0.95) ? g.normal() : anyValue(g))));
        if (g.chance(0.2)) value = anyValue(g);
        else if (g.chance(0.1)) (value as unknown[]).push(anyValue(g));
        args = [value];
        run = () => (which === 'fromExamples' ? fromExamples(value as number[][]) : fromLabels(value as number[]));
        check = (r) => {
          const M = r as Matrix;
          return M.data instanceof Float64Array && M.data.length === M.rows * M.cols && M.cols >= 1 ? undefined : `bad shape (${M.rows}, ${M.cols})`;
        };
      } else if (which === 'toExamples') {
        const rows = 1 + g.int(3);
        const k = 1 + g.int(4);
        const M = anyMatrix(g, rows, k, ['gauss', 'nan', 'zero']);
        args = [M];
        run = () => toExamples(M as Matrix);
        check = (r) => {
          // Accepted, so M was a well-formed matrix (of whatever shape anyMatrix gave it): one example per column.
          const { rows: n, cols: c, data } = M as Matrix;
          const examples = r as unknown[];
          if (!Array.isArray(examples) || examples.length !== c) return `not ${c} examples`;
          for (let j = 0; j < c; j++) {
            const example = examples[j] as number[];
            if (!Array.isArray(example) || example.length !== n) return `example ${j} is not ${n} numbers`;
            for (let i = 0; i < n; i++) if (!Object.is(example[i], data[i * c + j])) return `example ${j} differs from column ${j}`;
          }
          return undefined;
        };
      } else if (which === 'setThreads') {
        let threads = g.chance(0.5) ? 1 + g.int(2) : anyValue(g);
        // More BLAS threads than cores would only slow the rest of the run down.
        if (typeof threads === 'number' && Number.isInteger(threads) && threads > 2 && threads <= 1024) {
          threads = 2;
          findings.clamped++;
        }
        args = [threads];
        run = () => setThreads(threads as number);
        check = (r) => (r === undefined ? undefined : 'returned a value');
      } else {
        args = g.chance(0.5) ? [] : [anyValue(g)];
        run = () => (nativeInfo as (...a: unknown[]) => unknown)(...args);
        check = (r) => {
          const info = r as { loaded?: unknown; simd?: unknown; limits?: unknown };
          if (typeof info.loaded !== 'boolean') return 'no loaded field';
          if (info.loaded && typeof info.simd !== 'string') return 'loaded, but no simd field';
          return undefined;
        };
      }
    }
  }

  return { entry, args, run, check, mayDiverge, mayAbort };
}

/** One random call on an idle net, with every check. */
async function fuzzOneCall(g: Gen, backend: string, self: Net, findings: Findings): Promise<void> {
  const net = self.net;
  const packedBefore = packed(net);
  const { entry, args, run, check, mayDiverge, mayAbort } = buildCall(g, backend, self, packedBefore, findings);
  findings.cases++;
  const example = `${entry}(${args.map((a) => show(a)).join(', ')}) on a ${self.n0}-${self.n1}-${self.n2} ${self.head} net`;
  trace(`${backend} ${example}`);
  const { threw, result, error } = await execute(run);
  const options = args[2] as { onProgress?: unknown } | null | undefined;
  const thrower = (entry === 'fit' || entry === 'fitAsync' || entry === 'partialFit') && typeof options === 'object' && options !== null && throwers.has(options.onProgress as never);
  if (thrower && threw && error === throwers.get(options!.onProgress as never)) {
    findings.outcome(entry, "onProgress's exception");
  } else if (thrower && !threw) {
    findings.violation(entry, "succeeded although onProgress threw — its exception was lost", example);
  } else if (!threw) {
    findings.outcome(entry, 'ok');
    const problem = check(result);
    if (problem) findings.violation(entry, `succeeded but ${problem}`, example);
  } else if (error instanceof TypeError || error instanceof RangeError) {
    findings.outcome(entry, error.constructor.name);
    if (ENGINE_MESSAGES.test(error.message) || error.message.length < 10) {
      findings.violation(entry, `${error.constructor.name} with an engine message "${error.message}"`, example);
    }
    // A rejected call changes nothing.
    if (!bitsEqual(packed(net), packedBefore)) findings.violation(entry, 'a rejected call changed the parameters', example);
  } else if (mayDiverge && error instanceof TrainingDivergedError) {
    findings.outcome(entry, 'TrainingDivergedError');
  } else if (mayAbort && error instanceof TrainingAbortedError) {
    findings.outcome(entry, 'TrainingAbortedError');
  } else {
    findings.violation(entry, `threw ${describeError(error)}`, example);
  }
  if (net.training) findings.violation(entry, 'the net is still marked as training', example);
  // Whatever happened, the parameters stay finite.
  const now = packed(net);
  if (!allFinite(now)) findings.violation(entry, 'left non-finite parameters', example);
  // Keep each round's net tame: after a wild but finite update, start over from fresh parameters.
  if (maxAbs(now) > 1e6) {
    self.net = makeNet(self, 1, backend);
  }
}

/**
 * While fitAsync trains the net, random calls on it: each throws
 * NetworkBusyError (or, for an argument checked before the net is, a
 * TypeError / RangeError), none succeeds; then the training ends normally.
 */
async function fuzzWhileTraining(g: Gen, backend: string, self: Net, findings: Findings): Promise<void> {
  // Fresh parameters: the round's net may have been pushed far enough by earlier calls to diverge.
  const net = makeNet(self, g.int(1000), backend);
  self.net = net;
  const training = net.fitAsync(
    { rows: self.n0, cols: 3, data: new Float64Array(self.n0 * 3).fill(0.5) },
    validTargets(self.head, self.n2, 3),
    { iterations: 20_000, learningRate: 0.01, progressEvery: 5_000 },
  );
  for (let k = 0; k < 20; k++) {
    const { entry, args, run } = buildCall(g, backend, self, undefined, findings);
    findings.cases++;
    const example = `${entry}(${args.map((a) => show(a)).join(', ')}) while training`;
    trace(`${backend} ${example}`);
    const { threw, error } = await execute(run);
    if (!threw) findings.violation(entry, 'succeeded while the net was training', example);
    else if (error instanceof NetworkBusyError) findings.outcome(entry, 'NetworkBusyError');
    else if (error instanceof TypeError || error instanceof RangeError) findings.outcome(entry, error.constructor.name);
    else findings.violation(entry, `threw ${describeError(error)} while training`, example);
    if (!net.training) findings.violation(entry, 'training ended early', example);
  }
  const { threw, error } = await execute(() => training);
  if (threw) findings.violation('fitAsync', `the training under fire failed: ${describeError(error)}`, '');
  if (net.training) findings.violation('fitAsync', 'still training after the promise settled', '');
  if (!allFinite(packed(net))) findings.violation('fitAsync', 'left non-finite parameters', '');
}

/** A softmax's output, or its one-hot predictions: each column sums to 1 (within rounding). */
function columnsSumToOne(M: Matrix): string | undefined {
  for (let j = 0; j < M.cols; j++) {
    let sum = 0;
    for (let i = 0; i < M.rows; i++) sum += M.data[i * M.cols + j]!;
    if (!(Math.abs(sum - 1) < 1e-9)) return `softmax column ${j} sums to ${sum}`;
  }
  return undefined;
}

/**
 * A successful fit, fitAsync or partialFit: the updates and epochs the
 * options ask for (fewer only when it converged or stopped early), a record
 * per cost, validation figures exactly when there are validation examples.
 */
function fitResultCheck(options: unknown, sane: boolean, X: unknown, head: Head, partial: boolean): Checker {
  return (r) => {
    const result = r as FitResult;
    const o = options as Record<string, unknown>;
    const nulls = Object.keys(o).filter((k) => o[k] === null);
    if (nulls.length > 0) return `accepted null as a default — for options.${nulls.join(', options.')}`;
    if (partial && ('iterations' in o || 'validationSplit' in o)) return `accepted fit's options — ${show(o)}`;
    if (!partial && (o.iterations === undefined) === (o.epochs === undefined)) return 'accepted neither or both of iterations and epochs';
    // The training examples: m, less those validationSplit holds out.
    const m = (X as Matrix).cols;
    const split = o.validationSplit as number | undefined;
    const train = split === undefined ? m : m - Math.ceil(split * m);
    const batchSize = (o.batchSize as number | undefined) ?? train;
    if (batchSize > train) return `took batchSize ${batchSize} for ${train} training examples`;
    const perEpoch = Math.ceil(train / batchSize);
    const requested = (o.iterations as number | undefined) ?? ((o.epochs as number | undefined) ?? 1) * perEpoch;
    const fullBatch = batchSize === train && !((o.shuffle as boolean | undefined) ?? batchSize < train);
    if (o.progressEvery !== undefined && !fullBatch) return 'took progressEvery with mini-batches';
    if (!Array.isArray(result.costs) || !result.costs.every((c) => typeof c === 'number' && (!sane || Number.isFinite(c)))) return 'costs is not an array of finite numbers';
    if (typeof result.finalCost !== 'number' || (sane && !Number.isFinite(result.finalCost))) return `finalCost ${String(result.finalCost)}`;
    if (!Number.isInteger(result.iterations) || result.iterations < 0 || result.iterations > requested) return `iterations ${String(result.iterations)} of ${requested}`;
    if (typeof result.converged !== 'boolean' || typeof result.stoppedEarly !== 'boolean') return 'converged or stoppedEarly is not a boolean';
    if (result.stoppedEarly && (o.earlyStopping === undefined || o.earlyStopping === false)) return 'stopped early without earlyStopping';
    if (!result.converged && !result.stoppedEarly && result.iterations !== requested) return `stopped after ${String(result.iterations)} of ${requested} without converging`;
    const epochs = fullBatch ? result.iterations : Math.ceil(result.iterations / perEpoch);
    if (result.epochs !== epochs) return `epochs ${String(result.epochs)} for ${result.iterations} updates of ${perEpoch} per epoch`;
    // A completed full-batch fit also records the state after its last update (in history, not in costs).
    const completed = !result.converged && !result.stoppedEarly;
    const records = result.costs.length + (fullBatch && completed ? 1 : 0);
    if (!Array.isArray(result.history) || result.history.length !== records) return 'history is not one entry per record';
    const validating = o.validationData !== undefined || split !== undefined;
    // A validation cost is left out of a record where it is NaN: required only where the validation examples are sane too.
    const given = o.validationData as { X: Matrix; Y: Matrix } | undefined;
    const saneSize = (M: Matrix) => maxAbs(M.data) < 1e6;
    const validationSane = sane && (given === undefined || (saneSize(given.X) && (head !== 'linear' || saneSize(given.Y))));
    for (const [k, record] of result.history.entries()) {
      if (k < result.costs.length && !Object.is(record.cost, result.costs[k])) return `history[${k}].cost is not costs[${k}]`;
      if (k === result.costs.length && record.iteration !== result.iterations) return `the last record (after the last update) is at iteration ${record.iteration}, not ${result.iterations}`;
      if (!validating && 'validationCost' in record) return `history[${k}] has a validation cost without validation examples`;
      if (validating && validationSane && !('validationCost' in record)) return `history[${k}] lacks a validation cost`;
      if ('validationCost' in record && ((head === 'linear') !== ('validationR2' in record) || (head !== 'linear') !== ('validationAccuracy' in record))) {
        return `history[${k}] has the wrong metric for a ${head} output`;
      }
    }
    if (!validating && result.bestEpoch !== undefined) return 'a bestEpoch without validation examples';
    return undefined;
  };
}

/** Cases a public run makes: every call of every round, plus 20 calls while training in every `period`-th round. */
function plannedCases(backend: string, rounds: number, callsPerRound: number): number {
  return rounds * callsPerRound + 20 * Math.ceil(rounds / trainingPeriod(backend));
}

describe('fuzz: the public API', () => {
  it.each(backends)('the public API (%s): random malformed calls are rejected cleanly or answered correctly', async (backend) => {
    const findings = new Findings();
    const started = Date.now();
    const rounds = Math.round(250 * SCALE);
    await fuzzPublic(backend, SEED + (backend === 'ts' ? 1 : 0), rounds, 50, findings);
    console.log(findings.summary(`public API (${backend})`, started));
    expect(findings.report()).toEqual([]);
    // This run's own count: every call was made and counted.
    expect(findings.cases).toBe(plannedCases(backend, rounds, 50));
    expect(findings.outcomeTotal()).toBe(findings.cases);
  });

  it.each(backends)('counts (%s): a short run makes, and counts, exactly the calls it plans', async (backend) => {
    const findings = new Findings();
    await fuzzPublic(backend, SEED + 10, 4, 5, findings);
    expect(findings.report()).toEqual([]);
    expect(findings.cases).toBe(plannedCases(backend, 4, 5));
    // Without violations, each call has exactly one outcome.
    expect(findings.outcomeTotal()).toBe(findings.cases);
  });
});
