/**
 * The frame around a plotting area: a box, tick marks with their values, the
 * axis titles and the figure's title.
 */
import { pixelX, pixelY, type PlotArea, type Shape } from './figure';
import { INK } from './palette';
import { niceTicks } from './ticks';

export interface AxesLabels {
  title?: string | undefined;
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  /** Only whole-number ticks on x (epochs). */
  xIntegers?: boolean;
}

const TICK_LENGTH = 5;
const TICK_FONT = 11;
const LABEL_FONT = 13;
const TITLE_FONT = 15;

/** The shapes of the axes of `area`: draw them after the data so the box stays on top. */
export function axesShapes(area: PlotArea, labels: AxesLabels): Shape[] {
  const { left, top, width, height } = area;
  const right = left + width;
  const bottom = top + height;
  const shapes: Shape[] = [
    { kind: 'polyline', points: [left, top, right, top, right, bottom, left, bottom, left, top], stroke: INK, width: 1 },
  ];
  const xTicks = niceTicks(area.xDomain[0], area.xDomain[1], Math.max(2, Math.round(width / 80)), labels.xIntegers);
  xTicks.values.forEach((value, k) => {
    const x = pixelX(area, value);
    shapes.push({ kind: 'polyline', points: [x, bottom, x, bottom + TICK_LENGTH], stroke: INK, width: 1 });
    shapes.push({ kind: 'text', x, y: bottom + TICK_LENGTH + TICK_FONT + 2, text: xTicks.labels[k] as string, size: TICK_FONT, color: INK, anchor: 'middle' });
  });
  const yTicks = niceTicks(area.yDomain[0], area.yDomain[1], Math.max(2, Math.round(height / 60)));
  yTicks.values.forEach((value, k) => {
    const y = pixelY(area, value);
    shapes.push({ kind: 'polyline', points: [left - TICK_LENGTH, y, left, y], stroke: INK, width: 1 });
    shapes.push({ kind: 'text', x: left - TICK_LENGTH - 3, y: y + TICK_FONT / 3, text: yTicks.labels[k] as string, size: TICK_FONT, color: INK, anchor: 'end' });
  });
  if (labels.xLabel !== undefined) {
    shapes.push({ kind: 'text', x: left + width / 2, y: bottom + TICK_LENGTH + TICK_FONT + LABEL_FONT + 10, text: labels.xLabel, size: LABEL_FONT, color: INK, anchor: 'middle' });
  }
  if (labels.yLabel !== undefined) {
    shapes.push({ kind: 'text', x: 16, y: top + height / 2, text: labels.yLabel, size: LABEL_FONT, color: INK, anchor: 'middle', vertical: true });
  }
  if (labels.title !== undefined) {
    shapes.push({ kind: 'text', x: left + width / 2, y: top - 12, text: labels.title, size: TITLE_FONT, color: INK, anchor: 'middle' });
  }
  return shapes;
}
