/**
 * The console report: cases grouped by section with a mark per verdict, then the details
 * of every fail, warn and error, then one summary line. Every text from the target or a
 * suite goes through {@link visible}, so a server cannot move the cursor or recolour the
 * terminal with ESC sequences in its replies.
 */
import type { CaseResult, RunReport } from '../harness/scenario/results.ts';
import type { Verdict } from '../harness/scenario/types.ts';
import { VERDICTS } from '../harness/scenario/types.ts';
import { visible, visibleLine } from '../harness/wire/visible.ts';
import {
  caseAnchor,
  caseDetailLines,
  formatDuration,
  interruptedLine,
  levelLabel,
  summaryTotal,
  targetDownLine,
} from './format.ts';
import { groupBySection } from './group.ts';

/** How the console report is drawn. */
export interface ConsoleOptions {
  /** ANSI colours; pass `process.stdout.isTTY && !process.env.NO_COLOR`. */
  color: boolean;
  /** Also print each case's message and duration, not only for problems. */
  verbose?: boolean;
  /** ASCII marks (`PASS`, `FAIL`, ...) instead of symbols, for terminals without UTF-8. */
  ascii?: boolean;
  /**
   * Where report.html was written (a `file:` URL or a path): each problem then names its
   * place in it, `<htmlReport>#<case id>`.
   */
  htmlReport?: string;
}

interface Mark {
  symbol: string;
  ascii: string;
  /** SGR colour code. */
  sgr: number;
}

const MARKS: Record<Verdict, Mark> = {
  pass: { symbol: '✔', ascii: 'PASS', sgr: 32 },
  fail: { symbol: '✖', ascii: 'FAIL', sgr: 31 },
  warn: { symbol: '⚠', ascii: 'WARN', sgr: 33 },
  info: { symbol: 'ℹ', ascii: 'INFO', sgr: 36 },
  skip: { symbol: '○', ascii: 'SKIP', sgr: 90 },
  error: { symbol: '‼', ascii: 'ERR!', sgr: 35 },
};

const PROBLEMS: readonly Verdict[] = ['fail', 'error', 'warn'];

function paint(text: string, sgr: number, options: ConsoleOptions): string {
  return options.color ? `\u001b[${sgr}m${text}\u001b[0m` : text;
}

/** The mark of a verdict: a coloured symbol, or a four-letter word in ASCII mode. */
export function verdictMark(verdict: Verdict, options: ConsoleOptions): string {
  const mark = MARKS[verdict];
  return paint(options.ascii ? mark.ascii : mark.symbol, mark.sgr, options);
}

/** Multi-line text with every line indented; control characters made visible. */
function indented(text: string, indent: string): string[] {
  return visible(text)
    .split('\n')
    .map((line) => `${indent}${line}`);
}

function caseLine(r: CaseResult, options: ConsoleOptions): string {
  const head = `  ${verdictMark(r.verdict, options)} ${visibleLine(r.id)}  ${visibleLine(r.title)}`;
  if (!options.verbose) return head;
  return `${head}  ${paint(`[${levelLabel(r)}] ${formatDuration(r.durationMs)}`, 90, options)}`;
}

function header(report: RunReport, options: ConsoleOptions): string[] {
  const target = visibleLine(report.target.address);
  const greeting = report.target.greeting === '' ? '' : `  ${visibleLine(report.target.greeting)}`;
  const lines = [paint(`smtpspec ${visibleLine(report.tool.version)}`, 1, options)];
  lines.push(`target ${target}${greeting}`);
  const flags = [];
  if (report.options?.strict) flags.push('strict');
  if (report.options?.slow) flags.push('slow');
  const started = `started ${visibleLine(report.startedAt)}`;
  lines.push(flags.length > 0 ? `${started}  (${flags.join(', ')})` : started);
  if (report.targetDown !== undefined)
    lines.push(paint(visibleLine(targetDownLine(report.targetDown)), 31, options));
  if (report.interrupted !== undefined) {
    const line = interruptedLine(report.interrupted, report.results.length);
    lines.push(paint(visibleLine(line), 33, options));
  }
  return lines;
}

function groupLines(report: RunReport, options: ConsoleOptions): string[] {
  const lines: string[] = [];
  for (const group of groupBySection(report.results)) {
    lines.push('', paint(visibleLine(group.label), 1, options));
    for (const r of group.results) {
      lines.push(caseLine(r, options));
      const showMessage = options.verbose && r.message !== '' && !PROBLEMS.includes(r.verdict);
      if (showMessage) lines.push(...indented(r.message, '      '));
    }
  }
  return lines;
}

function problemLines(report: RunReport, options: ConsoleOptions): string[] {
  // Same order as the grouped listing above, so a reader can match the two.
  const problems = groupBySection(report.results)
    .flatMap((g) => g.results)
    .filter((r) => PROBLEMS.includes(r.verdict));
  if (problems.length === 0) return [];
  const lines = ['', paint(`Problems (${problems.length})`, 1, options)];
  for (const r of problems) {
    const word = paint(MARKS[r.verdict].ascii, MARKS[r.verdict].sgr, options);
    lines.push(
      '',
      `${verdictMark(r.verdict, options)} ${word} ${visibleLine(r.id)}  [${levelLabel(r)}]  ${visibleLine(r.title)}`,
    );
    if (r.message !== '') lines.push(...indented(r.message, '    '));
    for (const detail of caseDetailLines(r)) lines.push(...indented(detail, '    '));
    if (options.htmlReport !== undefined) {
      lines.push(`    report: ${visibleLine(`${options.htmlReport}#${caseAnchor(r.id)}`)}`);
    }
  }
  return lines;
}

/** The summary line: counts per verdict (problems coloured when non-zero) and duration. */
export function renderSummaryLine(report: RunReport, options: ConsoleOptions): string {
  const total = summaryTotal(report.summary);
  const counts = VERDICTS.map((v) => {
    const text = `${report.summary[v]} ${v}`;
    return report.summary[v] > 0 ? paint(text, MARKS[v].sgr, options) : text;
  });
  const cases = `${total} ${total === 1 ? 'case' : 'cases'}`;
  const stopped =
    report.interrupted === undefined
      ? ''
      : `  (interrupted: ${report.interrupted.selected - total} of ${report.interrupted.selected} cases not run)`;
  return `${cases}: ${counts.join(', ')}  in ${formatDuration(report.durationMs)}${stopped}`;
}

/** The whole console report, ending with a newline. */
export function renderConsole(report: RunReport, options: ConsoleOptions): string {
  const lines = [
    ...header(report, options),
    ...groupLines(report, options),
    ...problemLines(report, options),
    '',
    renderSummaryLine(report, options),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One line of live progress while cases finish, e.g. `[ 12/340] ✔ rfc5321/4.1.4/x  title`.
 * `done` counts finished cases including this one. No trailing newline.
 */
export function renderProgressLine(
  result: CaseResult,
  done: number,
  total: number,
  options: ConsoleOptions,
): string {
  const width = String(total).length;
  const counter = `[${String(done).padStart(width, ' ')}/${total}]`;
  return `${counter} ${verdictMark(result.verdict, options)} ${visibleLine(result.id)}  ${visibleLine(result.title)}`;
}
