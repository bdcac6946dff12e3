/**
 * Writes the report files of a run into the output directory:
 * `transcripts/<id>.txt` (and `.json` when given) for every case, then `junit.xml`,
 * `report.html` and finally `results.json`, each as selected by the reporter list. The
 * `console` reporter writes no file (the CLI prints {@link renderConsole} itself).
 *
 * Every file is replaced atomically, and `results.json` is written last, so its presence
 * means the rest of the run's files are complete.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, describeError, UsageError } from '../harness/errors.ts';
import {
  assertSafeId,
  transcriptJsonPath,
  transcriptPath,
} from '../harness/scenario/result-paths.ts';
import type { RunReport } from '../harness/scenario/results.ts';
import { writeFileAtomic } from './atomic.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';

/** A report format selectable with `--reporter`. */
export type ReporterName = 'console' | 'junit' | 'json' | 'html';

/** All reporter names, in the order the CLI help lists them. */
export const REPORTER_NAMES: readonly ReporterName[] = ['console', 'junit', 'json', 'html'];

/** The transcript texts of a run, by case id. `json` is the machine-readable event list. */
export type TranscriptFiles = ReadonlyMap<string, { text: string; json?: string }>;

/** The `file:` URL of report.html in `outDir`, to which the console appends `#<case id>`. */
export function htmlReportUrl(outDir: string): string {
  return pathToFileURL(resolve(outDir, 'report.html')).href;
}

/**
 * Parses a `--reporter` value such as `console,junit,json`: comma-separated, spaces and
 * case ignored, duplicates dropped, order kept.
 * @throws UsageError for an empty list or an unknown name.
 */
export function parseReporterList(text: string): ReporterName[] {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (names.length === 0) {
    throw new UsageError(`--reporter: empty list (expected some of ${REPORTER_NAMES.join(', ')})`);
  }
  const out: ReporterName[] = [];
  for (const name of names) {
    const known = REPORTER_NAMES.find((r) => r === name);
    if (known === undefined) {
      throw new UsageError(
        `--reporter: unknown reporter ${JSON.stringify(name)} (expected one of ${REPORTER_NAMES.join(', ')})`,
      );
    }
    if (!out.includes(known)) out.push(known);
  }
  return out;
}

/**
 * Checks every id and transcript link before the first byte is written, so a bad id
 * never leaves a half-written output directory.
 */
function checkInputs(report: RunReport, transcripts: TranscriptFiles): void {
  const byFoldedId = new Map<string, string>();
  for (const id of transcripts.keys()) {
    assertSafeId(id);
    // Two ids differing only in case would overwrite each other on macOS and Windows.
    const folded = id.toLowerCase();
    const other = byFoldedId.get(folded);
    if (other !== undefined) {
      throw new ConfigError(
        `differs from ${JSON.stringify(other)} only in letter case`,
        `id ${JSON.stringify(id)}`,
      );
    }
    byFoldedId.set(folded, id);
  }
  report.results.forEach((r, i) => {
    if (r.transcript === '' || !transcripts.has(r.id)) return;
    const expected = transcriptPath(r.id);
    if (r.transcript !== expected) {
      throw new ConfigError(
        `expected ${JSON.stringify(expected)} (from the id), got ${JSON.stringify(r.transcript)}`,
        `results[${i}].transcript`,
      );
    }
  });
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(dir, { recursive: true })` never
 * returns for a path such as `/proc/nope` (the kernel says ENOENT although the parent
 * exists, and it retries forever); here each level is tried at most twice.
 */
async function makeDirectory(dir: string, depth = 0): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw err;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 256) throw err;
    await makeDirectory(parent, depth + 1);
    await mkdir(dir);
  }
}

/**
 * Makes sure reports can be written into `outDir` before a run starts, so a typo costs a
 * second, not the whole run: creates it (with its parents) and writes and removes a probe
 * file.
 * @throws ConfigError naming the directory and what the system said.
 */
export async function prepareOutDir(outDir: string): Promise<void> {
  const root = resolve(outDir);
  const probe = join(root, `.smtpspec-write-check-${process.pid}`);
  try {
    await makeDirectory(root);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (err) {
    throw new ConfigError(
      `the report directory ${outDir} cannot be written (${describeError(err)})`,
    );
  }
}

/**
 * Writes the selected reports and all transcripts under `outDir` (created if missing).
 * Returns the absolute paths written, in write order.
 * @throws ConfigError for an unsafe or clashing case id, a transcript link that does not
 *   match its id, or a file that cannot be written (the message names it).
 */
export async function writeReports(
  outDir: string,
  report: RunReport,
  transcripts: TranscriptFiles,
  reporters: readonly ReporterName[],
): Promise<string[]> {
  checkInputs(report, transcripts);
  const root = resolve(outDir);
  const written: string[] = [];
  const write = async (relative: string, data: string, durable: boolean) => {
    const target = resolve(root, ...relative.split('/'));
    // Defence in depth: the id checks already keep paths inside, this proves it.
    if (!target.startsWith(root + sep)) {
      throw new ConfigError('path escapes the output directory', relative);
    }
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, data, { durable });
    } catch (err) {
      throw new ConfigError(`cannot write ${target}: ${describeError(err)}`, 'out');
    }
    written.push(target);
  };

  for (const [id, files] of transcripts) {
    await write(transcriptPath(id), files.text, false);
    if (files.json !== undefined) await write(transcriptJsonPath(id), files.json, false);
  }
  const lookup = (id: string) => transcripts.get(id)?.text;
  if (reporters.includes('junit')) await write('junit.xml', renderJunit(report, lookup), true);
  if (reporters.includes('html')) await write('report.html', renderHtml(report, lookup), true);
  if (reporters.includes('json')) await write('results.json', renderJson(report), true);
  return written;
}
