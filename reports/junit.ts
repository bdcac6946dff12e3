/**
 * The JUnit XML report (`junit.xml`), in the dialect every CI server reads: valid against
 * reports/junit.xsd (what we promise) and against the Jenkins xUnit plugin's `junit-10.xsd`
 * (what Jenkins, GitLab and most other readers accept).
 *
 * Mapping (documented in the README):
 * - one `<testsuite>` per spec section group (reports/group.ts), named `RFC 5321 §4.1.4`,
 *   with `time` = sum of its cases, the run's start as `timestamp`, and `spec`/`section`
 *   (and a target that went down) as suite properties;
 * - each case is a `<testcase>` with `classname` = {@link junitClassname} (`rfc5321.section-4_1_4`),
 *   `name` = case id + ' ' + title, `time` in seconds;
 * - `fail` → `<failure type="MUST">` (README "Grading": a fail is only ever a MUST violated)
 *   with the message as `message` and requirement, expected and actual as its text;
 *   `error` → `<error type="error">` likewise; `skip` → `<skipped message="reason"/>`;
 * - `pass`, `warn` and `info` are passing testcases; the message of `warn`, `info` and `skip`
 *   opens `<system-out>` as `WARN [SHOULD]: ...`, `INFO [MAY]: ...`, `SKIP: ...`, followed
 *   by the requirement, expected and actual lines (whether warn fails a run is the runner's
 *   `--strict` decision, not the report's);
 * - `<system-out>` ends with the case transcript.
 *
 * `junit-10.xsd` allows neither `<properties>` in a `<testcase>` nor `skipped` on
 * `<testsuites>`, so neither is written: readers count skips from the suites.
 */
import type { CaseResult, RunReport, TranscriptLookup } from '../harness/scenario/results.ts';
import {
  caseDetailLines,
  interruptedLine,
  levelLabel,
  targetDownLine,
  toSeconds,
} from './format.ts';
import { groupBySection, type SectionGroup } from './group.ts';
import { renderXmlDocument, type XmlElement } from './xml.ts';

/** Characters kept in a classname part: no dot (the package separator), no URL specials. */
function classnamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The `classname` of the cases of one spec section: `rfc5321.section-4_1_1_4`. Jenkins
 * splits a classname at its last dot into package and class, and GitLab lists it as the
 * suite of each case; with exactly one dot, Jenkins shows a package per RFC (`rfc5321`)
 * and a class per section (`section-4_1_1_4`), GitLab one group per section. The dots of a
 * section number would split it in the wrong place (`rfc5321/4.1.1.4` became package
 * `rfc5321/4.1.1`, class `4`), so they are written as `_`.
 */
export function junitClassname(spec: string, section: string): string {
  const pkg = classnamePart(spec.replace(/\s+/g, '').toLowerCase()) || 'nospec';
  return `${pkg}.section-${section === '' ? 'none' : classnamePart(section)}`;
}

const OUT_PREFIX: Partial<Record<CaseResult['verdict'], string>> = {
  warn: 'WARN',
  info: 'INFO',
  skip: 'SKIP',
};

function systemOut(r: CaseResult, transcript: string | undefined): string {
  const parts: string[] = [];
  const prefix = OUT_PREFIX[r.verdict];
  if (prefix !== undefined) {
    const level = r.verdict === 'skip' ? '' : ` [${levelLabel(r)}]`;
    if (r.message !== '') parts.push(`${prefix}${level}: ${r.message}`);
    if (r.verdict !== 'skip') parts.push(...caseDetailLines(r).filter((l) => !isTranscript(l)));
  }
  if (transcript !== undefined && transcript !== '') parts.push(transcript);
  return parts.join('\n');
}

function isTranscript(detailLine: string): boolean {
  return detailLine.startsWith('transcript: ');
}

function outcome(r: CaseResult): XmlElement[] {
  const detail = caseDetailLines(r).join('\n');
  if (r.verdict === 'fail') {
    return [
      {
        name: 'failure',
        attributes: [
          ['message', r.message],
          ['type', 'MUST'],
        ],
        text: detail,
      },
    ];
  }
  if (r.verdict === 'error') {
    return [
      {
        name: 'error',
        attributes: [
          ['message', r.message],
          ['type', 'error'],
        ],
        text: detail,
      },
    ];
  }
  if (r.verdict === 'skip') return [{ name: 'skipped', attributes: [['message', r.message]] }];
  return [];
}

function testcase(r: CaseResult, group: SectionGroup, transcript: string | undefined): XmlElement {
  const out = systemOut(r, transcript);
  return {
    name: 'testcase',
    attributes: [
      ['classname', junitClassname(group.spec, group.section)],
      ['name', `${r.id} ${r.title}`],
      ['time', toSeconds(r.durationMs)],
    ],
    children: [...outcome(r), ...(out === '' ? [] : [{ name: 'system-out', text: out }])],
  };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Seconds, the sum of the rounded case times. */
  time: number;
}

function countsOf(results: readonly CaseResult[]): Counts {
  const ms = results.reduce((sum, r) => sum + toSeconds(r.durationMs) * 1000, 0);
  return {
    tests: results.length,
    failures: results.filter((r) => r.verdict === 'fail').length,
    errors: results.filter((r) => r.verdict === 'error').length,
    skipped: results.filter((r) => r.verdict === 'skip').length,
    time: toSeconds(ms),
  };
}

/** `startedAt` as a canonical xs:dateTime, or undefined when it does not parse. */
function timestampOf(startedAt: string): string | undefined {
  const t = Date.parse(startedAt);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function testsuite(report: RunReport, group: SectionGroup, transcripts: TranscriptLookup) {
  const c = countsOf(group.results);
  const properties: XmlElement[] = [
    {
      name: 'property',
      attributes: [
        ['name', 'spec'],
        ['value', group.spec],
      ],
    },
    {
      name: 'property',
      attributes: [
        ['name', 'section'],
        ['value', group.section],
      ],
    },
  ];
  // design.md: a target that went down mid-run is said at the top of every report.
  if (report.targetDown !== undefined) {
    const value = targetDownLine(report.targetDown);
    properties.push({
      name: 'property',
      attributes: [
        ['name', 'targetDown'],
        ['value', value],
      ],
    });
  }
  if (report.interrupted !== undefined) {
    properties.push({
      name: 'property',
      attributes: [
        ['name', 'interrupted'],
        ['value', interruptedLine(report.interrupted, report.results.length)],
      ],
    });
  }
  return {
    name: 'testsuite',
    attributes: [
      ['name', group.label],
      ['tests', c.tests],
      ['failures', c.failures],
      ['errors', c.errors],
      ['skipped', c.skipped],
      ['time', c.time],
      ['timestamp', timestampOf(report.startedAt)],
    ],
    children: [
      { name: 'properties', children: properties },
      ...group.results.map((r) => testcase(r, group, transcripts(r.id))),
    ],
  } satisfies XmlElement;
}

/**
 * `report` as JUnit XML (see the module comment for the verdict mapping). `transcripts`
 * supplies each case's transcript text for `<system-out>`. Ends with a newline.
 */
export function renderJunit(report: RunReport, transcripts: TranscriptLookup): string {
  const groups = groupBySection(report.results);
  const total = countsOf(report.results);
  return renderXmlDocument({
    name: 'testsuites',
    attributes: [
      ['name', `smtpspec ${report.target.address}`],
      ['tests', total.tests],
      ['failures', total.failures],
      ['errors', total.errors],
      ['time', total.time],
    ],
    children: groups.map((g) => testsuite(report, g, transcripts)),
  });
}
