/**
 * The JUnit XML report (`junit.xml`), built with junit-report-builder.
 *
 * Mapping (documented in the README):
 * - one `<testsuite>` per spec section group (reports/group.ts), named `RFC 5321 §4.1.4`,
 *   with `time` = sum of its cases and the run's start as `timestamp`;
 * - each case is a `<testcase>` with `classname` = group id (`rfc5321/4.1.4`), `name` =
 *   case id + ' ' + title, `time` in seconds;
 * - `fail` → `<failure message type="MUST|SHOULD|MAY">` with requirement, expected and actual
 *   as its text; `error` → `<error type="error">` likewise; `skip` → `<skipped/>`;
 * - `pass`, `warn` and `info` are passing testcases; the message of `warn`, `info` and `skip`
 *   opens `<system-out>` with a `WARN:`, `INFO:` or `SKIP:` prefix (whether warn fails a run
 *   is the runner's `--strict` decision, not the report's);
 * - `<system-out>` carries the case transcript.
 *
 * Every text passes through {@link visible}: XML-illegal characters (NUL, ESC, U+FFFE, lone
 * surrogates, ...) become `\xNN` escapes instead of being dropped, and `]]>` inside CDATA
 * becomes `]]\x3e` (junit-report-builder 5.1.2 splits only the first `]]>` of a section, so
 * a second one would end the CDATA early and break the file).
 */
import junitReportBuilder, { type Builder, type TestCase } from 'junit-report-builder';
import type { CaseResult, RunReport, TranscriptLookup } from '../harness/scenario/results.ts';
import { visible, visibleCdata, visibleLine } from '../harness/wire/visible.ts';
import { caseDetailLines, targetDownLine, toSeconds } from './format.ts';
import { groupBySection } from './group.ts';

// The package is CommonJS (`module.exports = builder`) but its typings declare an ES
// default export, which TypeScript's nodenext mode reads as `{ default: builder }`. At
// runtime Node hands us `module.exports` itself, so the default import is the builder.
const rootBuilder = junitReportBuilder as unknown as Builder;

const OUT_PREFIX: Partial<Record<CaseResult['verdict'], string>> = {
  warn: 'WARN',
  info: 'INFO',
  skip: 'SKIP',
};

function systemOut(r: CaseResult, transcript: string | undefined): string {
  const parts: string[] = [];
  const prefix = OUT_PREFIX[r.verdict];
  if (prefix !== undefined && r.message !== '') parts.push(`${prefix}: ${r.message}`);
  if (transcript !== undefined && transcript !== '') parts.push(transcript);
  return visibleCdata(parts.join('\n'));
}

function addCase(tc: TestCase, r: CaseResult, classname: string, transcript?: string): void {
  tc.className(visibleLine(classname))
    .name(visibleLine(`${r.id} ${r.title}`))
    .time(toSeconds(r.durationMs))
    .property('level', r.level)
    .property('verdict', r.verdict);
  if (r.requirements.length > 0) tc.property('requirements', visibleLine(r.requirements.join(' ')));
  if (r.exploitability !== undefined) tc.property('exploitability', r.exploitability);
  const detail = visibleCdata(caseDetailLines(r).join('\n'));
  if (r.verdict === 'fail') {
    tc.failure(visible(r.message), r.level);
    if (detail !== '') tc.stacktrace(detail);
  } else if (r.verdict === 'error') {
    tc.error(visible(r.message), 'error', detail);
  } else if (r.verdict === 'skip') {
    tc.skipped();
  }
  const out = systemOut(r, transcript);
  if (out !== '') tc.standardOutput(out);
}

/** `startedAt` as a canonical xs:dateTime, or undefined when it does not parse. */
function timestampOf(startedAt: string): string | undefined {
  const t = Date.parse(startedAt);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * `report` as JUnit XML (see the module comment for the verdict mapping). `transcripts`
 * supplies each case's transcript text for `<system-out>`. Ends with a newline.
 */
export function renderJunit(report: RunReport, transcripts: TranscriptLookup): string {
  const b = rootBuilder.newBuilder();
  b.name(visibleLine(`smtpspec ${report.target.address}`));
  const timestamp = timestampOf(report.startedAt);
  for (const group of groupBySection(report.results)) {
    const totalMs = group.results.reduce((sum, r) => sum + toSeconds(r.durationMs) * 1000, 0);
    const suite = b
      .testSuite()
      .name(visibleLine(group.label))
      .time(toSeconds(totalMs))
      .property('spec', visibleLine(group.spec))
      .property('section', visibleLine(group.section));
    // design.md: a target that went down mid-run is said at the top of every report.
    if (report.targetDown !== undefined) {
      suite.property('targetDown', visibleLine(targetDownLine(report.targetDown)));
    }
    if (timestamp !== undefined) suite.timestamp(timestamp);
    for (const r of group.results) {
      addCase(suite.testCase(), r, group.id, transcripts(r.id));
    }
  }
  return `${b.build()}\n`;
}
