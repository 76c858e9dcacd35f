/**
 * Where the command writes: results on stdout (so they can be piped or
 * redirected), everything about the run — progress, notes, warnings,
 * errors — on stderr.
 */

/** The program's name, at the start of every message on stderr. */
const PROGRAM = 'shallownet';

/**
 * Whether a person is watching a terminal: both stdout and stderr are TTYs.
 * Only then are progress bars drawn (they rewrite their line with \r and ANSI
 * codes, which a log file or a pipe would keep as garbage).
 */
export function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY && process.stderr.isTTY) && process.env.TERM !== 'dumb';
}

/** A result line on stdout. */
export function printResult(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A note about the run on stderr. */
export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function printWarning(text: string): void {
  process.stderr.write(`${PROGRAM}: warning: ${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${PROGRAM}: error: ${text}\n`);
}
