/**
 * One case of report.html as a table row: verdict, level, id and title, details
 * (message, quoted requirements, expected and actual, labels, transcript) and time. The
 * row's `id` is the case id, so `report.html#rfc5321/4.1.4/rcpt-before-mail` leads to it
 * in every run; its `data-*` attributes are what the filters read.
 */
import type { CaseResult, TranscriptLookup } from '../harness/scenario/results.ts';
import { caseAnchor, formatDuration, levelLabel } from './format.ts';
import { escapeHtml, insideHref } from './html-escape.ts';

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

function tags(r: CaseResult): string {
  const list: string[] = [];
  if (r.exploitability !== undefined) list.push(r.exploitability.replaceAll('-', ' '));
  if (r.baseline !== undefined) list.push(`baseline: ${r.baseline}`);
  if (list.length === 0) return '';
  return `<p>${list.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')}</p>`;
}

function transcriptBlock(r: CaseResult, text: string | undefined): string {
  const href = insideHref(r.transcript);
  const link =
    href === undefined
      ? escapeHtml(r.transcript)
      : `<a href="${href}">${escapeHtml(r.transcript)}</a>`;
  if (text === undefined) return r.transcript === '' ? '' : `<p>transcript: ${link}</p>`;
  // The link stays out of <summary>: an interactive control inside another one is not
  // reachable by keyboard and screen readers. The LF after <pre> is swallowed by HTML
  // parsers; ours absorbs it, not the transcript's.
  const open = r.verdict === 'fail' || r.verdict === 'error' ? ' open' : '';
  return (
    `<details${open}><summary>transcript</summary><p class="file">${link}</p>` +
    `<pre>\n${escapeHtml(text)}</pre></details>`
  );
}

/** Column widths of a case table (fixed, so that every chunk of a long table aligns). */
export const CASE_TABLE_COLUMNS =
  '<colgroup><col class="c-verdict"><col class="c-level"><col class="c-case"><col>' +
  '<col class="c-time"></colgroup>';

/** The header row of a case table. */
export const CASE_TABLE_HEAD =
  '<thead><tr><th scope="col">Verdict</th><th scope="col">Level</th><th scope="col">Case</th>' +
  '<th scope="col">Details</th><th scope="col" class="num">Time</th></tr></thead>';

/** One case as a `<tr class="case">` whose id is the case id. */
export function caseRow(r: CaseResult, transcripts: TranscriptLookup): string {
  const verdict = escapeHtml(r.verdict);
  const id = escapeHtml(r.id);
  const message = r.message === '' ? '' : `<p class="msg" data-search>${escapeHtml(r.message)}</p>`;
  return (
    `<tr class="case row-${verdict}" id="${id}" data-verdict="${verdict}" ` +
    `data-level="${escapeHtml(r.level)}" data-spec="${escapeHtml(r.spec)}">` +
    `<td><span class="verdict v-${verdict}">${verdict}</span></td>` +
    `<td>${escapeHtml(levelLabel(r))}</td>` +
    `<th scope="row"><a class="case-id" href="#${escapeHtml(caseAnchor(r.id))}" data-search>` +
    `<code>${id}</code></a><span class="case-title" data-search>${escapeHtml(r.title)}</span></th>` +
    `<td>${message}${requirementQuotes(r)}${expectedActual(r)}${tags(r)}` +
    `${transcriptBlock(r, transcripts(r.id))}</td>` +
    `<td class="num">${escapeHtml(formatDuration(r.durationMs))}</td></tr>`
  );
}
