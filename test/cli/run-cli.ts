// Running the built command as a user does: `node dist/cli/main.js …` in a
// child process, with stdout and stderr captured (so neither is a TTY).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** A file in test/fixtures/cli/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/cli/${name}`, import.meta.url));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `shallownet …args` to its end. */
export function runCli(args: string[], options: { cwd?: string; fileModesBindRoot?: boolean } = {}): Promise<CliResult> {
  // Root writes anywhere: with fileModesBindRoot, a root test run starts the
  // command without the capabilities that override file modes (setpriv, from
  // util-linux), so a read-only directory is read-only to it too. (Running it
  // as another user instead fails where the checkout is private to root.)
  const asRoot = options.fileModesBindRoot === true && process.getuid?.() === 0;
  const [command, prefix] = asRoot
    ? ['setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath]]
    : [process.execPath, []];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, MAIN, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A fresh temporary directory, and a function that removes it. */
export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'shallownet-cli-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Anything a terminal would interpret: carriage returns (bars redrawn in place) or ANSI escape sequences. */
export const TERMINAL_CONTROL = /[\r\u001b]/;
