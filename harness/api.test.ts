// Why these tests? `runSuites` and `listScenarios` are the package's public entry points;
// they must select exactly what the CLI selects and report shards so they can be merged.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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

  it('stops at once when its signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(
      runSuites({ suites: [SUITE], target: '127.0.0.1:9', signal: controller.signal }),
    ).rejects.toThrow('stop now');
  });
});
