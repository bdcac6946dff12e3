/**
 * `smtpspec replay FILE`: runs a saved reproducer (any suite file works) once, its cases
 * one after the other, against `--target` or the bundled reference MTA in a worker thread
 * (a reproducer may crash it).
 */
import { parseArgs } from 'node:util';
import { writeReports } from '../../reports/write.ts';
import { describeError, UsageError } from '../errors.ts';
import { startReferenceTarget } from '../fuzz/target.ts';
import { type RunOutput, runSuite } from '../runner/run.ts';
import { formatAddress, parseTarget, type TargetAddress } from '../runner/target.ts';
import { collectScenarios } from '../scenario/load.ts';
import { loadSuiteFile } from '../scenario/user-suite.ts';
import { intFlag } from './args.ts';
import type { StreamIo } from './io.ts';

const REPLAY_OPTIONS = {
  target: { type: 'string' },
  'timeout-ms': { type: 'string' },
  out: { type: 'string' },
} as const;

/** Validated `replay` arguments. */
export interface ReplayArgs {
  file: string;
  target: TargetAddress | undefined;
  timeoutMs: number;
  out: string | undefined;
}

/** Parses `smtpspec replay` arguments; bad ones throw a one-line UsageError. */
export function readReplayArgs(argv: readonly string[]): ReplayArgs {
  let parsed: {
    values: Partial<Record<keyof typeof REPLAY_OPTIONS, string>>;
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: REPLAY_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(`replay: ${describeError(err)}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(`replay: expected one FILE, got ${positionals.length}`);
  if (values.out === '') throw new UsageError('--out: expected a directory, got an empty string');
  return {
    file: positionals[0] ?? '',
    target: values.target === undefined ? undefined : parseTarget(values.target),
    timeoutMs: intFlag(values['timeout-ms'], '--timeout-ms', 50, 600_000) ?? 5000,
    out: values.out,
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

/** `smtpspec replay` after argument parsing errors are mapped by the caller. */
export async function replayCommand(argv: readonly string[], io: StreamIo): Promise<number> {
  const args = readReplayArgs(argv);
  const output = await replayFile(args, io);
  if (args.out !== undefined)
    await writeReports(args.out, output.report, output.transcripts, ['json']);
  const { fail, error } = output.report.summary;
  return fail > 0 || error > 0 ? 1 : 0;
}
