/**
 * The one place argument errors are built, so every message has the same
 * form: "<name> must be <expected>, got <actual>" (as sharp's
 * `invalidParameterError(name, expected, actual)` does). A wrong kind of value
 * is a TypeError, a wrong value a RangeError. native/binding/args.cc builds the
 * binding's messages the same way.
 */
import { describe } from './describe';

/** What was received, already put into words (e.g. "3 rows"), where describe() would not say enough. */
export class Received {
  constructor(readonly text: string) {}
}

/** Puts what was received into words: `received('3 rows')`. */
export function received(text: string): Received {
  return new Received(text);
}

function message(name: string, expected: string, actual: unknown, advice?: string): string {
  const got = actual instanceof Received ? actual.text : describe(actual);
  return `${name} must be ${expected}, got ${got}${advice === undefined ? '' : `; ${advice}`}`;
}

/** A value of the wrong kind: a string where a number belongs, a plain array where a Float64Array does. */
export function invalidType(name: string, expected: string, actual: unknown, advice?: string): TypeError {
  return new TypeError(message(name, expected, actual, advice));
}

/** A value of the right kind but out of range: a negative size, a NaN, a matrix of the wrong shape. */
export function invalidValue(name: string, expected: string, actual: unknown, advice?: string): RangeError {
  return new RangeError(message(name, expected, actual, advice));
}

/**
 * Runs `read`, putting `prefix` before the message of any argument error it
 * throws (same class): "model JSON network: hiddenSize must be …". Other errors pass unchanged.
 */
export function withContext<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`${prefix}: ${error.message}`);
    if (error instanceof TypeError) throw new TypeError(`${prefix}: ${error.message}`);
    throw error;
  }
}
