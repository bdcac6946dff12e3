// Why these tests? `runSuites` and `listScenarios` are the package's public entry points;
// they must select exactly what the CLI selects and report shards so they can be merged.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, runSuites } from './api.ts';

const SUITE = 'rfc5321/4.1.1.1/';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtpspec-api-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('listScenarios', () => {
  it('lists the selection sorted by id, and a shard of it', async () => {
    const all = await listScenarios({ suites: [SUITE] });
    expect(all.length).toBeGreaterThan(2);
    expect(all.every((s) => s.id.startsWith(SUITE))).toBe(true);
    expect(all.map((s) => s.id)).toEqual([...all.map((s) => s.id)].sort());
    const second = await listScenarios({ suites: [SUITE], shard: '2/2' });
    expect(second.map((s) => s.id)).toEqual(all.filter((_, i) => i % 2 === 1).map((s) => s.id));
    const glob = await listScenarios({ cases: [`${SUITE}*`] });
    expect(glob.map((s) => s.id)).toEqual(all.map((s) => s.id));
  });
});

describe('runSuites', () => {
  it('runs a shard against the bundled MTA, with the whole selection as coverage', async () => {
    const lines: string[] = [];
    const out = join(dir, 'shard');
    const whole = await runSuites({ suites: [SUITE] });
    const run = await runSuites({
      suites: [SUITE],
      shard: { index: 1, count: 2 },
      out,
      onProgress: (line) => lines.push(line),
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^no target given: running the bundled reference MTA on 127\.0\.0\.1:\d+, relaying relay\.test to the sink on 127\.0\.0\.1:\d+$/,
      ),
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.report.shard).toEqual({ index: 1, count: 2 });
    expect(run.report.results.length).toBe(Math.ceil(whole.report.results.length / 2));
    expect(run.report.coverage).toEqual(whole.report.coverage);
    expect(whole.report.shard).toBeUndefined();
    for (const file of ['results.json', 'junit.xml', 'report.html']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
  }, 60_000);

  it.each([
    [
      { target: '127.0.0.1:25', container: { image: 'x' } },
      'give a target address or a container, not both',
    ],
    [{ target: 'nowhere' }, "--target 'nowhere': expected HOST:PORT"],
    [{ shard: '3/2' }, '--shard: the shard index must be 1-2, got 3'],
    [{ suites: ['no-such-suite'] }, "no case id starts with 'no-such-suite'"],
  ])('refuses bad options: %j', async (options, message) => {
    await expect(runSuites(options)).rejects.toThrow(message);
  });

  it('runs nothing when its signal is already aborted, and says so', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    const run = await runSuites({
      suites: [SUITE],
      target: '127.0.0.1:9',
      signal: controller.signal,
    });
    expect(run.report.results).toEqual([]);
    expect(run.report.interrupted).toEqual({ reason: 'stop now', selected: expect.any(Number) });
  });

  // Why this test? issue 17: Ctrl-C used to lose the whole run. The cases that finished
  // are reported, the others are absent, and the report says it was interrupted.
  it('reports the finished cases of an interrupted run, and writes them', async () => {
    const file = join(dir, 'slow.json');
    const noop = { kind: 'send', line: 'NOOP', expect: { codes: [250] } };
    const scenario = (slug: string, steps: unknown[]) => ({
      id: `t/1/${slug}`,
      title: slug,
      spec: 'RFC 5321',
      section: '1',
      level: 'MUST',
      requirements: [],
      steps,
    });
    await writeFile(
      file,
      JSON.stringify([
        scenario('a-quick', [noop]),
        scenario('b-slow', [{ kind: 'pause', ms: 60_000 }, noop]),
        scenario('c-never', [noop]),
      ]),
    );
    const controller = new AbortController();
    const out = join(dir, 'interrupted');
    const started = performance.now();
    const run = await runSuites({
      suites: [file],
      concurrency: 1,
      out,
      signal: controller.signal,
      onCaseDone: () => setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 200),
    });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(run.report.results.map((r) => r.id)).toEqual(['t/1/a-quick']);
    expect(run.report.summary.pass).toBe(1);
    expect(run.report.interrupted).toEqual({ reason: 'interrupted by SIGINT', selected: 3 });
    const written = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(written.interrupted).toEqual({ reason: 'interrupted by SIGINT', selected: 3 });
    expect(written.results).toHaveLength(1);
  }, 60_000);

  it('throws TargetUnavailableError for a target that refuses at start, after writing the reports', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const out = join(dir, 'refused');
    const failure = await runSuites({ suites: [SUITE], target: `127.0.0.1:${port}`, out }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({
      name: 'TargetUnavailableError',
      code: 'SMTPSPEC_ERR_CONNECT',
      message: `target unavailable: cannot connect to 127.0.0.1:${port}: ECONNREFUSED; no case was run`,
    });
    const written = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(written.summary.error).toBe(written.results.length);
  });

  it('refuses an out directory that cannot be written before anything starts', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const lines: string[] = [];
    await expect(
      runSuites({ suites: [SUITE], out: join(file, 'reports'), onProgress: (l) => lines.push(l) }),
    ).rejects.toMatchObject({
      code: 'SMTPSPEC_ERR_CONFIG',
      message: expect.stringMatching(
        /^the report directory .*a-file\/reports cannot be written \(ENOTDIR/,
      ),
    });
    expect(lines).toEqual([]);
  });
});
