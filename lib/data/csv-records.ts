/**
 * Streams the records of a CSV file through csv-parse, one at a time, with
 * the line each ends on: the file is never held in memory, only the record
 * being handled. Errors of the CSV syntax itself (an unclosed quote, say)
 * become CsvDataErrors naming the file and line.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { CsvDataError } from './csv-data-error';

/** How far a read has got: passed to `onProgress`. */
export interface CsvProgress {
  /** Data rows read so far (not counting the header). */
  rows: number;
  /** Bytes of the file parsed so far. */
  bytes: number;
  /** The file's size, or undefined when it has none (a pipe such as /dev/stdin). */
  totalBytes: number | undefined;
}

/** How to read the records. */
export interface RecordOptions {
  delimiter: string;
  onProgress?: ((progress: CsvProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Receives the header, then each data record with its line and a guess of how many rows the file holds. */
export interface RecordVisitor {
  header(fields: string[]): void;
  row(fields: string[], line: number, estimatedRows: number): void;
}

/** Report progress at most this often, in bytes parsed: often enough for a bar, rare enough to cost nothing. */
const PROGRESS_EVERY_BYTES = 1 << 20;
/** Margin on the estimate of a file's row count, so an estimate that is a little short does not cost a second growth. */
const ESTIMATE_MARGIN = 1.05;

/**
 * Reads `file` record by record. Blank lines are skipped, a UTF-8 byte-order
 * mark is dropped, and spaces around each field are trimmed.
 * @returns the number of data rows (0 when the file holds only a header).
 * @throws CsvDataError when the file is empty or its CSV is malformed; whatever the visitor throws.
 */
export async function readRecords(file: string, options: RecordOptions, visitor: RecordVisitor): Promise<number> {
  const info = await stat(file);
  const totalBytes = info.isFile() ? info.size : undefined;
  let rows = 0;
  let sawHeader = false;
  let reportedBytes = 0;
  const report = (bytes: number) => {
    reportedBytes = bytes;
    options.onProgress?.({ rows, bytes, totalBytes });
  };

  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    // Ragged rows are reported by the visitor, which can name the missing or extra column.
    relax_column_count: true,
    // Each record is handled here, inside the parser, where its line is known; returning
    // null drops it, so nothing piles up behind a slower consumer.
    on_record: (fields: string[], context) => {
      if (!sawHeader) {
        sawHeader = true;
        visitor.header(fields);
        return null;
      }
      const bytes = context.bytes;
      const estimate = totalBytes === undefined || bytes === 0 ? 0 : Math.ceil((rows * totalBytes * ESTIMATE_MARGIN) / bytes);
      visitor.row(fields, context.lines, estimate);
      rows++;
      if (options.onProgress !== undefined && bytes - reportedBytes >= PROGRESS_EVERY_BYTES) report(bytes);
      return null;
    },
  });

  try {
    await pipeline(createReadStream(file), parser, drain, options.signal === undefined ? {} : { signal: options.signal });
  } catch (error) {
    if (error instanceof CsvError) {
      const { lines } = error;
      const where = typeof lines === 'number' ? { file, line: lines } : { file };
      throw new CsvDataError(where, `the CSV is malformed: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (!sawHeader) throw new CsvDataError({ file }, 'the file is empty; it needs a header row naming the columns, then one row per example');
  report(parser.info.bytes);
  return rows;
}

/** The end of the pipeline: every record was already handled (and dropped) by the parser. */
async function drain(source: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of source);
}
