/**
 * Report renderers and writers: pure functions of one `RunReport` (harness/scenario/results.ts).
 * They never re-run or re-judge a case.
 */

export {
  assertSafeId,
  transcriptJsonPath,
  transcriptPath,
} from '../harness/scenario/result-paths.ts';
export { parseRunReport } from '../harness/scenario/results-read.ts';
export { visible, visibleLine } from '../harness/wire/visible.ts';
export {
  type ComparedCell,
  type ComparedColumn,
  type ComparedRow,
  type Comparison,
  compareRuns,
  type LabelledRun,
  renderComparisonJson,
  renderComparisonMarkdown,
} from './compare.ts';
export { renderComparisonHtml } from './compare-html.ts';
export {
  type ConsoleOptions,
  renderConsole,
  renderProgressLine,
  renderSummaryLine,
} from './console.ts';
export { caseAnchor, formatDuration, levelLabel, verdictLevel } from './format.ts';
export { groupBySection, type SectionGroup } from './group.ts';
export { renderHtml } from './html.ts';
export { readJsonReport, renderJson } from './json.ts';
export { junitClassname, renderJunit } from './junit.ts';
export {
  htmlReportUrl,
  parseReporterList,
  REPORTER_NAMES,
  type ReporterName,
  type TranscriptFiles,
  writeReports,
} from './write.ts';
