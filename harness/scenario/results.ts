/**
 * The one result model. The runner produces it; reports/ renders it (console, JSON,
 * JUnit, HTML) and never re-judges anything. Field names of `RunReport` and `CaseResult`
 * that design.md lists are a contract read by other tools: extend, never rename or remove.
 */
import type { Exploitability, Level, Verdict } from './types.ts';

export interface ToolInfo {
  name: 'smtpspec';
  version: string;
}

export interface TargetInfo {
  /** `host:port` as connected, IPv6 in brackets: `[::1]:2525`. */
  address: string;
  /** First line of the greeting as received, e.g. `220 mx.example ESMTP`; empty if none. */
  greeting: string;
  /** EHLO keywords with their parameters, one string each, e.g. `SIZE 10485760`. */
  ehlo: string[];
  /** Extension: the image the target container ran (`--container`, `--dockerfile`). */
  image?: string;
  /**
   * Extension: the last lines of the target container's log, attached when a case failed
   * or errored, or when the container did not start.
   */
  containerLog?: string;
}

export type Summary = Record<Verdict, number>;

export interface CaseResult {
  id: string;
  title: string;
  spec: string;
  section: string;
  level: Level;
  verdict: Verdict;
  /** One or a few lines: what was expected and what came back. */
  message: string;
  durationMs: number;
  /** Path of the transcript file relative to the output directory. */
  transcript: string;
  /** Requirement register ids the case checks. */
  requirements: string[];
  /** The quoted requirement sentences, resolved from the register (same order as ids). */
  requirementText: string[];
  /** Set on failures: the acceptable outcomes and what actually happened. */
  expected?: string[];
  actual?: string;
  exploitability?: Exploitability;
  /** Extension: how the case compares with `--baseline` (set only on a run with one). */
  baseline?: BaselineMark;
}

/**
 * A case against the baseline: `known` a problem the baseline has with the same or a worse
 * verdict; `new` a problem it does not have; `fixed` a problem there that passes now.
 */
export type BaselineMark = 'known' | 'new' | 'fixed';

/** Extension: counts of a run compared with a baseline `results.json`. */
export interface BaselineSummary {
  /** The baseline file as given. */
  file: string;
  known: number;
  new: number;
  fixed: number;
}

/** Extension: which part of a sharded run a report holds (`--shard 2/4`). */
export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
}

export interface SectionCoverage {
  spec: string;
  section: string;
  /**
   * Register ids checked by at least one case that can report their violation: a MUST
   * case for a MUST or MUST NOT, a MUST or SHOULD case for a SHOULD (README "Grading").
   */
  covered: string[];
  /** Wire-testable register ids no case can fail on yet. */
  uncovered: string[];
  /** Register ids no observer could ever see (testable `none`). */
  untestable: string[];
  /**
   * Register ids seen only in what the server delivers or passes on (testable `delivery`)
   * that no case can fail on yet. Absent from reports written before it existed.
   */
  delivery: string[];
  /**
   * Client obligations (testable `receiver`), seen by the harness playing the server, that
   * no case can fail on yet. Absent from reports written before it existed.
   */
  receiver: string[];
  /**
   * Of the ids not covered, those some case cites without being able to fail on them (a
   * MAY case citing a MUST): listed so a citation is never mistaken for coverage.
   */
  weak: string[];
}

/** The counts of {@link SectionCoverage}'s lists over every section. */
export interface CoverageTotals {
  statements: number;
  covered: number;
  uncovered: number;
  untestable: number;
  delivery: number;
  receiver: number;
  weak: number;
}

export interface CoverageReport {
  sections: SectionCoverage[];
  totals: CoverageTotals;
}

export interface RunReport {
  tool: ToolInfo;
  target: TargetInfo;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  results: CaseResult[];
  /** Extension: requirement coverage of the cases that ran. */
  coverage?: CoverageReport;
  /** Extension: options that change verdict meaning. */
  options?: { strict: boolean; slow: boolean };
  /** Extension: set on the report of one shard of a sharded run. */
  shard?: ShardInfo;
  /** Extension: set on a run with `--baseline`. */
  baseline?: BaselineSummary;
  /**
   * Extension: the target stopped accepting connections during the run. `since` is the id
   * of the case after which it did; the cases not run after that are `error`.
   */
  targetDown?: TargetDownInfo;
  /**
   * Extension: the run was interrupted (Ctrl-C, SIGTERM, an aborted API call). `results`
   * and `summary` hold only the cases that finished; the others are absent.
   */
  interrupted?: InterruptedInfo;
}

/** A run that stopped before all its cases had run. */
export interface InterruptedInfo {
  /** What stopped it, e.g. `interrupted by SIGINT`. */
  reason: string;
  /** How many cases the run had selected (results has the ones that finished). */
  selected: number;
}

/** The target went down mid-run (design.md: every report says so at the top). */
export interface TargetDownInfo {
  /** The case after which the target stopped accepting connections. */
  since: string;
  /** One line: what the liveness check saw (and, with --container, its exit status). */
  message: string;
}

/** Looks up the text transcript of a case by id (reports embed it; JSON only links it). */
export type TranscriptLookup = (caseId: string) => string | undefined;

export function emptySummary(): Summary {
  return { pass: 0, fail: 0, warn: 0, info: 0, skip: 0, error: 0 };
}

export function summarise(results: readonly CaseResult[]): Summary {
  const summary = emptySummary();
  for (const r of results) summary[r.verdict] += 1;
  return summary;
}
