#!/usr/bin/env node
/**
 * The `shallownet` command: train a network on a CSV file, then evaluate,
 * predict and plot with the saved model. This file only dispatches to the
 * commands and turns what they end with into an exit code and a message.
 */
import type { Command } from './command';
import { EXIT_SUCCESS, EXIT_USAGE, exitCodeFor, isBadPath } from './exit-codes';
import { printError, printNote, printResult } from './terminal';
import { UsageError } from './usage-error';
import { packageVersion } from './version';

/** A command, loaded only when it runs: --help and --version need not load the library and its addon. */
interface CommandEntry {
  name: string;
  /** One line, for the program's help. */
  summary: string;
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  { name: 'train', summary: 'train a network on a CSV file and save the model', load: async () => (await import('./train.js')).trainCommand },
  { name: 'evaluate', summary: 'score a saved model on a labelled CSV file', load: async () => (await import('./evaluate.js')).evaluateCommand },
  { name: 'predict', summary: 'predict each row of a CSV file with a saved model', load: async () => (await import('./predict.js')).predictCommand },
  { name: 'plot', summary: "draw a model's decision regions or learning curves (PNG or SVG)", load: async () => (await import('./plot.js')).plotCommand },
  { name: 'info', summary: 'show the backend, BLAS, threads and SIMD kernels in use', load: async () => (await import('./info.js')).infoCommand },
];

function programHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: shallownet <command> [options]

One-hidden-layer neural networks on CSV files.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     show this help, or a command's: shallownet <command> --help
  -v, --version  show the version

A session:
  shallownet train iris-train.csv --target species --out iris.json
  shallownet evaluate iris.json iris-test.csv
  shallownet predict iris.json new-flowers.csv > predictions.csv
  shallownet plot iris.json --curves --out curves.png

Exit codes: 0 success, 1 failure, 2 bad usage or bad data, 130 interrupted.`;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(`${programHelp()}\n`);
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    printResult(programHelp());
    return EXIT_SUCCESS;
  }
  if (first === '--version' || first === '-v') {
    printResult(packageVersion());
    return EXIT_SUCCESS;
  }
  if (first === 'help') {
    const command = rest[0] === undefined ? undefined : await findCommand(rest[0]).load();
    printResult(command === undefined ? programHelp() : command.help);
    return EXIT_SUCCESS;
  }
  const command = await findCommand(first).load();
  return command.run(rest);
}

function findCommand(name: string): CommandEntry {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command !== undefined) return command;
  const names = COMMANDS.map((candidate) => candidate.name).join(', ');
  const what = name.startsWith('-') ? `unknown option ${JSON.stringify(name)} before the command` : `unknown command ${JSON.stringify(name)}`;
  throw new UsageError(`${what}; the commands are ${names}`);
}

/** The message for a failure: the library's own words, named when not self-explanatory. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (isBadPath(error)) return `${error.path ?? 'a file'}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`;
  const plain = error instanceof UsageError || error instanceof TypeError || error instanceof RangeError || error.name === 'CsvDataError';
  const text = plain ? error.message : `${error.name}: ${error.message}`;
  return process.env.SHALLOWNET_DEBUG ? `${text}\n${error.stack}` : text;
}

// A reader that stops early (`shallownet predict … | head`) closes the pipe: that is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_SUCCESS);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    printError(describeFailure(error));
    if (error instanceof UsageError) printNote(`run 'shallownet ${error.command === '' ? '' : `${error.command} `}--help' for usage`);
    process.exitCode = exitCodeFor(error);
  },
);
