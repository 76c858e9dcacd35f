/**
 * A command's arguments, read by Node's own util.parseArgs: options by name
 * (unknown ones refused, not ignored), and the positional arguments checked
 * against what the command takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

/** A command's options, as util.parseArgs declares them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What parseCommandLine returns: `values` typed by the options declared. */
export type ParsedCommandLine<T extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** The options every command has. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/**
 * Parses `args` (what follows the command's name) against `options`.
 * @throws UsageError for an unknown option, an option missing its value, a value given to a flag.
 */
export function parseCommandLine<T extends OptionSpec>(command: string, args: string[], options: T): ParsedCommandLine<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // util.parseArgs throws TypeErrors with codes ERR_PARSE_ARGS_*: the user's mistake, said in Node's words.
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message, command);
    }
    throw error;
  }
}

/**
 * Checks the positional arguments: `required` names those that must be
 * there, `optional` those that may follow; more is an error.
 * @returns them, in order.
 */
export function checkPositionals(command: string, positionals: string[], required: readonly string[], optional: readonly string[] = []): string[] {
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).map((name) => `<${name}>`).join(' ');
    throw new UsageError(`${command} needs ${missing}`, command);
  }
  if (positionals.length > required.length + optional.length) {
    const extra = positionals.slice(required.length + optional.length).map((text) => JSON.stringify(text)).join(' ');
    throw new UsageError(`${command} takes ${describeCount(required.length, optional.length)}; unexpected ${extra}`, command);
  }
  return positionals;
}

function describeCount(required: number, optional: number): string {
  const total = required + optional;
  const count = optional === 0 ? `${required}` : `${required} or ${total}`;
  return `${count} argument${total === 1 ? '' : 's'}`;
}
