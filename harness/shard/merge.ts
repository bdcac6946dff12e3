/**
 * Merging the reports of several runs (normally the shards of one sharded run) into one
 * report. Pure: reports in, report out; reading directories is in read-run.ts.
 *
 * Rules: a case id in two inputs is an error (each case belongs to exactly one shard);
 * inputs that carry shard info must be a complete set `1/n ... n/n`; tool versions and
 * verdict options must agree. The summary, the baseline counts and the coverage are
 * recomputed from the merged data, never added up from the inputs.
 */
import { ConfigError } from '../errors.ts';
import { coverageTotals, emptySection } from '../scenario/coverage.ts';
import { compareIds } from '../scenario/load.ts';
import {
  type BaselineSummary,
  type CaseResult,
  type CoverageReport,
  type RunReport,
  type SectionCoverage,
  summarise,
  type TargetInfo,
} from '../scenario/results.ts';
import { formatShard } from './shard.ts';

/** One report to merge and where it came from (for error messages). */
export interface MergeInput {
  source: string;
  report: RunReport;
}

/** Inputs in merge order: by shard index when they have one, else as given. */
function ordered(inputs: readonly MergeInput[]): MergeInput[] {
  return [...inputs].sort((a, b) => (a.report.shard?.index ?? 0) - (b.report.shard?.index ?? 0));
}

function checkShards(inputs: readonly MergeInput[]): void {
  const withShard = inputs.filter((i) => i.report.shard !== undefined);
  if (withShard.length === 0) return;
  if (withShard.length !== inputs.length) {
    const plain = inputs.find((i) => i.report.shard === undefined);
    throw new ConfigError('is not a shard, but other inputs are', plain?.source);
  }
  const count = withShard[0]?.report.shard?.count ?? 0;
  const seen = new Map<number, string>();
  for (const { source, report } of withShard) {
    const shard = report.shard!;
    if (shard.count !== count) {
      throw new ConfigError(
        `is shard ${formatShard(shard)}, but another input is of ${count}`,
        source,
      );
    }
    const other = seen.get(shard.index);
    if (other !== undefined) {
      throw new ConfigError(`is shard ${formatShard(shard)}, and so is ${other}`, source);
    }
    seen.set(shard.index, source);
  }
  for (let index = 1; index <= count; index++) {
    if (!seen.has(index))
      throw new ConfigError(`shard ${index}/${count} is missing from the inputs`);
  }
}

function checkSame(inputs: readonly MergeInput[], what: string, pick: (r: RunReport) => string) {
  const first = inputs[0];
  if (first === undefined) return;
  for (const input of inputs) {
    if (pick(input.report) !== pick(first.report)) {
      throw new ConfigError(
        `${what} ${pick(input.report)} differs from ${pick(first.report)} in ${first.source}`,
        input.source,
      );
    }
  }
}

function mergeResults(inputs: readonly MergeInput[]): CaseResult[] {
  const owner = new Map<string, string>();
  const results: CaseResult[] = [];
  for (const { source, report } of inputs) {
    for (const result of report.results) {
      const first = owner.get(result.id);
      if (first !== undefined) {
        throw new ConfigError(`case ${result.id} is in both ${first} and ${source}`);
      }
      owner.set(result.id, source);
      results.push(result);
    }
  }
  return results.sort((a, b) => compareIds(a.id, b.id));
}

function mergeTarget(inputs: readonly MergeInput[]): TargetInfo {
  const first = inputs[0]!.report.target;
  const target: TargetInfo = { ...first, ehlo: [...first.ehlo] };
  delete target.containerLog;
  const logs = inputs.filter((i) => i.report.target.containerLog !== undefined);
  if (logs.length === 1) target.containerLog = logs[0]!.report.target.containerLog!;
  if (logs.length > 1) {
    target.containerLog = logs
      .map(({ source, report }) => {
        const label = report.shard ? `shard ${formatShard(report.shard)} ` : '';
        return `== ${label}(${source}) ==\n${report.target.containerLog}`;
      })
      .join('\n');
  }
  return target;
}

/** The lists of a section that hold ids no case covers. */
const NOT_COVERED = ['uncovered', 'untestable', 'delivery', 'receiver'] as const;

function mergeCoverage(inputs: readonly MergeInput[]): CoverageReport | undefined {
  const reports = inputs.flatMap((i) => (i.report.coverage ? [i.report.coverage] : []));
  if (reports.length === 0) return undefined;
  const covered = new Set(reports.flatMap((c) => c.sections.flatMap((s) => s.covered)));
  const sections = new Map<string, SectionCoverage>();
  for (const section of reports.flatMap((c) => c.sections)) {
    const key = `${section.spec}\u0000${section.section}`;
    const entry = sections.get(key) ?? emptySection(section.spec, section.section);
    sections.set(key, entry);
    for (const id of [section.covered, ...NOT_COVERED.map((k) => section[k])].flat()) {
      const list = covered.has(id)
        ? entry.covered
        : entry[NOT_COVERED.find((k) => section[k].includes(id)) ?? 'uncovered'];
      if (!list.includes(id)) list.push(id);
    }
    for (const id of section.weak) {
      if (!covered.has(id) && !entry.weak.includes(id)) entry.weak.push(id);
    }
  }
  const list = [...sections.values()];
  return {
    sections: list,
    totals: coverageTotals(list, Math.max(...reports.map((c) => c.totals.statements))),
  };
}

function mergeBaseline(
  inputs: readonly MergeInput[],
  results: readonly CaseResult[],
): BaselineSummary | undefined {
  const files = [
    ...new Set(inputs.flatMap((i) => (i.report.baseline ? [i.report.baseline.file] : []))),
  ];
  if (files.length === 0) return undefined;
  const countOf = (mark: string) => results.filter((r) => r.baseline === mark).length;
  return {
    file: files.join(', '),
    known: countOf('known'),
    new: countOf('new'),
    fixed: countOf('fixed'),
  };
}

/**
 * One report from several. Throws a ConfigError for no input, a case id in two inputs, an
 * incomplete or inconsistent shard set, or differing tool versions or options.
 */
export function mergeReports(inputs: readonly MergeInput[]): RunReport {
  if (inputs.length === 0) throw new ConfigError('nothing to merge: no reports given');
  const sorted = ordered(inputs);
  checkShards(sorted);
  checkSame(sorted, 'tool version', (r) => r.tool.version);
  checkSame(sorted, 'options', (r) => JSON.stringify(r.options ?? null));
  const results = mergeResults(sorted);
  const starts = sorted.map((i) => Date.parse(i.report.startedAt));
  const ends = sorted.map((i, n) => (starts[n] ?? 0) + i.report.durationMs);
  const start = Math.min(...starts);
  const report: RunReport = {
    tool: { ...sorted[0]!.report.tool },
    target: mergeTarget(sorted),
    startedAt: new Date(start).toISOString(),
    durationMs: Math.round(Math.max(...ends) - start),
    summary: summarise(results),
    results,
  };
  const coverage = mergeCoverage(sorted);
  if (coverage) report.coverage = coverage;
  const options = sorted[0]!.report.options;
  if (options) report.options = { ...options };
  const baseline = mergeBaseline(sorted, results);
  if (baseline) report.baseline = baseline;
  return report;
}
