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
import { REPORT_FLAGS, readOutDir } from './args.ts';
import { defineCommand } from './command.ts';
import type { CliIo } from './io.ts';

/** `smtpspec merge`. */
export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'one report set from the reports of several shards',
  usage: 'DIR|FILE ... [--out DIR] [--reporter LIST] [--verbose]',
  description:
    'Reads the output directories (or results.json files) of the shards of one --shard I/N run and writes one report set: results in id order, summary, coverage and baseline counts recomputed, transcripts copied. A case id in two inputs, a missing or repeated shard, or differing versions or --strict/--slow settings are errors.',
  positionals: { name: 'report directories (or results.json files)', min: 1, max: Infinity },
  flags: REPORT_FLAGS,
  examples: [
    'smtpspec merge smtpspec-shard-1 smtpspec-shard-2 smtpspec-shard-3 smtpspec-shard-4 --out smtpspec-report',
  ],
  exitStatus:
    'Exit status: that of the merged run (0 no fail and no error, 1 otherwise); 2 bad usage or inputs that do not belong together.',
  run: ({ values, positionals }, io) =>
    merge(positionals, readOutDir(values.out), values.reporter, values.verbose, io),
});

async function merge(
  positionals: readonly string[],
  out: string,
  reporterList: string,
  verbose: boolean,
  io: CliIo,
): Promise<number> {
  const reporters = parseReporterList(reporterList);
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
    io.stdout(renderConsole(report, { color: io.color, verbose, ...html }));
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
