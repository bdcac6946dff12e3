import { readFile } from 'node:fs/promises';
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { RunReport } from '../harness/scenario/results.ts';
import { junitClassname, renderJunit } from './junit.ts';
import { HOSTILE, hostileReport, sampleReport, sampleTranscripts } from './testdata/sample.ts';

const lookup = (id: string) => sampleTranscripts().get(id)?.text;
const hostileLookup = (id: string) => `${lookup(id) ?? ''}[   0.004] S: ${HOSTILE}\n`;

/** Our schema, and two revisions of the Jenkins xUnit plugin's (testdata/jenkins/README.md). */
const SCHEMAS = [
  'junit.xsd',
  'testdata/jenkins/junit-10.031e285.xsd',
  'testdata/jenkins/junit-10.0c37522.xsd',
];

async function schemaErrors(xml: string, schema = 'junit.xsd'): Promise<string[]> {
  const text = await readFile(new URL(`./${schema}`, import.meta.url), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: text,
  });
  return result.errors.map((e) => e.message);
}

// Code points no XML 1.0 document may contain (TAB, LF and CR are allowed).
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/;

/** The sample with its MAY case failing (e.g. no reply at all: a MUST broken on the way). */
function withFailingMayCase(): RunReport {
  const report = sampleReport();
  report.results = report.results.map((r) =>
    r.id === 'rfc5321/4.5.3.1/vrfy-choice'
      ? { ...r, verdict: 'fail', message: 'reply to VRFY: no reply within 5000 ms' }
      : r,
  );
  return report;
}

describe('renderJunit', () => {
  it('matches the golden file', async () => {
    await expect(renderJunit(sampleReport(), lookup)).toMatchFileSnapshot(
      './testdata/small.junit.xml',
    );
  });

  it.each(SCHEMAS)('validates against %s', async (schema) => {
    expect(await schemaErrors(renderJunit(sampleReport(), lookup), schema)).toEqual([]);
    expect(await schemaErrors(renderJunit(hostileReport(), hostileLookup), schema)).toEqual([]);
    const empty: RunReport = { ...sampleReport(), results: [] };
    expect(await schemaErrors(renderJunit(empty, lookup), schema)).toEqual([]);
  });

  // Why this test? It proves the schema checks above can fail: a testcase without `name`
  // (the h2spec bug) must be rejected by every schema, and the two things Jenkins' schema
  // refused in our old output (properties per testcase, `skipped` on the root) still are.
  it.each(SCHEMAS)('%s rejects a testcase without a name', async (schema) => {
    const broken = renderJunit(sampleReport(), lookup).replace(
      /<testcase classname="([^"]*)" name="[^"]*"/,
      '<testcase classname="$1"',
    );
    expect((await schemaErrors(broken, schema)).join('\n')).toContain("'name' is required");
  });

  it.each(SCHEMAS.slice(1))('%s rejects what Jenkins refused before', async (schema) => {
    const xml = renderJunit(sampleReport(), lookup);
    const rootSkipped = xml.replace('<testsuites ', '<testsuites skipped="1" ');
    expect((await schemaErrors(rootSkipped, schema)).join('\n')).toContain("'skipped'");
    const caseProperties = xml.replace(
      /(<testcase [^>]*>)/,
      '$1<properties><property name="level" value="MUST"/></properties>',
    );
    expect((await schemaErrors(caseProperties, schema)).join('\n')).toContain('properties');
  });

  it('maps verdicts onto failure, error and skipped, with counts', () => {
    const xml = renderJunit(sampleReport(), lookup);
    expect(xml).toMatch(
      /<testsuites name="smtpspec 127\.0\.0\.1:2525" tests="6" failures="1" errors="1" time="1\.517">/,
    );
    expect(xml).toContain(
      '<failure message="expected no end of data, got 250" type="MUST"><![CDATA[requirement: R5321-4.1.1.4-a "SMTP server systems MUST NOT do this"',
    );
    expect(xml).toContain('<error message="could not connect: ECONNREFUSED" type="error">');
    expect(xml).toContain('<skipped message="STARTTLS not advertised"/>');
    expect(xml).toContain('<![CDATA[WARN [SHOULD]: accepted a 1200-octet line\nrequirement: ');
    expect(xml).toContain('<![CDATA[INFO [MAY]: VRFY answered 252\n#');
    expect(xml).toContain('<![CDATA[SKIP: STARTTLS not advertised]]>');
    expect(xml).toContain(
      '<testcase classname="rfc5321.section-4_1_4" name="rfc5321/4.1.4/rcpt-before-mail RCPT before MAIL is rejected" time="0.003">',
    );
    // 12.3456 ms rounds to 0.012 s; the suite time is the sum of rounded case times.
    expect(xml).toMatch(
      /name="RFC 5321 §4\.1\.1\.4" tests="2" failures="1" errors="1" skipped="0" time="0\.012"/,
    );
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });

  it('never writes a MAY as a failure type: a fail is a MUST broken (README "Grading")', () => {
    const xml = renderJunit(withFailingMayCase(), lookup);
    expect(xml).not.toContain('type="MAY"');
    expect(xml).not.toContain('type="SHOULD"');
    expect(xml).toContain('<failure message="reply to VRFY: no reply within 5000 ms" type="MUST">');
  });

  describe('hostile content', () => {
    const xml = renderJunit(hostileReport(), hostileLookup);

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
      expect(xml).toContain('tag[&lt;anonymous&gt;] amp[&amp;amp; &amp;] quotes[&quot;');
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

describe('junitClassname', () => {
  it.each([
    ['RFC 5321', '4.1.1.4', 'rfc5321.section-4_1_1_4'],
    ['RFC 3207', '4', 'rfc3207.section-4'],
    ['RFC 5321', '', 'rfc5321.section-none'],
    ['', '', 'nospec.section-none'],
    ['My Suite v1.2', 'a/b c', 'mysuitev1_2.section-a_b_c'],
  ])('%j §%j is %j', (spec, section, classname) => {
    expect(junitClassname(spec, section)).toBe(classname);
  });
});

/**
 * How CI servers read a parsed JUnit file: a case's status comes from its child elements
 * (the count attributes are not trusted); Jenkins splits `classname` at its last dot into
 * package and class; GitLab lists `classname` as each case's suite.
 */
interface CiCase {
  status: 'passed' | 'failed' | 'error' | 'skipped';
  jenkinsPackage: string;
  jenkinsClass: string;
  gitlabSuite: string;
  name: string;
  message: string | undefined;
  type: string | undefined;
}

function ciCases(root: TestSuites): CiCase[] {
  return (root.testsuite ?? []).flatMap((suite: TestSuite) =>
    (suite.testcase ?? []).map((tc: TestCase) => {
      const classname = tc.classname ?? '';
      const dot = classname.lastIndexOf('.');
      const problem = tc.failure?.[0] ?? tc.error?.[0];
      const status = tc.failure ? 'failed' : tc.error ? 'error' : tc.skipped ? 'skipped' : 'passed';
      return {
        status,
        jenkinsPackage: dot < 0 ? '(root)' : classname.slice(0, dot),
        jenkinsClass: classname.slice(dot + 1),
        gitlabSuite: classname,
        name: tc.name ?? '',
        message: problem?.message ?? tc.skipped?.[0]?.message,
        type: problem?.type,
      };
    }),
  );
}

describe('read by a JUnit consumer (junit2json) the way CI servers read it', () => {
  const report = withFailingMayCase();

  async function parsed(): Promise<TestSuites> {
    const root = await parse(renderJunit(report, lookup));
    if (root === null || root === undefined || !('testsuite' in root)) {
      throw new Error('junit2json found no <testsuites>');
    }
    return root as TestSuites;
  }

  it('shows one group per RFC section: Jenkins a package per RFC and a class per section', async () => {
    const cases = ciCases(await parsed());
    expect(cases).toHaveLength(report.results.length);
    for (const c of cases) {
      const id = c.name.split(' ')[0] ?? '';
      const r = report.results.find((x) => x.id === id);
      expect(r, id).toBeDefined();
      expect(c.jenkinsPackage).toBe(r?.spec.replace(' ', '').toLowerCase());
      expect(c.jenkinsClass).toBe(`section-${r?.section.replaceAll('.', '_')}`);
    }
    const classes = new Set(cases.map((c) => `${c.jenkinsPackage} ${c.jenkinsClass}`));
    const sections = new Set(report.results.map((r) => `${r.spec} ${r.section}`));
    expect(classes.size).toBe(sections.size);
    expect(new Set(cases.map((c) => c.gitlabSuite)).size).toBe(sections.size);
  });

  it('gives each case the status of its verdict, with the reason of every skip', async () => {
    const cases = ciCases(await parsed());
    const byId = new Map(cases.map((c) => [c.name.split(' ')[0], c]));
    const expected = {
      pass: 'passed',
      warn: 'passed',
      info: 'passed',
      fail: 'failed',
      error: 'error',
      skip: 'skipped',
    };
    for (const r of report.results) {
      expect(byId.get(r.id)?.status, r.id).toBe(expected[r.verdict]);
    }
    expect(byId.get('rfc3207/4/starttls')?.message).toBe('STARTTLS not advertised');
    expect(byId.get('rfc5321/4.5.3.1/vrfy-choice')).toMatchObject({
      status: 'failed',
      type: 'MUST',
      message: 'reply to VRFY: no reply within 5000 ms',
    });
  });

  it('finds the counts a CI server shows in the suites', async () => {
    const root = await parsed();
    const suites = root.testsuite ?? [];
    const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped') =>
      suites.reduce((n, s) => n + Number(s[key] ?? 0), 0);
    expect([sum('tests'), sum('failures'), sum('errors'), sum('skipped')]).toEqual([6, 2, 1, 1]);
    expect([root.tests, root.failures, root.errors]).toEqual([6, 2, 1]);
  });
});
