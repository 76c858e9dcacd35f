// Property-based fuzzing of the raw binding (build/Release/shallownet.node),
// called directly with a seeded generator's argument lists. Every call must
// either succeed with a result of the right shape, or throw a TypeError /
// RangeError whose message is the binding's own (not a V8 internal), or — for
// a call on a net that is training — the binding's busy Error. A rejected call
// leaves the parameters bit for bit as they were; no call leaves them NaN or
// infinite, or the net marked as training; and nothing crashes (a native crash
// kills this file's worker, which fails the run).
//
// Reproduce a run with FUZZ_SEED=<seed>; FUZZ_SCALE=<factor> runs more (or fewer) cases.
import { describe, expect, it } from 'vitest';
import type { NativeBinding } from '../../lib/native/binding';
import { parameterCount, raw, RAW_FIT_FIELDS, rawFitOptions, skipRaw, type RawConstructor, type RawFunctions, type RawNet } from '../cases/raw-binding';
import { bitsEqual } from '../helpers';
import { allFinite, clampIterations, ENGINE_MESSAGES, Findings, maxAbs, SCALE, SEED, show, trace } from './findings';
import { anyCallback, anyNumber, anyValue, detachedFloat64, fill, float64, anyContent, Gen, throwers, type Content } from './generator';

/** What the raw fuzzer calls: every NativeNet method, the constructor, and the module functions. */
const METHODS = ['parameters', 'setParameters', 'forward', 'predictProba', 'gradients', 'backward', 'update', 'cost', 'evaluate', 'step', 'fit', 'fitAsync', 'abort', 'isTraining', 'new NativeNet', 'nativeInfo', 'setThreads', 'dgemmProbe'] as const;
/** Those that take no arguments, so never reject any. */
const TAKES_NOTHING = ['parameters', 'abort', 'isTraining', 'nativeInfo'];

type Head = 'sigmoid' | 'softmax' | 'linear';
const HEADS: readonly Head[] = ['sigmoid', 'softmax', 'linear'];

/** Valid raw fit options of every kind: any batch size, optimizer, decay, L2, early stopping, carried-on state. */
function anyValidRawOptions(g: Gen, m: number): Record<string, unknown> {
  return rawFitOptions({
    iterations: 1 + g.int(20),
    batchSize: Math.min(g.pick([1, 2, 3, m, m, m]), m),
    shuffle: g.chance(0.4),
    seed: g.int(2 ** 32),
    learningRate: g.pick([0.01, 0.5, 1.2]),
    learningRateDecay: g.pick([0, 0, 0.1, 1]),
    optimizer: g.pick(['gd', 'gd', 'momentum', 'adam']),
    beta: g.pick([0, 0.5, 0.9]),
    beta1: g.pick([0, 0.9]),
    beta2: g.pick([0.5, 0.999]),
    epsilon: g.pick([1e-8, 1e-3, 1]),
    l2: g.pick([0, 0, 0.01, 1]),
    progressEvery: 1 + g.int(5),
    tolerance: g.pick([0, 1e-6]),
    patience: g.pick([0, 0, 1, 3]),
    minDelta: g.pick([0, 1e-3]),
    restoreBest: g.chance(0.5),
    keepOptimizerState: g.chance(0.3),
    epochOffset: g.pick([0, g.int(10)]),
  });
}

/** Targets for a head: mostly what it takes (one-hot columns for a softmax), else anything. */
function anyTargets(g: Gen, head: Head, n2: number, m: number): Float64Array {
  if (head === 'softmax' && g.chance(0.7)) {
    const Y = float64(g, n2 * m, 'zero');
    for (let j = 0; j < m; j++) Y[g.int(n2) * m + j] = 1;
    if (g.chance(0.1)) Y[g.int(Y.length)] = g.pick([0.5, 2, NaN]);
    return Y;
  }
  return float64(g, n2 * m, anyContent(g, head === 'linear' ? ['gauss', 'unit'] : ['labels', 'unit']));
}

async function fuzzRaw(binding: NativeBinding, seed: number, rounds: number, callsPerRound: number, findings: Findings) {
  const g = new Gen(seed);
  const NativeNet = binding.NativeNet as unknown as RawConstructor;
  const b = binding as unknown as RawFunctions;
  const threads = (b.nativeInfo!() as { threads: number }).threads;
  const count = parameterCount;

  for (let round = 0; round < rounds; round++) {
    const n0 = 1 + g.int(4);
    const n1 = 1 + g.int(5);
    const n2 = 1 + g.int(3);
    const p = float64(g, count(n0, n1, n2), 'gauss');
    const head: Head = g.pick(n2 >= 2 ? HEADS : (['sigmoid', 'linear'] as const));
    let net = new NativeNet(n0, n1, n2, g.pick(['tanh', 'sigmoid', 'relu', 'leakyRelu']), p, head);
    for (let call = 0; call < callsPerRound; call++) {
      const m = 1 + g.int(5);
      const arr = (length: number, content: Content[]) => {
        const r = g.int(12);
        if (r < 8) return float64(g, length, anyContent(g, content));
        if (r === 8) return float64(g, Math.max(0, length + g.pick([-1, 1, length])), 'gauss');
        if (r === 9) { const f = new Float32Array(length); fill(g, f, 'unit'); return f; }
        if (r === 10) return detachedFloat64();
        return anyValue(g);
      };
      const mArg = () => (g.chance(0.85) ? m : g.chance(0.5) ? m + g.pick([-1, 1, 2 ** 31 - 1]) : anyValue(g));
      const rate = () => (g.chance(0.85) ? g.pick([0.01, 0.5, 1.2]) : anyNumber(g));
      const options = () => {
        if (g.chance(0.07)) return anyValue(g);
        const o = anyValidRawOptions(g, m);
        for (let k = g.chance(0.5) ? 1 : 0; k > 0; k--) {
          const key = g.pick(RAW_FIT_FIELDS);
          if (g.chance(0.2)) delete o[key];
          else o[key] = g.chance(0.7) ? anyNumber(g) : anyValue(g);
        }
        clampIterations(o, findings);
        return o;
      };
      const callback = () => (g.chance(0.6) ? undefined : g.chance(0.8) ? anyCallback(g) : anyValue(g));
      const X = () => arr(n0 * m, ['gauss', 'unit']);
      const Y = () => (g.chance(0.85) ? anyTargets(g, head, n2, m) : arr(n2 * m, ['labels', 'unit']));
      // fit's validation examples: none, all three (mostly right), or some of them.
      const validation = () => {
        if (g.chance(0.6)) return [];
        const mv = 1 + g.int(4);
        const given = [g.chance(0.9) ? arr(n0 * mv, ['gauss']) : undefined, g.chance(0.9) ? (g.chance(0.85) ? anyTargets(g, head, n2, mv) : arr(n2 * mv, ['unit'])) : undefined, g.chance(0.9) ? (g.chance(0.85) ? mv : anyValue(g)) : undefined];
        return given;
      };

      let method = g.pick([...METHODS, 'fit'] as const);
      let args: unknown[];
      switch (method) {
        case 'parameters': case 'abort': case 'isTraining': case 'nativeInfo': args = g.chance(0.5) ? [] : [anyValue(g), anyValue(g)]; break;
        case 'setParameters': args = [arr(count(n0, n1, n2), ['gauss'])]; break;
        case 'forward': case 'predictProba': args = [X(), mArg()]; break;
        case 'backward': args = [X(), Y(), arr(n1 * m, ['unit', 'gauss']), arr(n2 * m, ['unit']), mArg()]; break;
        case 'update': args = [arr(count(n0, n1, n2), ['gauss', 'zero']), rate()]; break;
        case 'gradients': case 'cost': case 'evaluate': args = [X(), Y(), mArg()]; break;
        case 'step': args = [X(), Y(), mArg(), rate()]; break;
        case 'fit': case 'fitAsync': args = [X(), Y(), mArg(), options(), callback(), ...validation()]; break;
        case 'new NativeNet': {
          const sizes = [n0, n1, n2].map((s) => (g.chance(0.8) ? s : g.chance(0.6) ? anyNumber(g) : anyValue(g)));
          const valid = sizes.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 1 && s < 2 ** 31);
          const right = valid ? count(...(sizes as [number, number, number])) : 0;
          const params = valid && right <= 1e5 && g.chance(0.8) ? float64(g, right, anyContent(g, ['gauss'])) : arr(count(n0, n1, n2), ['gauss']);
          const output = g.chance(0.85) ? g.pick(HEADS) : g.chance(0.5) ? g.pick(['tanh', 'Softmax', '']) : anyValue(g);
          args = [...sizes, g.chance(0.85) ? g.pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']) : anyValue(g), params, output];
          break;
        }
        case 'setThreads': {
          let t = g.chance(0.5) ? 1 + g.int(2) : anyValue(g);
          if (typeof t === 'number' && Number.isInteger(t) && t > 2 && t <= 1024) { t = 2; findings.clamped++; }
          args = [t];
          break;
        }
        default: {
          method = 'dgemmProbe';
          let size = g.chance(0.6) ? 1 + g.int(16) : anyValue(g);
          let repeats = g.chance(0.6) ? 1 + g.int(3) : anyValue(g);
          // A valid 8192³ product repeated 1000 times would take hours: valid sizes stay small.
          if (typeof size === 'number' && Number.isInteger(size) && size > 64 && size <= 8192) { size = 1 + (size % 64); findings.clamped++; }
          if (typeof repeats === 'number' && Number.isInteger(repeats) && repeats > 3 && repeats <= 1000) { repeats = 1 + (repeats % 3); findings.clamped++; }
          args = [size, repeats];
        }
      }
      if (g.chance(0.03)) args = args.slice(0, g.int(args.length + 1)); // arguments missing
      else if (g.chance(0.03)) args = [...args, anyValue(g)]; // one too many

      const before = net.parameters!() as Float64Array;
      const wasBusy = net.isTraining!();
      findings.cases++;
      trace(`raw ${method}(${args.map((a) => show(a)).join(', ')}) on a ${n0}-${n1}-${n2} ${head} net`);
      let result: unknown;
      let error: unknown;
      let threw = false;
      try {
        if (method === 'new NativeNet') result = new NativeNet(...args);
        else if (method === 'nativeInfo' || method === 'setThreads' || method === 'dgemmProbe') result = b[method]!(...args);
        else {
          result = net[method]!(...args);
          if (result instanceof Promise) result = await result;
        }
      } catch (e) {
        error = e;
        threw = true;
      }
      const entry = `raw ${method}`;
      const example = `${method}(${args.map((a) => show(a)).join(', ')}) on a ${n0}-${n1}-${n2} ${head} net`;
      const thrower = (method === 'fit' || method === 'fitAsync') && throwers.has(args[4] as never);
      if (thrower && threw && error === throwers.get(args[4] as never)) {
        findings.outcome(entry, "onProgress's exception");
      } else if (thrower && !threw && !['diverged'].includes((result as { status?: string }).status ?? '')) {
        findings.violation(entry, "succeeded although onProgress threw — its exception was lost", example);
      } else if (threw) {
        if (error instanceof TypeError || error instanceof RangeError) {
          findings.outcome(entry, error.constructor.name);
          if (ENGINE_MESSAGES.test(error.message)) findings.violation(entry, `${error.constructor.name} with an engine message "${error.message}"`, example);
          if (!bitsEqual(net.parameters!() as Float64Array, before)) findings.violation(entry, 'a rejected call changed the parameters', example);
        } else if (wasBusy && error instanceof Error && /^cannot call \w+\(\) while this network is training/.test(error.message)) {
          findings.outcome(entry, 'busy');
        } else {
          findings.violation(entry, `threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : `the non-Error ${show(error)}`}`, example);
        }
      } else {
        findings.outcome(entry, 'ok');
        const problem = checkRawResult(method, result, args, { n0, n1, n2, head, count: count(n0, n1, n2), saneParameters: maxAbs(before) < 1e100 });
        if (problem) findings.violation(entry, `succeeded but ${problem}`, example);
      }
      if (net.isTraining!()) findings.violation(entry, 'the net is still training', example);
      const now = net.parameters!() as Float64Array;
      if (!allFinite(now)) findings.violation(entry, 'left non-finite parameters', example);
      if (maxAbs(now) > 1e6) net = new NativeNet(n0, n1, n2, 'tanh', p, head);
    }
  }
  b.setThreads!(threads);
}

function checkRawResult(
  method: string,
  result: unknown,
  args: unknown[],
  { n0, n1, n2, head, count, saneParameters }: { n0: number; n1: number; n2: number; head: Head; count: number; saneParameters: boolean },
): string | undefined {
  const m = args[method === 'forward' || method === 'predictProba' ? 1 : method === 'backward' ? 4 : 2] as number;
  // Sane-sized inputs (and, for a linear output, targets: its cost squares them) must give finite results.
  const saneSize = (value: unknown) => ArrayBuffer.isView(value) && maxAbs(value as Float64Array) < 1e6;
  const takesTargets = ['gradients', 'cost', 'evaluate', 'step', 'backward', 'fit', 'fitAsync'].includes(method);
  const sane = saneParameters && saneSize(args[0]) && (head !== 'linear' || !takesTargets || saneSize(args[1]));
  const f64 = (value: unknown, length: number, name: string, finite: boolean) =>
    !(value instanceof Float64Array) || value.length !== length ? `${name} is not a Float64Array(${length})` : finite && !allFinite(value) ? `${name} not finite` : undefined;
  switch (method) {
    case 'parameters': return f64(result, count, 'parameters', true);
    case 'isTraining': return result === false ? undefined : `isTraining() of an idle net returned ${String(result)}`;
    case 'setParameters': case 'abort': case 'setThreads': return result === undefined ? undefined : 'returned a value';
    case 'forward': {
      const c = result as Record<string, unknown>;
      return f64(c.Z1, n1 * m, 'Z1', sane) ?? f64(c.A1, n1 * m, 'A1', sane) ?? f64(c.Z2, n2 * m, 'Z2', sane) ?? f64(c.A2, n2 * m, 'A2', head !== 'linear' || sane);
    }
    case 'predictProba': {
      if (head === 'linear') return f64(result, n2 * m, 'A2', sane);
      const A2 = result as Float64Array;
      return f64(result, n2 * m, 'A2', true) ?? (Array.from(A2).every((v) => v >= 0 && v <= 1) ? undefined : 'A2 outside [0, 1]') ?? (head === 'softmax' ? columnsSumToOne(A2, n2, m) : undefined);
    }
    case 'gradients': return f64(result, count, 'gradients', sane);
    case 'backward': return f64(result, count, 'gradients', false);
    case 'update': return typeof result === 'boolean' ? undefined : 'update did not return a boolean';
    case 'cost': return typeof result === 'number' && (!sane || (Number.isFinite(result) && result >= 0)) ? undefined : `cost ${String(result)}`;
    case 'evaluate': {
      const r = result as { cost: unknown; metric: unknown };
      if (typeof r.cost !== 'number' || typeof r.metric !== 'number') return 'not { cost, metric }';
      if (!sane) return undefined;
      if (!(Number.isFinite(r.cost) && r.cost >= 0)) return `cost ${r.cost}`;
      // Accuracy is a share; R² is at most 1.
      return (head === 'linear' ? r.metric <= 1 : r.metric >= 0 && r.metric <= 1) ? undefined : `metric ${r.metric} for a ${head} output`;
    }
    case 'step': {
      const r = result as { cost: unknown; updated: unknown };
      return typeof r.cost === 'number' && typeof r.updated === 'boolean' ? undefined : 'not { cost, updated }';
    }
    case 'fit': case 'fitAsync': {
      const r = result as { status: unknown; iterations: unknown; epochs: unknown; finalCost: unknown; costs: unknown; history: unknown; bestEpoch: unknown };
      const options = args[3] as { iterations: number; patience: number };
      const validating = args.length > 5 && args.slice(5).some((a) => a !== undefined);
      if (!['completed', 'converged', 'stoppedEarly', 'diverged', 'stopped'].includes(r.status as string)) return `status ${String(r.status)}`;
      if (!Number.isInteger(r.iterations) || !Number.isInteger(r.epochs) || typeof r.finalCost !== 'number' || !(r.costs instanceof Float64Array)) return 'malformed outcome';
      // A completed full-batch fit also records the state after its last update (in history, not in costs).
      const rawFullBatch = (args[3] as { batchSize: number; shuffle: boolean }).batchSize >= (args[2] as number) && !(args[3] as { shuffle: boolean }).shuffle;
      const records = r.costs.length + (rawFullBatch && r.status === 'completed' ? 1 : 0);
      if (!(r.history instanceof Float64Array) || r.history.length !== 5 * records) return 'history is not 5 numbers per record';
      if ((r.iterations as number) > options.iterations) return `${String(r.iterations)} updates of ${options.iterations}`;
      if (r.status === 'stopped') return 'stopped although nothing asked it to';
      if (r.status === 'stoppedEarly' && !(validating && options.patience > 0)) return 'stopped early without validation examples and patience';
      if (!Number.isInteger(r.bestEpoch) || (r.bestEpoch as number) < -1 || (!validating && r.bestEpoch !== -1)) return `bestEpoch ${String(r.bestEpoch)}`;
      // Without validation examples every record's validation figures are NaN.
      const history = r.history;
      if (!validating && history.some((v, k) => k % 5 >= 3 && !Number.isNaN(v))) return 'validation figures without validation examples';
      return undefined;
    }
    case 'new NativeNet': return typeof (result as RawNet).parameters === 'function' ? undefined : 'not a NativeNet';
    case 'nativeInfo': {
      const info = result as { blas?: unknown; simd?: unknown; limits?: unknown };
      if (typeof info.blas !== 'string') return 'no blas field';
      if (typeof info.simd !== 'string') return 'no simd field';
      return info.limits !== null && typeof info.limits === 'object' ? undefined : 'no limits object';
    }
    case 'dgemmProbe': return typeof result === 'number' && result >= 0 && Number.isFinite(result) ? undefined : `time ${String(result)}`;
    default: return undefined;
  }
}

/** A softmax's probabilities: each column sums to 1 (within rounding). */
function columnsSumToOne(A2: Float64Array, n2: number, m: number): string | undefined {
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let i = 0; i < n2; i++) sum += A2[i * m + j]!;
    if (!(Math.abs(sum - 1) < 1e-9)) return `softmax column ${j} sums to ${sum}`;
  }
  return undefined;
}

describe.skipIf(skipRaw)('fuzz: the raw binding', () => {
  it('the raw binding: random malformed calls are rejected cleanly or answered correctly', async () => {
    expect(raw, 'the addon does not load').toBeDefined();
    const findings = new Findings();
    const started = Date.now();
    const rounds = Math.round(450 * SCALE);
    await fuzzRaw(raw!, SEED + 2, rounds, 60, findings);
    console.log(findings.summary('raw binding', started));
    expect(findings.report()).toEqual([]);
    // This run's own count: every call was made and counted, each with one outcome.
    expect(findings.cases).toBe(rounds * 60);
    expect(findings.outcomeTotal()).toBe(findings.cases);
    // Every method was called with arguments it accepted, and (if it takes any) with some it rejected
    // (asserted for runs of a useful size: FUZZ_SCALE=0.01 makes too few calls to promise it).
    if (findings.cases < 2_000) return;
    const count = (what: string) => findings.outcomes.get(`raw ${what}`) ?? 0;
    const untried = METHODS.filter((method) => count(`${method} → ok`) === 0 || (!TAKES_NOTHING.includes(method) && count(`${method} → TypeError`) + count(`${method} → RangeError`) === 0));
    expect(untried).toEqual([]);
  });

  it('counts: a short run makes, and counts, exactly the calls it plans', async () => {
    expect(raw, 'the addon does not load').toBeDefined();
    const findings = new Findings();
    await fuzzRaw(raw!, SEED + 12, 3, 7, findings);
    expect(findings.report()).toEqual([]);
    expect(findings.cases).toBe(3 * 7);
    expect(findings.outcomeTotal()).toBe(findings.cases);
  });
});
