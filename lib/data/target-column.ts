/**
 * The target column of a CSV file, read one cell at a time without knowing
 * yet whether it holds class labels or numbers to regress: it keeps both a
 * number and a class code per row until the end, then settles the task (given
 * or inferred) and builds Y.
 */
import { formatNames } from '../describe';
import type { Matrix } from '../matrix';
import { canonicalLabel, encodeClassIndices, sortLabels } from './class-labels';
import { CsvDataError, type CsvLocation } from './csv-data-error';
import { MAX_CLASSES } from '../limits';
import { parseDecimal } from './decimal';
import { GrowingMatrix } from './growing-matrix';
import { inferTask, type Task } from './task';

/** The task and classes the caller fixed, if any. */
export interface TargetSpec {
  task?: Task | undefined;
  /** Known classes, in their order (from a saved model): every cell must be one of them. */
  classes?: readonly string[] | undefined;
}

/** Y and what it means. */
export interface TargetResult {
  task: Task;
  Y: Matrix;
  /** Class labels in class order; absent for regression. */
  classes?: string[];
}

export class TargetColumn {
  readonly #spec: TargetSpec;
  readonly #where: CsvLocation;
  /** The number in each row (NaN where the cell is not a number); kept unless the task is known to be classification. */
  readonly #values: GrowingMatrix | undefined;
  /** Each row's class: the index into #labels (first-seen order) or, with known classes, into those. */
  readonly #codes: GrowingMatrix | undefined;
  readonly #labels: string[] = [];
  readonly #codeOf = new Map<string, number>();
  #numeric = true;
  #integers = true;

  /** @param where the file and column, for error messages. */
  constructor(spec: TargetSpec, where: CsvLocation) {
    this.#spec = spec;
    this.#where = where;
    const mayRegress = spec.task === undefined || spec.task === 'regression';
    const mayClassify = spec.task !== 'regression';
    this.#values = mayRegress ? new GrowingMatrix(1, `the target of ${where.file}`) : undefined;
    this.#codes = mayClassify ? new GrowingMatrix(1, `the target classes of ${where.file}`) : undefined;
    if (spec.classes !== undefined) {
      spec.classes.forEach((label, index) => this.#codeOf.set(canonicalLabel(label), index));
      this.#labels.push(...spec.classes);
    }
  }

  /**
   * Records the next row's cell.
   * @param line the cell's line, for error messages.
   * @param estimate a guess of the final row count, to size the buffers.
   * @throws CsvDataError for an empty cell, a non-number when regressing, or a label that is not a known class.
   */
  add(cell: string, line: number, estimate: number): void {
    if (cell === '') this.#fail(line, cell, 'the target cell is empty');
    const value = parseDecimal(cell);
    if (value === undefined) {
      if (this.#spec.task === 'regression') this.#fail(line, cell, `${JSON.stringify(cell)} is not a number (the task is 'regression')`);
      this.#numeric = false;
    } else if (!Number.isInteger(value)) {
      this.#integers = false;
    }
    if (this.#values !== undefined) {
      const col = this.#values.appendColumn(estimate);
      this.#values.set(0, col, value ?? NaN);
    }
    if (this.#codes !== undefined) {
      const col = this.#codes.appendColumn(estimate);
      this.#codes.set(0, col, this.#codeFor(cell, value, line));
    }
  }

  /**
   * Settles the task and builds Y.
   * @throws CsvDataError when the labels do not fit the task (one class, or not two for 'binary').
   */
  finish(): TargetResult {
    const spec = this.#spec;
    const distinct = this.#labels.length > MAX_CLASSES ? Infinity : this.#labels.length;
    const task = spec.task ?? (spec.classes !== undefined ? classTask(spec.classes.length) : inferTask({ distinct, numeric: this.#numeric, integers: this.#integers }));
    if (task === 'regression') return { task, Y: (this.#values as GrowingMatrix).toMatrix() };

    const codes = (this.#codes as GrowingMatrix).toMatrix().data;
    if (spec.classes !== undefined) return { task, Y: encodeClassIndices(codes, spec.classes.length, task === 'multiclass'), classes: [...spec.classes] };

    if (distinct === Infinity) this.#fail(undefined, undefined, `has more than ${MAX_CLASSES} distinct values: too many to be classes`);
    const classes = sortLabels(this.#labels);
    const listed = formatNames(classes, 10);
    if (classes.length < 2) {
      this.#fail(undefined, undefined, `every row has the same target, ${listed}: a classifier needs at least two classes`);
    }
    if (task === 'binary' && classes.length !== 2) {
      this.#fail(undefined, undefined, `task 'binary' needs exactly 2 classes, but the target has ${classes.length}: ${listed}`);
    }
    // Codes are in first-seen order; renumber them in class order.
    const classIndex = new Float64Array(this.#labels.length);
    this.#labels.forEach((label, code) => (classIndex[code] = classes.indexOf(label)));
    for (let j = 0; j < codes.length; j++) codes[j] = classIndex[codes[j] as number] as number;
    return { task, Y: encodeClassIndices(codes, classes.length, task === 'multiclass'), classes };
  }

  #codeFor(cell: string, value: number | undefined, line: number): number {
    const label = value === undefined ? cell : String(value);
    const known = this.#codeOf.get(label);
    if (known !== undefined) return known;
    if (this.#spec.classes !== undefined) {
      this.#fail(line, cell, `${JSON.stringify(cell)} is not one of the classes ${formatNames(this.#spec.classes, 10)}`);
    }
    if (this.#labels.length === MAX_CLASSES) {
      // Past this many labels the target can only be a quantity: stop counting them,
      // and fail now if it cannot be one.
      const certainlyClasses = this.#spec.task !== undefined || !this.#numeric;
      if (certainlyClasses) this.#fail(line, cell, `the target has more than ${MAX_CLASSES} distinct values: too many to be classes`);
      this.#labels.push(label);
      return -1;
    }
    if (this.#labels.length > MAX_CLASSES) {
      if (!this.#numeric) this.#fail(line, cell, `${JSON.stringify(cell)} is not a number, and the target has more than ${MAX_CLASSES} distinct values: too many to be classes`);
      return -1;
    }
    this.#codeOf.set(label, this.#labels.length);
    this.#labels.push(label);
    return this.#labels.length - 1;
  }

  #fail(line: number | undefined, value: string | undefined, problem: string): never {
    const location: CsvLocation = { ...this.#where };
    if (line !== undefined) location.line = line;
    if (value !== undefined) location.value = value;
    throw new CsvDataError(location, problem);
  }
}

function classTask(classCount: number): Task {
  return classCount === 2 ? 'binary' : 'multiclass';
}
