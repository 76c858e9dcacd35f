/**
 * Where a CSV file went wrong. Bad data is not a bad argument, so it is its
 * own class rather than a TypeError or RangeError: a command line can tell it
 * apart (exit code 2, "fix the file") from a failure of the program.
 */
export interface CsvLocation {
  /** The file, as the caller named it. */
  file: string;
  /** 1-based line of the file (for a record with quoted line breaks, the line it ends on). */
  line?: number;
  /** 1-based column number. */
  column?: number;
  /** The column's name in the header row, when it has one. */
  columnName?: string;
  /** The offending cell's text, when there is one. */
  value?: string;
}

/**
 * A CSV file that cannot be read as a data set: a cell that is not a number,
 * an empty cell, a row with the wrong number of fields, a missing column, an
 * empty file, a file with no data rows, a malformed quote. The message names
 * the file, line, column and value; the same facts are fields, for programs.
 *
 * @example
 * // iris.csv, line 4, column 2 ("sepal_width"): "abc" is not a number
 */
export class CsvDataError extends Error {
  override readonly name = 'CsvDataError';
  /** The file, as the caller named it. */
  readonly file: string;
  /** 1-based line; undefined for a problem of the whole file or column (e.g. too few classes). */
  readonly line: number | undefined;
  /** 1-based column number, when one column is at fault. */
  readonly column: number | undefined;
  /** That column's name in the header. */
  readonly columnName: string | undefined;
  /** The offending cell's text. */
  readonly value: string | undefined;

  constructor(location: CsvLocation, problem: string, options?: { cause?: unknown }) {
    super(`${describeLocation(location)}: ${problem}`, options);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.columnName = location.columnName;
    this.value = location.value;
  }
}

function describeLocation({ file, line, column, columnName }: CsvLocation): string {
  let text = file;
  if (line !== undefined) text += `, line ${line}`;
  if (column !== undefined) text += `, column ${column}`;
  if (columnName !== undefined) text += column === undefined ? `, column ${JSON.stringify(columnName)}` : ` (${JSON.stringify(columnName)})`;
  return text;
}
