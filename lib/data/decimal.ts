/**
 * Strict decimal numbers for CSV cells. `Number(text)` alone is too lenient for
 * data: it reads "" and " " as 0, "0x1A" as 26, "0b1" as 1 and "Infinity" as
 * Infinity, each of which in a data file is far more likely a mistake than a
 * value. Only plain decimals pass: an optional sign, digits with an optional
 * fraction (or a bare fraction like ".5"), and an optional exponent.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a plain decimal such as "-1.5e3", or undefined for anything else (including values that overflow to ±Infinity). */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
