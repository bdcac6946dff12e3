// Why these tests? A fuzzer that finds nothing on a correct server proves little. Each test
// plants one bug in the test MTA (fixtures/test-mta/: every defect whose registry entry names
// a fuzz finding) and shows the campaign finds it within a bounded number of runs (fixed
// seed), names it with the oracle the entry names, and shrinks it to at most three commands.
// The clean server shows the model raises no false alarm.

import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFECT_NAMES, DEFECTS, type DefectName } from '../../fixtures/test-mta/defects/index.ts';
import {
  startTestMta,
  TEST_MTA_FUZZ_PROFILE,
  type TestMtaOptions,
} from '../../fixtures/test-mta/test-mta.ts';
import { startLoopbackServer } from '../client/testing/loopback-server.ts';
import { runSuite } from '../runner/run.ts';
import type { ScenarioGroup } from '../scenario/types.ts';
import { type CampaignOptions, roundSeed, runCampaign, workerStream } from './campaign.ts';
import { reproducerGroup } from './reproducer.ts';
import { sessionCommands } from './session-arbitrary.ts';
import { CampaignStats } from './stats.ts';

/** Bounds of every campaign here: fixed seed, a run cap, one finding, a short shrink. */
const BOUNDED: Omit<CampaignOptions, 'target' | 'profile'> = {
  seed: 20_241_128,
  runs: 400,
  maxFindings: 1,
  replyTimeoutMs: 500,
  shrinkSeconds: 15,
};

/** The test MTA with `defects`, stopped when the test finishes; it forgets what it accepts. */
async function testMta(defects: DefectName[], options: TestMtaOptions = {}) {
  const mta = await startTestMta({ defects, keepMessages: false, ...options });
  onTestFinished(() => mta.stop());
  return mta;
}

/** Verdicts of the reproducer's cases run by the real runner against a fresh test MTA. */
async function replayVerdicts(group: ScenarioGroup, defects: DefectName[]): Promise<string[]> {
  const mta = await testMta(defects);
  const { report } = await runSuite({
    target: mta.address(),
    builtIn: false,
    scenarios: group.scenarios,
    concurrency: 1,
    stepTimeoutMs: 1000,
  });
  return report.results.map((r) => (r.verdict === 'error' ? 'fail' : r.verdict));
}

async function fuzzMta(defects: DefectName[], options: Partial<CampaignOptions> = {}) {
  const mta = await testMta(defects);
  const profile = TEST_MTA_FUZZ_PROFILE;
  const result = await runCampaign({ ...BOUNDED, target: mta, profile, ...options });
  return { mta, result };
}

/**
 * The deep defects (issue 15): a parameter list past twelve, a transaction past 200
 * recipients, a parameter without its value, a zero-size chunk, a response that is not
 * base64. Each is held to more than finding it: exactly one finding, three lines.
 */
const DEEP: readonly DefectName[] = [
  'rfc5321-crash-on-many-mail-params',
  'rfc5321-crash-on-rset-after-200-rcpts',
  'rfc5321-crash-on-rcpt-param-without-value',
  'rfc3030-crash-on-empty-chunk',
  'rfc4954-hang-on-malformed-base64',
];

/** The defects the fuzzer must find, with the finding their registry entry names. */
const FUZZ_DEFECTS = DEFECT_NAMES.flatMap((name) => {
  const fuzz = DEFECTS[name].caughtBy.fuzz;
  return fuzz ? [[name, fuzz.kind, fuzz.culprit, fuzz.seed ?? BOUNDED.seed] as const] : [];
});

/** The lines a finding sent after its opening EHLO; a run of one RCPT line is one entry. */
function linesAfterOpening(lines: readonly string[]): string[] {
  return lines[0] === 'EHLO' || lines[0] === 'HELO' ? lines.slice(1) : [...lines];
}

describe('planted bugs are found and shrunk', () => {
  it.each(FUZZ_DEFECTS.filter(([name]) => !DEEP.includes(name)))(
    '%s: a %s finding, at most three commands',
    async (defect, kind, culprit, seed) => {
      const { mta, result } = await fuzzMta([defect], { seed });
      expect(result.runs).toBeLessThanOrEqual(BOUNDED.runs ?? 0);
      const [finding] = result.findings;
      expect(finding, `no finding in ${result.runs} runs`).toBeDefined();
      if (!finding) return;
      expect(finding.kind).toBe(kind);
      expect(finding.commands.length).toBeGreaterThan(0);
      expect(finding.commands.length).toBeLessThanOrEqual(3);
      expect(finding.unshrunk).toBeUndefined();
      expect(finding.commands.join('\n')).toMatch(culprit);
      expect(finding.path).toMatch(/^\d+(:\d+)*$/);
      expect(finding.transcript?.events.length).toBeGreaterThan(0);
      if (kind === 'crash') expect(mta.crashes).toBeGreaterThan(0);
      // The reproducer replays: it fails on the buggy server and passes once "fixed".
      const group = reproducerGroup(finding);
      expect(await replayVerdicts(group, [defect])).toContain('fail');
      expect(new Set(await replayVerdicts(group, []))).toEqual(new Set(['pass']));
    },
    90_000,
  );
});

describe('deep planted bugs: one finding each, three lines after the opening EHLO', () => {
  // Bounded by runs, not by finding: the campaign goes on after the first failure, so the
  // test sees repeats of the bug counted under the one finding (its signature).
  it.each(FUZZ_DEFECTS.filter(([name]) => DEEP.includes(name)))(
    '%s: one %s finding, the trigger visible',
    async (defect, kind, culprit, seed) => {
      const stats = new CampaignStats();
      const { mta, result } = await fuzzMta([defect], {
        seed,
        runs: 700,
        maxFindings: 5,
        shrinkSeconds: 10,
        stats,
      });
      expect(result.findings.map((f) => f.signature)).toHaveLength(1);
      const [finding] = result.findings;
      if (!finding) return;
      expect(finding.kind).toBe(kind);
      expect(finding.unshrunk).toBeUndefined();
      // A run of one RCPT line (`RCPT×201`) is one entry: the compact many-recipients step.
      expect(linesAfterOpening(finding.lines).length, finding.lines.join(', ')).toBeLessThanOrEqual(
        3,
      );
      expect(finding.commands.join('\n')).toMatch(culprit);
      if (kind === 'crash') expect(mta.crashes).toBeGreaterThan(0);
      // Seen more than once, counted under the one finding.
      expect(stats.failures).toBeGreaterThanOrEqual(finding.occurrences);
      const group = reproducerGroup(finding);
      expect(await replayVerdicts(group, [defect])).toContain('fail');
      expect(new Set(await replayVerdicts(group, []))).toEqual(new Set(['pass']));
    },
    120_000,
  );
});

describe('a conformant server', () => {
  it('gives no finding and no model warning', async () => {
    // A generous reply timeout: a loaded CI machine must not turn slowness into a "hang".
    const { result } = await fuzzMta([], { runs: 150, maxFindings: 10, replyTimeoutMs: 2000 });
    expect(result.findings).toEqual([]);
    expect(result.targetLost).toBeUndefined();
    expect(result.runs).toBe(150);
    expect(result.warnings.filter((w) => w.kind === 'model' || w.kind === 'flaky')).toEqual([]);
    expect(result.distinctReplies).toBeGreaterThan(10);
  }, 60_000);

  // Why this test? Postfix turns away a verb with a colon in it with 221 and a close, and
  // slows every reply line down once a client made errors; both are policy, not bugs, and
  // a 4-minute campaign against Postfix reported both as findings before the model knew.
  it('with Postfix-like policies (221 and close, an error tarpit), still no finding', async () => {
    const mta = await testMta([], {
      policies: ['postfix-turn-away-colon-verbs', 'postfix-error-tarpit'],
      // The reference MTA's EHLO reply has 13 lines: each slowed reply costs seconds.
      tarpitMs: 200,
    });
    const result = await runCampaign({
      ...BOUNDED,
      target: mta,
      profile: TEST_MTA_FUZZ_PROFILE,
      runs: 120,
      maxFindings: 10,
      concurrency: 2,
      // Shorter than the tarpit's multi-line replies take in all (HELP: 3 lines, EHLO: 13).
      replyTimeoutMs: 500,
    });
    expect(result.findings.map((f) => f.message)).toEqual([]);
    expect(result.warnings.some((w) => w.kind === 'policy-close')).toBe(true);
  }, 120_000);

  // Why this test? Some servers echo the command line in an error reply, so an over-long
  // command can get a reply line past the client's 2048-octet cap. RFC 5321 §4.5.3.1 only
  // says larger objects SHOULD be avoided, and `run` grades that at most warn: a finding
  // here would be a false accusation.
  it('a reply past the client caps is a warning that ends the run, not a finding', async () => {
    const server = await startLoopbackServer((socket) => {
      socket.write('220 echo.test ESMTP\r\n');
      let pending = '';
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
          const line = pending.slice(0, end);
          pending = pending.slice(end + 2);
          if (/^QUIT/i.test(line)) socket.end('221 2.0.0 Bye\r\n');
          else socket.write(`500 5.5.2 ${'x'.repeat(3000)} ${line.slice(0, 20)}\r\n`);
        }
      });
    });
    onTestFinished(() => server.close());
    const address = { host: server.host, port: server.port };
    const result = await runCampaign({
      ...BOUNDED,
      runs: 20,
      target: { address: () => address, builtIn: false },
      profile: TEST_MTA_FUZZ_PROFILE,
    });
    expect(result.findings.map((f) => f.message)).toEqual([]);
    const warning = result.warnings.find((w) => w.kind === 'oversized-reply');
    expect(warning?.message).toMatch(/§4\.5\.3\.1 sizes SHOULD be avoided/);
    expect(warning?.count).toBe(20);
  }, 60_000);

  it('--lenient turns a model disagreement into a warning', async () => {
    const { result } = await fuzzMta(['rfc5321-rcpt-before-mail-accepted'], {
      runs: 150,
      lenient: true,
      replyTimeoutMs: 2000,
    });
    expect(result.findings).toEqual([]);
    expect(result.warnings.some((w) => w.kind === 'model')).toBe(true);
  }, 60_000);
});

describe('time budget', () => {
  it('an abort signal ends a long campaign early', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 300).unref();
    const started = Date.now();
    const { result } = await fuzzMta([], {
      runs: undefined,
      seconds: 120,
      maxFindings: 10,
      signal: interrupt.signal,
    });
    expect(result.findings).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  // Why this test? fast-check's time limit returns while a run is still in flight; a
  // campaign that returned then had a session open on a target its caller was stopping,
  // and its liveness probe restarted the target behind the caller's back.
  it('returns only once the run in flight has ended', async () => {
    const { mta } = await fuzzMta([], { runs: undefined, seconds: 1, maxFindings: 10 });
    const atReturn = mta.commands;
    await sleep(500);
    expect(mta.commands - atReturn).toBe(0);
  }, 30_000);

  it('stops by itself when --seconds runs out', async () => {
    const started = Date.now();
    const { result } = await fuzzMta([], { runs: undefined, seconds: 1, maxFindings: 10 });
    expect(result.findings).toEqual([]);
    expect(result.runs).toBeGreaterThan(0);
    // Generous: one second of runs plus the one in flight and teardown.
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

describe('a target that cannot be restarted', () => {
  // Why this test? An external server that crashes stays down: the campaign must stop at
  // once, keep the failing run as it was (no shrinking is possible) and say the target is lost.
  it('keeps the crash unshrunk and stops', async () => {
    const mta = await testMta(['rfc5321-crash-on-long-local-part']);
    const external = { address: () => mta.address(), builtIn: false };
    const profile = TEST_MTA_FUZZ_PROFILE;
    const result = await runCampaign({ ...BOUNDED, target: external, profile });
    expect(result.targetLost).toMatch(/stopped accepting/);
    expect(result.findings[0]?.kind).toBe('crash');
    expect(result.findings[0]?.commands.length).toBeGreaterThan(0);
    // The report says so: the run is as it was found.
    expect(result.findings[0]?.unshrunk).toMatch(/could not be restarted.*--restart-cmd/);
  }, 60_000);
});

describe('determinism', () => {
  it('the same seed gives the same sequences', () => {
    const sample = (seed: number) =>
      fc
        .sample(sessionCommands({ profile: TEST_MTA_FUZZ_PROFILE }), { seed, numRuns: 30 })
        .map((cmds) => [...cmds].map(String).join('|'));
    expect(sample(99)).toEqual(sample(99));
    expect(sample(99)).not.toEqual(sample(100));
    expect(roundSeed(5, 1, 2)).toBe(roundSeed(5, 1, 2));
    expect(roundSeed(5, 0, 0)).toBe(5);
  });

  it('shards of one seed use disjoint seed streams that together make the unsharded set', () => {
    const streams = (shard: { index: number; count: number } | undefined, workers: number) =>
      Array.from({ length: workers }, (_, w) => workerStream(w, shard));
    const sharded = [...streams({ index: 1, count: 3 }, 2), ...streams({ index: 2, count: 3 }, 2)];
    const all = [...sharded, ...streams({ index: 3, count: 3 }, 2)];
    expect(new Set(sharded).size).toBe(sharded.length);
    expect(all.sort((a, b) => a - b)).toEqual(streams(undefined, 6));
  });
});
