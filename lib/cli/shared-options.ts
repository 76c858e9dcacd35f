/**
 * Options several commands share, declared, described and read in one place
 * so that every command takes and explains them alike.
 */
import type { Backend } from '../types';
import { invalidValue } from '../argument-error';
import { DELIMITER_RULE, isDelimiter } from '../data/csv';
import type { OptionSpec } from './command-line';
import { readChoice } from './option-values';

export const BACKENDS = ['auto', 'native', 'ts'] as const;

/** --delimiter, for the commands that read a CSV file. */
export const DELIMITER_OPTION = { delimiter: { type: 'string' } } as const satisfies OptionSpec;
/** --backend, for the commands that run a network. */
export const BACKEND_OPTION = { backend: { type: 'string' } } as const satisfies OptionSpec;

/** An option's line in a command's help, its description starting at `column`. */
export function helpLine(flag: string, description: string, column: number): string {
  return `      ${flag}`.padEnd(column) + description;
}

export function delimiterHelp(column: number): string {
  return helpLine('--delimiter <char>', 'the CSV file\'s field separator (default ,; "tab" for tabs)', column);
}

export function backendHelp(column: number): string {
  return helpLine('--backend <name>', `${BACKENDS.join(', ')} (default auto: native if the addon loads)`, column);
}

/** --backend: auto (native if the addon loads), native or ts. */
export function readBackend(text: string | undefined): Backend | 'auto' {
  return text === undefined ? 'auto' : readChoice(text, '--backend', BACKENDS);
}

/** --delimiter: one character, not a quote or a line break (default ','); "tab" or "\t" for a tab. */
export function readDelimiter(text: string | undefined): string {
  if (text === undefined) return ',';
  const delimiter = text === '\\t' || text === 'tab' ? '\t' : text;
  if (!isDelimiter(delimiter)) throw invalidValue('--delimiter', `${DELIMITER_RULE} (or "tab")`, text);
  return delimiter;
}
