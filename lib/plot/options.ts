/** Argument checks shared by the plots. */
import { invalidType, invalidValue } from '../argument-error';
import { checkInteger } from '../validate';

/** A figure dimension in pixels: an integer from `min` to 10 000. */
export function checkPixels(value: unknown, name: string, fallback: number, min: number): number {
  return value === undefined ? fallback : checkInteger(value, name, min, 10_000);
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
