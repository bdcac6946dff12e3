/**
 * `smtpspec compare RESULTS.json|DIR ... [--out DIR] [--label NAME ...]`: the runs of
 * several servers side by side, written as `comparison.html` and `comparison.json` into
 * `--out` (default ./smtpspec-comparison). A pure renderer of the runs' results.json: no
 * case is re-run or re-judged. Each verdict links to the transcript in its run's
 * directory, by a path relative to `--out`. Exit status 0 once written, 2 for bad input.
 */
import { mkdir } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../../reports/atomic.ts';
import {
  compareRuns,
  type LabelledRun,
  renderComparisonJson,
  summaryLine,
} from '../../reports/compare.ts';
import { renderComparisonHtml } from '../../reports/compare-html.ts';
import { ConfigError, describeError, UsageError } from '../errors.ts';
import { readStoredReport, type StoredReport } from '../shard/read-run.ts';
import { visibleLine } from '../wire/visible.ts';
import { readOutDir } from './args.ts';
import { defineCommand } from './command.ts';
import type { CliIo } from './io.ts';

/** Where the comparison goes without `--out`. */
export const DEFAULT_COMPARE_DIR = './smtpspec-comparison';

/** Column labels: `--label` in order, else each run directory's name, made unique. */
function labelsOf(runs: readonly StoredReport[], given: readonly string[]): string[] {
  if (given.length > 0) {
    if (given.length !== runs.length) {
      throw new UsageError(
        `compare: ${given.length} --label for ${runs.length} runs; give one per run or none`,
      );
    }
    const seen = new Set<string>();
    for (const label of given) {
      if (label.trim() === '')
        throw new UsageError('--label: expected a name, got an empty string');
      if (seen.has(label)) throw new UsageError(`--label: ${label} is given twice`);
      seen.add(label);
    }
    return [...given];
  }
  const used = new Set<string>();
  return runs.map((run) => {
    const base = basename(run.dir) || run.dir;
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base}-${n}`;
    used.add(label);
    return label;
  });
}

/** `run` relative to `outDir` as a link prefix: `/` separators and a trailing `/`. */
function linkPrefix(outDir: string, runDir: string): string {
  const path = relative(outDir, runDir).split(sep).join('/');
  return path === '' ? '' : `${path}/`;
}

async function write(dir: string, name: string, data: string): Promise<string> {
  const file = join(dir, name);
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file, data, { durable: true });
  } catch (err) {
    throw new ConfigError(`cannot write ${file}: ${describeError(err)}`, 'out');
  }
  return file;
}

/** `smtpspec compare`. */
export const compareCommand = defineCommand({
  name: 'compare',
  summary: 'servers side by side: comparison.html and comparison.json',
  usage: 'RESULTS.json|DIR ... [--out DIR] [--label NAME ...]',
  description:
    "Puts the runs of several servers side by side: a row per case, a column per server headed by its greeting and EHLO keywords, each verdict linked to that server's transcript, and a filter for the rows where the servers differ. Only reads the results: nothing is re-run or re-judged.",
  positionals: { name: 'results.json files (or report directories)', min: 1, max: Infinity },
  flags: {
    out: {
      type: 'string',
      value: 'DIR',
      default: DEFAULT_COMPARE_DIR,
      help: 'where comparison.html and comparison.json go',
    },
    label: {
      type: 'string',
      value: 'NAME',
      multiple: true,
      defaultText: "each run directory's name",
      help: 'column headings, one per run, in order',
    },
  },
  examples: [
    'smtpspec compare postfix/results.json exim/results.json --label Postfix --label Exim',
  ],
  exitStatus: 'Exit status: 0 written; 2 bad usage or unreadable results.',
  run: ({ values, positionals }, io) =>
    compare(positionals, readOutDir(values.out), values.label, io),
});

async function compare(
  positionals: readonly string[],
  out: string,
  given: readonly string[],
  io: CliIo,
): Promise<number> {
  const stored: StoredReport[] = [];
  for (const source of positionals) stored.push(await readStoredReport(source));
  const labels = labelsOf(stored, given);
  const outDir = resolve(out);
  const runs: LabelledRun[] = stored.map((run, i) => ({
    label: labels[i] ?? run.source,
    report: run.report,
    dir: linkPrefix(outDir, resolve(run.dir)),
  }));
  const comparison = compareRuns(runs);
  const html = await write(outDir, 'comparison.html', renderComparisonHtml(comparison));
  await write(outDir, 'comparison.json', renderComparisonJson(comparison));
  const differ = comparison.rows.filter((r) => r.differs).length;
  const width = Math.max(...labels.map((l) => l.length));
  const lines = comparison.columns.map(
    (c) => `  ${visibleLine(c.label.padEnd(width))}  ${summaryLine(c.summary)}\n`,
  );
  io.stdout(
    `compared ${runs.length} runs: ${comparison.rows.length} cases, ${differ} differ\n` +
      `${lines.join('')}comparison in ${visibleLine(html)} and comparison.json\n`,
  );
  return 0;
}
