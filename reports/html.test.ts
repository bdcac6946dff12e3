import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from './html.ts';
import { REPORT_SCRIPT, scriptHash } from './html-script.ts';
import { HOSTILE, hostileReport, sampleReport, sampleTranscripts } from './testdata/sample.ts';

const lookup = (id: string) => sampleTranscripts().get(id)?.text;

describe('renderHtml', () => {
  const html = renderHtml(sampleReport(), lookup);

  it('is one self-contained document whose only script is allowed by its hash', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHash(REPORT_SCRIPT)}; base-uri 'none'; form-action 'none'"`,
    );
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<link|src=|https?:\/\//i);
    expect(html).toContain('<style>');
  });

  it('shows the summary, then fail, error and warn first, then the rest by RFC and section', () => {
    expect(html).toContain('<li class="v-fail"><b>1</b>fail</li>');
    const headings = [...html.matchAll(/<h([234])[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual([
      '2 Summary',
      '2 Failures, errors and warnings',
      '2 Other cases by RFC and section',
      '3 RFC 3207',
      '4 RFC 3207 §4',
      '3 RFC 5321',
      '4 RFC 5321 §4.1.4',
      '4 RFC 5321 §4.5.3.1',
      '2 Requirement coverage',
    ]);
    const order = [...html.matchAll(/<tr class="case row-(\w+)" id="([^"]+)"/g)].map((m) => m[2]);
    expect(order).toEqual([
      'rfc5321/4.1.1.4/bare-lf-dot',
      'rfc5321/4.1.1.4/no-reply',
      'rfc5321/4.5.3.1/long-line',
      'rfc3207/4/starttls',
      'rfc5321/4.1.4/rcpt-before-mail',
      'rfc5321/4.5.3.1/vrfy-choice',
    ]);
    expect(html).toContain('<span class="verdict v-warn">warn</span></td><td>SHOULD</td>');
    expect(html).toContain(
      '<blockquote>“SMTP server systems MUST NOT do this”<cite>R5321-4.1.1.4-a</cite></blockquote>',
    );
    expect(html).toContain('<dt>actual</dt><dd>250 2.0.0 Ok: queued</dd>');
    expect(html).toContain('<span class="tag">not exploitable via relay</span>');
  });

  it('gives every case a stable anchor, its id, with a link to itself', () => {
    expect(html).toContain(
      '<tr class="case row-pass" id="rfc5321/4.1.4/rcpt-before-mail" data-verdict="pass" data-level="MUST" data-spec="RFC 5321">',
    );
    expect(html).toContain(
      '<a class="case-id" href="#rfc5321/4.1.4/rcpt-before-mail" data-search>',
    );
  });

  it('has filters by verdict, level, RFC and text, hidden until the script shows them', () => {
    expect(html).toContain(
      '<form id="filters" class="filters" role="search" aria-label="Filter cases" hidden>',
    );
    expect(html).toContain('<input type="checkbox" name="verdict" value="fail" checked> fail (1)');
    expect(html).toContain('<input type="checkbox" name="level" value="MAY" checked> MAY');
    expect(html).toContain(
      '<option value="RFC 3207">RFC 3207</option><option value="RFC 5321">RFC 5321</option>',
    );
    expect(html).toContain('<input type="search" name="q"');
  });

  it('says at the top that the target went down; coverage and container log come last, closed', () => {
    const report = {
      ...sampleReport(),
      targetDown: { since: 'rfc5321/x/y', message: 'no more connections' },
      target: { ...sampleReport().target, containerLog: 'log line\n' },
    };
    const out = renderHtml(report, lookup);
    const down = out.indexOf('TARGET DOWN since rfc5321/x/y: no more connections');
    expect(down).toBeGreaterThan(0);
    expect(down).toBeLessThan(out.indexOf('class="summary"'));
    const coverage = out.indexOf('<h2 id="coverage">');
    const log = out.indexOf('<h2 id="container-log">');
    expect(coverage).toBeGreaterThan(out.lastIndexOf('<tr class="case'));
    expect(log).toBeGreaterThan(coverage);
    expect(out).toContain(
      '<details><summary>2 statements: 1 covered, 1 uncovered, 0 delivery, 0 client, 0 untestable</summary>',
    );
    expect(out).toContain('<details><summary>container log (last lines)</summary>');
  });

  it('says the level a verdict stands for, and the case level when it differs', () => {
    const report = sampleReport();
    report.results = report.results.map((r) =>
      r.id === 'rfc5321/4.5.3.1/vrfy-choice' ? { ...r, verdict: 'fail' } : r,
    );
    expect(renderHtml(report, lookup)).toContain(
      '<span class="verdict v-fail">fail</span></td><td>MUST; case level MAY</td>',
    );
  });

  it('puts transcripts in <details>, open for fail and error, with a relative link', () => {
    expect(html).toContain(
      '<details open><summary>transcript</summary><p class="file"><a href="transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt">',
    );
    expect(html).toContain(
      '<details><summary>transcript</summary><p class="file"><a href="transcripts/rfc5321/4.1.4/rcpt-before-mail.txt">',
    );
    expect(html).toContain('S: 220 mx.example ESMTP\\r\\n');
  });

  it('does not link a transcript path that would leave the report directory', () => {
    const report = sampleReport();
    report.results[0]!.transcript = 'javascript:alert(1)';
    report.results[1]!.transcript = '../../etc/passwd';
    const out = renderHtml(report, () => 'text');
    expect(out).not.toContain('href="javascript');
    expect(out).not.toContain('href="../');
    expect(out).toContain('<summary>transcript</summary><p class="file">../../etc/passwd</p>');
  });

  it('escapes hostile text everywhere and shows control bytes', () => {
    const out = renderHtml(hostileReport(), (id) => `${lookup(id) ?? ''}S: ${HOSTILE}\n`);
    expect(out).not.toContain('<anonymous>');
    expect(out).toContain('tag[&lt;anonymous&gt;] amp[&amp;amp; &amp;] quotes[&quot;&#39;]');
    expect(out).toContain('NUL[\\x00] ESC[\\x1b[31mred\\x1b[0m]');
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF\u202E]/);
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    [`"'`, '&quot;&#39;'],
    ['\u0000', '\\x00'],
  ])('%j becomes %j', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });
});
