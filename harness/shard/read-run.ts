/**
 * Reading a finished run back from its output directory: `results.json` (validated) and the
 * transcript of every case, so `smtpspec merge` can write them all into one directory.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, describeError } from '../errors.ts';
import type { TranscriptMap } from '../runner/run.ts';
import { transcriptJsonPath, transcriptPath } from '../scenario/result-paths.ts';
import type { RunReport } from '../scenario/results.ts';
import { readJsonReport } from '../scenario/results-read.ts';

/** Largest results.json read; a report of every case is a few hundred KiB. */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024;

/** A run read back from disk. */
export interface StoredRun {
  /** The directory (or results.json path) as given. */
  source: string;
  /** The directory holding results.json. */
  dir: string;
  report: RunReport;
  transcripts: TranscriptMap;
}

async function readText(path: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${what}: ${describeError(err)}`, path);
  }
}

/** `DIR` or `DIR/results.json` to the results.json path. */
async function resultsPath(source: string): Promise<string> {
  const full = resolve(source);
  const info = await stat(full).catch(() => undefined);
  if (info === undefined) throw new ConfigError('no such file or directory', source);
  return info.isDirectory() ? join(full, 'results.json') : full;
}

/** A run's results.json read back, without its transcripts. */
export interface StoredReport {
  /** The directory (or results.json path) as given. */
  source: string;
  /** The directory holding results.json. */
  dir: string;
  report: RunReport;
}

/**
 * Reads the results.json of `source` (a report directory or the file itself). Throws a
 * ConfigError naming the file when it is missing, too large or invalid.
 */
export async function readStoredReport(source: string): Promise<StoredReport> {
  const file = await resultsPath(source);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined)
    throw new ConfigError('has no results.json (run with --reporter json)', source);
  if (info.size > MAX_RESULTS_BYTES) {
    throw new ConfigError(`is larger than ${MAX_RESULTS_BYTES} bytes`, file);
  }
  const text = (await readText(file, 'results.json')) ?? '';
  try {
    return { source, dir: dirname(file), report: readJsonReport(text) };
  } catch (err) {
    throw new ConfigError(describeError(err), file);
  }
}

/**
 * Reads `source` (a report directory or its results.json) with every case's transcript.
 * Throws a ConfigError naming the file for a missing or invalid results.json or a missing
 * transcript (results.json is written last, so a transcript missing means a damaged copy).
 */
export async function readStoredRun(source: string): Promise<StoredRun> {
  const { dir, report } = await readStoredReport(source);
  const transcripts: TranscriptMap = new Map();
  for (const result of report.results) {
    if (result.transcript === '') continue;
    // Built from the id (checked safe), never from the field: the file is data.
    const txt = transcriptPath(result.id);
    const transcript = await readText(join(dir, ...txt.split('/')), 'transcript');
    if (transcript === undefined) {
      throw new ConfigError(`${txt} is missing (case ${result.id})`, source);
    }
    const json = await readText(
      join(dir, ...transcriptJsonPath(result.id).split('/')),
      'transcript',
    );
    transcripts.set(
      result.id,
      json === undefined ? { text: transcript } : { text: transcript, json },
    );
  }
  return { source, dir, report, transcripts };
}
