/**
 * `smtpspec run`: load and select cases, run them against `--target`, a container
 * (`--container`, `--dockerfile`) or the bundled reference MTA on an ephemeral loopback
 * port, compare with `--baseline`, write the reports, return the exit code. The work is
 * done by harness/api.ts; this file is argument and console plumbing.
 */
import { resolve } from 'node:path';
import { renderConsole, renderProgressLine } from '../../reports/console.ts';
import { htmlReportUrl } from '../../reports/write.ts';
import { runSelection, type SuiteRun } from '../api.ts';
import { runExitCode } from '../baseline/baseline.ts';
import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import type { RunReport } from '../scenario/results.ts';
import { visibleLine } from '../wire/visible.ts';
import { type RunArgs, readRunArgs } from './args.ts';
import type { CliIo } from './io.ts';

/** Exit status of a finished run (design.md): 1 on any fail or error, or warn with --strict;
 * with a baseline, only problems it does not know count. */
export function exitCodeOf(report: RunReport, strict: boolean): 0 | 1 {
  return runExitCode(report, strict);
}

/** Exit status after Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;
const EXIT_CONTAINER = 2;

/** Runs `smtpspec run`; returns the exit code. Usage and config errors propagate. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = readRunArgs(argv);
  // A container must not outlive the run: Ctrl-C and SIGTERM stop and remove it first.
  const interrupt = args.container ? interruptOnSignals() : undefined;
  try {
    const run = await runSelection(args.selection, {
      ...(args.target ? { target: args.target } : {}),
      ...(args.container ? { container: args.container } : {}),
      tls: args.tls,
      profile: args.profile,
      concurrency: args.concurrency,
      stepTimeoutMs: args.stepTimeoutMs,
      strict: args.strict,
      slow: args.slow,
      out: args.out,
      reporters: args.reporters,
      ...(args.shard ? { shard: args.shard } : {}),
      ...(args.baseline !== undefined ? { baseline: args.baseline } : {}),
      ...(args.relay !== undefined ? { relay: args.relay } : {}),
      ...(io.cases?.suitesDir !== undefined ? { suitesDir: io.cases.suitesDir } : {}),
      ...(interrupt ? { signal: interrupt.signal } : {}),
      onProgress: (line) => io.stderr(`smtpspec: ${line}\n`),
      ...progressOption(args, io),
    });
    printOutcome(run, args, io);
    return run.exitCode;
  } catch (err) {
    if (interrupt?.signal.aborted) {
      io.stderr(`smtpspec: interrupted (${interrupt.name()}); the target container was removed\n`);
      return EXIT_INTERRUPTED;
    }
    if (hasErrorCode(err, ERROR_CODES.container)) {
      io.stderr(
        `smtpspec: ${describeError(err)}\n${logBlock((err as { logTail?: string }).logTail)}`,
      );
      if (args.reporters.some((r) => r !== 'console')) {
        io.stderr(`reports (every case an error) in ${resolve(args.out)}\n`);
      }
      return EXIT_CONTAINER;
    }
    throw err;
  } finally {
    interrupt?.dispose();
  }
}

function progressOption(args: RunArgs, io: CliIo) {
  if (!args.reporters.includes('console') || !io.stderrIsTty) return {};
  const color = io.color;
  return {
    onCaseDone: (result: RunReport['results'][number], done: number, total: number) =>
      io.stderr(`${renderProgressLine(result, done, total, { color })}\n`),
  };
}

/**
 * An AbortSignal that SIGINT and SIGTERM fire while the run lasts; a second signal exits at
 * once. The handlers stay registered (`on`, not `once`): testcontainers loads signal-exit,
 * which re-raises a signal that no other listener is left to handle.
 */
function interruptOnSignals() {
  const controller = new AbortController();
  let received = '';
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
      received = name;
      controller.abort(new Error(`interrupted by ${name}`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    name: () => received,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** The container log tail, indented, every line made visible; empty without a log. */
function logBlock(log: string | undefined): string {
  if (log === undefined || log.trim() === '') return '';
  const lines = log.replace(/\n$/, '').split('\n');
  return `container log (last ${lines.length} lines):\n${lines.map((l) => `  ${visibleLine(l)}\n`).join('')}`;
}

function printOutcome(run: SuiteRun, args: RunArgs, io: CliIo): void {
  const notes = run.notes.map((n) => `note: ${n}\n`).join('');
  const log = run.exitCode === 1 || args.verbose ? logBlock(run.report.target.containerLog) : '';
  if (!args.reporters.includes('console')) {
    io.stderr(notes + log);
    return;
  }
  io.stdout(notes);
  const html = args.reporters.includes('html') ? { htmlReport: htmlReportUrl(args.out) } : {};
  io.stdout(renderConsole(run.report, { color: io.color, verbose: args.verbose, ...html }));
  if (run.report.baseline) {
    const b = run.report.baseline;
    io.stdout(`baseline ${b.file}: ${b.known} known, ${b.new} new, ${b.fixed} fixed\n`);
  }
  io.stdout(log);
  io.stdout(`reports in ${resolve(args.out)}\n`);
}
