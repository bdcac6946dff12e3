/**
 * `smtpspec run`: load and select cases, run them against `--target`, a container
 * (`--container`, `--dockerfile`) or the bundled reference MTA on an ephemeral loopback
 * port, compare with `--baseline`, write the reports, return the exit code. The work is
 * done by harness/api.ts; this file is argument and console plumbing.
 */
import { resolve } from 'node:path';
import { renderConsole } from '../../reports/console.ts';
import { htmlReportUrl } from '../../reports/write.ts';
import { runSelection, type SuiteRun } from '../api.ts';
import { runExitCode } from '../baseline/baseline.ts';
import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import type { RunReport } from '../scenario/results.ts';
import { loadContainerTargets } from '../targets/load-container-target.ts';
import { visibleLine } from '../wire/visible.ts';
import { RUN_FLAGS, type RunArgs, runArgsFrom } from './args.ts';
import { defineCommand } from './command.ts';
import { EXIT_INTERRUPTED } from './exit-status.ts';
import type { CliIo } from './io.ts';
import { startRunProgress } from './run-progress.ts';

/** Exit status of a finished run (design.md): 1 on any fail or error, or warn with --strict;
 * with a baseline, only problems it does not know count. */
export function exitCodeOf(report: RunReport, strict: boolean): 0 | 1 {
  return runExitCode(report, strict);
}

const EXIT_CONTAINER = 2;

/** `smtpspec run`. */
export const runCommand = defineCommand({
  name: 'run',
  summary: 'run the cases against a server and write the reports',
  usage: '[ID-PREFIX ...] [options]',
  description:
    'Runs the selected cases (every case whose id starts with an ID-PREFIX; all without one) against --target, a container or, by default, the bundled reference MTA, each case on its own connection, and writes results.json, junit.xml, report.html and a transcript per case into --out. A target that cannot be connected to at all ends the run at once (exit 2). Ctrl-C writes the reports of the cases that finished.',
  positionals: { name: 'ID-PREFIX', min: 0, max: Infinity },
  flags: RUN_FLAGS,
  examples: [
    'smtpspec run --target mx.example.test:25 --rcpt alice@example.test --rcpt2 bob@example.test',
    'smtpspec run rfc5321/4.1 --target 127.0.0.1:2525 --reporter console,json --out report',
    'smtpspec run --container my-mta:ci --port 25 --baseline known.json --shard 1/4',
  ],
  async run({ values, positionals }, io) {
    const args = runArgsFrom(values, positionals);
    return runWithArgs(args, io);
  },
});

async function runWithArgs(args: RunArgs, io: CliIo): Promise<number> {
  // Costs a moment now and saves a container start later (runSelection checks --out).
  if (args.container) {
    await loadContainerTargets(args.container.image !== undefined ? '--container' : '--dockerfile');
  }
  // Ctrl-C and SIGTERM end the run early: the finished cases are reported and a target
  // container is stopped and removed first.
  const interrupt = interruptOnSignals();
  const progress = args.reporters.includes('console') ? startRunProgress(io) : undefined;
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
      signal: interrupt.signal,
      onProgress: (line) => io.stderr(`smtpspec: ${visibleLine(line)}\n`),
      ...(progress ? { onCaseDone: progress.onCaseDone } : {}),
    });
    progress?.stop();
    printOutcome(run, args, io);
    if (run.report.interrupted !== undefined) {
      const container = args.container ? '; the target container was removed' : '';
      const n = run.report.results.length;
      io.stderr(
        `smtpspec: interrupted (${interrupt.name()}): the reports of the ${n} ${n === 1 ? 'case' : 'cases'} that finished are in ${resolve(args.out)}${container}\n`,
      );
      return EXIT_INTERRUPTED;
    }
    return run.exitCode;
  } catch (err) {
    if (interrupt.signal.aborted) {
      const container = args.container ? '; the target container was removed' : '';
      io.stderr(`smtpspec: interrupted (${interrupt.name()}) before any case ran${container}\n`);
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
    progress?.stop();
    interrupt.dispose();
  }
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
