import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DefectName } from '../../fixtures/test-mta/defects/index.ts';
import { startTestMta } from '../../fixtures/test-mta/test-mta.ts';
import { readJsonReport } from '../../reports/json.ts';
import { loadSuiteFile } from '../scenario/user-suite.ts';
import { fuzzMain, readFuzzArgs, replayMain } from './fuzz-command.ts';
import { captureIo } from './testing/capture-io.ts';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-fuzz-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `host:port` of a test MTA with `defects`, stopped when the test finishes. */
async function testMta(defects: DefectName[]): Promise<string> {
  const server = await startTestMta({ defects, keepMessages: false });
  onTestFinished(() => server.stop());
  const { host, port } = server.address();
  return `${host}:${port}`;
}

describe('readFuzzArgs', () => {
  it('defaults to 30 seconds, one worker, a 2 s reply timeout and a random seed', () => {
    const args = readFuzzArgs([]);
    expect(args).toMatchObject({
      seconds: 30,
      runs: undefined,
      concurrency: 1,
      timeoutMs: 2000,
      lenient: false,
    });
    expect(args.seed).toBeGreaterThanOrEqual(0);
    expect(args.seed).toBeLessThan(2 ** 32);
  });

  it('reads every option', () => {
    const args = readFuzzArgs([
      '--target',
      '[::1]:2525',
      '--runs',
      '10',
      '--seed',
      '7',
      '--concurrency',
      '3',
      '--out',
      'x',
      '--lenient',
    ]);
    expect(args).toMatchObject({
      target: { host: '::1', port: 2525 },
      runs: 10,
      seconds: undefined,
      seed: 7,
      concurrency: 3,
      out: 'x',
      lenient: true,
      feedback: true,
      restartCmd: undefined,
      container: undefined,
    });
  });

  it('reads the restart command, the account and --no-feedback', () => {
    const args = readFuzzArgs([
      '--target',
      '127.0.0.1:2525',
      '--restart-cmd',
      'systemctl restart my-mta',
      '--auth-user',
      'a@b.test',
      '--auth-pass',
      'pw',
      '--no-feedback',
    ]);
    expect(args).toMatchObject({
      restartCmd: 'systemctl restart my-mta',
      feedback: false,
      profile: { authUser: 'a@b.test', authPass: 'pw' },
    });
    expect(readFuzzArgs(['--container', 'my-mta:ci', '--port', '2525']).container).toMatchObject({
      image: 'my-mta:ci',
      port: 2525,
    });
  });

  it.each([
    [['--seconds', '5', '--runs', '5'], /--seconds or --runs/],
    [['--seed', '-1'], /--seed/],
    [['--seed', String(2 ** 32)], /--seed/],
    [['--concurrency', '0'], /--concurrency/],
    [['--bogus'], /bogus/],
    [['--target', 'nohostport'], /HOST:PORT/],
    [['--rcpt', 'not a mailbox'], /--rcpt/],
    [['--restart-cmd', 'true'], /--restart-cmd goes with --target/],
    [['--target', '127.0.0.1:25', '--restart-cmd', ' '], /--restart-cmd/],
    [['--target', '127.0.0.1:25', '--container', 'x:1'], /exclude each other/],
    [['--auth-user', 'a'], /--auth-user and --auth-pass go together/],
  ])('rejects %j with a one-line reason', (argv, reason) => {
    expect(() => readFuzzArgs(argv)).toThrow(reason);
  });
});

describe('fuzzMain', () => {
  it('exits 2 with one line on bad usage', async () => {
    const io = captureIo();
    expect(await fuzzMain(['--runs', 'many'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/--runs/);
  });

  it('exits 1 and writes results, transcripts and a replayable reproducer when it finds something', async () => {
    const out = await tempDir();
    const target = await testMta(['rfc5321-drop-on-double-space-after-colon']);
    const io = captureIo();
    const code = await fuzzMain(
      ['--target', target, '--runs', '300', '--seed', '11', '--timeout-ms', '500', '--out', out],
      io,
    );
    expect(code).toBe(1);
    expect(io.out).toMatch(/FAIL drop:/);
    // What to replay, against which target, and how many lines it takes.
    expect(io.out).toMatch(new RegExp(`replay: smtpspec replay \\S+\\.json --target ${target}\\n`));
    expect(io.out).toMatch(/\d+ SMTP lines?: /);
    expect(io.out).toMatch(/signature: drop /);
    const text = await readFile(join(out, 'results.json'), 'utf8');
    const report = readJsonReport(text);
    expect(report.summary.fail).toBeGreaterThan(0);
    const json = JSON.parse(text) as {
      findings: {
        seed: number;
        counterexamplePath: string;
        commands: string[];
        smtpLines: number;
        signature: string;
        shrunk: boolean;
        replay: string;
        reproducer: string;
        transcript: string;
      }[];
      fuzz: { seed: number; coverage: { triples: number; list: string[] } };
    };
    expect(json.fuzz.seed).toBe(11);
    expect(json.fuzz.coverage.triples).toBe(json.fuzz.coverage.list.length);
    expect(json.fuzz.coverage.triples).toBeGreaterThan(5);
    const [first] = json.findings;
    expect(first?.commands.length).toBeGreaterThan(0);
    expect(first?.smtpLines).toBeGreaterThan(0);
    expect(first).toMatchObject({ shrunk: true, signature: expect.stringMatching(/^drop /) });
    expect(first?.replay).toMatch(new RegExp(`--target ${target}$`));
    // The transcript's replay hint names the target too.
    expect(await readFile(join(out, first?.transcript ?? ''), 'utf8')).toMatch(
      new RegExp(`# replay: smtpspec replay .* --target ${target}\\n`),
    );
    expect(first?.counterexamplePath).toMatch(/^\d+(:\d+)*$/);
    const reproducer = join(out, first?.reproducer ?? '');
    const group = await loadSuiteFile(reproducer);
    expect(group.scenarios[0]?.id).toMatch(/^fuzz\/\d+\/drop-/);
    expect((await stat(join(out, first?.transcript ?? ''))).size).toBeGreaterThan(0);
    // Replay: the reproducer fails on the buggy server, passes on a fixed one.
    expect(
      await replayMain([reproducer, '--target', target, '--timeout-ms', '500'], captureIo()),
    ).toBe(1);
    expect(
      await replayMain(
        [reproducer, '--target', await testMta([]), '--timeout-ms', '500'],
        captureIo(),
      ),
    ).toBe(0);
  }, 90_000);

  it('exits 0 and reports a passing campaign on a clean server', async () => {
    const out = await tempDir();
    const io = captureIo();
    const code = await fuzzMain(
      ['--target', await testMta([]), '--runs', '60', '--seed', '3', '--out', out],
      io,
    );
    expect(code).toBe(0);
    const text = await readFile(join(out, 'results.json'), 'utf8');
    const report = readJsonReport(text);
    expect(report.results[0]).toMatchObject({ id: 'fuzz/3/campaign', verdict: 'pass' });
    expect(io.out).toMatch(/60 runs in/);
    // What the campaign reached, per verb and code, with how often.
    const { replies } = (JSON.parse(text) as { fuzz: { replies: Record<string, number> } }).fuzz;
    expect(Object.keys(replies)).toContain('EHLO 250');
    expect(Object.values(replies).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  }, 60_000);
});

describe('replayMain', () => {
  it.each([
    [[], /one FILE/],
    [['a.json', 'b.json'], /one FILE/],
    [['/nonexistent/x.json', '--target', '127.0.0.1:1'], /cannot read/],
  ])('exits 2 for %j', async (argv, reason) => {
    const io = captureIo();
    expect(await replayMain(argv, io)).toBe(2);
    expect(io.err).toMatch(reason);
  });
});
