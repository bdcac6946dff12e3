/**
 * Property-based fuzzing of SMTP sessions (`smtpspec fuzz`, `smtpspec replay`): the public
 * API for the CLI dispatcher, the benchmark and other tools.
 */
export {
  type CampaignOptions,
  type CampaignResult,
  type Finding,
  runCampaign,
} from './campaign.ts';
export { FUZZ_USAGE, fuzzMain, REPLAY_USAGE, replayMain } from './cli.ts';
export type { FailureKind, FuzzWarning, WarningKind } from './findings.ts';
export { type FuzzRunInfo, writeFuzzOutput } from './output.ts';
export { reproducerGroup, scenarioIdOf, summaryOf } from './reproducer.ts';
export { type FuzzProfile, sessionCommands } from './session-arbitrary.ts';
export { CampaignStats } from './stats.ts';
export {
  externalTarget,
  type FuzzTarget,
  probeLiveness,
  type ReferenceTarget,
  startReferenceTarget,
} from './target.ts';
