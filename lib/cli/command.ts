/**
 * What every subcommand of `shallownet` is, and the one opening they all
 * share: read the options (the command's and the common ones), answer
 * --help, check the positional arguments, then run.
 */
import { checkPositionals, COMMON_OPTIONS, parseCommandLine, type OptionSpec, type ParsedCommandLine } from './command-line';
import { EXIT_SUCCESS } from './exit-codes';
import { printResult } from './terminal';
import { UsageError } from './usage-error';

export interface Command {
  name: string;
  /** The command's --help text. */
  help: string;
  /** Runs the command on the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** The options a command declares, plus the common ones. */
type WithCommon<T extends OptionSpec> = T & typeof COMMON_OPTIONS;

/** The values parsed for a command's options (each undefined when not given). */
export type OptionValues<T extends OptionSpec> = ParsedCommandLine<WithCommon<T>>['values'];

export interface CommandDefinition<T extends OptionSpec> {
  name: string;
  help: string;
  /** The command's own options (--help is common to all). */
  options: T;
  /** The positional arguments that must be given, by the names the messages use ('model.json'). */
  positionals: readonly string[];
  /** Those that may follow. */
  optional?: readonly string[];
  /** The command itself, given its option values and positional arguments (checked against the names above). */
  run(values: OptionValues<T>, positionals: string[]): Promise<number>;
}

export function defineCommand<T extends OptionSpec>(definition: CommandDefinition<T>): Command {
  const { name, help } = definition;
  const options = { ...COMMON_OPTIONS, ...definition.options } as WithCommon<T>;
  return {
    name,
    help,
    async run(args) {
      const { values, positionals } = parseCommandLine(name, args, options);
      if ((values as { help?: boolean }).help) {
        printResult(help);
        return EXIT_SUCCESS;
      }
      try {
        return await definition.run(values, checkPositionals(name, positionals, definition.positionals, definition.optional));
      } catch (error) {
        // A command's usage errors point at its own --help without each one naming the command.
        if (error instanceof UsageError && error.command === '') throw new UsageError(error.message, name);
        throw error;
      }
    },
  };
}
