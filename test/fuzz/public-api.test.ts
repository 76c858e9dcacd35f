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
import { anyCallback, anyMatrix, anyNumber, anyValue, Gen, throwers } from './generator';

interface Net {
  net: ShallowNet;
  n0: number;
  n1: number;
  n2: number;
}

function anyFitOptions(g: Gen, async: boolean): unknown {
  if (g.chance(0.08)) return anyValue(g);
  const options: Record<string, unknown> = { iterations: 1 + g.int(30), learningRate: g.pick([0.01, 0.1, 0.5, 1.2, 3]) };
  if (g.chance(0.4)) options.progressEvery = 1 + g.int(10);
  if (g.chance(0.3)) options.tolerance = g.pick([0, 1e-9, 1e-3, 0.5]);
  if (g.chance(0.3)) options.onProgress = anyCallback(g);
  if (async && g.chance(0.15)) options.signal = g.chance(0.3) ? AbortSignal.abort() : new AbortController().signal;
  for (let k = g.chance(0.6) ? 1 + g.int(2) : 0; k > 0; k--) {
    const key = g.pick(['iterations', 'learningRate', 'progressEvery', 'tolerance', 'onProgress', 'signal', 'iteration', 'lr', 'seed']);
    if (g.chance(0.15)) delete options[key];
    else options[key] = g.chance(0.7) ? anyNumber(g) : anyValue(g);
  }
  return options;
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
    const self: Net = { net: new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, hiddenActivation: activation, seed: g.int(1000), backend: backend as 'ts' }), n0, n1, n2 };
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
  const { net, n0, n1, n2 } = self;
  const m = 1 + g.int(5);
  const X = () => anyMatrix(g, n0, m, ['gauss', 'unit', 'zero', 'negzero']);
  const Y = () => anyMatrix(g, n2, m, ['labels', 'unit']);
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
  const probabilities = (rows: number, cols: number): Checker => (r) =>
    checkMatrixResult(r, rows, cols, true, 'A2') ?? (Array.from((r as Matrix).data).every((v) => v >= 0 && v <= 1) ? undefined : 'A2 outside [0, 1]');
  const cost: Checker = (r) => (typeof r === 'number' && r >= 0 && Number.isFinite(r) ? undefined : `cost ${String(r)}`);
  const costIfSane = (finite: boolean): Checker => (r) => (typeof r !== 'number' ? 'not a number' : finite ? cost(r) : undefined);
  const cols = (M: unknown) => (M as Matrix | undefined)?.cols ?? 0;

  let entry: string;
  let args: unknown[];
  let run: () => unknown;
  let check: Checker;
  let mayDiverge = false;
  let mayAbort = false;

  switch (packedBefore === undefined ? g.int(12) : g.int(17)) {
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
          checkMatrixResult(c.Z2, n2, k, finite, 'Z2') ?? probabilities(n2, k)(c.A2)
        );
      };
      break;
    }
    case 1: {
      entry = 'predictProba';
      args = [X()];
      run = () => net.predictProba(args[0] as Matrix);
      check = (r) => probabilities(n2, cols(args[0]))(r);
      break;
    }
    case 2: {
      entry = 'predict';
      args = g.chance(0.7) ? [X()] : [X(), g.chance(0.5) ? g.uniform() : anyValue(g)];
      run = () => net.predict(args[0] as Matrix, args[1] as number);
      check = (r) => checkMatrixResult(r, n2, cols(args[0]), true, 'labels') ?? (Array.from((r as Matrix).data).every((v) => v === 0 || v === 1) ? undefined : 'labels not 0/1');
      break;
    }
    case 3: {
      entry = 'cost';
      args = [X(), Y()];
      run = () => net.cost(args[0] as Matrix, args[1] as Matrix);
      check = costIfSane(sane(args[0]));
      break;
    }
    case 4: {
      entry = 'gradients';
      args = [X(), Y()];
      run = () => net.gradients(args[0] as Matrix, args[1] as Matrix);
      check = gradientsCheck(sane(args[0]));
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
      check = costIfSane(sane(args[0]));
      mayDiverge = true;
      break;
    }
    case 8: case 9: {
      entry = 'fit';
      const options = anyFitOptions(g, false);
      clampIterations(options, findings);
      args = [X(), Y(), options];
      run = () => net.fit(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, sane(args[0]));
      mayDiverge = true;
      break;
    }
    case 10: {
      entry = 'fitAsync';
      // The TS backend starts a worker thread per call: fewer of those.
      if (backend === 'ts' && g.chance(0.85)) return buildCall(g, backend, self, packedBefore, findings);
      const options = anyFitOptions(g, true);
      clampIterations(options, findings);
      args = [X(), Y(), options];
      run = () => net.fitAsync(args[0] as Matrix, args[1] as Matrix, args[2] as { iterations: number; learningRate: number });
      check = fitResultCheck(options, sane(args[0]));
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
      entry = 'new ShallowNet';
      const options: Record<string, unknown> = { inputSize: 1 + g.int(4), hiddenSize: 1 + g.int(4), backend };
      if (g.chance(0.3)) options.outputSize = 1 + g.int(3);
      if (g.chance(0.3)) options.hiddenActivation = g.pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']);
      if (g.chance(0.3)) options.seed = g.int(2 ** 32);
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'seed', 'backend', 'iteration']);
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
        return allFinite(Float64Array.from(Object.values(made.parameters()).flatMap((M) => [...M.data]))) ? undefined : 'non-finite initial parameters';
      };
      break;
    }
    case 13: {
      entry = 'fromParameters';
      const p: Record<string, unknown> = { ...net.parameters() };
      for (let k = g.chance(0.8) ? 1 + g.int(2) : 0; k > 0; k--) {
        const key = g.pick(['W1', 'b1', 'W2', 'b2', 'extra']);
        const [rows, c] = key === 'W1' ? [n1, n0] : key === 'W2' ? [n2, n1] : key === 'b2' ? [n2, 1] : [n1, 1];
        p[key] = anyMatrix(g, rows + (g.chance(0.2) ? 1 : 0), c, ['gauss', 'nan', 'inf']);
      }
      const options = g.chance(0.7) ? { backend } : g.chance(0.5) ? { backend, hiddenActivation: anyValue(g) } : anyValue(g);
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
    case 14: {
      entry = 'fromJSON';
      const doc = JSON.parse(JSON.stringify(net.toJSON())) as Record<string, unknown> & { parameters: Record<string, Record<string, unknown>> };
      for (let k = g.chance(0.85) ? 1 + g.int(2) : 0; k > 0; k--) {
        const where = g.int(3);
        if (where === 0) doc[g.pick(['format', 'version', 'inputSize', 'hiddenSize', 'outputSize', 'hiddenActivation', 'parameters'])] = g.chance(0.5) ? anyNumber(g) : anyValue(g);
        else if (where === 1 && doc.parameters && typeof doc.parameters === 'object') {
          const key = g.pick(['W1', 'b1', 'W2', 'b2']);
          doc.parameters[key] = g.chance(0.5) ? anyValue(g) as Record<string, unknown> : { ...(doc.parameters[key] ?? {}), [g.pick(['rows', 'cols', 'float64le'])]: g.chance(0.5) ? anyNumber(g) : g.pick(['', 'AAAA', 'not base64!', '////////////////////w==', 'AAAAAAAA+H8=']) };
        } else delete doc[g.pick(['format', 'version', 'inputSize', 'parameters', 'hiddenActivation'])];
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
    case 15: {
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
  const example = `${entry}(${args.map((a) => show(a)).join(', ')})`;
  trace(`${backend} ${example}`);
  const { threw, result, error } = await execute(run);
  const options = args[2] as { onProgress?: unknown } | null | undefined;
  const thrower = (entry === 'fit' || entry === 'fitAsync') && typeof options === 'object' && options !== null && throwers.has(options.onProgress as never);
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
    self.net = new ShallowNet({ inputSize: self.n0, hiddenSize: self.n1, outputSize: self.n2, seed: 1, backend: backend as 'ts' });
  }
}

/**
 * While fitAsync trains the net, random calls on it: each throws
 * NetworkBusyError (or, for an argument checked before the net is, a
 * TypeError / RangeError), none succeeds; then the training ends normally.
 */
async function fuzzWhileTraining(g: Gen, backend: string, self: Net, findings: Findings): Promise<void> {
  // Fresh parameters: the round's net may have been pushed far enough by earlier calls to diverge.
  const net = new ShallowNet({ inputSize: self.n0, hiddenSize: self.n1, outputSize: self.n2, seed: g.int(1000), backend: backend as 'ts' });
  self.net = net;
  const training = net.fitAsync(
    { rows: self.n0, cols: 3, data: new Float64Array(self.n0 * 3).fill(0.5) },
    { rows: self.n2, cols: 3, data: new Float64Array(self.n2 * 3).fill(1) },
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

function fitResultCheck(options: unknown, sane: boolean): Checker {
  return (r) => {
    const result = r as { costs: unknown; finalCost: unknown; iterations: unknown; converged: unknown };
    const requested = (options as { iterations: number }).iterations;
    const nulls = Object.keys(options as object).filter((k) => (options as Record<string, unknown>)[k] === null);
    if (nulls.length > 0) return `accepted null as a default — for options.${nulls.join(', options.')}`;
    if (!Array.isArray(result.costs) || !result.costs.every((c) => typeof c === 'number' && (!sane || Number.isFinite(c)))) return 'costs is not an array of finite numbers';
    if (typeof result.finalCost !== 'number' || (sane && !Number.isFinite(result.finalCost))) return `finalCost ${String(result.finalCost)}`;
    if (!Number.isInteger(result.iterations) || (result.iterations as number) < 0 || (result.iterations as number) > requested) return `iterations ${String(result.iterations)}`;
    if (typeof result.converged !== 'boolean') return 'converged is not a boolean';
    if (!result.converged && result.iterations !== requested) return `stopped after ${String(result.iterations)} of ${requested} without converging`;
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
