/**
 * A command line that cannot be run as typed: an unknown command or option,
 * a missing argument. Exit code 2, with a pointer to the command's help.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose --help to point at ('' for the program's). */
  readonly command: string;

  constructor(message: string, command = '') {
    super(message);
    this.command = command;
  }
}
