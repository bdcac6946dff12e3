/**
 * The HTML report (`report.html`): one self-contained file, inline CSS, no external assets,
 * readable offline. Its order serves the reader who looks for what went wrong: run facts
 * (and a target that went down), the verdict counts, filters, then every fail, error and
 * warn, then the other cases by RFC and section; requirement coverage and the container
 * log come last, collapsed. Each case row carries its id as anchor
 * (`report.html#rfc5321/4.1.4/rcpt-before-mail`).
 *
 * Its one script (reports/html-script.ts) is static and allowed by hash in the
 * Content-Security-Policy, which forbids everything else; all text is made visible and
 * HTML-escaped (reports/html-escape.ts).
 */
import type {
  CaseResult,
  CoverageReport,
  RunReport,
  TranscriptLookup,
} from '../harness/scenario/results.ts';
import { type Level, VERDICTS, type Verdict } from '../harness/scenario/types.ts';
import { formatDuration, interruptedLine, summaryText, targetDownLine } from './format.ts';
import { groupBySection, type SectionGroup } from './group.ts';
import { CASE_TABLE_COLUMNS, CASE_TABLE_HEAD, caseRow } from './html-case.ts';
import { escapeHtml } from './html-escape.ts';
import { contentSecurityPolicy, REPORT_SCRIPT } from './html-script.ts';
import { HTML_STYLE } from './html-style.ts';

export { escapeHtml } from './html-escape.ts';

const PROBLEMS: readonly Verdict[] = ['fail', 'error', 'warn'];
const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

function metaList(report: RunReport): string {
  const rows: [string, string][] = [
    ['tool', `smtpspec ${report.tool.version}`],
    ['target', report.target.address],
    ['greeting', report.target.greeting],
    ['EHLO', report.target.ehlo.join(', ')],
    ['started', report.startedAt],
    ['duration', formatDuration(report.durationMs)],
  ];
  if (report.options !== undefined) {
    const { strict, slow } = report.options;
    rows.push(['options', `strict: ${strict ? 'yes' : 'no'}, slow: ${slow ? 'yes' : 'no'}`]);
  }
  if (report.target.image !== undefined) rows.push(['image', report.target.image]);
  if (report.shard !== undefined)
    rows.push(['shard', `${report.shard.index}/${report.shard.count}`]);
  if (report.baseline !== undefined) {
    const b = report.baseline;
    rows.push(['baseline', `${b.file}: ${b.known} known, ${b.new} new, ${b.fixed} fixed`]);
  }
  const items = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  return `<dl class="meta">${items.join('')}</dl>`;
}

function summaryList(report: RunReport): string {
  const items = VERDICTS.map((v) => `<li class="v-${v}"><b>${report.summary[v]}</b>${v}</li>`);
  return (
    '<h2 class="sr-only">Summary</h2>' +
    `<ul class="summary" aria-label="${escapeHtml(summaryText(report.summary))}">${items.join('')}</ul>`
  );
}

/** design.md: a target that went down mid-run is said at the top of every report. */
function targetDownBlock(report: RunReport): string {
  const interrupted =
    report.interrupted === undefined
      ? ''
      : `<p class="target-down" role="alert"><strong>${escapeHtml(interruptedLine(report.interrupted, report.results.length))}</strong></p>`;
  if (report.targetDown === undefined) return interrupted;
  return `<p class="target-down" role="alert"><strong>${escapeHtml(targetDownLine(report.targetDown))}</strong></p>${interrupted}`;
}

function checkbox(name: string, value: string, label: string): string {
  return `<label><input type="checkbox" name="${name}" value="${escapeHtml(value)}" checked> ${label}</label>`;
}

/** The filter form; hidden until its script shows it, so no control is ever dead. */
function filterForm(report: RunReport): string {
  const count = (v: Verdict) => report.results.filter((r) => r.verdict === v).length;
  const verdicts = VERDICTS.map((v) => checkbox('verdict', v, `${v} (${count(v)})`));
  const levels = LEVELS.map((l) => checkbox('level', l, l));
  const specs = [...new Set(report.results.map((r) => r.spec))].sort();
  const options = specs.map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`);
  return (
    '<form id="filters" class="filters" role="search" aria-label="Filter cases" hidden>' +
    `<fieldset><legend>Verdict</legend>${verdicts.join('')}</fieldset>` +
    `<fieldset><legend>Level</legend>${levels.join('')}</fieldset>` +
    `<label>RFC <select name="spec"><option value="">all</option>${options.join('')}</select></label>` +
    '<label>Text <input type="search" name="q" placeholder="id, title or message"></label>' +
    '<button type="reset">Show all</button>' +
    '<p id="shown" role="status" aria-live="polite"></p></form>'
  );
}

/** Rows per table chunk: the browser lays out only the chunks on screen. */
const CHUNK_ROWS = 50;

/**
 * The cases as tables of at most {@link CHUNK_ROWS} rows, each in a `div.chunk` that the
 * browser skips laying out while it is off screen (`content-visibility: auto`); fixed column
 * widths keep the chunks aligned as one table. Every chunk keeps its header row for screen
 * readers; after the first it is visually hidden.
 */
function caseTable(label: string, results: readonly CaseResult[], t: TranscriptLookup): string {
  const chunks: string[] = [];
  for (let start = 0; start < results.length; start += CHUNK_ROWS) {
    const rows = results.slice(start, start + CHUNK_ROWS).map((r) => caseRow(r, t));
    const head =
      start === 0 ? CASE_TABLE_HEAD : CASE_TABLE_HEAD.replace('<thead>', '<thead class="sr-only">');
    chunks.push(
      `<div class="chunk" data-block><table class="cases" aria-label="${escapeHtml(label)}">` +
        `${CASE_TABLE_COLUMNS}${head}<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    );
  }
  return chunks.join('\n');
}

function countsText(results: readonly CaseResult[]): string {
  return VERDICTS.filter((v) => results.some((r) => r.verdict === v))
    .map((v) => `${results.filter((r) => r.verdict === v).length} ${v}`)
    .join(', ');
}

/** Every fail, then error, then warn, each kind in group order (as the console lists them). */
function problemsSection(groups: readonly SectionGroup[], t: TranscriptLookup): string {
  const all = groups.flatMap((g) => g.results);
  const problems = PROBLEMS.flatMap((v) => all.filter((r) => r.verdict === v));
  const head = '<h2 id="problems">Failures, errors and warnings';
  if (problems.length === 0) return `<section>${head}</h2><p>None.</p></section>`;
  return (
    `<section data-block>${head}<small>${countsText(problems)}</small></h2>` +
    `${caseTable('Failures, errors and warnings', problems, t)}</section>`
  );
}

/** The other cases: a section per spec, a table per spec section. */
function restSection(groups: readonly SectionGroup[], t: TranscriptLookup): string {
  const bySpec = new Map<string, SectionGroup[]>();
  for (const g of groups) {
    const rest = g.results.filter((r) => !PROBLEMS.includes(r.verdict));
    if (rest.length === 0) continue;
    const list = bySpec.get(g.spec) ?? [];
    list.push({ ...g, results: rest });
    bySpec.set(g.spec, list);
  }
  const specs = [...bySpec].map(([spec, list]) => {
    const sections = list.map(
      (g) =>
        `<section data-block><h4 id="section:${escapeHtml(g.id)}">${escapeHtml(g.label)}` +
        `<small>${countsText(g.results)}</small></h4>${caseTable(g.label, g.results, t)}</section>`,
    );
    const specId = escapeHtml(list[0]?.id.split('/')[0] ?? spec);
    return `<section data-block><h3 id="spec:${specId}">${escapeHtml(spec === '' ? '(no spec)' : spec)}</h3>${sections.join('\n')}</section>`;
  });
  const body = specs.length === 0 ? '<p>None.</p>' : specs.join('\n');
  return `<section><h2 id="cases">Other cases by RFC and section</h2>${body}</section>`;
}

function coverageSection(coverage: CoverageReport): string {
  const num = (n: number) => `<td class="num">${n}</td>`;
  const rows = coverage.sections.map(
    (s) =>
      `<tr><th scope="row">${escapeHtml(`${s.spec} §${s.section}`)}</th>${num(s.covered.length)}` +
      `${num(s.uncovered.length)}${num(s.delivery.length)}${num(s.receiver.length)}` +
      `${num(s.untestable.length)}<td>${escapeHtml(s.uncovered.join(' '))}</td></tr>`,
  );
  const t = coverage.totals;
  const totals =
    `${t.statements} statements: ${t.covered} covered, ${t.uncovered} uncovered, ` +
    `${t.delivery} delivery, ${t.receiver} client, ${t.untestable} untestable`;
  const head = ['covered', 'uncovered', 'delivery', 'client', 'untestable']
    .map((h) => `<th scope="col" class="num">${h}</th>`)
    .join('');
  return (
    `<section><h2 id="coverage">Requirement coverage</h2><details><summary>${totals}</summary>` +
    '<table aria-label="Requirement coverage by section"><thead><tr><th scope="col">Section</th>' +
    `${head}<th scope="col">uncovered ids</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></details></section>`
  );
}

function containerLogSection(report: RunReport): string {
  const log = report.target.containerLog;
  if (log === undefined) return '';
  return (
    '<section><h2 id="container-log">Container log</h2>' +
    `<details><summary>container log (last lines)</summary><pre>\n${escapeHtml(log)}</pre></details></section>`
  );
}

/**
 * `report` as one self-contained HTML page (see the module comment for its order), each
 * case with its transcript from `transcripts` in a collapsible block.
 */
export function renderHtml(report: RunReport, transcripts: TranscriptLookup): string {
  const groups = groupBySection(report.results);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(REPORT_SCRIPT)}">`,
    `<title>smtpspec report: ${escapeHtml(report.target.address)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>smtpspec report</h1>${metaList(report)}</header>`,
    '<main>',
    targetDownBlock(report),
    summaryList(report),
    filterForm(report),
    problemsSection(groups, transcripts),
    restSection(groups, transcripts),
    report.coverage === undefined ? '' : coverageSection(report.coverage),
    containerLogSection(report),
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
