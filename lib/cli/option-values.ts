/**
 * Option values from the command line's text to what the library takes,
 * refused with the library's own wording ("--epochs must be an integer from
 * 1 to 1000000, got "ten"") so that every message reads alike.
 */
import { invalidValue } from '../argument-error';

/** A whole number from `min` to `max`, written in decimal. */
export function readInteger(text: string, flag: string, min: number, max: number): number {
  const value = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalidValue(flag, `an integer from ${min} to ${max}`, text);
  return value;
}

/** Where a number may lie; `above` excludes its bound, `from` includes it. */
export interface NumberRange {
  from?: number;
  above?: number;
  below?: number;
}

/** A finite decimal number ("0.01", "1e-3") in the given range. */
export function readNumber(text: string, flag: string, range: NumberRange, expected: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  const inRange =
    Number.isFinite(value) &&
    (range.from === undefined || value >= range.from) &&
    (range.above === undefined || value > range.above) &&
    (range.below === undefined || value < range.below);
  if (!inRange) throw invalidValue(flag, expected, text);
  return value;
}

/** One of a list of words. */
export function readChoice<T extends string>(text: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw invalidValue(flag, `one of ${choices.join(', ')}`, text);
  return text as T;
}

/** A comma-separated list of names ("a,b,c"), each non-empty. */
export function readNameList(text: string, flag: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw invalidValue(flag, 'a comma-separated list of column names', text);
  return names;
}
