/**
 * vitest integration (`import { smtpConformance } from 'smtpspec/vitest'`): the selected
 * cases as vitest tests, a `describe` per spec section and an `it` per case id.
 *
 * The cases are listed when vitest collects the file, and run once, together, in a
 * `beforeAll` (one run, one target container at most, the same concurrency as the CLI).
 * Each test then reports its case: `fail` and `error` fail with the message and the
 * transcript; `skip` skips with its reason; `warn` and `info` pass with the message as an
 * annotation. With a baseline, a known problem passes with a `known: ` annotation instead.
 */
// First: on an unsupported Node.js, one line and exit 2 before any dependency loads.
import '../node-support-check.ts';
import { beforeAll, describe, it, type TestContext } from 'vitest';
import { groupLabel } from '../../reports/group.ts';
import { listScenarios, type RunSuitesOptions, runSuites, type SuiteRun } from '../api.ts';
import { failsRun } from '../baseline/baseline.ts';
import { compareSections } from '../scenario/coverage.ts';
import type { CaseResult } from '../scenario/results.ts';
import type { Scenario } from '../scenario/types.ts';

/** Options of {@link smtpConformance}: those of `runSuites` plus the suite name and timeout. */
export interface SmtpConformanceOptions
  extends Omit<RunSuitesOptions, 'onCaseDone' | 'signal' | 'onProgress'> {
  /** Title of the outer `describe` (default `SMTP conformance`). */
  name?: string;
  /** Time allowed for the whole run, container start included (default 10 minutes). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 600_000;

interface Section {
  label: string;
  spec: string;
  section: string;
  scenarios: Scenario[];
}

function sections(scenarios: readonly Scenario[]): Section[] {
  const map = new Map<string, Section>();
  for (const s of scenarios) {
    const key = `${s.spec}\u0000${s.section}`;
    let entry = map.get(key);
    if (!entry) {
      entry = {
        label: groupLabel(s.spec, s.section),
        spec: s.spec,
        section: s.section,
        scenarios: [],
      };
      map.set(key, entry);
    }
    entry.scenarios.push(s);
  }
  return [...map.values()].sort((a, b) =>
    a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : compareSections(a.section, b.section),
  );
}

/** The failure text of a case: verdict, message, expected/actual, and the transcript. */
export function failureText(result: CaseResult, transcript: string | undefined): string {
  const lines = [`${result.verdict} [${result.level}]: ${result.message}`];
  for (const e of result.expected ?? []) lines.push(`expected: ${e}`);
  if (result.actual !== undefined) lines.push(`actual:   ${result.actual}`);
  if (transcript !== undefined) lines.push('', transcript.trimEnd());
  return lines.join('\n');
}

async function report(ctx: TestContext, run: SuiteRun, id: string, strict: boolean): Promise<void> {
  const result = run.report.results.find((r) => r.id === id);
  if (result === undefined) throw new Error(`case ${id} is missing from the run's report`);
  if (failsRun(result, strict)) {
    throw new Error(failureText(result, run.transcripts.get(id)?.text));
  }
  if (result.verdict === 'skip') ctx.skip(result.message);
  if (result.verdict !== 'pass') await ctx.annotate(result.message, result.verdict);
}

/**
 * Declares the conformance tests in the calling test file. Call it at the top level of a
 * test file; the `describe` it creates lists the cases while vitest collects the file.
 */
export function smtpConformance(options: SmtpConformanceOptions = {}): void {
  const { name, timeoutMs, ...runOptions } = options;
  const strict = options.strict === true;
  describe(name ?? 'SMTP conformance', async () => {
    const scenarios = await listScenarios(runOptions);
    let run: SuiteRun | undefined;
    let failure: unknown;
    beforeAll(async () => {
      try {
        run = await runSuites(runOptions);
      } catch (err) {
        // Every test reports this, rather than vitest blaming the hook alone.
        failure = err;
      }
    }, timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (const section of sections(scenarios)) {
      describe(section.label, () => {
        for (const scenario of section.scenarios) {
          it(`${scenario.id}: ${scenario.title}`, async (ctx) => {
            if (run === undefined) {
              throw failure instanceof Error
                ? failure
                : new Error(`the run failed: ${String(failure)}`);
            }
            await report(ctx, run, scenario.id, strict);
          });
        }
      });
    }
  });
}
