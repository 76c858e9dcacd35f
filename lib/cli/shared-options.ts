/** Options several commands share, read the same way everywhere. */
import type { Backend } from '../types';
import { invalidValue } from '../argument-error';
import { readChoice } from './option-values';

export const BACKENDS = ['auto', 'native', 'ts'] as const;

/** --backend: auto (native if the addon loads), native or ts. */
export function readBackend(text: string | undefined): Backend | 'auto' {
  return text === undefined ? 'auto' : readChoice(text, '--backend', BACKENDS);
}

/** --delimiter: one character, not a quote or a line break (default ','). */
export function readDelimiter(text: string | undefined): string {
  if (text === undefined) return ',';
  const delimiter = text === '\\t' || text === 'tab' ? '\t' : text;
  if (delimiter.length !== 1 || '"\r\n'.includes(delimiter)) throw invalidValue('--delimiter', 'one character (or "tab") other than a quote or a line break', text);
  return delimiter;
}
