/**
 * Training's progress in a log (stdout or stderr not a terminal): plain
 * lines on stderr, no \r, no ANSI codes. Every epoch of a short run; about
 * twenty lines for a long one, and at least one every few seconds for a slow one.
 */
import { performance } from 'node:perf_hooks';
import type { Progress } from '../types';
import { formatCount, formatDuration, formatScore } from './format';
import { printNote } from './terminal';
import type { TrainingDisplay, TrainingRun } from './training-display';
import { paceOf, validationText } from './training-pace';

/** Runs of up to this many epochs get a line for every epoch. */
const EVERY_EPOCH_UP_TO = 20;
/** A slow run gets a line at least this often (ms), whatever its epoch count. */
const AT_LEAST_EVERY_MS = 5000;

export class ProgressLinesDisplay implements TrainingDisplay {
  #run: TrainingRun = { epochs: 0, examples: 0 };
  #started = 0;
  #every = 1;
  #lastPrinted = 0;
  #last: Progress | undefined;
  #lastEpochPrinted = -1;

  start(run: TrainingRun): void {
    this.#run = run;
    this.#started = performance.now();
    this.#lastPrinted = this.#started;
    this.#every = run.epochs <= EVERY_EPOCH_UP_TO ? 1 : Math.ceil(run.epochs / EVERY_EPOCH_UP_TO);
  }

  epoch(progress: Progress): void {
    this.#last = progress;
    const now = performance.now();
    const due = progress.epoch === 1 || progress.epoch % this.#every === 0 || now - this.#lastPrinted >= AT_LEAST_EVERY_MS;
    if (due) this.#print(progress, now);
  }

  stop(): void {
    // The last epoch, if the schedule skipped it: the log should end on where training ended.
    if (this.#last !== undefined && this.#last.epoch !== this.#lastEpochPrinted) this.#print(this.#last, performance.now());
  }

  #print(progress: Progress, now: number): void {
    const pace = paceOf(progress, this.#run, this.#started, now);
    const width = String(this.#run.epochs).length;
    const parts = [
      `epoch ${String(progress.epoch).padStart(width)}/${this.#run.epochs}`,
      `cost ${formatScore(progress.cost)}`,
      validationText(progress),
      Number.isFinite(pace.examplesPerSecond) ? `${formatCount(Math.round(pace.examplesPerSecond))} ex/s` : '',
      progress.epoch < this.#run.epochs ? `ETA ${formatDuration(pace.remainingSeconds)}` : '',
    ];
    printNote(parts.filter((part) => part !== '').join('  '));
    this.#lastPrinted = now;
    this.#lastEpochPrinted = progress.epoch;
  }
}
