/**
 * A legend: one row per entry, a colour sample (a dot for classes, a short
 * line for curves) and its name.
 */
import type { Color, Shape } from './figure';
import { INK } from './palette';

export interface LegendEntry {
  label: string;
  color: Color;
  sample: 'dot' | 'line';
}

const ROW_HEIGHT = 20;
const FONT = 12;

/** Width the legend needs to the right of a plot: room for its samples and the longest name at about 0.6 em a character. */
export function legendWidth(entries: readonly LegendEntry[]): number {
  const longest = Math.max(0, ...entries.map((entry) => entry.label.length));
  return 36 + Math.ceil(longest * FONT * 0.6) + 12;
}

/** The legend's shapes, its top-left corner at (x, y). */
export function legendShapes(entries: readonly LegendEntry[], x: number, y: number): Shape[] {
  const shapes: Shape[] = [];
  entries.forEach((entry, k) => {
    const middle = y + k * ROW_HEIGHT + ROW_HEIGHT / 2;
    if (entry.sample === 'dot') shapes.push({ kind: 'circle', cx: x + 12, cy: middle, r: 5, fill: entry.color, stroke: INK });
    else shapes.push({ kind: 'polyline', points: [x + 2, middle, x + 22, middle], stroke: entry.color, width: 3 });
    shapes.push({ kind: 'text', x: x + 30, y: middle + FONT / 3, text: entry.label, size: FONT, color: INK, anchor: 'start' });
  });
  return shapes;
}
