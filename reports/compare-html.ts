/**
 * comparison.html: servers side by side in one self-contained page, case by row, server
 * by column. Each column header names the server (label, address, greeting, EHLO keywords,
 * verdict counts); each cell is the verdict, linked to that server's transcript of the
 * case, with the message as its tooltip. A filter shows only the rows where the servers
 * differ. A pure renderer of a {@link Comparison}: nothing is re-run or re-judged.
 *
 * Safety as in report.html: every text is made visible and escaped, links are built from
 * case ids only, and the one static script is allowed by hash.
 */
import { VERDICTS } from '../harness/scenario/types.ts';
import type { ComparedCell, ComparedColumn, ComparedRow, Comparison } from './compare.ts';
import { summaryLine } from './compare.ts';
import { escapeHtml, relativeHref } from './html-escape.ts';
import { COMPARE_SCRIPT, contentSecurityPolicy } from './html-script.ts';
import { HTML_STYLE } from './html-style.ts';

function columnHead(c: ComparedColumn): string {
  const ehlo = c.ehlo.length === 0 ? 'no EHLO keywords' : `EHLO: ${c.ehlo.join(' · ')}`;
  return (
    `<th scope="col"><b>${escapeHtml(c.label)}</b><span class="ehlo">${escapeHtml(c.address)}</span>` +
    `<code class="ehlo">${escapeHtml(c.greeting || 'no greeting')}</code>` +
    `<span class="ehlo">${escapeHtml(ehlo)}</span>` +
    `<span class="ehlo">${escapeHtml(summaryLine(c.summary))}</span></th>`
  );
}

function cell(c: ComparedCell | undefined): string {
  if (c === undefined)
    return '<td class="absent">–<span class="sr-only">not in this run</span></td>';
  const verdict = escapeHtml(c.verdict);
  const title = c.message === '' ? '' : ` title="${escapeHtml(c.message)}"`;
  const href = c.transcript === undefined ? undefined : relativeHref(c.transcript);
  const text = `<span class="verdict v-${verdict}">${verdict}</span>`;
  const inner = href === undefined ? text : `<a href="${href}"${title}>${text}</a>`;
  return `<td data-verdict="${verdict}"${href === undefined ? title : ''}>${inner}</td>`;
}

function row(r: ComparedRow, columns: readonly ComparedColumn[]): string {
  const cells = columns.map((c) => cell(r.cells[c.label])).join('');
  return (
    `<tr class="row"${r.differs ? ' data-differs' : ''}>` +
    `<th scope="row"><code>${escapeHtml(r.id)}</code><br>${escapeHtml(r.title)}</th>` +
    `<td>${escapeHtml(r.level)}</td>${cells}</tr>`
  );
}

/** What the page holds, and how many rows differ. */
function intro(comparison: Comparison): string {
  const differ = comparison.rows.filter((r) => r.differs).length;
  return (
    `<p>${comparison.columns.length} runs, ${comparison.rows.length} cases; ` +
    `<strong>${differ}</strong> where the verdicts differ or a run lacks the case. ` +
    'Each verdict links to that server’s transcript; hover it for the message.</p>'
  );
}

const FILTERS =
  '<form id="filters" class="filters" role="search" aria-label="Filter cases" hidden>' +
  '<label><input type="checkbox" name="differs"> only where servers differ</label>' +
  '<label>Text <input type="search" name="q" placeholder="case id or title"></label>' +
  '<p id="shown" role="status" aria-live="polite"></p></form>';

/** The comparison as one self-contained HTML page titled `title`. */
export function renderComparisonHtml(
  comparison: Comparison,
  options: { title?: string } = {},
): string {
  const title = options.title ?? 'smtpspec comparison';
  const heads = comparison.columns.map(columnHead).join('');
  const rows = comparison.rows.map((r) => row(r, comparison.columns)).join('\n');
  const legend = VERDICTS.map((v) => `<span class="verdict v-${v}">${v}</span>`).join(' ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(COMPARE_SCRIPT)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(title)}</h1>${intro(comparison)}<p>verdicts: ${legend}</p></header>`,
    '<main>',
    FILTERS,
    '<h2 class="sr-only">Cases by server</h2>',
    '<table class="matrix" aria-label="Verdict of each case on each server">',
    `<thead><tr><th scope="col">Case</th><th scope="col">Level</th>${heads}</tr></thead>`,
    `<tbody>\n${rows}\n</tbody></table>`,
    '</main>',
    `<script>${COMPARE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
