/**
 * One row of CSV output (RFC 4180): fields joined by commas, a field quoted
 * when it holds a comma, a quote or a line break (quotes doubled inside), so
 * labels such as "Iris, setosa" survive a round trip through any CSV reader.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** A field as CSV text; numbers in full precision (the shortest text that reads back to the same double). */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A row, with its line break. */
export function csvRow(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}
