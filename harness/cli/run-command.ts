/**
 * `smtpspec run`: load and select cases, run them against `--target` (or the bundled
 * reference MTA on an ephemeral loopback port), write the reports, return the exit code.
 */
import { resolve } from 'node:path';
import { startReferenceServer } from '../../reference-server/server.ts';
import { renderConsole, renderProgressLine } from '../../reports/console.ts';
import { writeReports } from '../../reports/write.ts';
import { builtInServerConfig } from '../runner/profile.ts';
import { type RunOutput, runSuite } from '../runner/run.ts';
import { formatAddress, type TargetAddress } from '../runner/target.ts';
import { loadRegister } from '../scenario/load.ts';
import type { RunReport } from '../scenario/results.ts';
import { type RunArgs, readRunArgs } from './args.ts';
import { loadCases } from './cases.ts';
import type { CliIo } from './io.ts';

/** Exit status of a finished run (design.md): 1 on any fail or error, or warn with --strict. */
export function exitCodeOf(report: RunReport, strict: boolean): 0 | 1 {
  const { fail, error, warn } = report.summary;
  return fail > 0 || error > 0 || (strict && warn > 0) ? 1 : 0;
}

/** Runs `smtpspec run`; returns the exit code. Usage and config errors propagate. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = readRunArgs(argv);
  const { scenarios } = await loadCases(args.selection, io.cases);
  const register = await loadRegister(io.cases?.suitesDir);
  const output = args.target
    ? await runAgainst(args.target, false, args, scenarios, register, io)
    : await runAgainstReference(args, scenarios, register, io);
  await writeReports(args.out, output.report, output.transcripts, args.reporters);
  printOutcome(output, args, io);
  return exitCodeOf(output.report, args.strict);
}

type Cases = Awaited<ReturnType<typeof loadCases>>['scenarios'];
type Register = Awaited<ReturnType<typeof loadRegister>>;

async function runAgainstReference(
  args: RunArgs,
  scenarios: Cases,
  register: Register,
  io: CliIo,
): Promise<RunOutput> {
  const server = await startReferenceServer({ config: builtInServerConfig() });
  try {
    io.stderr(
      `smtpspec: no --target: running the bundled reference MTA on ${formatAddress(server.address)}\n`,
    );
    return await runAgainst(server.address, true, args, scenarios, register, io);
  } finally {
    await server.stop({ graceMs: 1000 });
  }
}

function runAgainst(
  target: TargetAddress,
  builtIn: boolean,
  args: RunArgs,
  scenarios: Cases,
  register: Register,
  io: CliIo,
): Promise<RunOutput> {
  const progress = args.reporters.includes('console') && io.stderrIsTty;
  const color = io.color;
  return runSuite({
    target,
    tls: args.tls,
    builtIn,
    scenarios,
    register,
    profile: args.profile,
    concurrency: args.concurrency,
    stepTimeoutMs: args.stepTimeoutMs,
    slow: args.slow,
    strict: args.strict,
    ...(progress
      ? {
          onCaseDone: (result, done, total) =>
            io.stderr(`${renderProgressLine(result, done, total, { color })}\n`),
        }
      : {}),
  });
}

function printOutcome(output: RunOutput, args: RunArgs, io: CliIo): void {
  const notes = output.notes.map((n) => `note: ${n}\n`).join('');
  if (!args.reporters.includes('console')) {
    io.stderr(notes);
    return;
  }
  io.stdout(notes);
  io.stdout(renderConsole(output.report, { color: io.color, verbose: args.verbose }));
  io.stdout(`reports in ${resolve(args.out)}\n`);
}
