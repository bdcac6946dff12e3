import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from './html.ts';
import { HOSTILE, hostileReport, sampleReport, sampleTranscripts } from './testdata/sample.ts';

const lookup = (id: string) => sampleTranscripts().get(id)?.text;

describe('renderHtml', () => {
  const html = renderHtml(sampleReport(), lookup);

  it('is one self-contained document without scripts or external assets', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    expect(html).toContain('<style>');
  });

  it('shows summary, sections in order, and each case with verdict, level and quote', () => {
    expect(html).toContain('<li class="v-fail"><b>1</b>fail</li>');
    const sections = [...html.matchAll(/<h2>([^<]*)</g)].map((m) => m[1]);
    expect(sections).toEqual([
      'Requirement coverage',
      'RFC 3207 §4',
      'RFC 5321 §4.1.1.4',
      'RFC 5321 §4.1.4',
      'RFC 5321 §4.5.3.1',
    ]);
    expect(html).toContain('<span class="verdict v-warn">warn</span></td><td>SHOULD</td>');
    expect(html).toContain(
      '<blockquote>“SMTP server systems MUST NOT do this”<cite>R5321-4.1.1.4-a</cite></blockquote>',
    );
    expect(html).toContain('<dt>actual</dt><dd>250 2.0.0 Ok: queued</dd>');
    expect(html).toContain('<span class="tag">not exploitable via relay</span>');
  });

  it('puts transcripts in <details>, open for fail and error, with a relative link', () => {
    expect(html).toContain(
      '<details open><summary>transcript <a href="transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt">',
    );
    expect(html).toContain(
      '<details><summary>transcript <a href="transcripts/rfc5321/4.1.4/rcpt-before-mail.txt">',
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
    expect(out).toContain('<summary>transcript ../../etc/passwd</summary>');
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
