/**
 * Reading a data set from a CSV file: the features into X (features, m), one
 * column per row of the file, and the target into Y, as the network expects.
 */
import { invalidType, invalidValue } from '../argument-error';
import type { Matrix } from '../matrix';
import { checkChoice, checkKnownKeys, checkName, checkNames, checkObject } from '../validate';
import { CsvDataError } from './csv-data-error';
import { planColumns, type ColumnPlan } from './csv-header';
import { readRecords, type CsvProgress, type RecordOptions } from './csv-records';
import { parseDecimal } from './decimal';
import { GrowingMatrix } from './growing-matrix';
import { TargetColumn, type TargetSpec } from './target-column';
import { TASKS, type Task } from './task';

/** The options both readers take. */
export interface CsvReadOptions {
  /**
   * Feature columns by name, in the order X's rows should have (e.g. a saved
   * model's `featureNames`): for a file whose columns are ordered differently
   * from the training file, or to use only some. Default: every column (but
   * the target, for {@link readCsv}), in file order.
   */
  features?: readonly string[];
  /** The field separator: one character. Default ','. */
  delimiter?: string;
  /** Called about every MiB read, and once at the end. */
  onProgress?: (progress: CsvProgress) => void;
  /** Aborting it stops the read; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/** Options of {@link readCsv}. */
export interface ReadCsvOptions extends CsvReadOptions {
  /** The target column's name in the header row (any position). */
  target: string;
  /** What to learn; inferred from the target column when absent (see {@link inferTask}). */
  task?: Task;
  /**
   * The classes, in class order (e.g. a saved model's `classes`): every target cell
   * must be one of them, and Y is encoded in this order even if some are absent.
   * Implies classification: 'binary' for two classes, else 'multiclass', unless `task` says otherwise.
   */
  classes?: readonly string[];
}

/** A data set read by {@link readCsv}. */
export interface CsvDataset {
  /** (features, m): one row per feature column, one column per data row of the file. */
  X: Matrix;
  /**
   * (1, m) for 'binary' (1 for `classes[1]`) and 'regression' (the numbers);
   * (classes, m) one-hot for 'multiclass'.
   */
  Y: Matrix;
  /** The name of each row of X. */
  featureNames: string[];
  targetName: string;
  task: Task;
  /** Class labels in class order (row k of a one-hot Y is `classes[k]`); absent for regression. */
  classes?: string[];
}

/** Options of {@link readCsvFeatures}. */
export type ReadCsvFeaturesOptions = CsvReadOptions;

/** Features read by {@link readCsvFeatures}. */
export interface CsvFeatures {
  /** (features, m). */
  X: Matrix;
  featureNames: string[];
}

export type { CsvProgress };

const READ_FEATURES_OPTIONS = ['features', 'delimiter', 'onProgress', 'signal'] as const;
const READ_CSV_OPTIONS = [...READ_FEATURES_OPTIONS, 'target', 'task', 'classes'] as const;

/**
 * Reads a data set from a CSV file for training or evaluation.
 *
 * The file needs a header row naming its columns; every feature cell must be a
 * plain decimal number ("1.5", "-2e-3"; not "", "NA", "0x1F" or "Infinity").
 * The target column may hold class labels (any text, or integer codes) or, for
 * regression, numbers. Blank lines are skipped, spaces around fields trimmed,
 * and a UTF-8 byte-order mark dropped; fields may be quoted as RFC 4180 says.
 *
 * The file is streamed: memory holds the growing matrices, never the text, so
 * files far larger than the data they make can be read.
 *
 * @example
 * const { X, Y, classes, task } = await readCsv('iris.csv', { target: 'species' });
 * // X (4, 150), Y one-hot (3, 150), classes ['setosa', 'versicolor', 'virginica'], task 'multiclass'
 *
 * @throws TypeError / RangeError for malformed arguments (before reading anything).
 * @throws CsvDataError for anything wrong in the file, naming the file, line, column and value;
 *   nothing is returned from a file with any bad cell.
 * @throws the file system's error if the file cannot be read (ENOENT, EACCES, …).
 */
export async function readCsv(path: string, options: ReadCsvOptions): Promise<CsvDataset> {
  const { given, features, recordOptions } = checkReadOptions(path, options, 'readCsv options', READ_CSV_OPTIONS);
  const target = checkName(given.target, 'target');
  const task = given.task === undefined ? undefined : checkChoice(given.task, 'task', TASKS);
  const classes = given.classes === undefined ? undefined : checkNames(given.classes, 'classes');
  const targetAt = features?.indexOf(target) ?? -1;
  if (targetAt >= 0) throw invalidValue(`features[${targetAt}]`, `a feature column, not the target ${JSON.stringify(target)}`, target);
  if (classes !== undefined) checkClassesFitTask(classes, task);

  const table = await readTable(path, features, recordOptions, { name: target, spec: { task, classes } });
  const { Y, task: resolved, classes: labels } = (table.target as TargetColumn).finish();
  const dataset: CsvDataset = { X: table.X, Y, featureNames: table.featureNames, targetName: target, task: resolved };
  if (labels !== undefined) dataset.classes = labels;
  return dataset;
}

/**
 * Reads the features of a CSV file for prediction: the columns are found by
 * name (in any order, with any others — such as the target — ignored), so the
 * file need only carry the columns a model was trained on. Cells are read as
 * by {@link readCsv}.
 *
 * @example
 * const { X } = await readCsvFeatures('new-flowers.csv', { features: model.featureNames });
 *
 * @throws TypeError / RangeError for malformed arguments.
 * @throws CsvDataError for a missing feature column or a bad cell, naming the file, line, column and value.
 */
export async function readCsvFeatures(path: string, options: ReadCsvFeaturesOptions = {}): Promise<CsvFeatures> {
  const { features, recordOptions } = checkReadOptions(path, options, 'readCsvFeatures options', READ_FEATURES_OPTIONS);
  const { X, featureNames } = await readTable(path, features, recordOptions, undefined);
  return { X, featureNames };
}

/** The checks of the options both readers take; `known` lists the reader's own. */
function checkReadOptions(
  path: unknown,
  options: unknown,
  name: string,
  known: readonly string[],
): { given: Record<string, unknown>; features: string[] | undefined; recordOptions: RecordOptions } {
  checkPath(path);
  const given = checkObject(options, name);
  checkKnownKeys(given, known, name);
  const features = given.features === undefined ? undefined : checkNames(given.features, 'features');
  return { given, features, recordOptions: checkRecordOptions(given) };
}

/** The target column to read besides the features: its name, and the task and classes fixed for it. */
interface TargetRequest {
  name: string;
  spec: TargetSpec;
}

/**
 * The one reading loop of both readers: plans the columns from the header,
 * then appends each record's features to X (and its target cell to the
 * target column, when one is asked for).
 */
async function readTable(
  path: string,
  features: string[] | undefined,
  recordOptions: RecordOptions,
  target: TargetRequest | undefined,
): Promise<{ X: Matrix; featureNames: string[]; target: TargetColumn | undefined }> {
  let plan: ColumnPlan | undefined;
  let X: GrowingMatrix | undefined;
  let targetColumn: TargetColumn | undefined;
  const rows = await readRecords(path, recordOptions, {
    header(fields) {
      plan = planColumns(fields, { target: target?.name, targetRequired: target !== undefined, features }, path);
      X = new GrowingMatrix(plan.featureNames.length, `the features of ${path}`);
      if (target !== undefined) {
        targetColumn = new TargetColumn(target.spec, { file: path, column: (plan.targetField as number) + 1, columnName: target.name });
      }
    },
    row(fields, line, estimate) {
      readFeatures(fields, line, estimate, plan as ColumnPlan, X as GrowingMatrix, path);
      targetColumn?.add(fields[(plan as ColumnPlan).targetField as number] as string, line, estimate);
    },
  });
  if (rows === 0) throw noRows(path);
  return { X: (X as GrowingMatrix).toMatrix(), featureNames: (plan as ColumnPlan).featureNames, target: targetColumn };
}

/** Appends one record's features to X as a new column. */
function readFeatures(fields: string[], line: number, estimate: number, plan: ColumnPlan, X: GrowingMatrix, file: string): void {
  if (fields.length !== plan.header.length) throw raggedRow(fields, line, plan, file);
  const col = X.appendColumn(estimate);
  const { featureFields } = plan;
  for (let i = 0; i < featureFields.length; i++) {
    const field = featureFields[i] as number;
    const cell = fields[field] as string;
    const value = parseDecimal(cell);
    if (value === undefined) {
      const where = { file, line, column: field + 1, columnName: plan.featureNames[i] as string, value: cell };
      throw new CsvDataError(where, cell === '' ? 'the cell is empty; every feature needs a number' : `${JSON.stringify(cell)} is not a number`);
    }
    X.set(i, col, value);
  }
}

function raggedRow(fields: string[], line: number, plan: ColumnPlan, file: string): CsvDataError {
  const expected = plan.header.length;
  const counts = `this row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${expected}`;
  if (fields.length < expected) {
    const missing = fields.length;
    const where = { file, line, column: missing + 1, columnName: plan.header[missing] as string };
    return new CsvDataError(where, `${counts}: this column${missing + 1 < expected ? ' and those after it are' : ' is'} missing`);
  }
  const extra = fields[expected] as string;
  return new CsvDataError({ file, line, column: expected + 1, value: extra }, `${counts}: ${JSON.stringify(extra)} is past the last column`);
}

function noRows(file: string): CsvDataError {
  return new CsvDataError({ file }, 'the file has a header but no data rows');
}

function checkPath(path: unknown): void {
  if (typeof path !== 'string') throw invalidType('path', 'a string', path);
  if (path === '') throw invalidValue('path', 'a file name', path);
}

function checkClassesFitTask(classes: string[], task: Task | undefined): void {
  if (task === 'regression') throw invalidValue('classes', "absent when task is 'regression'", classes);
  if (task === 'binary' && classes.length !== 2) throw invalidValue('classes', "2 labels when task is 'binary'", classes);
  if (classes.length < 2) throw invalidValue('classes', 'at least 2 labels', classes);
}

function checkRecordOptions(given: Record<string, unknown>): RecordOptions {
  const { delimiter = ',', onProgress, signal } = given;
  if (typeof delimiter !== 'string') throw invalidType('delimiter', 'a one-character string', delimiter);
  if (!isDelimiter(delimiter)) throw invalidValue('delimiter', DELIMITER_RULE, delimiter);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalidType('onProgress', 'a function', onProgress);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidType('signal', 'an AbortSignal', signal);
  return { delimiter, onProgress: onProgress as RecordOptions['onProgress'], signal: signal as AbortSignal | undefined };
}

/** What a field separator may be. */
export const DELIMITER_RULE = 'one character other than a quote or a line break';

/** Whether `text` can separate fields ({@link DELIMITER_RULE}): a quote or a line break would be read as the record's structure. */
export function isDelimiter(text: string): boolean {
  return text.length === 1 && !'"\r\n'.includes(text);
}
