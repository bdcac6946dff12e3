/**
 * The HTML report (`report.html`): one self-contained file, inline CSS, no scripts and no
 * external assets, readable offline. A Content-Security-Policy forbids scripts outright,
 * so even an escaping bug could not run code from a hostile server's reply.
 *
 * All text is made visible ({@link visible}) and then HTML-escaped.
 */

import { isSafeRelativePath } from '../harness/scenario/result-paths.ts';
import type {
  CaseResult,
  CoverageReport,
  RunReport,
  TranscriptLookup,
} from '../harness/scenario/results.ts';
import { VERDICTS } from '../harness/scenario/types.ts';
import { visible } from '../harness/wire/visible.ts';
import { formatDuration, summaryText, targetDownLine } from './format.ts';
import { groupBySection, type SectionGroup } from './group.ts';
import { HTML_STYLE } from './html-style.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML content and in quoted attribute values, control characters visible. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

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
  const items = VERDICTS.map((v) => `<li class="v-${v}"><b>${report.summary[v]}</b>${v}</li>`).join(
    '',
  );
  return `<ul class="summary" aria-label="${escapeHtml(summaryText(report.summary))}">${items}</ul>`;
}

function coverageTable(coverage: CoverageReport): string {
  const rows = coverage.sections.map(
    (s) =>
      `<tr><td>${escapeHtml(`${s.spec} §${s.section}`)}</td><td class="num">${s.covered.length}</td>` +
      `<td class="num">${s.uncovered.length}</td><td class="num">${s.untestable.length}</td>` +
      `<td>${escapeHtml(s.uncovered.join(' '))}</td></tr>`,
  );
  const t = coverage.totals;
  return (
    '<h2>Requirement coverage</h2><table><thead><tr><th>Section</th><th class="num">covered</th>' +
    '<th class="num">uncovered</th><th class="num">untestable</th><th>uncovered ids</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody><tfoot><tr><th>${t.statements} statements</th>` +
    `<th class="num">${t.covered}</th><th class="num">${t.uncovered}</th>` +
    `<th class="num">${t.untestable}</th><th></th></tr></tfoot></table>`
  );
}

function requirementQuotes(r: CaseResult): string {
  const n = Math.max(r.requirements.length, r.requirementText.length);
  const quotes: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = r.requirementText[i];
    const id = r.requirements[i];
    const quote = text === undefined ? '' : `“${escapeHtml(text)}”`;
    const cite = id === undefined ? '' : `<cite>${escapeHtml(id)}</cite>`;
    quotes.push(`<blockquote>${quote}${cite}</blockquote>`);
  }
  return quotes.join('');
}

function expectedActual(r: CaseResult): string {
  const parts: string[] = [];
  for (const e of r.expected ?? []) parts.push(`<dt>expected</dt><dd>${escapeHtml(e)}</dd>`);
  if (r.actual !== undefined) parts.push(`<dt>actual</dt><dd>${escapeHtml(r.actual)}</dd>`);
  return parts.length === 0 ? '' : `<dl class="ea">${parts.join('')}</dl>`;
}

function transcriptBlock(r: CaseResult, text: string | undefined): string {
  // Only a path that stays inside the report directory becomes a link: the field is data,
  // and `javascript:` or `../../` must not turn into something clickable.
  const link = isSafeRelativePath(r.transcript)
    ? `<a href="${escapeHtml(r.transcript.split('/').map(encodeURIComponent).join('/'))}">` +
      `${escapeHtml(r.transcript)}</a>`
    : escapeHtml(r.transcript);
  if (text === undefined) return r.transcript === '' ? '' : `<p>transcript: ${link}</p>`;
  // The LF after <pre> is swallowed by HTML parsers; ours absorbs it, not the transcript's.
  const open = r.verdict === 'fail' || r.verdict === 'error' ? ' open' : '';
  return `<details${open}><summary>transcript ${link}</summary><pre>\n${escapeHtml(text)}</pre></details>`;
}

function caseRow(r: CaseResult, transcripts: TranscriptLookup): string {
  const exploit =
    r.exploitability === undefined
      ? ''
      : `<p><span class="tag">${escapeHtml(r.exploitability.replaceAll('-', ' '))}</span></p>`;
  const message = r.message === '' ? '' : `<p class="msg">${escapeHtml(r.message)}</p>`;
  const verdict = escapeHtml(r.verdict);
  return (
    `<tr class="row-${verdict}"><td><span class="verdict v-${verdict}">${verdict}</span></td>` +
    `<td>${escapeHtml(r.level)}</td><td><code>${escapeHtml(r.id)}</code><br>${escapeHtml(r.title)}</td>` +
    `<td>${message}${requirementQuotes(r)}${expectedActual(r)}${exploit}` +
    `${transcriptBlock(r, transcripts(r.id))}</td>` +
    `<td class="num">${escapeHtml(formatDuration(r.durationMs))}</td></tr>`
  );
}

function groupSection(group: SectionGroup, transcripts: TranscriptLookup): string {
  const counts = VERDICTS.filter((v) => group.results.some((r) => r.verdict === v))
    .map((v) => `${group.results.filter((r) => r.verdict === v).length} ${v}`)
    .join(', ');
  const rows = group.results.map((r) => caseRow(r, transcripts)).join('\n');
  return (
    `<section><h2>${escapeHtml(group.label)}<small>${counts}</small></h2>` +
    '<table><thead><tr><th>Verdict</th><th>Level</th><th>Case</th><th>Details</th>' +
    `<th class="num">Time</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`
  );
}

function containerLogBlock(report: RunReport): string {
  const log = report.target.containerLog;
  if (log === undefined) return '';
  return `<details open><summary>container log (last lines)</summary><pre>\n${escapeHtml(log)}</pre></details>`;
}

/**
 * `report` as one self-contained HTML page: run metadata, verdict counts, requirement
 * coverage (when the report has it) and a table per spec section with every case's verdict,
 * level, message, quoted requirement and a collapsible transcript from `transcripts`.
 */
/** design.md: a target that went down mid-run is said at the top of every report. */
function targetDownBlock(report: RunReport): string {
  if (report.targetDown === undefined) return '';
  return `<p class="target-down" role="alert"><strong>${escapeHtml(targetDownLine(report.targetDown))}</strong></p>`;
}

export function renderHtml(report: RunReport, transcripts: TranscriptLookup): string {
  const groups = groupBySection(report.results).map((g) => groupSection(g, transcripts));
  const coverage = report.coverage === undefined ? '' : coverageTable(report.coverage);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>smtpspec report: ${escapeHtml(report.target.address)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>smtpspec report</h1>${metaList(report)}</header>`,
    targetDownBlock(report),
    containerLogBlock(report),
    summaryList(report),
    coverage,
    '<main>',
    ...groups,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
