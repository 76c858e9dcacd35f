/**
 * What the process's exit code says, and which failures are the user's to
 * fix (bad usage or bad data: 2) rather than the program's (1).
 */
import { CsvDataError } from '../data/csv-data-error';
import { UsageError } from './usage-error';

export const EXIT_SUCCESS = 0;
/** Anything else: a failure of the program, of the machine, or of training itself. */
export const EXIT_FAILURE = 1;
/** Bad usage or bad data: the message says what to fix. */
export const EXIT_USAGE = 2;
/** Interrupted by Ctrl-C: 128 + SIGINT's number, as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** File-system errors that mean a path on the command line is wrong, not that the program failed. */
const BAD_PATH_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR']);

/**
 * The exit code of a failure. The library reports malformed arguments as
 * TypeError / RangeError and bad files as CsvDataError: all of them mean the
 * command line or its data must change, so they share exit code 2.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof CsvDataError || error instanceof TypeError || error instanceof RangeError) return EXIT_USAGE;
  if (isBadPath(error)) return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** A missing file or directory named on the command line. */
export function isBadPath(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && BAD_PATH_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}
