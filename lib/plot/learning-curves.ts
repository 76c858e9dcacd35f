/**
 * Learning curves: the training and validation cost after each epoch, to see
 * whether training has converged and when it starts to overfit (validation
 * cost turning up while training cost keeps falling).
 */
import { invalidType, invalidValue, received } from '../argument-error';
import { checkKnownKeys, checkObject } from '../validate';
import { axesShapes } from './axes';
import { pixelX, pixelY, type Color, type Figure, type PlotArea, type Shape } from './figure';
import { legendShapes, legendWidth, type LegendEntry } from './legend';
import { checkPixels, checkText } from './options';
import { classColor, WHITE } from './palette';

/** Options of {@link learningCurvesFigure}. */
export interface LearningCurvesOptions {
  /** The training cost of each epoch; entry k is epoch k + 1. A NaN leaves a gap. */
  training: ArrayLike<number>;
  /** The validation cost of each epoch, if there was validation data. */
  validation?: ArrayLike<number>;
  title?: string;
  /** The y axis title. Default "cost". */
  yLabel?: string;
  /** Pixels. Default 640 × 480. */
  width?: number;
  height?: number;
}

const OPTIONS = ['training', 'validation', 'title', 'yLabel', 'width', 'height'] as const;
export const TRAINING_COLOR: Color = classColor(0);
export const VALIDATION_COLOR: Color = classColor(1);
/** Mark each epoch with a dot up to this many epochs; past it, dots would merge into a band. */
const MAX_DOTS = 50;

/**
 * The learning-curves figure: cost against epoch, one line for training and
 * one for validation, with axes, titles and a legend. Draw it with
 * {@link writeFigure} (PNG or SVG). The y axis spans the costs (finite ones)
 * plus 5 % either side, and the epochs likewise.
 *
 * @example
 * const figure = learningCurvesFigure({ training: [0.69, 0.41, 0.32], validation: [0.70, 0.45, 0.38] });
 * await writeFigure('curves.svg', figure);
 */
export function learningCurvesFigure(options: LearningCurvesOptions): Figure {
  const given = checkObject(options, 'learningCurvesFigure options');
  checkKnownKeys(given, OPTIONS, 'learningCurvesFigure options');
  const training = checkSeries(given.training, 'training');
  const validation = given.validation === undefined ? undefined : checkSeries(given.validation, 'validation');
  const title = checkText(given.title, 'title');
  const yLabel = checkText(given.yLabel, 'yLabel') ?? 'cost';
  const width = checkPixels(given.width, 'width');
  const height = checkPixels(given.height, 'height');

  const series = [{ label: 'training', values: training, color: TRAINING_COLOR }];
  if (validation !== undefined) series.push({ label: 'validation', values: validation, color: VALIDATION_COLOR });
  const epochs = Math.max(training.length, validation?.length ?? 0);
  // Loops, not Math.min(...values): a spread of a long history would overflow the stack.
  let low = Infinity;
  let high = -Infinity;
  for (const s of series) {
    for (const value of s.values) {
      if (!Number.isFinite(value)) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  if (low === Infinity) throw invalidValue('training', 'at least one finite cost', received('none'));
  const margin = high > low ? (high - low) * 0.05 : Math.max(Math.abs(low) * 0.1, 0.5);

  const legend: LegendEntry[] = series.map((s) => ({ label: s.label, color: s.color, sample: 'line' }));
  const left = 64;
  const top = 40;
  const right = legendWidth(legend) + 8;
  const bottom = 56;
  const area: PlotArea = {
    left,
    top,
    width: width - left - right,
    height: height - top - bottom,
    // 5 % beyond the first and last epoch, so their dots are not half hidden under the frame.
    xDomain: epochs === 1 ? [0.5, 1.5] : [1 - (epochs - 1) * 0.05, epochs + (epochs - 1) * 0.05],
    yDomain: [low - margin, high + margin],
  };

  const shapes: Shape[] = [];
  for (const s of series) {
    const points: number[] = [];
    s.values.forEach((value, k) => points.push(pixelX(area, k + 1), Number.isFinite(value) ? pixelY(area, value) : NaN));
    shapes.push({ kind: 'polyline', points, stroke: s.color, width: 2 });
    if (epochs <= MAX_DOTS) {
      s.values.forEach((value, k) => {
        if (Number.isFinite(value)) shapes.push({ kind: 'circle', cx: pixelX(area, k + 1), cy: pixelY(area, value), r: 3, fill: s.color });
      });
    }
  }
  shapes.push(...axesShapes(area, { title, xLabel: 'epoch', yLabel, xIntegers: true }));
  shapes.push(...legendShapes(legend, width - right + 8, top));
  return { width, height, background: WHITE, shapes, area };
}

function checkSeries(value: unknown, name: string): number[] {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw invalidType(name, 'an array of costs, one per epoch', value);
  }
  const list = value as ArrayLike<unknown>;
  if (list.length === 0) throw invalidValue(name, 'at least one cost', received('none'));
  return Array.from(list, (item, k) => {
    if (typeof item !== 'number') throw invalidType(`${name}[${k}]`, 'a number', item);
    return item;
  });
}
