/**
 * Several runs side by side: case by row, run by column, the verdict in each cell. Pure:
 * it reads run reports (the model of `results.json`) and renders JSON, a markdown table
 * (here) and an HTML page (reports/compare-html.ts); it never re-runs or re-judges a case.
 * `smtpspec compare` and `npm run interop` (Postfix, Exim, OpenSMTPD and the reference
 * MTA) use it.
 */
import { transcriptPath, unsafeIdReason } from '../harness/scenario/result-paths.ts';
import type { CaseResult, RunReport, Summary } from '../harness/scenario/results.ts';
import { type Level, VERDICTS, type Verdict } from '../harness/scenario/types.ts';

/** One run to compare, under a short column label (`exim-profile`). */
export interface LabelledRun {
  label: string;
  report: RunReport;
  /**
   * Where the run's report directory is, relative to the directory the comparison is
   * written to, with `/` separators and a trailing `/` (`exim-profile/`, `../runs/a/`);
   * empty when they are the same. Transcript links in the cells start with it.
   */
  dir?: string;
}

export interface ComparedColumn {
  label: string;
  address: string;
  greeting: string;
  /** EHLO keywords with their parameters, as the run's results.json has them. */
  ehlo: string[];
  toolVersion: string;
  summary: Summary;
}

/** A verdict with its message; absent from `cells` when the run did not have the case. */
export interface ComparedCell {
  verdict: Verdict;
  message: string;
  /**
   * The case's transcript in that run, relative to the comparison's directory; absent when
   * the run wrote none.
   */
  transcript?: string;
}

/**
 * The transcript link of `r` in a run whose directory is `dir`. Built from the id (checked
 * safe), never from the `transcript` field: the file is data, and its text must not become
 * a `javascript:` or `../../` link.
 */
function transcriptLink(r: CaseResult, dir: string): string | undefined {
  if (r.transcript === '' || unsafeIdReason(r.id) !== undefined) return undefined;
  return `${dir}${transcriptPath(r.id)}`;
}

export interface ComparedRow {
  id: string;
  title: string;
  spec: string;
  section: string;
  level: Level;
  /** By column label. */
  cells: Record<string, ComparedCell>;
  /** False when every column has the case with one and the same verdict. */
  differs: boolean;
}

export interface Comparison {
  columns: ComparedColumn[];
  /** Every case id of any run, in id order. */
  rows: ComparedRow[];
}

/** Builds the comparison; labels must be unique. `dir` must come from code, not data. */
export function compareRuns(runs: readonly LabelledRun[]): Comparison {
  const labels = new Set<string>();
  for (const { label } of runs) {
    if (labels.has(label)) throw new Error(`compare: the label ${label} is given twice`);
    labels.add(label);
  }
  const rows = new Map<string, ComparedRow>();
  for (const { label, report, dir = '' } of runs) {
    for (const r of report.results) {
      let row = rows.get(r.id);
      if (!row) {
        row = {
          id: r.id,
          title: r.title,
          spec: r.spec,
          section: r.section,
          level: r.level,
          cells: {},
          differs: false,
        };
        rows.set(r.id, row);
      }
      const transcript = transcriptLink(r, dir);
      row.cells[label] = {
        verdict: r.verdict,
        message: r.message,
        ...(transcript === undefined ? {} : { transcript }),
      };
    }
  }
  for (const row of rows.values()) {
    const verdicts = runs.map(({ label }) => row.cells[label]?.verdict);
    row.differs = verdicts.some((v) => v === undefined || v !== verdicts[0]);
  }
  return {
    columns: runs.map(({ label, report }) => ({
      label,
      address: report.target.address,
      greeting: report.target.greeting,
      ehlo: [...report.target.ehlo],
      toolVersion: report.tool.version,
      summary: { ...report.summary },
    })),
    rows: [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** `196 pass, 7 fail, 7 warn, 2 info, 10 skip, 0 error` */
export function summaryLine(summary: Summary): string {
  return VERDICTS.map((v) => `${summary[v]} ${v}`).join(', ');
}

/** The comparison as the text of a JSON file (2-space indent, trailing newline). */
export function renderComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/**
 * The comparison as markdown: a summary line per column, then one table row per case with
 * the verdict per column (`-` where a run lacks the case). With `onlyDiffering`, rows where
 * every run gave the same verdict are left out (their count is said).
 */
export function renderComparisonMarkdown(
  comparison: Comparison,
  options: { title?: string; onlyDiffering?: boolean } = {},
): string {
  const { columns } = comparison;
  const lines: string[] = [`# ${options.title ?? 'smtpspec comparison'}`, ''];
  for (const c of columns) {
    lines.push(
      `- **${cell(c.label)}** (${cell(c.greeting || 'no greeting')}): ${summaryLine(c.summary)}`,
    );
  }
  lines.push('');
  const shown = options.onlyDiffering ? comparison.rows.filter((r) => r.differs) : comparison.rows;
  if (shown.length < comparison.rows.length) {
    const same = comparison.rows.length - shown.length;
    lines.push(
      `${same} of ${comparison.rows.length} cases have the same verdict in every run and are not shown.`,
      '',
    );
  }
  lines.push(`| case | level | ${columns.map((c) => cell(c.label)).join(' | ')} |`);
  lines.push(`|---|---|${columns.map(() => '---|').join('')}`);
  for (const row of shown) {
    const verdicts = columns.map((c) => row.cells[c.label]?.verdict ?? '-');
    lines.push(`| \`${cell(row.id)}\` | ${row.level} | ${verdicts.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
