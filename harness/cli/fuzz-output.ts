/**
 * A campaign as report files: `results.json` in the design.md contract (each finding a
 * `fail` result, warnings `warn`, a `pass` for a clean campaign) extended with `fuzz` and
 * `findings`; one transcript per finding; one reproducer scenario file per finding.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../reports/atomic.ts';
import { renderJson } from '../../reports/json.ts';
import { writeReports } from '../../reports/write.ts';
import { ConfigError, describeError } from '../errors.ts';
import type { CampaignResult, Finding } from '../fuzz/campaign.ts';
import {
  FUZZ_SPEC,
  lineCount,
  linesSummary,
  renderFindingTranscript,
  renderReproducer,
  reproducerFileName,
  scenarioIdOf,
  summaryOf,
} from '../fuzz/reproducer.ts';
import { toolVersion } from '../runner/version.ts';
import { transcriptPath } from '../scenario/result-paths.ts';
import {
  type CaseResult,
  type RunReport,
  type ShardInfo,
  summarise,
  type TargetInfo,
} from '../scenario/results.ts';

/** What the report says about the campaign besides its findings. */
export interface FuzzRunInfo {
  target: TargetInfo;
  startedAt: Date;
  concurrency: number;
  lenient: boolean;
  /** `--shard I/N`: campaign-level ids carry it, so `smtpspec merge` can join the shards. */
  shard?: ShardInfo;
  /**
   * The command that replays a reproducer file against the fuzzed target (default
   * `smtpspec replay FILE`, which replays against the bundled reference MTA).
   */
  replay?: (file: string) => string;
}

/** Slug suffix of campaign-level results in a sharded run: `-shard-2-of-4`. */
function shardSuffix(shard: ShardInfo | undefined): string {
  return shard === undefined ? '' : `-shard-${shard.index}-of-${shard.count}`;
}

/** Where reproducers go inside the output directory. */
export const REPRODUCER_DIR = 'reproducers';

function findingResult(f: Finding): CaseResult {
  const id = scenarioIdOf(f);
  const result: CaseResult = {
    id,
    title: summaryOf(f),
    spec: FUZZ_SPEC,
    section: String(f.seed >>> 0),
    level: 'MUST',
    verdict: f.kind === 'error' ? 'error' : 'fail',
    message: `${f.message} (${f.unshrunk ? 'not shrunk: the target could not be restarted; ' : ''}${linesSummary(f)}; seen ${f.occurrences}x)`,
    durationMs: 0,
    transcript: transcriptPath(id),
    requirements: [],
    requirementText: [],
  };
  if (f.expected.length > 0) result.expected = f.expected;
  if (f.actual !== '') result.actual = f.actual;
  if (f.kind === 'smuggling' && f.exploitability) result.exploitability = f.exploitability;
  return result;
}

/** The replay command of a reproducer file; see {@link FuzzRunInfo.replay}. */
export function replayCommandOf(info: Pick<FuzzRunInfo, 'replay'>, file: string): string {
  return info.replay?.(file) ?? `smtpspec replay ${file}`;
}

function warningResults(result: CampaignResult, shard: ShardInfo | undefined): CaseResult[] {
  const section = String(result.seed >>> 0);
  return result.warnings.map((w, i) => ({
    id: `fuzz/${section}/warning-${i + 1}-${w.kind}${shardSuffix(shard)}`,
    title: w.message.length > 200 ? `${w.message.slice(0, 197)}...` : w.message,
    spec: FUZZ_SPEC,
    section,
    level: 'SHOULD' as const,
    verdict: 'warn' as const,
    message: `${w.message} (seen ${w.count}x${w.example ? `, e.g. after "${w.example}"` : ''})`,
    durationMs: 0,
    transcript: '',
    requirements: [],
    requirementText: [],
  }));
}

/** The run report of a campaign: the contract fields only (extensions are added on write). */
export function campaignReport(result: CampaignResult, info: FuzzRunInfo): RunReport {
  const results = [...result.findings.map(findingResult), ...warningResults(result, info.shard)];
  if (result.findings.length === 0) {
    const section = String(result.seed >>> 0);
    const lost = result.targetLost;
    results.unshift({
      id: `fuzz/${section}/campaign${shardSuffix(info.shard)}`,
      title: `fuzz campaign, seed ${section}`,
      spec: FUZZ_SPEC,
      section,
      level: 'MUST',
      verdict: lost ? 'error' : 'pass',
      message:
        lost ??
        `${result.runs} runs, no failure (${result.coverage.triples} (state, command, reply) triples reached, ${result.distinctReplies} distinct replies)`,
      durationMs: result.durationMs,
      transcript: '',
      requirements: [],
      requirementText: [],
    });
  }
  return {
    tool: { name: 'smtpspec', version: toolVersion() },
    target: info.target,
    startedAt: info.startedAt.toISOString(),
    durationMs: result.durationMs,
    summary: summarise(results),
    results,
    ...(info.shard === undefined ? {} : { shard: info.shard }),
  };
}

/**
 * The `findings` extension of results.json: seed, path, signature and the shrunk sequence
 * of each, every command in full.
 */
function findingsExtension(result: CampaignResult, info: FuzzRunInfo, files: readonly string[]) {
  return result.findings.map((f, i) => ({
    id: scenarioIdOf(f),
    kind: f.kind,
    summary: summaryOf(f),
    seed: f.seed >>> 0,
    counterexamplePath: f.path,
    signature: f.signature,
    ...(f.aliases.length > 0 ? { aliases: f.aliases } : {}),
    commands: f.commands,
    smtpLines: lineCount(f.lines),
    lines: f.lines,
    shrunk: f.unshrunk === undefined,
    ...(f.unshrunk ? { unshrunk: f.unshrunk } : {}),
    occurrences: f.occurrences,
    reproducer: `${REPRODUCER_DIR}/${reproducerFileName(f)}`,
    replay: replayCommandOf(info, files[i] ?? reproducerFileName(f)),
    transcript: transcriptPath(scenarioIdOf(f)),
    ...(f.crashReport ? { crashReport: f.crashReport } : {}),
  }));
}

/**
 * Writes transcripts, reproducers and finally `results.json` under `outDir`. Returns the
 * reproducer paths. Throws ConfigError when a file cannot be written.
 */
export async function writeFuzzOutput(
  outDir: string,
  result: CampaignResult,
  info: FuzzRunInfo,
): Promise<string[]> {
  const root = resolve(outDir);
  const report = campaignReport(result, info);
  const reproducers: string[] = [];
  const transcripts = new Map<string, { text: string }>();
  try {
    await mkdir(join(root, REPRODUCER_DIR), { recursive: true });
    for (const f of result.findings) {
      const file = join(root, REPRODUCER_DIR, reproducerFileName(f));
      await writeFileAtomic(file, renderReproducer(f));
      reproducers.push(file);
      transcripts.set(scenarioIdOf(f), {
        text: renderFindingTranscript(f, replayCommandOf(info, file)),
      });
    }
  } catch (err) {
    throw new ConfigError(`cannot write reproducers: ${describeError(err)}`, 'out');
  }
  await writeReports(root, report, transcripts, []);
  const json = JSON.parse(renderJson(report)) as Record<string, unknown>;
  json.fuzz = {
    seed: result.seed >>> 0,
    runs: result.runs,
    distinctReplies: result.distinctReplies,
    replies: result.replies,
    coverage: result.coverage,
    concurrency: info.concurrency,
    lenient: info.lenient,
    ...(result.targetLost ? { targetLost: result.targetLost } : {}),
  };
  json.findings = findingsExtension(result, info, reproducers);
  try {
    await writeFileAtomic(join(root, 'results.json'), `${JSON.stringify(json, null, 2)}\n`, {
      durable: true,
    });
  } catch (err) {
    throw new ConfigError(`cannot write results.json: ${describeError(err)}`, 'out');
  }
  return reproducers;
}
