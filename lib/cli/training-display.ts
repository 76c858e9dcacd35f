/**
 * How training's progress is shown: a bar on a terminal, plain lines in a
 * log, JSON lines for programs, or nothing. The train command talks to this
 * interface only.
 */
import type { Progress } from '../types';
import { isInteractive } from './terminal';
import type { ProgressBarDisplay } from './progress-bar-display';
import { ProgressLinesDisplay } from './progress-lines-display';
import { ProgressJsonDisplay } from './progress-json-display';

/** What a display knows of the run before it starts. */
export interface TrainingRun {
  /** Epochs asked for (early stopping may end sooner). */
  epochs: number;
  /** Training examples: one epoch passes over this many. */
  examples: number;
}

export interface TrainingDisplay {
  start(run: TrainingRun): void;
  /** After each epoch. */
  epoch(progress: Progress): void;
  /** Training is over (or stopping): finish the display, so other messages can follow on a clean line. */
  stop(): void;
}

/** How the user asked to see the run. */
export interface DisplayChoice {
  quiet: boolean;
  json: boolean;
}

/** The display for these flags and this terminal. */
export function chooseTrainingDisplay({ quiet, json }: DisplayChoice): TrainingDisplay {
  if (quiet) return { start() {}, epoch() {}, stop() {} };
  if (json) return new ProgressJsonDisplay();
  if (!isInteractive()) return new ProgressLinesDisplay();
  // Loaded only for a terminal: cli-progress is a good part of the start-up time of a short run.
  const { ProgressBarDisplay: Bar } = require('./progress-bar-display') as { ProgressBarDisplay: typeof ProgressBarDisplay };
  return new Bar();
}
