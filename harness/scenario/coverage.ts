/**
 * Requirement coverage: which statements of the register at least one case checks, which
 * wire-testable ones no case checks yet, and which cannot be tested from a client.
 */
import { compareIds } from './load.ts';
import type { CoverageReport, SectionCoverage } from './results.ts';
import type { Requirement, Scenario } from './types.ts';

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

/** Coverage of `register` by `scenarios`, per spec and section, sorted. */
export function computeCoverage(
  register: readonly Requirement[],
  scenarios: readonly Scenario[],
): CoverageReport {
  const checked = new Set(scenarios.flatMap((s) => s.requirements));
  const sections = new Map<string, SectionCoverage>();
  for (const req of register) {
    const key = `${req.spec}\u0000${req.section}`;
    let entry = sections.get(key);
    if (!entry) {
      entry = { spec: req.spec, section: req.section, covered: [], uncovered: [], untestable: [] };
      sections.set(key, entry);
    }
    if (checked.has(req.id)) entry.covered.push(req.id);
    else if (req.testable === 'wire') entry.uncovered.push(req.id);
    else entry.untestable.push(req.id);
  }
  const list = [...sections.values()].sort(
    (a, b) => compareIds(a.spec, b.spec) || compareSections(a.section, b.section),
  );
  const count = (pick: (s: SectionCoverage) => string[]) =>
    list.reduce((n, s) => n + pick(s).length, 0);
  return {
    sections: list,
    totals: {
      statements: register.length,
      covered: count((s) => s.covered),
      uncovered: count((s) => s.uncovered),
      untestable: count((s) => s.untestable),
    },
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
      `${head} covered ${s.covered.length}  uncovered ${s.uncovered.length}  not testable ${s.untestable.length}`,
    );
    if (s.uncovered.length > 0) lines.push(`  uncovered: ${s.uncovered.join(', ')}`);
  }
  const t = report.totals;
  lines.push(
    `total: ${t.statements} statements, ${t.covered} covered, ${t.uncovered} wire-testable uncovered, ${t.untestable} not testable from a client`,
  );
  return `${lines.join('\n')}\n`;
}
