/**
 * Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten, about
 * as many as asked, so labels read 0, 0.5, 1, 1.5 rather than 0.137, 0.274, ….
 */

/** Tick values covering [low, high] (inside it), about `count` of them, and their labels. */
export function niceTicks(low: number, high: number, count: number, integerOnly = false): { values: number[]; labels: string[] } {
  if (!(high > low)) return { values: [low], labels: [formatTick(low, 0)] };
  let step = niceStep((high - low) / Math.max(1, count - 1));
  if (integerOnly) step = Math.max(1, Math.round(step));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  // Indices rather than repeated addition, so 0.1 + 0.1 + 0.1 does not drift to 0.30000000000000004.
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) values.push(Number((k * step).toFixed(decimals)));
  return { values, labels: values.map((value) => formatTick(value, decimals)) };
}

/** The nice step nearest above `rough`: 1, 2 or 5 × 10^n. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function formatTick(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
