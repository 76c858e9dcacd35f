/** How fast training goes, and the validation figures, as the displays put them. */
import type { Progress } from '../types';
import { formatScore } from './format';
import type { TrainingRun } from './training-display';

/** Examples per second and the estimated time left, from an epoch's report. */
export interface Pace {
  examplesPerSecond: number;
  elapsedSeconds: number;
  /** Seconds to the last epoch asked for (an upper bound when early stopping ends sooner). */
  remainingSeconds: number;
}

/** The pace so far, `started` being performance.now() at the start of training. */
export function paceOf(progress: Progress, run: TrainingRun, started: number, now: number): Pace {
  const elapsedSeconds = (now - started) / 1000;
  const perEpoch = progress.epoch > 0 ? elapsedSeconds / progress.epoch : NaN;
  return {
    examplesPerSecond: elapsedSeconds > 0 ? (progress.epoch * run.examples) / elapsedSeconds : NaN,
    elapsedSeconds,
    remainingSeconds: perEpoch * Math.max(0, run.epochs - progress.epoch),
  };
}

/** The validation figure worth watching: "val accuracy 0.9667", "val R² 0.8123", or "" without validation. */
export function validationText(progress: Progress): string {
  const parts: string[] = [];
  if (progress.validationCost !== undefined) parts.push(`val cost ${formatScore(progress.validationCost)}`);
  if (progress.validationAccuracy !== undefined) parts.push(`val accuracy ${formatScore(progress.validationAccuracy)}`);
  if (progress.validationR2 !== undefined) parts.push(`val R² ${formatScore(progress.validationR2)}`);
  return parts.join('  ');
}
