/**
 * `smtpspec merge DIR... [--out DIR] [--reporter LIST] [--verbose]`: one report set (JSON,
 * JUnit, HTML, transcripts) from the output directories of several runs, normally the
 * shards of one `--shard i/n` run. Exit status as for `run`: 1 when the merged results
 * have a fail or error (only new ones, when the shards ran with a baseline).
 */
import { resolve } from 'node:path';
import { renderConsole } from '../../reports/console.ts';
import { htmlReportUrl, parseReporterList, writeReports } from '../../reports/write.ts';
import { runExitCode } from '../baseline/baseline.ts';
import { UsageError } from '../errors.ts';
import type { TranscriptMap } from '../runner/run.ts';
import { mergeReports } from '../shard/merge.ts';
import { readStoredRun } from '../shard/read-run.ts';
import { DEFAULT_OUT_DIR, DEFAULT_REPORTERS, parseCommandLine } from './args.ts';
import type { CliIo } from './io.ts';

/** Options of `smtpspec merge`. */
export const MERGE_OPTIONS = {
  out: { type: 'string' },
  reporter: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

/** Runs `smtpspec merge`; returns the exit code. Bad input throws a one-line error. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('merge', argv, MERGE_OPTIONS);
  if (positionals.length === 0) {
    throw new UsageError('merge: give the report directories (or results.json files) to merge');
  }
  const out = typeof values.out === 'string' ? values.out : DEFAULT_OUT_DIR;
  if (out === '') throw new UsageError('--out: expected a directory, got an empty string');
  const reporters = parseReporterList(
    typeof values.reporter === 'string' ? values.reporter : DEFAULT_REPORTERS,
  );
  const runs = [];
  for (const source of positionals) runs.push(await readStoredRun(source));
  const outDir = resolve(out);
  for (const run of runs) {
    // Writing into an input would replace the files being merged.
    if (resolve(run.dir) === outDir) {
      throw new UsageError(`merge: --out ${out} is one of the inputs; choose another directory`);
    }
  }
  const report = mergeReports(runs.map(({ source, report }) => ({ source, report })));
  const transcripts: TranscriptMap = new Map();
  for (const run of runs) for (const [id, files] of run.transcripts) transcripts.set(id, files);
  await writeReports(out, report, transcripts, reporters);
  const strict = report.options?.strict === true;
  if (reporters.includes('console')) {
    const html = reporters.includes('html') ? { htmlReport: htmlReportUrl(out) } : {};
    io.stdout(
      renderConsole(report, { color: io.color, verbose: values.verbose === true, ...html }),
    );
    if (report.baseline) {
      const b = report.baseline;
      io.stdout(`baseline ${b.file}: ${b.known} known, ${b.new} new, ${b.fixed} fixed\n`);
    }
    io.stdout(`merged ${runs.length} reports into ${outDir}\n`);
  } else {
    io.stderr(`smtpspec: merged ${runs.length} reports into ${outDir}\n`);
  }
  return runExitCode(report, strict);
}
