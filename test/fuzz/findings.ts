// The fuzzers' bookkeeping: the seed and scale of a run, what each call did
// (outcomes) and what it must not have done (violations), and the checks and
// descriptions they share.
//
// Reproduce a run with FUZZ_SEED=<seed>; FUZZ_SCALE=<factor> runs more (or fewer) cases.
import { openSync, writeSync } from 'node:fs';
import type { Matrix } from 'shallownet';

export const SEED = Number(process.env.FUZZ_SEED ?? 20_241_128);
export const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** FUZZ_TRACE=<file>: each case is written there before it runs, so a crash leaves its culprit last. */
const traceFd = process.env.FUZZ_TRACE ? openSync(process.env.FUZZ_TRACE, 'w') : undefined;
export function trace(line: string): void {
  if (traceFd !== undefined) writeSync(traceFd, `${line}\n`);
}

/** V8's own messages: an argument the library never looked at. */
export const ENGINE_MESSAGES =
  /Cannot read propert|Cannot set propert|Invalid typed array length|Array buffer allocation failed|is not a function|is not iterable|Cannot convert|Cannot mix BigInt|Invalid array length|Maximum call stack|is not a constructor|^Invalid argument$|Start offset|out of memory/i;

export class Findings {
  /** Calls made. */
  cases = 0;
  /** Valid-but-expensive values scaled down so the run stays short: counted, not hidden. */
  clamped = 0;
  readonly outcomes = new Map<string, number>();
  readonly violations = new Map<string, { count: number; example: string }>();

  outcome(entry: string, what: string): void {
    const key = `${entry} → ${what}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  violation(entry: string, problem: string, example: string): void {
    // Grouped by kind: what follows ' — ' is detail, and numbers are not part of the kind.
    const kind = problem.split(' — ')[0]!.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, '#').slice(0, 200);
    const key = `${entry}: ${kind}`;
    const seen = this.violations.get(key);
    if (seen) seen.count++;
    else this.violations.set(key, { count: 1, example: problem.includes(' — ') ? `${problem.split(' — ').slice(1).join(' — ')}: ${example}` : example });
  }

  /** Calls that succeeded. */
  succeeded(): number {
    return [...this.outcomes].filter(([k]) => k.endsWith('→ ok')).reduce((s, [, n]) => s + n, 0);
  }

  /** Every outcome counted, whatever it was. */
  outcomeTotal(): number {
    return [...this.outcomes.values()].reduce((s, n) => s + n, 0);
  }

  report(): string[] {
    return [...this.violations].map(([key, { count, example }]) => `${key}  (×${count}; e.g. ${example})`);
  }

  summary(what: string, startedMs: number): string {
    const ok = this.succeeded();
    return (
      `[fuzz] ${what}, seed ${SEED}: ${this.cases} cases in ${Date.now() - startedMs} ms — ` +
      `${ok} succeeded, ${this.cases - ok} threw; ${this.clamped} valid-but-expensive values scaled down; ` +
      `${this.violations.size} kinds of violation`
    );
  }
}

/** Scales a fit's iterations, and its epochs, down to at most 40 (counted in findings.clamped). */
export function clampIterations(options: unknown, findings: Findings): void {
  if (options === null || typeof options !== 'object') return;
  const o = options as Record<string, unknown>;
  for (const key of ['iterations', 'epochs']) {
    const value = o[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 40) {
      o[key] = 1 + (value % 40);
      findings.clamped++;
    }
  }
}

/** A short description of any value, for a violation's example. */
export function show(value: unknown, depth = 0): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 12 ? `${value.slice(0, 12)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return 'Symbol()';
  if (typeof value === 'function') return 'fn';
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    const head = length ? Array.from(value as unknown as ArrayLike<number>).slice(0, 3).map((v) => show(v)).join(',') : '';
    return `${value.constructor.name}(${length ?? '?'})[${head}${(length ?? 0) > 3 ? ',…' : ''}]`;
  }
  if (depth > 2) return '{…}';
  if (Array.isArray(value)) return `[${value.slice(0, 4).map((v) => show(v, depth + 1)).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  const entries = Object.keys(value as object).slice(0, 8).map((k) => `${k}: ${show((value as Record<string, unknown>)[k], depth + 1)}`);
  const name = (value as object).constructor?.name;
  return `${name && name !== 'Object' ? name : ''}{${entries.join(', ')}}`;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : `the non-Error ${show(error)}`;
}

export function allFinite(data: ArrayLike<number>): boolean {
  for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) return false;
  return true;
}

export function maxAbs(data: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k < data.length; k++) max = Math.max(max, Math.abs(data[k]!));
  return max;
}

/** A result matrix: the right shape, a real Float64Array, and (if `finite`) finite values. */
export function checkMatrixResult(value: unknown, rows: number, cols: number, finite: boolean, name: string): string | undefined {
  const M = value as Matrix;
  if (M === null || typeof M !== 'object') return `${name} is not a matrix`;
  if (M.rows !== rows || M.cols !== cols) return `${name} is (${M.rows}, ${M.cols}), expected (${rows}, ${cols})`;
  if (!(M.data instanceof Float64Array) || M.data.length !== rows * cols) return `${name}.data is not a Float64Array of rows * cols`;
  if (finite && !allFinite(M.data)) return `${name} holds non-finite values`;
  return undefined;
}

/** Runs `call`, awaiting a promise it returns; says whether it threw, and what it gave or threw. */
export async function execute(call: () => unknown): Promise<{ threw: boolean; result?: unknown; error?: unknown }> {
  try {
    let result = call();
    if (result instanceof Promise) result = await result;
    return { threw: false, result };
  } catch (error) {
    return { threw: true, error };
  }
}
