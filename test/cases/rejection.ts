// How a rejection is asserted: the exact error class (a TypeError is not a
// RangeError, and NetworkBusyError is neither) and patterns its message must
// match (the argument's name, and what was expected).
import { expect } from 'vitest';

export type ErrorKind = typeof TypeError | typeof RangeError;

export interface Rejection {
  /** What the test is called. */
  name: string;
  kind: ErrorKind;
  /** Each must match the message: the argument's name, and what was expected. */
  message: RegExp[];
}

/** A bad value for one argument, and how it must be rejected. */
export interface BadValue extends Rejection {
  value: unknown;
}

export const NOTHING = Symbol('nothing thrown');

/** Runs `call`; returns what it threw (or what its promise rejected with), or NOTHING. */
export async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    const result = call();
    if (result instanceof Promise) await result;
  } catch (error) {
    return error;
  }
  return NOTHING;
}

/** Runs `call` synchronously; returns what it threw, or NOTHING. */
export function thrownBySync(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return NOTHING;
}

export function describeThrown(error: unknown): string {
  if (error === NOTHING) return 'nothing was thrown';
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return `a non-Error value: ${String(error)}`;
}

/**
 * Every argument error is built by one helper on each side (lib/argument-error.ts,
 * native/binding/args.cc): "<name> must be <expected>, got <actual>[; advice]".
 */
export const ARGUMENT_ERROR_FORM = /^\S.* must be .+, got .+/s;

/** The exact class (a TypeError is not a RangeError, and NetworkBusyError is neither), the form, and the message. */
export function expectRejection(error: unknown, kind: ErrorKind, message: RegExp[]): void {
  expect(error === NOTHING ? undefined : (error as object)?.constructor, describeThrown(error)).toBe(kind);
  expect((error as Error).message).toMatch(ARGUMENT_ERROR_FORM);
  for (const pattern of message) expect((error as Error).message).toMatch(pattern);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The argument's name as a word in the message ("X" matches "X must" and "X.data", not "max"). */
export function names(argument: string): RegExp {
  return new RegExp(`(^|[^\\w.])${escapeRegExp(argument)}(?!\\w)`);
}

/** The whole message, exactly: for checks whose every word is pinned down. */
export function exactly(message: string): RegExp {
  return new RegExp(`^${escapeRegExp(message)}$`);
}
