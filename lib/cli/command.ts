/** What every subcommand of `shallownet` is. */
export interface Command {
  name: string;
  /** The command's --help text. */
  help: string;
  /** Runs the command on the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}
