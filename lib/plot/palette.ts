/**
 * Class colours: strong ones for the points of each class, and the same hues
 * washed towards white for the regions behind them, so a point stands out on
 * its own class's region and a misclassified one on another's.
 */
import type { Color } from './figure';

/** Ten hues far enough apart to tell classes apart, then repeated lighter and darker. */
const BASE: readonly Color[] = [
  [37, 99, 235], // blue
  [220, 38, 38], // red
  [22, 163, 74], // green
  [217, 119, 6], // amber
  [147, 51, 234], // purple
  [8, 145, 178], // cyan
  [219, 39, 119], // pink
  [101, 163, 13], // lime
  [120, 113, 108], // grey
  [154, 52, 18], // brown
];

export const INK: Color = [33, 33, 33];
export const WHITE: Color = [255, 255, 255];

/** The colour of class c's points. */
export function classColor(c: number): Color {
  const base = BASE[c % BASE.length] as Color;
  const round = Math.floor(c / BASE.length);
  // Past ten classes, alternate darker and lighter versions of the same hues.
  return round === 0 ? base : mix(base, round % 2 === 1 ? INK : WHITE, 0.35);
}

/** The colour of class c's region: its point colour, 75 % of the way to white. */
export function regionColor(c: number): Color {
  return mix(classColor(c), WHITE, 0.75);
}

/** The colour `share` of the way from a to b. */
export function mix(a: Color, b: Color, share: number): Color {
  return [0, 1, 2].map((k) => Math.round((a[k] as number) + ((b[k] as number) - (a[k] as number)) * share)) as unknown as Color;
}
