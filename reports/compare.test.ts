import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../harness/scenario/results.ts';
import { summarise } from '../harness/scenario/results.ts';
import {
  type Comparison,
  compareRuns,
  renderComparisonJson,
  renderComparisonMarkdown,
  summaryLine,
} from './compare.ts';
import { renderComparisonHtml } from './compare-html.ts';
import { COMPARE_SCRIPT, scriptHash } from './html-script.ts';
import { readJsonReport } from './json.ts';
import { HOSTILE, hostileReport, sampleReport } from './testdata/sample.ts';

/** The sample report with some verdicts changed and some cases dropped. */
function variant(change: Record<string, RunReport['results'][number]['verdict'] | 'drop'>) {
  const report = sampleReport();
  report.results = report.results
    .filter((r) => change[r.id] !== 'drop')
    .map((r) => {
      const verdict = change[r.id];
      return verdict === undefined || verdict === 'drop' ? r : { ...r, verdict, message: 'x|y' };
    });
  report.summary = summarise(report.results);
  report.target = { ...report.target, greeting: '220 mx.b.test ESMTP' };
  return report;
}

describe('compareRuns', () => {
  it('puts every case of any run in one row, in id order, with each run’s verdict', () => {
    const a = sampleReport();
    const b = variant({ 'rfc5321/4.1.1.4/bare-lf-dot': 'pass', 'rfc3207/4/starttls': 'drop' });
    const comparison = compareRuns([
      { label: 'a', report: a, dir: 'run-a/' },
      { label: 'b', report: b, dir: '../elsewhere/b/' },
    ]);
    const ids = comparison.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(a.results.length);
    const lf = comparison.rows.find((r) => r.id === 'rfc5321/4.1.1.4/bare-lf-dot');
    expect(lf?.cells).toEqual({
      a: {
        verdict: 'fail',
        message: 'expected no end of data, got 250',
        transcript: 'run-a/transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt',
      },
      b: {
        verdict: 'pass',
        message: 'x|y',
        transcript: '../elsewhere/b/transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt',
      },
    });
    expect(lf?.differs).toBe(true);
    const tls = comparison.rows.find((r) => r.id === 'rfc3207/4/starttls');
    expect(Object.keys(tls?.cells ?? {})).toEqual(['a']);
    expect(tls?.differs).toBe(true);
    const same = comparison.rows.find((r) => r.id === 'rfc5321/4.1.4/rcpt-before-mail');
    expect(same?.differs).toBe(false);
    expect(comparison.columns.map((c) => [c.label, c.summary.fail])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    expect(comparison.columns[0]?.ehlo).toEqual(['PIPELINING', 'SIZE 10485760']);
  });

  // Why this test? The transcript field is data: a damaged or hostile results.json must
  // not turn it into a link elsewhere. Links are built from the (checked) case id.
  it('links a transcript only when the run wrote one, built from the id, never the field', () => {
    const report = sampleReport();
    report.results[0]!.transcript = 'javascript:alert(1)';
    const comparison = compareRuns([{ label: 'a', report }]);
    const cells = comparison.rows.map((r) => r.cells.a);
    expect(cells.map((c) => c?.transcript)).toContain(`transcripts/${report.results[0]!.id}.txt`);
    expect(comparison.rows.find((r) => r.id === 'rfc3207/4/starttls')?.cells.a).not.toHaveProperty(
      'transcript',
    );
  });

  it('refuses a label given twice', () => {
    const report = sampleReport();
    expect(() =>
      compareRuns([
        { label: 'x', report },
        { label: 'x', report },
      ]),
    ).toThrow(/label x is given twice/);
  });

  it('reads what results.json holds: a written report compares like the model', () => {
    const text = readFileSync(new URL('./testdata/small.results.json', import.meta.url), 'utf8');
    const fromFile = compareRuns([{ label: 'file', report: readJsonReport(text) }]);
    expect(fromFile.rows.map((r) => r.cells.file?.verdict)).toEqual(
      [...readJsonReport(text).results]
        .sort((p, q) => (p.id < q.id ? -1 : 1))
        .map((r) => r.verdict),
    );
    expect(JSON.parse(renderComparisonJson(fromFile))).toEqual(fromFile);
  });
});

describe('renderComparisonMarkdown', () => {
  const comparison = compareRuns([
    { label: 'a', report: sampleReport() },
    {
      label: 'b',
      report: variant({ 'rfc5321/4.5.3.1/long-line': 'pass', 'rfc3207/4/starttls': 'drop' }),
    },
  ]);

  it('has a summary line per run and a row per case with a verdict per run', () => {
    const md = renderComparisonMarkdown(comparison, { title: 'interop' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# interop');
    expect(md).toContain(
      `- **a** (${sampleReport().target.greeting}): ${summaryLine(sampleReport().summary)}`,
    );
    expect(md).toContain(
      '- **b** (220 mx.b.test ESMTP): 2 pass, 1 fail, 0 warn, 1 info, 0 skip, 1 error',
    );
    expect(md).toContain('| case | level | a | b |');
    expect(md).toContain('| `rfc5321/4.5.3.1/long-line` | SHOULD | warn | pass |');
    expect(md).toContain('| `rfc3207/4/starttls` | MUST | skip | - |');
    expect(lines.filter((l) => l.startsWith('| `'))).toHaveLength(comparison.rows.length);
  });

  it('leaves out rows with one verdict everywhere when asked, and says how many', () => {
    const md = renderComparisonMarkdown(comparison, { onlyDiffering: true });
    expect(md).toContain('4 of 6 cases have the same verdict in every run and are not shown.');
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(2);
  });
});

describe('summaryLine', () => {
  it('lists every verdict in the contract order', () => {
    expect(summaryLine({ pass: 3, fail: 1, warn: 0, info: 2, skip: 5, error: 0 })).toBe(
      '3 pass, 1 fail, 0 warn, 2 info, 5 skip, 0 error',
    );
  });
});

describe('renderComparisonHtml', () => {
  function twoServers(): Comparison {
    const b = variant({ 'rfc5321/4.5.3.1/long-line': 'pass', 'rfc3207/4/starttls': 'drop' });
    b.target.ehlo = ['PIPELINING', 'STARTTLS'];
    return compareRuns([
      { label: 'postfix', report: sampleReport(), dir: 'postfix/' },
      { label: 'exim', report: b, dir: '../x/exim/' },
    ]);
  }
  const html = renderComparisonHtml(twoServers(), { title: 'MTAs' });

  it('is one self-contained page whose only script is allowed by its hash', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain(`script-src ${scriptHash(COMPARE_SCRIPT)}`);
    expect(html).toContain(`<script>${COMPARE_SCRIPT}</script>`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<link|src=|https?:\/\//i);
  });

  it('has a column per server with greeting, EHLO keywords and counts', () => {
    expect(html).toContain('<b>postfix</b>');
    expect(html).toContain('<code class="ehlo">220 mx.example ESMTP</code>');
    expect(html).toContain('EHLO: PIPELINING · SIZE 10485760');
    expect(html).toContain('<b>exim</b>');
    expect(html).toContain('EHLO: PIPELINING · STARTTLS');
    expect(html).toContain('2 pass, 1 fail, 0 warn, 1 info, 0 skip, 1 error');
  });

  it('has a row per case, marked when servers differ, each verdict linked to its transcript', () => {
    const rows = html.split('\n').filter((l) => l.startsWith('<tr class="row"'));
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.includes('data-differs'))).toHaveLength(2);
    const long = rows.find((r) => r.includes('rfc5321/4.5.3.1/long-line')) ?? '';
    expect(long).toContain(
      '<a href="postfix/transcripts/rfc5321/4.5.3.1/long-line.txt" title="accepted a 1200-octet line"><span class="verdict v-warn">warn</span></a>',
    );
    expect(long).toContain('href="../x/exim/transcripts/rfc5321/4.5.3.1/long-line.txt"');
    const tls = rows.find((r) => r.includes('rfc3207/4/starttls')) ?? '';
    expect(tls).toContain('<td class="absent">–<span class="sr-only">not in this run</span></td>');
    expect(html).toContain('<input type="checkbox" name="differs"> only where servers differ');
  });

  it('escapes hostile server text and never links a path that is not relative', () => {
    const hostile = hostileReport();
    const comparison = compareRuns([{ label: `<x>${HOSTILE}`, report: hostile }]);
    const cell = comparison.rows[0]?.cells[`<x>${HOSTILE}`];
    if (cell) cell.transcript = '//evil.example/x';
    const out = renderComparisonHtml(comparison);
    expect(out).not.toContain('<anonymous>');
    expect(out).not.toContain('<x>');
    expect(out).not.toContain('href="//');
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF\u202E]/);
  });
});
