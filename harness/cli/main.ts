#!/usr/bin/env node
/**
 * The `smtpspec` command line. Dispatches to the command definitions and maps every error
 * to one line on stderr and an exit status: 0 pass, 1 fail/error found, 2 usage,
 * configuration, unreachable target or internal error (design.md "Command-line contract").
 * Usage errors end with `(see smtpspec NAME --help)`; internal errors show their stack
 * only with --verbose.
 */
import { describeError, UsageError } from '../errors.ts';
import { toolVersion } from '../runner/version.ts';
import { type CommandDefinition, parseCommand, wantsHelp } from './command.ts';
import { errorLine, isOwnError, stackOf } from './error-line.ts';
import { EXIT_INTERRUPTED, EXIT_USAGE } from './exit-status.ts';
import { renderCommandHelp, renderOverview } from './help.ts';
import { type CliIo, processIo } from './io.ts';
import { closest } from './suggest.ts';
import { capYoungGeneration } from './young-generation.ts';

/**
 * Every subcommand by name, in the order `smtpspec --help` lists them. A command's module
 * is loaded when that command runs, so `fuzz` does not load the suites' reports and `run`
 * does not load the fuzzer: 6 to 8 MiB less resident memory each.
 */
const COMMAND_MODULES: readonly (readonly [string, () => Promise<CommandDefinition>])[] = [
  ['run', async () => (await import('./run-command.ts')).runCommand],
  ['list', async () => (await import('./list-command.ts')).listCommand],
  ['coverage', async () => (await import('./coverage-command.ts')).coverageCommand],
  ['merge', async () => (await import('./merge-command.ts')).mergeCommand],
  ['compare', async () => (await import('./compare-command.ts')).compareCommand],
  ['fuzz', async () => (await import('./fuzz-command.ts')).fuzzCommand],
  ['replay', async () => (await import('./fuzz-command.ts')).replayCommand],
  ['serve-cases', async () => (await import('./serve-cases-command.ts')).serveCasesCommand],
  ['serve', async () => (await import('./serve-command.ts')).serveCommand],
];

/** Every subcommand's definition, in `smtpspec --help` order (loads every command). */
export function loadCommands(): Promise<CommandDefinition[]> {
  return Promise.all(COMMAND_MODULES.map(([, load]) => load()));
}

async function findCommand(name: string): Promise<CommandDefinition> {
  const entry = COMMAND_MODULES.find(([known]) => known === name);
  if (entry !== undefined) return entry[1]();
  const guess = closest(
    name,
    COMMAND_MODULES.map(([known]) => known),
  );
  const hint = guess === undefined ? '' : `; did you mean ${guess}?`;
  throw new CommandLineError(new UsageError(`unknown command '${name}'${hint}`), undefined);
}

/** An error with the command it happened in, for the `(see ...)` hint. */
class CommandLineError extends Error {
  readonly error: unknown;
  readonly command: string | undefined;

  constructor(error: unknown, command: string | undefined) {
    super(describeError(error));
    this.error = error;
    this.command = command;
  }
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h') {
      io.stdout(renderOverview(await loadCommands()));
      return first === undefined ? EXIT_USAGE : 0;
    }
    if (first === 'help') {
      io.stdout(
        rest[0] === undefined
          ? renderOverview(await loadCommands())
          : renderCommandHelp(await findCommand(rest[0])),
      );
      return 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`smtpspec ${toolVersion()}\n`);
      return 0;
    }
    const command = await findCommand(first);
    if (wantsHelp(rest)) {
      io.stdout(renderCommandHelp(command));
      return 0;
    }
    try {
      return await command.run(parseCommand(command, rest), io);
    } catch (err) {
      throw new CommandLineError(err, command.name);
    }
  } catch (err) {
    const failure = err instanceof CommandLineError ? err : new CommandLineError(err, undefined);
    io.stderr(`${errorLine(failure.error, failure.command)}\n`);
    if (!isOwnError(failure.error) && verbose(argv)) io.stderr(stackOf(failure.error));
    return EXIT_USAGE;
  }
}

function verbose(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--verbose');
}

/**
 * An error that escaped every handler (a socket event after the command finished, a
 * rejected promise no one awaited): one line and exit 2, the stack with --verbose.
 */
function onEscapedError(err: unknown): void {
  process.stderr.write(`${errorLine(err)}\n`);
  if (verbose(process.argv.slice(2))) process.stderr.write(stackOf(err));
  process.exit(EXIT_USAGE);
}

/** Runs the command line of this process (the `smtpspec` bin) and sets its exit status. */
export async function runProcess(): Promise<void> {
  process.on('uncaughtException', onEscapedError);
  process.on('unhandledRejection', onEscapedError);
  capYoungGeneration();
  process.exitCode = await main(process.argv.slice(2));
  // After Ctrl-C the abandoned cases may still hold sockets and timers: do not wait for them.
  if (process.exitCode === EXIT_INTERRUPTED) process.exit(EXIT_INTERRUPTED);
}

if (import.meta.main) await runProcess();
