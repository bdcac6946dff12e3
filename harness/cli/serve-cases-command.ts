/**
 * `smtpspec serve-cases --client-cmd 'CMD ... {host} {port}'`: client-conformance mode.
 * The harness is the server; for each client case it listens on a fresh 127.0.0.1 port
 * and runs the command once with `{host}` and `{port}` filled in (split without a shell:
 * harness/clientmode/command.ts), then judges what the client did on the wire. Writes the
 * same results.json, transcripts and reports as `run`, with the same exit codes.
 */
import { resolve } from 'node:path';
import { renderConsole } from '../../reports/console.ts';
import { parseReporterList, prepareOutDir, writeReports } from '../../reports/write.ts';
import { runExitCode } from '../baseline/baseline.ts';
import { fillCommand, splitCommand } from '../clientmode/command.ts';
import { DEFAULT_CLIENT_TIMEOUT_MS, runClientCases } from '../clientmode/run.ts';
import { UsageError } from '../errors.ts';
import { loadCases } from '../scenario/cases.ts';
import { loadRegister } from '../scenario/load.ts';
import { REPORT_FLAGS, readInteger, readOutDir, readSelection, SELECTION_FLAGS } from './args.ts';
import { defineCommand } from './command.ts';
import { startRunProgress } from './run-progress.ts';

/** `smtpspec serve-cases`. */
export const serveCasesCommand = defineCommand({
  name: 'serve-cases',
  summary: 'judge an SMTP client: the harness is the server, the command the client',
  usage: "--client-cmd 'CMD {port}' [ID-PREFIX ...] [options]",
  description:
    'Client-conformance mode. For each selected client case the harness listens on a fresh 127.0.0.1 port and runs the command once with {host} and {port} filled in (split into words without a shell), then judges what the client did on the wire. Writes the same reports as run, with the same exit statuses.',
  positionals: { name: 'ID-PREFIX', min: 0, max: Infinity },
  flags: {
    'client-cmd': {
      type: 'string',
      value: 'CMD',
      help: 'the client to judge, run once per case; must contain {port} (and usually {host})',
    },
    ...SELECTION_FLAGS,
    'client-timeout-ms': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_CLIENT_TIMEOUT_MS),
      group: 'How',
      help: 'how long one run of the command may take',
    },
    'timeout-ms': {
      type: 'string',
      value: 'N',
      default: '10000',
      group: 'How',
      help: 'silence from the client after which the case ends',
    },
    concurrency: {
      type: 'string',
      value: 'N',
      default: '1',
      group: 'How',
      help: 'cases (client commands) run in parallel, 1-64',
    },
    strict: { type: 'boolean', group: 'How', help: 'a warn (SHOULD violated) also fails the run' },
    slow: { type: 'boolean', group: 'Which cases', help: 'include the slow cases' },
    ...REPORT_FLAGS,
  },
  examples: [
    "smtpspec serve-cases --client-cmd 'swaks --server {host} --port {port}' rfc5321/4.5.2",
  ],
  async run({ values, positionals }, io) {
    const cmd = values['client-cmd'];
    if (cmd === undefined) throw new UsageError("needs --client-cmd 'CMD ... {host} {port}'");
    const command = splitCommand(cmd);
    fillCommand(command, '127.0.0.1', 1); // checks {port} is there before anything runs
    const out = readOutDir(values.out);
    const reporters = parseReporterList(values.reporter);
    const { scenarios } = await loadCases(readSelection(values, positionals), io.cases);
    const clientCases = scenarios.filter((s) => s.client !== undefined);
    if (clientCases.length === 0) throw new UsageError('no client case selected');
    await prepareOutDir(out);
    const strict = values.strict;
    const progress = reporters.includes('console') ? startRunProgress(io) : undefined;
    const output = await runClientCases({
      command,
      scenarios: clientCases,
      register: await loadRegister(io.cases?.suitesDir),
      clientTimeoutMs: readInteger(
        values['client-timeout-ms'],
        '--client-timeout-ms',
        100,
        3_600_000,
      ),
      idleTimeoutMs: readInteger(values['timeout-ms'], '--timeout-ms', 50, 600_000),
      concurrency: readInteger(values.concurrency, '--concurrency', 1, 64),
      slow: values.slow,
      strict,
      ...(progress ? { onCaseDone: progress.onCaseDone } : {}),
    }).finally(() => progress?.stop());
    await writeReports(out, output.report, output.transcripts, reporters);
    if (reporters.includes('console')) {
      io.stdout(renderConsole(output.report, { color: io.color, verbose: values.verbose }));
      io.stdout(`reports in ${resolve(out)}\n`);
    }
    return runExitCode(output.report, strict);
  },
});
