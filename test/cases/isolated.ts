// Running a script in a fresh node process, for inputs that could take the
// whole process down (a native crash, a runaway allocation): a failure is
// then a failed test instead of a dead test worker.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { addonPath } from './raw-binding';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface IsolatedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  elapsedMs: number;
  /** The script's last line of output (its verdict). */
  last: string;
  stdout: string;
  stderr: string;
}

/** Runs `script` (CommonJS, with SHALLOWNET_ADDON set to the addon's path) in a fresh node; returns how it ended. */
export function runIsolated(script: string, timeoutMs = 30_000): IsolatedRun {
  const started = Date.now();
  const child = spawnSync(process.execPath, ['-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, SHALLOWNET_ADDON: addonPath },
  });
  const lines = (child.stdout ?? '').trim().split('\n');
  return {
    status: child.status,
    signal: child.signal,
    elapsedMs: Date.now() - started,
    last: lines.at(-1) ?? '',
    stdout: child.stdout,
    stderr: (child.stderr ?? '').slice(-2000),
  };
}

/** The child exited normally (code 0): no crash, no timeout. */
export function expectSurvived(run: IsolatedRun): void {
  const how = run.signal ? `killed by ${run.signal} after ${run.elapsedMs} ms` : `exit code ${run.status}`;
  expect({ status: run.status, signal: run.signal }, `${how}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toEqual({ status: 0, signal: null });
}

/** Script source defining outcome(f): 'ok', or the class of what f threw (or its promise rejected with). */
export const OUTCOME_HELPER = `
  const outcome = (f) => {
    try { const r = f(); if (r && typeof r.then === 'function') return r.then(() => 'ok', (e) => (e && e.constructor && e.constructor.name) || String(e)); return 'ok'; }
    catch (e) { return (e && e.constructor && e.constructor.name) || String(e); }
  };
`;
