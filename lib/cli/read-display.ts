/**
 * Progress while a CSV file is read (readCsv reports about every MiB): a
 * bar of the bytes read on a terminal, a line every tenth of the file in a
 * log. Files under a few MiB read in a blink and show nothing but the
 * command's own "read … rows" note.
 */
import type { CsvProgress } from '../data/csv';
import { formatCount } from './format';
import type { ReadProgressBar } from './read-progress-bar';
import { isInteractive, printNote } from './terminal';

/** Smaller files get no progress display. */
export const SHOW_FROM_BYTES = 4 << 20;

export interface ReadDisplay {
  onProgress(progress: CsvProgress): void;
  /** Done or failed: clear the way for the next message. */
  stop(): void;
}

/** The display for reading `file`; nothing at all when `silent` (--quiet, --json). */
export function readDisplay(file: string, silent: boolean): ReadDisplay {
  if (silent) return { onProgress() {}, stop() {} };
  if (!isInteractive()) return new ReadLines(file);
  // Loaded only for a terminal: cli-progress is a good part of the start-up time of a short run.
  const { ReadProgressBar: Bar } = require('./read-progress-bar') as { ReadProgressBar: typeof ReadProgressBar };
  return new Bar(file);
}

class ReadLines implements ReadDisplay {
  readonly #file: string;
  #nextTenth = 1;

  constructor(file: string) {
    this.#file = file;
  }

  onProgress({ rows, bytes, totalBytes }: CsvProgress): void {
    if (totalBytes === undefined || totalBytes < SHOW_FROM_BYTES || bytes >= totalBytes) return;
    const tenth = Math.floor((10 * bytes) / totalBytes);
    if (tenth < this.#nextTenth) return;
    this.#nextTenth = tenth + 1;
    printNote(`reading ${this.#file}: ${10 * tenth}%, ${formatCount(rows)} rows`);
  }

  stop(): void {}
}
