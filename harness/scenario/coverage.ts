/**
 * Requirement coverage: which statements of the register a case can fail on, which ones
 * no case can fail on yet (by who could see them: a client on the wire, a sink for what
 * the server delivers, a server for a client's obligations), and which no one can observe.
 * A case that cites a statement but cannot report its violation (a MAY case citing a MUST)
 * does not cover it; such ids are listed as `weak`.
 */
import { compareIds } from './load.ts';
import type { CoverageReport, CoverageTotals, SectionCoverage } from './results.ts';
import type { Level, Requirement, Scenario } from './types.ts';

/** Orders section numbers numerically part by part: 4.1.10 after 4.1.9, 4.1 before 4.1.1. */
export function compareSections(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? compareIds(x, y) : nx - ny;
    if (diff !== 0) return diff;
  }
  return 0;
}

const CASE_RANK: Readonly<Record<Level, number>> = { MAY: 0, SHOULD: 1, MUST: 2 };

/** The least case level that can report a violation of `req` (README "Grading"). */
function rankNeeded(req: Requirement): number {
  if (req.level.startsWith('MUST')) return 2;
  return req.level.startsWith('SHOULD') ? 1 : 0;
}

/** A section of the coverage report with no statement in it yet. */
export function emptySection(spec: string, section: string): SectionCoverage {
  return {
    spec,
    section,
    covered: [],
    uncovered: [],
    untestable: [],
    delivery: [],
    receiver: [],
    weak: [],
  };
}

/** Coverage of `register` by `scenarios`, per spec and section, sorted. */
export function computeCoverage(
  register: readonly Requirement[],
  scenarios: readonly Scenario[],
): CoverageReport {
  // The highest level of a case citing each id.
  const best = new Map<string, number>();
  for (const s of scenarios) {
    for (const id of s.requirements) {
      best.set(id, Math.max(best.get(id) ?? -1, CASE_RANK[s.level] ?? 0));
    }
  }
  const sections = new Map<string, SectionCoverage>();
  for (const req of register) {
    const key = `${req.spec}\u0000${req.section}`;
    let entry = sections.get(key);
    if (!entry) {
      entry = emptySection(req.spec, req.section);
      sections.set(key, entry);
    }
    const rank = best.get(req.id);
    if (rank !== undefined && rank >= rankNeeded(req)) {
      entry.covered.push(req.id);
      continue;
    }
    if (rank !== undefined) entry.weak.push(req.id);
    if (req.testable === 'wire') entry.uncovered.push(req.id);
    else if (req.testable === 'delivery') entry.delivery.push(req.id);
    else if (req.testable === 'receiver') entry.receiver.push(req.id);
    else entry.untestable.push(req.id);
  }
  const list = [...sections.values()].sort(
    (a, b) => compareIds(a.spec, b.spec) || compareSections(a.section, b.section),
  );
  return { sections: list, totals: coverageTotals(list, register.length) };
}

/** The totals of `sections`, which hold `statements` statements in all. */
export function coverageTotals(
  sections: readonly SectionCoverage[],
  statements: number,
): CoverageTotals {
  const count = (pick: (s: SectionCoverage) => string[]) =>
    sections.reduce((n, s) => n + pick(s).length, 0);
  return {
    statements,
    covered: count((s) => s.covered),
    uncovered: count((s) => s.uncovered),
    untestable: count((s) => s.untestable),
    delivery: count((s) => s.delivery),
    receiver: count((s) => s.receiver),
    weak: count((s) => s.weak),
  };
}

/** Requirement ids that scenarios cite but the register lacks, as `scenario-id: req-id`. */
export function unknownRequirementIds(
  register: readonly Requirement[],
  scenarios: readonly Scenario[],
): string[] {
  const known = new Set(register.map((r) => r.id));
  return scenarios.flatMap((s) =>
    s.requirements.filter((id) => !known.has(id)).map((id) => `${s.id}: ${id}`),
  );
}

/** Plain-text coverage table for `smtpspec coverage`. */
export function renderCoverageText(report: CoverageReport): string {
  const lines: string[] = [];
  for (const s of report.sections) {
    const head = `${s.spec} §${s.section}`.padEnd(24);
    lines.push(
      `${head} covered ${s.covered.length}  uncovered ${s.uncovered.length}  delivery ${s.delivery.length}  client ${s.receiver.length}  not testable ${s.untestable.length}`,
    );
    if (s.uncovered.length > 0) lines.push(`  uncovered: ${s.uncovered.join(', ')}`);
    if (s.weak.length > 0)
      lines.push(`  cited, but no citing case can fail on: ${s.weak.join(', ')}`);
  }
  const t = report.totals;
  lines.push(
    `total: ${t.statements} statements, ${t.covered} covered, ${t.uncovered} wire-testable uncovered, ` +
      `${t.delivery} seen only in delivery (relay-through) uncovered, ${t.receiver} client obligations uncovered, ` +
      `${t.untestable} not observable by anyone; ${t.weak} of the uncovered are cited by cases that cannot fail on them`,
  );
  return `${lines.join('\n')}\n`;
}
