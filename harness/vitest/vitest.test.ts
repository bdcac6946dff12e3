// Why this test? `smtpspec/vitest` turns verdicts into vitest outcomes, and a wrong mapping
// would hide a failure or fail a conformant server. A child vitest runs a conformance file
// as a user writes one, and its JSON and JUnit reports are checked case by case. The
// bundled MTA is also certified here through the integration itself.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuites } from '../api.ts';
import { smtpConformance } from './index.ts';

// The integration certifying the bundled reference MTA: one test per case of RFC 5321 §4.1.1.
smtpConformance({ name: 'bundled reference MTA via smtpspec/vitest', suites: ['rfc5321/4.1.1'] });

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const VITEST = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const CONFIG = join(repoRoot, 'harness/vitest/testing/vitest.fixture.config.ts');

function scenario(id: string, title: string, level: string, codes: number[], extra = {}) {
  const section = id.split('/')[1];
  const steps = [{ kind: 'send', line: 'NOOP', expect: { codes } }];
  return { id, title, spec: 'RFC 5321', section, level, requirements: [], steps, ...extra };
}

const SUITE = [
  scenario('v/1/pass', 'NOOP passes', 'MUST', [250]),
  scenario('v/1/fail', 'NOOP fails', 'MUST', [500]),
  scenario('v/2/warn', 'NOOP warns', 'SHOULD', [500]),
  scenario('v/2/info', 'NOOP informs', 'MAY', [500]),
  scenario('v/2/skip', 'needs an extension', 'MUST', [250], {
    preconditions: { ehlo: ['NOSUCHEXT'] },
  }),
];

interface Assertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  failureMessages: string[];
}

interface ChildRun {
  code: number | null;
  tests: Map<string, Assertion>;
  junit: string;
  output: string;
}

let dir: string;
let suite: string;

/** Runs the fixture file in a child vitest; resolves with its JSON and JUnit reports. */
function childVitest(env: Record<string, string>, name: string): Promise<ChildRun> {
  const json = join(dir, `${name}.json`);
  const junit = join(dir, `${name}.xml`);
  const args = [VITEST, 'run', '--config', CONFIG, '--reporter=json', '--reporter=junit'];
  args.push(`--outputFile.json=${json}`, `--outputFile.junit=${junit}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env, SMTPSPEC_FIXTURE_SUITE: suite },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < 1_000_000) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child vitest did not finish within 90 s: ${output}`));
    }, 90_000);
    child.on('close', async (code) => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(await readFile(json, 'utf8')) as {
          testResults: { assertionResults: Assertion[] }[];
        };
        const list = report.testResults.flatMap((f) => f.assertionResults);
        const tests = new Map(list.map((t) => [t.title.split(':')[0] ?? '', t]));
        resolvePromise({ code, tests, junit: await readFile(junit, 'utf8'), output });
      } catch (err) {
        reject(new Error(`no report from the child vitest (${String(err)}): ${output}`));
      }
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtpspec-vitest-'));
  suite = join(dir, 'suite.json');
  await writeFile(suite, JSON.stringify(SUITE));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('smtpConformance in a user test file', () => {
  it('maps verdicts: fail fails with the transcript, skip skips, warn/info pass annotated', async () => {
    const run = await childVitest({}, 'plain');
    expect(run.code, run.output).toBe(1);
    const status = Object.fromEntries([...run.tests].map(([id, t]) => [id, t.status]));
    expect(status).toEqual({
      'v/1/pass': 'passed',
      'v/1/fail': 'failed',
      'v/2/warn': 'passed',
      'v/2/info': 'passed',
      'v/2/skip': 'skipped',
    });
    const fail = run.tests.get('v/1/fail');
    expect(fail?.ancestorTitles).toEqual(['fixture MTA', 'RFC 5321 §1']);
    expect(fail?.title).toBe('v/1/fail: NOOP fails');
    const message = fail?.failureMessages.join('\n') ?? '';
    expect(message).toContain('fail [MUST]: reply to NOOP: expected 500, got 250');
    expect(message).toMatch(/# v\/1\/fail {2}target 127\.0\.0\.1:\d+ /);
    expect(message).toContain('C: NOOP\\r\\n');
    expect(run.tests.get('v/2/warn')?.ancestorTitles).toEqual(['fixture MTA', 'RFC 5321 §2']);
    expect(run.junit).toMatch(
      /<property name="warn" value="reply to NOOP: expected 500, got 250[^"]*">/,
    );
    expect(run.junit).toMatch(
      /<property name="info" value="reply to NOOP: expected 500, got 250[^"]*">/,
    );
  }, 120_000);

  it('with a baseline, a known failure passes with a known: annotation', async () => {
    const baseline = join(dir, 'baseline');
    await runSuites({ suites: [suite], out: baseline, reporters: ['json'] });
    const run = await childVitest(
      { SMTPSPEC_FIXTURE_BASELINE: join(baseline, 'results.json') },
      'known',
    );
    expect(run.code, run.output).toBe(0);
    expect(run.tests.get('v/1/fail')?.status).toBe('passed');
    expect(run.junit).toMatch(/<property name="fail" value="known: reply to NOOP: expected 500/);
  }, 120_000);

  it('when the target is unreachable every case fails as an error, the skip included', async () => {
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', () => ok()));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((ok) => probe.close(() => ok()));
    const run = await childVitest({ SMTPSPEC_FIXTURE_TARGET: `127.0.0.1:${port}` }, 'dead');
    expect(run.code).toBe(1);
    expect([...run.tests.values()].map((t) => t.status)).toEqual(Array(5).fill('failed'));
    // No case is run against a target that refuses at the start (issue 17): every test
    // reports the one reason.
    expect(run.tests.get('v/1/pass')?.failureMessages.join('')).toContain(
      `target unavailable: cannot connect to 127.0.0.1:${port}: ECONNREFUSED; no case was run`,
    );
  }, 120_000);
});
