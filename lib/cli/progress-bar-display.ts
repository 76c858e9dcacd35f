/**
 * Training's progress on a terminal: one bar (cli-progress) rewritten in
 * place, with the epoch, the cost, the validation figures, the speed and the
 * time left.
 */
import { performance } from 'node:perf_hooks';
import type { SingleBar } from 'cli-progress';
import type { Progress } from '../types';
import { formatCount, formatDuration, formatScore } from './format';
import { terminalBar } from './terminal-bar';
import type { TrainingDisplay, TrainingRun } from './training-display';
import { paceOf, validationText } from './training-pace';

export class ProgressBarDisplay implements TrainingDisplay {
  #bar: SingleBar | undefined;
  #run: TrainingRun = { epochs: 0, examples: 0 };
  #started = 0;

  start(run: TrainingRun): void {
    this.#run = run;
    this.#started = performance.now();
    this.#bar = terminalBar('epoch {value}/{total} {bar} cost {cost}  {validation}  {speed} ex/s  ETA {left}');
    this.#bar.start(run.epochs, 0, { cost: '…', validation: '', speed: '…', left: '…' });
  }

  epoch(progress: Progress): void {
    const pace = paceOf(progress, this.#run, this.#started, performance.now());
    this.#bar?.update(progress.epoch, {
      cost: formatScore(progress.cost),
      validation: validationText(progress),
      speed: Number.isFinite(pace.examplesPerSecond) ? formatCount(Math.round(pace.examplesPerSecond)) : '…',
      left: formatDuration(pace.remainingSeconds),
    });
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }
}
