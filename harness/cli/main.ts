#!/usr/bin/env node
import {
  describeError,
  ERROR_CODES,
  hasErrorCode,
  SmtpHarnessError,
  UsageError,
} from '../errors.ts';
import { toolVersion } from '../runner/version.ts';
import { compareCommand } from './compare-command.ts';
import { coverageCommand } from './coverage-command.ts';
import { fuzzMain, replayMain } from './fuzz-command.ts';
import { USAGE } from './help.ts';
import { type CliIo, processIo } from './io.ts';
import { listCommand } from './list-command.ts';
import { mergeCommand } from './merge-command.ts';
import { EXIT_INTERRUPTED, runCommand } from './run-command.ts';
/**
 * The `smtpspec` command line. Dispatches to the commands and maps every error to one
 * line on stderr and an exit status: 0 pass, 1 fail/error found, 2 usage, configuration
 * or internal error (design.md "Command-line contract").
 */
import { serveCasesCommand } from './serve-cases-command.ts';
import { serveMain } from './serve-command.ts';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  run: runCommand,
  list: listCommand,
  coverage: coverageCommand,
  merge: mergeCommand,
  compare: compareCommand,
  fuzz: (argv) => fuzzMain([...argv]),
  replay: (argv) => replayMain([...argv]),
  serve: (argv) => serveMain([...argv]),
  'serve-cases': serveCasesCommand,
};

/** Exit status for bad usage, bad configuration and internal errors. */
export const EXIT_USAGE = 2;

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(USAGE);
      return first === undefined ? EXIT_USAGE : 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`smtpspec ${toolVersion()}\n`);
      return 0;
    }
    const command = COMMANDS[first];
    if (command === undefined) throw new UsageError(`unknown command '${first}'`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    return await command(rest, io);
  } catch (err) {
    io.stderr(`${errorLine(err)}\n`);
    return EXIT_USAGE;
  }
}

/** One line for any error: ours by message, anything else flagged as a bug. */
export function errorLine(err: unknown): string {
  if (hasErrorCode(err, ERROR_CODES.usage)) {
    return `smtpspec: ${describeError(err)} (see smtpspec --help)`;
  }
  if (err instanceof SmtpHarnessError) return `smtpspec: ${describeError(err)}`;
  return `smtpspec: internal error: ${describeError(err)} (this is a bug in smtpspec)`;
}

/** Runs the command line of this process (the `smtpspec` bin) and sets its exit status. */
export async function runProcess(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
  // After Ctrl-C the abandoned cases may still hold sockets and timers: do not wait for them.
  if (process.exitCode === EXIT_INTERRUPTED) process.exit(EXIT_INTERRUPTED);
}

if (import.meta.main) await runProcess();
