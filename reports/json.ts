/**
 * The JSON report (`results.json`), the design.md contract plus our extension fields.
 *
 * Keys are written in a fixed order (contract fields first, extensions after), so two runs
 * with the same outcome give byte-identical files and diffs stay readable. Text is kept
 * exactly (JSON can carry every code unit); only human renderers make bytes visible.
 */
import type {
  CaseResult,
  CoverageReport,
  RunReport,
  SectionCoverage,
} from '../harness/scenario/results.ts';
import { VERDICTS } from '../harness/scenario/types.ts';

/** Reading results.json back belongs to the results model; re-exported for the public API. */
export { readJsonReport } from '../harness/scenario/results-read.ts';

function orderedCase(r: CaseResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    title: r.title,
    spec: r.spec,
    section: r.section,
    level: r.level,
    verdict: r.verdict,
    message: r.message,
    durationMs: r.durationMs,
    transcript: r.transcript,
    requirements: [...r.requirements],
    requirementText: [...r.requirementText],
  };
  if (r.expected !== undefined) out.expected = [...r.expected];
  if (r.actual !== undefined) out.actual = r.actual;
  if (r.exploitability !== undefined) out.exploitability = r.exploitability;
  if (r.baseline !== undefined) out.baseline = r.baseline;
  return out;
}

function orderedSection(s: SectionCoverage): Record<string, unknown> {
  return {
    spec: s.spec,
    section: s.section,
    covered: [...s.covered],
    uncovered: [...s.uncovered],
    untestable: [...s.untestable],
    delivery: [...s.delivery],
    receiver: [...s.receiver],
    weak: [...s.weak],
  };
}

function orderedCoverage(c: CoverageReport): Record<string, unknown> {
  return {
    sections: c.sections.map(orderedSection),
    totals: {
      statements: c.totals.statements,
      covered: c.totals.covered,
      uncovered: c.totals.uncovered,
      untestable: c.totals.untestable,
      delivery: c.totals.delivery,
      receiver: c.totals.receiver,
      weak: c.totals.weak,
    },
  };
}

/**
 * `report` as the text of `results.json`: stable key order, 2-space indent, trailing
 * newline. Fields not in the model are not written.
 */
export function renderJson(report: RunReport): string {
  const summary: Record<string, number> = {};
  for (const v of VERDICTS) summary[v] = report.summary[v];
  const target: Record<string, unknown> = {
    address: report.target.address,
    greeting: report.target.greeting,
    ehlo: [...report.target.ehlo],
  };
  if (report.target.image !== undefined) target.image = report.target.image;
  if (report.target.containerLog !== undefined) target.containerLog = report.target.containerLog;
  const out: Record<string, unknown> = {
    tool: { name: report.tool.name, version: report.tool.version },
    target,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    summary,
    results: report.results.map(orderedCase),
  };
  if (report.coverage !== undefined) out.coverage = orderedCoverage(report.coverage);
  if (report.options !== undefined) {
    out.options = { strict: report.options.strict, slow: report.options.slow };
  }
  if (report.shard !== undefined) {
    out.shard = { index: report.shard.index, count: report.shard.count };
  }
  if (report.baseline !== undefined) {
    const { file, known, fixed } = report.baseline;
    out.baseline = { file, known, new: report.baseline.new, fixed };
  }
  if (report.targetDown !== undefined) {
    out.targetDown = { since: report.targetDown.since, message: report.targetDown.message };
  }
  if (report.interrupted !== undefined) {
    out.interrupted = {
      reason: report.interrupted.reason,
      selected: report.interrupted.selected,
    };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
