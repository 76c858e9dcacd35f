/**
 * The header row of a CSV file: which fields are the features (in the order
 * the caller wants them) and which is the target. Columns are always found by
 * name, so a file for prediction may order its columns differently from the
 * training file, or carry extra ones.
 */
import { CsvDataError } from './csv-data-error';

/** Which field of each record feeds which part of the data set. */
export interface ColumnPlan {
  /** The header's fields: every record must have as many. */
  header: string[];
  featureNames: string[];
  /** featureFields[i]: the 0-based field holding feature i. */
  featureFields: number[];
  /** The 0-based field of the target, if one was asked for and is present. */
  targetField: number | undefined;
}

export interface ColumnRequest {
  /** The target column's name; absent when reading features only. */
  target?: string | undefined;
  /** Whether a missing target column is an error (training, evaluation) or fine (prediction). */
  targetRequired: boolean;
  /** Feature columns by name, in this order; absent: every column but the target, in file order. */
  features?: readonly string[] | undefined;
}

/**
 * Plans the columns from the header's fields.
 * @throws CsvDataError for a missing target or feature column, a used column whose name is repeated or empty, or no feature at all.
 */
export function planColumns(header: readonly string[], request: ColumnRequest, file: string): ColumnPlan {
  const fail = (problem: string, column?: number): never => {
    throw new CsvDataError(column === undefined ? { file, line: 1 } : { file, line: 1, column: column + 1, columnName: header[column] as string }, problem);
  };
  const fieldsOf = new Map<string, number[]>();
  header.forEach((name, field) => fieldsOf.set(name, [...(fieldsOf.get(name) ?? []), field]));
  /** The one field named `name`, or undefined; a name given to two columns is ambiguous. */
  const fieldNamed = (name: string): number | undefined => {
    const fields = fieldsOf.get(name);
    if (fields !== undefined && fields.length > 1) {
      fail(`the header names ${JSON.stringify(name)} ${fields.length} times (columns ${fields.map((f) => f + 1).join(', ')}); column names must be unique`, fields[1]);
    }
    return fields?.[0];
  };
  const columnList = `the columns are: ${header.map((name) => JSON.stringify(name)).join(', ')}`;

  let targetField: number | undefined;
  if (request.target !== undefined) {
    targetField = fieldNamed(request.target);
    if (targetField === undefined && request.targetRequired) {
      fail(`the header has no target column ${JSON.stringify(request.target)}; ${columnList}`);
    }
  }

  let featureNames: string[];
  let featureFields: number[];
  if (request.features !== undefined) {
    featureNames = [...request.features];
    const missing = featureNames.filter((name) => fieldNamed(name) === undefined);
    if (missing.length > 0) {
      const names = missing.map((name) => JSON.stringify(name)).join(', ');
      fail(`the header has no column${missing.length > 1 ? 's' : ''} ${names} for the feature${missing.length > 1 ? 's' : ''} of the same name; ${columnList}`);
    }
    featureFields = featureNames.map((name) => fieldNamed(name) as number);
  } else {
    featureFields = header.map((_, field) => field).filter((field) => field !== targetField);
    for (const field of featureFields) {
      const name = header[field] as string;
      if (name === '') fail('this column has no name in the header; name it, or drop it (a pandas index? save with index=False)', field);
      fieldNamed(name);
    }
    featureNames = featureFields.map((field) => header[field] as string);
  }
  if (featureFields.length === 0) {
    fail(`the header has no feature column besides the target ${JSON.stringify(request.target)}; ${columnList}`);
  }
  return { header: [...header], featureNames, featureFields, targetField };
}
