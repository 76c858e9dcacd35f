/** Reading a CSV file on a terminal: a bar of the bytes read, with the rows so far and the time left. */
import { basename } from 'node:path';
import type { SingleBar } from 'cli-progress';
import type { CsvProgress } from '../data/csv';
import { formatBytes, formatCount } from './format';
import { terminalBar } from './terminal-bar';
import { SHOW_FROM_BYTES, type ReadDisplay } from './read-display';

export class ReadProgressBar implements ReadDisplay {
  readonly #file: string;
  #bar: SingleBar | undefined;

  constructor(file: string) {
    this.#file = basename(file);
  }

  onProgress({ rows, bytes, totalBytes }: CsvProgress): void {
    if (totalBytes === undefined || totalBytes < SHOW_FROM_BYTES) return;
    if (this.#bar === undefined) {
      this.#bar = terminalBar(`reading ${this.#file} {bar} {percentage}%  {rows} rows  {read} of {size}  ETA {eta_formatted}`);
      this.#bar.start(totalBytes, 0, { rows: '0', read: '0 B', size: formatBytes(totalBytes) });
    }
    this.#bar.update(bytes, { rows: formatCount(rows), read: formatBytes(bytes) });
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }
}
