/**
 * What a target column asks a network to learn, and how that is decided when
 * the caller does not say.
 */

/**
 * - `'binary'`: two classes; Y is one 0/1 row, 1 for the second class in `classes`.
 * - `'multiclass'`: two or more classes; Y is one-hot, one row per class.
 * - `'regression'`: a number per example; Y is one row of those numbers.
 */
export type Task = 'binary' | 'multiclass' | 'regression';

export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

/**
 * An integer-coded target with at most this many distinct values is read as
 * class labels; with more, as a quantity to regress. Ten covers the usual
 * coded labels (0/1, iris's 0–2, digits' 0–9), while targets such as counts,
 * ages or prices have many more distinct values.
 */
export const MAX_INFERRED_CLASSES = 10;

/** What {@link inferTask} needs to know of a target column. */
export interface TargetSummary {
  /** Distinct values (labels compared as text, numbers by value); Infinity when there were too many to count. */
  distinct: number;
  /** Every value is a plain decimal number. */
  numeric: boolean;
  /** Every value is a number with no fractional part. */
  integers: boolean;
}

/**
 * The task a target column implies, when none is given:
 * 1. some value is not a number (e.g. "setosa") → classification;
 * 2. every value is an integer and there are at most {@link MAX_INFERRED_CLASSES}
 *    distinct values → classification (integer-coded labels);
 * 3. otherwise → regression.
 *
 * Classification is `'binary'` for exactly two classes and `'multiclass'` for
 * more. (One class is returned as `'binary'`; the reader then refuses it.)
 * Pass the task explicitly when the rule guesses wrong, e.g. a 1–5 rating to
 * regress, or two classes wanted one-hot for a softmax output.
 */
export function inferTask({ distinct, numeric, integers }: TargetSummary): Task {
  const classification = !numeric || (integers && distinct <= MAX_INFERRED_CLASSES);
  if (!classification) return 'regression';
  return distinct <= 2 ? 'binary' : 'multiclass';
}
