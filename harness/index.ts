/**
 * The public API of the `smtpspec` package (`import { runSuites } from 'smtpspec'`).
 * Everything here is a stable entry point; modules not re-exported are internal.
 */
// First: on an unsupported Node.js, one line and exit 2 before any dependency loads.
import './node-support-check.ts';

export {
  type ReferenceServerOptions,
  type RunningReferenceServer,
  startReferenceServer,
} from '../reference-server/server.ts';
export { renderConsole } from '../reports/console.ts';
export { renderHtml } from '../reports/html.ts';
export { readJsonReport, renderJson } from '../reports/json.ts';
export { renderJunit } from '../reports/junit.ts';
export { type ReporterName, writeReports } from '../reports/write.ts';
export {
  type CaseSelectionOptions,
  listScenarios,
  type RunSuitesOptions,
  runSuites,
  type SuiteRun,
} from './api.ts';
export {
  applyBaseline,
  type BaselineOutcome,
  baselineMark,
  failsRun,
  KNOWN_PREFIX,
  loadBaseline,
  runExitCode,
} from './baseline/baseline.ts';
export {
  describeError,
  ERROR_CODES,
  type ErrorCode,
  hasErrorCode,
  SmtpHarnessError,
} from './errors.ts';
export { type ProfileFlags, REFERENCE_PROFILE } from './runner/profile.ts';
export type { RunOutput, TranscriptMap } from './runner/run.ts';
export { formatAddress, parseTarget, type TargetAddress } from './runner/target.ts';
export type {
  BaselineMark,
  BaselineSummary,
  CaseResult,
  CoverageReport,
  RunReport,
  SectionCoverage,
  ShardInfo,
  Summary,
  TargetInfo,
} from './scenario/results.ts';
export type {
  Level,
  Requirement,
  Scenario,
  ScenarioGroup,
  Step,
  Verdict,
} from './scenario/types.ts';
export { VERDICTS } from './scenario/types.ts';
export { type MergeInput, mergeReports } from './shard/merge.ts';
export { readStoredRun, type StoredRun } from './shard/read-run.ts';
export {
  formatShard,
  parseShard,
  type Shard,
  shardCases,
  shardItems,
  shardSeeds,
} from './shard/shard.ts';
export { ContainerStartError, type ContainerTargetSpec } from './targets/container-spec.ts';
export type { StartedContainerTarget } from './targets/container-target.ts';
export { startContainerTarget } from './targets/load-container-target.ts';
