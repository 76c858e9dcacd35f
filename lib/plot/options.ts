/** Argument checks shared by the plots. */
import { invalidType, invalidValue } from '../argument-error';
import { checkInteger } from '../validate';

/** Largest figure dimension, in pixels. */
export const MAX_PIXELS = 10_000;

/** Each figure dimension's default and least value, in pixels (room for the axes, ticks and legend). */
export const FIGURE_SIZE = { width: { fallback: 640, min: 200 }, height: { fallback: 480, min: 150 } } as const;

/** A figure dimension in pixels: an integer from its least value to MAX_PIXELS, by default its fallback. */
export function checkPixels(value: unknown, name: keyof typeof FIGURE_SIZE): number {
  const { fallback, min } = FIGURE_SIZE[name];
  return value === undefined ? fallback : checkInteger(value, name, min, MAX_PIXELS);
}

/** An optional string (a title, an axis label). */
export function checkText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidType(name, 'a string', value);
  return value;
}

/** An optional array of `count` strings (or at least `count`, when `atLeast`). */
export function checkTextList(value: unknown, name: string, count: number, atLeast = false): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidType(name, 'an array of strings', value);
  if (atLeast ? value.length < count : value.length !== count) throw invalidValue(name, `${atLeast ? 'at least ' : ''}${count} names`, value);
  value.forEach((item, k) => {
    if (typeof item !== 'string') throw invalidType(`${name}[${k}]`, 'a string', item);
  });
  return value as string[];
}
