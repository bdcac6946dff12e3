/**
 * `smtpspec serve-cases --client-cmd 'CMD ... {host} {port}'`: client-conformance mode.
 * The harness is the server; for each client case it listens on a fresh 127.0.0.1 port
 * and runs the command once with `{host}` and `{port}` filled in (split without a shell:
 * harness/clientmode/command.ts), then judges what the client did on the wire. Writes the
 * same results.json, transcripts and reports as `run`, with the same exit codes.
 */
import { resolve } from 'node:path';
import { renderConsole, renderProgressLine } from '../../reports/console.ts';
import { parseReporterList, writeReports } from '../../reports/write.ts';
import { runExitCode } from '../baseline/baseline.ts';
import { fillCommand, splitCommand } from '../clientmode/command.ts';
import { DEFAULT_CLIENT_TIMEOUT_MS, runClientCases } from '../clientmode/run.ts';
import { UsageError } from '../errors.ts';
import { loadCases } from '../scenario/cases.ts';
import { loadRegister } from '../scenario/load.ts';
import {
  DEFAULT_OUT_DIR,
  DEFAULT_REPORTERS,
  parseCommandLine,
  readInteger,
  readSelection,
  SERVE_CASES_OPTIONS,
} from './args.ts';
import type { CliIo } from './io.ts';

/** Runs `smtpspec serve-cases`; returns the exit code. Usage errors propagate. */
export async function serveCasesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('serve-cases', argv, SERVE_CASES_OPTIONS);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const cmd = text(values['client-cmd']);
  if (cmd === undefined)
    throw new UsageError("serve-cases needs --client-cmd 'CMD ... {host} {port}'");
  const command = splitCommand(cmd);
  fillCommand(command, '127.0.0.1', 1); // checks {port} is there before anything runs
  const out = text(values.out) ?? DEFAULT_OUT_DIR;
  if (out === '') throw new UsageError('--out: expected a directory, got an empty string');
  const reporters = parseReporterList(text(values.reporter) ?? DEFAULT_REPORTERS);
  const { scenarios } = await loadCases(readSelection(values, positionals), io.cases);
  const clientCases = scenarios.filter((s) => s.client !== undefined);
  if (clientCases.length === 0) throw new UsageError('serve-cases: no client case selected');
  const strict = values.strict === true;
  const output = await runClientCases({
    command,
    scenarios: clientCases,
    register: await loadRegister(io.cases?.suitesDir),
    clientTimeoutMs: readInteger(
      values['client-timeout-ms'],
      '--client-timeout-ms',
      100,
      3_600_000,
      DEFAULT_CLIENT_TIMEOUT_MS,
    ),
    idleTimeoutMs: readInteger(values['timeout-ms'], '--timeout-ms', 50, 600_000, 10_000),
    concurrency: readInteger(values.concurrency, '--concurrency', 1, 64, 1),
    slow: values.slow === true,
    strict,
    ...(reporters.includes('console') && io.stderrIsTty
      ? {
          onCaseDone: (result, done, total) =>
            io.stderr(`${renderProgressLine(result, done, total, { color: io.color })}\n`),
        }
      : {}),
  });
  await writeReports(out, output.report, output.transcripts, reporters);
  if (reporters.includes('console')) {
    io.stdout(renderConsole(output.report, { color: io.color, verbose: values.verbose === true }));
    io.stdout(`reports in ${resolve(out)}\n`);
  }
  return runExitCode(output.report, strict);
}
