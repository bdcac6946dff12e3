// Why these tests? A fuzzer that finds nothing on a correct server proves little. Each test
// plants one bug in a small server of our own and shows the campaign finds it within a
// bounded number of runs (fixed seed), names it with the right oracle, and shrinks it to at
// most three commands. The clean server shows the model raises no false alarm.

import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runSuite } from '../runner/run.ts';
import type { ScenarioGroup } from '../scenario/types.ts';
import { type CampaignOptions, roundSeed, runCampaign, workerStream } from './campaign.ts';
import type { FailureKind } from './findings.ts';
import { reproducerGroup } from './reproducer.ts';
import { sessionCommands } from './session-arbitrary.ts';
import { type PlantedBug, startToyServer, TOY_PROFILE } from './testing/toy-server.ts';

/** Bounds of every campaign here: fixed seed, a run cap, one finding, a short shrink. */
const BOUNDED: Omit<CampaignOptions, 'target' | 'profile'> = {
  seed: 20_241_128,
  runs: 400,
  maxFindings: 1,
  replyTimeoutMs: 500,
  shrinkSeconds: 15,
};

/** Verdicts of the reproducer's cases run by the real runner against a fresh toy server. */
async function replayVerdicts(group: ScenarioGroup, bugs: PlantedBug[]): Promise<string[]> {
  const toy = await startToyServer(bugs);
  onTestFinished(() => toy.stop());
  const { report } = await runSuite({
    target: toy.address(),
    builtIn: false,
    scenarios: group.scenarios,
    concurrency: 1,
    stepTimeoutMs: 1000,
  });
  return report.results.map((r) => (r.verdict === 'error' ? 'fail' : r.verdict));
}

async function fuzzToy(bugs: PlantedBug[], options: Partial<CampaignOptions> = {}) {
  const toy = await startToyServer(bugs);
  onTestFinished(() => toy.stop());
  const result = await runCampaign({ ...BOUNDED, target: toy, profile: TOY_PROFILE, ...options });
  return { toy, result };
}

describe('planted bugs are found and shrunk', () => {
  it.each<[PlantedBug, FailureKind, RegExp]>([
    ['crash-on-long-local-part', 'crash', /^(MAIL FROM|RCPT TO):</i],
    ['drop-on-double-space-after-colon', 'drop', /: {2}/],
    ['hang-on-spaces-only-data-line', 'hang', /spaces-only/],
    ['rcpt-before-mail-accepted', 'model', /RCPT/i],
    ['bare-lf-ends-data', 'smuggling', /JSMUGGLED/],
    ['malformed-help-reply', 'malformed-reply', /HELP/i],
    // The NOOP may be the one a smuggling probe sends after the end of data.
    ['double-reply-to-noop', 'desync', /NOOP|JSMUGGLED/i],
    ['open-relay', 'open-relay', /foreign\.smtpspec\.example/],
    ['starttls-plaintext-injection', 'starttls-injection', /^STARTTLS \+ \[/m],
  ])(
    '%s: a %s finding, at most three commands',
    async (bug, kind, culprit) => {
      const { toy, result } = await fuzzToy([bug]);
      expect(result.runs).toBeLessThanOrEqual(BOUNDED.runs ?? 0);
      const [finding] = result.findings;
      expect(finding, `no finding in ${result.runs} runs`).toBeDefined();
      if (!finding) return;
      expect(finding.kind).toBe(kind);
      expect(finding.commands.length).toBeGreaterThan(0);
      expect(finding.commands.length).toBeLessThanOrEqual(3);
      expect(finding.commands.join('\n')).toMatch(culprit);
      expect(finding.path).toMatch(/^\d+(:\d+)*$/);
      expect(finding.transcript?.events.length).toBeGreaterThan(0);
      if (kind === 'crash') expect(toy.crashes).toBeGreaterThan(0);
      // The reproducer replays: it fails on the buggy server and passes once "fixed".
      const group = reproducerGroup(finding);
      expect(await replayVerdicts(group, [bug])).toContain('fail');
      expect(new Set(await replayVerdicts(group, []))).toEqual(new Set(['pass']));
    },
    90_000,
  );
});

describe('a conformant server', () => {
  it('gives no finding and no model warning', async () => {
    // A generous reply timeout: a loaded CI machine must not turn slowness into a "hang".
    const { result } = await fuzzToy([], { runs: 150, maxFindings: 10, replyTimeoutMs: 2000 });
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
    const toy = await startToyServer([], {
      policies: ['turn-away-colon-verbs', 'error-tarpit'],
      tarpitMs: 300,
    });
    onTestFinished(() => toy.stop());
    const result = await runCampaign({
      ...BOUNDED,
      target: toy,
      profile: TOY_PROFILE,
      runs: 120,
      maxFindings: 10,
      concurrency: 2,
      // Shorter than the tarpit's three- and four-line replies take in all.
      replyTimeoutMs: 700,
    });
    expect(result.findings.map((f) => f.message)).toEqual([]);
    expect(result.warnings.some((w) => w.kind === 'policy-close')).toBe(true);
  }, 120_000);

  it('--lenient turns a model disagreement into a warning', async () => {
    const { result } = await fuzzToy(['rcpt-before-mail-accepted'], {
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
    const { result } = await fuzzToy([], {
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
    const { toy } = await fuzzToy([], { runs: undefined, seconds: 1, maxFindings: 10 });
    const atReturn = toy.commands;
    await sleep(500);
    expect(toy.commands - atReturn).toBe(0);
  }, 30_000);

  it('stops by itself when --seconds runs out', async () => {
    const started = Date.now();
    const { result } = await fuzzToy([], { runs: undefined, seconds: 1, maxFindings: 10 });
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
    const toy = await startToyServer(['crash-on-long-local-part']);
    onTestFinished(() => toy.stop());
    const external = { address: () => toy.address(), builtIn: false };
    const result = await runCampaign({ ...BOUNDED, target: external, profile: TOY_PROFILE });
    expect(result.targetLost).toMatch(/stopped accepting/);
    expect(result.findings[0]?.kind).toBe('crash');
    expect(result.findings[0]?.commands.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('determinism', () => {
  it('the same seed gives the same sequences', () => {
    const sample = (seed: number) =>
      fc
        .sample(sessionCommands({ profile: TOY_PROFILE }), { seed, numRuns: 30 })
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
