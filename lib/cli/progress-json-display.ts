/**
 * Training's progress for programs (--json): one JSON object per epoch on
 * stdout, one line each, `"type": "epoch"`; the train command ends the
 * stream with a `"type": "summary"` line.
 */
import { performance } from 'node:perf_hooks';
import type { Progress } from '../types';
import { printResult } from './terminal';
import type { TrainingDisplay, TrainingRun } from './training-display';
import { paceOf } from './training-pace';

export class ProgressJsonDisplay implements TrainingDisplay {
  #run: TrainingRun = { epochs: 0, examples: 0 };
  #started = 0;

  start(run: TrainingRun): void {
    this.#run = run;
    this.#started = performance.now();
  }

  epoch(progress: Progress): void {
    const pace = paceOf(progress, this.#run, this.#started, performance.now());
    printResult(
      JSON.stringify({
        type: 'epoch',
        ...progress,
        epochs: this.#run.epochs,
        examplesPerSecond: Math.round(pace.examplesPerSecond),
        elapsedSeconds: Number(pace.elapsedSeconds.toFixed(3)),
      }),
    );
  }

  stop(): void {}
}
