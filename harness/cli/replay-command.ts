/**
 * `smtpspec replay FILE`: runs a saved reproducer (any suite file works) once, its cases
 * one after the other, against `--target` or the bundled reference MTA in a worker thread
 * (a reproducer may crash it).
 */
import { writeReports } from '../../reports/write.ts';
import { startReferenceTarget } from '../fuzz/target.ts';
import { type RunOutput, runSuite } from '../runner/run.ts';
import { formatAddress, parseTarget, type TargetAddress } from '../runner/target.ts';
import { collectScenarios } from '../scenario/load.ts';
import { loadSuiteFile } from '../scenario/user-suite.ts';
import { readInteger, readOutDir } from './args.ts';
import type { FlagTable, FlagValues } from './command.ts';
import type { StreamIo } from './io.ts';

/** Flags of `smtpspec replay`. */
export const REPLAY_FLAGS = {
  target: {
    type: 'string',
    value: 'HOST:PORT',
    defaultText: 'the bundled reference MTA in a worker thread',
    help: 'server to replay against',
  },
  'timeout-ms': { type: 'string', value: 'N', default: '5000', help: 'wait for each reply, in ms' },
  out: {
    type: 'string',
    value: 'DIR',
    defaultText: 'no report written',
    help: 'write results.json and the transcripts there',
  },
} as const satisfies FlagTable;

/** Validated `replay` arguments. */
export interface ReplayArgs {
  file: string;
  target: TargetAddress | undefined;
  timeoutMs: number;
  out: string | undefined;
}

/** Checks parsed `smtpspec replay` arguments; bad ones throw a one-line UsageError. */
export function replayArgsFrom(
  values: FlagValues<typeof REPLAY_FLAGS>,
  positionals: readonly string[],
): ReplayArgs {
  return {
    file: positionals[0] ?? '',
    target: values.target === undefined ? undefined : parseTarget(values.target),
    timeoutMs: readInteger(values['timeout-ms'], '--timeout-ms', 50, 600_000),
    out: values.out === undefined ? undefined : readOutDir(values.out),
  };
}

/** Runs the file's cases one at a time; prints one line per case. */
export async function replayFile(args: ReplayArgs, io: StreamIo): Promise<RunOutput> {
  const group = await loadSuiteFile(args.file);
  const scenarios = collectScenarios([{ group, origin: args.file }]);
  const reference = args.target ? undefined : await startReferenceTarget();
  try {
    const target = args.target ?? reference?.address() ?? { host: '127.0.0.1', port: 25 };
    if (reference)
      io.stderr(
        `smtpspec: no --target: replaying against the bundled reference MTA on ${formatAddress(target)}\n`,
      );
    return await runSuite({
      target,
      builtIn: reference !== undefined,
      scenarios,
      concurrency: 1,
      stepTimeoutMs: args.timeoutMs,
      onCaseDone: (r) => io.stdout(`${r.verdict.toUpperCase().padEnd(5)} ${r.id}: ${r.message}\n`),
    });
  } finally {
    await reference?.stop();
  }
}

/** `smtpspec replay` with parsed arguments; resolves to the exit status. */
export async function replayCommandRun(
  values: FlagValues<typeof REPLAY_FLAGS>,
  positionals: readonly string[],
  io: StreamIo,
): Promise<number> {
  const args = replayArgsFrom(values, positionals);
  const output = await replayFile(args, io);
  if (args.out !== undefined)
    await writeReports(args.out, output.report, output.transcripts, ['json']);
  const { fail, error } = output.report.summary;
  return fail > 0 || error > 0 ? 1 : 0;
}
