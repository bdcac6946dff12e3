import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { RunReport } from '../harness/scenario/results.ts';
import { renderJunit } from './junit.ts';
import { HOSTILE, hostileReport, sampleReport, sampleTranscripts } from './testdata/sample.ts';

const lookup = (id: string) => sampleTranscripts().get(id)?.text;
const hostileLookup = (id: string) => `${lookup(id) ?? ''}[   0.004] S: ${HOSTILE}\n`;

async function schemaErrors(xml: string): Promise<string[]> {
  const schema = await readFile(new URL('./junit.xsd', import.meta.url), 'utf8');
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema });
  return result.errors.map((e) => e.message);
}

// Code points no XML 1.0 document may contain (TAB, LF and CR are allowed).
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/;

describe('renderJunit', () => {
  it('matches the golden file', async () => {
    await expect(renderJunit(sampleReport(), lookup)).toMatchFileSnapshot(
      './testdata/small.junit.xml',
    );
  });

  it('validates against reports/junit.xsd', async () => {
    expect(await schemaErrors(renderJunit(sampleReport(), lookup))).toEqual([]);
  });

  // Why this test? It proves the schema check above can fail: a testcase without `name`
  // (the h2spec bug) must be rejected.
  it('the schema rejects a testcase without a name', async () => {
    const broken = renderJunit(sampleReport(), lookup).replace(
      /<testcase classname="([^"]*)" name="[^"]*"/,
      '<testcase classname="$1"',
    );
    expect((await schemaErrors(broken)).join('\n')).toContain("'name' is required");
  });

  it('maps verdicts onto failure, error and skipped, with counts', () => {
    const xml = renderJunit(sampleReport(), lookup);
    expect(xml).toMatch(
      /<testsuites name="smtpspec 127\.0\.0\.1:2525" tests="6" failures="1" errors="1" skipped="1">/,
    );
    expect(xml).toContain(
      '<failure message="expected no end of data, got 250" type="MUST"><![CDATA[requirement: R5321-4.1.1.4-a "SMTP server systems MUST NOT do this"',
    );
    expect(xml).toContain('<error message="could not connect: ECONNREFUSED" type="error">');
    expect(xml).toContain('<skipped/>');
    expect(xml).toContain('<![CDATA[WARN: accepted a 1200-octet line\n#');
    expect(xml).toContain('<![CDATA[INFO: VRFY answered 252\n#');
    expect(xml).toContain('<![CDATA[SKIP: STARTTLS not advertised]]>');
    expect(xml).toContain(
      '<testcase classname="rfc5321/4.1.4" name="rfc5321/4.1.4/rcpt-before-mail RCPT before MAIL is rejected" time="0.003">',
    );
    // 12.3456 ms rounds to 0.012 s; the suite time is the sum of rounded case times.
    expect(xml).toContain('name="RFC 5321 §4.1.1.4" time="0.012"');
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });

  it('renders an empty run as a valid document', async () => {
    const empty: RunReport = { ...sampleReport(), results: [] };
    const xml = renderJunit(empty, lookup);
    expect(xml).toContain('tests="0"');
    expect(await schemaErrors(xml)).toEqual([]);
  });

  describe('hostile content', () => {
    const xml = renderJunit(hostileReport(), hostileLookup);

    it('stays valid against the schema', async () => {
      expect(await schemaErrors(xml)).toEqual([]);
    });

    it('contains no XML-illegal character', () => {
      expect(xml).not.toMatch(XML_ILLEGAL);
    });

    it('shows the illegal bytes as escapes instead of dropping them', () => {
      expect(xml).toContain('NUL[\\x00]');
      expect(xml).toContain('ESC[\\x1b[31mred\\x1b[0m]');
      expect(xml).toContain('ffff[\\uffff]');
      expect(xml).toContain('lone[\\ud800]');
      expect(xml).toContain('cr[\\r]');
      expect(xml).toContain('8bit[\u00e9\u00ff\\x80\\x9b]');
    });

    it('escapes markup in attributes and breaks every CDATA end in text', () => {
      expect(xml).toContain('tag[&lt;anonymous>] amp[&amp;amp; &amp;] quotes[&quot;');
      expect(xml).toContain('cdata[]]\\x3e]]\\x3e]');
      // Inside CDATA `<anonymous>` is literal text; outside it must never appear raw.
      const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
      expect(outsideCdata).not.toContain('<anonymous>');
      // Attribute values may hold `]]>` legally; elsewhere each one must close a CDATA.
      const noAttributes = xml.replace(/="[^"]*"/g, '=""');
      const opens = noAttributes.split('<![CDATA[').length;
      const closes = noAttributes.split(']]>').length;
      expect(closes).toBe(opens);
    });
  });
});
