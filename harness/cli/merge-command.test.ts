// Why these tests? Sharding, merging and baselines are what a CI pipeline scripts against:
// their exit statuses and files are checked on real child processes, end to end, against
// the bundled reference MTA with a small suite whose verdicts are known in advance.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonReport } from '../../reports/json.ts';
import type { RunReport } from '../scenario/results.ts';
import { runCli } from './testing/spawn-cli.ts';

let dir: string;
let suite: string;

/** NOOP gets 250 from the reference MTA: expecting 500 makes a MUST case fail. */
function scenario(slug: string, codes: number[], level = 'MUST') {
  return {
    id: `t/1/${slug}`,
    title: `NOOP ${slug}`,
    spec: 'RFC 5321',
    section: '1',
    level,
    requirements: [],
    steps: [{ kind: 'send', line: 'NOOP', expect: { codes } }],
  };
}

const SCENARIOS = [
  scenario('a', [250]),
  scenario('b', [250]),
  scenario('c', [500]),
  scenario('d', [250]),
  scenario('e', [500], 'SHOULD'),
  scenario('f', [250]),
  scenario('g', [250]),
];

async function results(out: string): Promise<RunReport> {
  return readJsonReport(await readFile(join(out, 'results.json'), 'utf8'));
}

function run(out: string, ...extra: string[]) {
  return runCli(['run', '--suite', suite, '--out', out, '--reporter', 'json', ...extra]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtpspec-merge-'));
  suite = join(dir, 'suite.json');
  await writeFile(suite, JSON.stringify(SCENARIOS));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--shard and smtpspec merge', () => {
  it('shards partition the run, and merging them equals the unsharded run', async () => {
    const whole = await run(join(dir, 'whole'));
    expect(whole.code).toBe(1);
    const shards = await Promise.all(
      [1, 2, 3].map((i) => run(join(dir, `shard-${i}`), '--shard', `${i}/3`)),
    );
    expect(shards.map((s) => s.code)).toEqual([0, 0, 1]);
    const first = await results(join(dir, 'shard-1'));
    expect(first.shard).toEqual({ index: 1, count: 3 });
    expect(first.results.map((r) => r.id)).toEqual(['t/1/a', 't/1/d', 't/1/g']);

    const out = join(dir, 'merged');
    const merged = await runCli([
      'merge',
      join(dir, 'shard-3'),
      join(dir, 'shard-1'),
      join(dir, 'shard-2', 'results.json'),
      '--out',
      out,
    ]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain('7 cases: 5 pass, 1 fail, 1 warn, 0 info, 0 skip, 0 error');
    expect(merged.stdout).toContain(`merged 3 reports into ${out}`);
    const report = await results(out);
    const expected = await results(join(dir, 'whole'));
    const verdicts = (r: RunReport) => r.results.map((c) => [c.id, c.verdict]);
    expect(verdicts(report)).toEqual(verdicts(expected));
    expect(report.summary).toEqual(expected.summary);
    expect(report.shard).toBeUndefined();
    for (const file of [
      'junit.xml',
      'report.html',
      'transcripts/t/1/e.txt',
      'transcripts/t/1/e.json',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const transcript = await readFile(join(out, 'transcripts/t/1/c.txt'), 'utf8');
    expect(transcript).toBe(await readFile(join(dir, 'shard-3', 'transcripts/t/1/c.txt'), 'utf8'));
  }, 60_000);

  it.each([
    [
      ['merge'],
      'smtpspec: give the report directories (or results.json files) (see smtpspec merge',
    ],
    [['merge', 'SHARD1', 'SHARD1'], 'is shard 1/3, and so is'],
    [['merge', 'SHARD1', 'SHARD2'], 'shard 3/3 is missing from the inputs'],
    [['merge', 'SHARD1', 'SHARD2', 'SHARD3', '--out', 'SHARD2'], 'is one of the inputs'],
    [['merge', 'NOWHERE'], 'no such file or directory'],
    [['merge', 'DIR'], 'has no results.json'],
  ])('exits 2 with one line: %j', async (args, message) => {
    const real = args.map((a) =>
      a
        .replace(/^SHARD(\d)$/, (_, i: string) => join(dir, `shard-${i}`))
        .replace('NOWHERE', join(dir, 'nowhere'))
        .replace(/^DIR$/, dir),
    );
    const ran = await runCli(real);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a shard whose transcript is gone', async () => {
    const copy = join(dir, 'damaged');
    const report = await run(copy, '--shard', '1/1');
    expect(report.code).toBe(1);
    await rm(join(copy, 'transcripts/t/1/b.txt'));
    const ran = await runCli(['merge', copy, '--out', join(dir, 'damaged-out')]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(`smtpspec: ${copy}: transcripts/t/1/b.txt is missing (case t/1/b)\n`);
  });
});

describe('--baseline', () => {
  it('passes with only known failures, and fails on a new one', async () => {
    const baseline = join(dir, 'whole', 'results.json');
    const known = await run(
      join(dir, 'known'),
      '--baseline',
      baseline,
      '--reporter',
      'console,json',
    );
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('known: reply to NOOP: expected 500, got 250');
    expect(known.stdout).toContain(`baseline ${baseline}: 2 known, 0 new, 0 fixed`);
    const report = await results(join(dir, 'known'));
    expect(report.summary.fail).toBe(1);
    expect(report.baseline).toEqual({ file: baseline, known: 2, new: 0, fixed: 0 });

    // A baseline from the first shard knows nothing of t/1/c: that failure is new.
    const partial = join(dir, 'shard-1', 'results.json');
    const fresh = await run(join(dir, 'fresh'), '--baseline', partial);
    expect(fresh.code).toBe(1);
    expect((await results(join(dir, 'fresh'))).baseline).toMatchObject({ known: 0, new: 2 });
    // With --strict the known warn still does not fail the run.
    const strict = await run(join(dir, 'strict'), '--baseline', baseline, '--strict');
    expect(strict.code).toBe(0);
  }, 60_000);

  it('reports a case that passes now but failed in the baseline as fixed', async () => {
    const fixedSuite = join(dir, 'fixed-suite.json');
    await writeFile(
      fixedSuite,
      JSON.stringify(
        SCENARIOS.map((s) => ({ ...s, steps: [{ ...s.steps[0], expect: { codes: [250] } }] })),
      ),
    );
    const out = join(dir, 'fixed');
    const ran = await runCli([
      'run',
      '--suite',
      fixedSuite,
      '--out',
      out,
      '--reporter',
      'json',
      '--baseline',
      join(dir, 'whole', 'results.json'),
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('note: fixed: t/1/c (fail in the baseline, pass now)');
    expect(ran.stderr).toContain('note: fixed: t/1/e (warn in the baseline, pass now)');
    expect((await results(out)).baseline).toMatchObject({ known: 0, new: 0, fixed: 2 });
  }, 30_000);

  it('exits 2 before running when the baseline cannot be read', async () => {
    const ran = await run(join(dir, 'never'), '--baseline', join(dir, 'missing.json'));
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /^smtpspec: --baseline .*missing\.json: cannot read the baseline: ENOENT/,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
