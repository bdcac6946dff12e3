import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestMta, type TestMta } from '../../fixtures/test-mta/test-mta.ts';
import type { Scenario } from '../scenario/types.ts';
import { isQuiet, runSuite } from './run.ts';

let server: TestMta | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** `count` small cases with different pauses, so they finish out of order under concurrency. */
function noopCases(count: number): Scenario[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `test/1/noop-${String(i).padStart(2, '0')}`,
    title: `NOOP ${i}`,
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST' as const,
    requirements: ['R-1'],
    steps: [
      { kind: 'pause' as const, ms: ((i * 7) % 5) * 10 },
      { kind: 'send' as const, line: 'NOOP', expect: { codes: [i === 3 ? 500 : 250] } },
    ],
  }));
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Cases that wait `ms` for silence after a NOOP: all their time is waiting. */
function silentCases(count: number, ms: number): Scenario[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `test/1/silent-${String(i).padStart(2, '0')}`,
    title: `silence ${i}`,
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST' as const,
    requirements: ['R-1'],
    steps: [
      { kind: 'send' as const, line: 'NOOP', expect: { codes: [250] } },
      { kind: 'expectNoReply' as const, ms },
    ],
  }));
}

describe('isQuiet', () => {
  it('tells cases that mostly wait from the others', () => {
    const [silent] = silentCases(1, 100);
    const plain = { ...(silent as Scenario), steps: [{ kind: 'send' as const, line: 'NOOP' }] };
    const split = {
      ...plain,
      steps: [{ kind: 'sendRaw' as const, parts: ['NO', 'OP\r\n'], pauseMs: 50, note: 'x' }],
    };
    expect(isQuiet(silent as Scenario)).toBe(true);
    expect(isQuiet(split)).toBe(true);
    expect(isQuiet(plain)).toBe(false);
    expect(isQuiet({ ...plain, slow: true })).toBe(true);
  });
});

describe('runSuite', () => {
  // Why this test? Silence waits must not hold up a run: the quiet cases wait side by side
  // in their own pool, so 12 waits of 400 ms at --concurrency 2 take well under the 2.4 s
  // one pool of 2 would need, and the results still come in input order.
  it('runs cases that wait for silence in a wider pool beside the others', async () => {
    server = await startTestMta();
    const scenarios = [...noopCases(4), ...silentCases(12, 400)].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const out = await runSuite({
      target: server.address(),
      builtIn: true,
      scenarios,
      concurrency: 2,
    });
    expect(out.report.results.map((r) => r.id)).toEqual(scenarios.map((s) => s.id));
    expect(out.report.summary).toMatchObject({ pass: 15, fail: 1 });
    expect(out.report.durationMs).toBeLessThan(2400);
  });

  it('reports results sorted by id whatever the concurrency', async () => {
    server = await startTestMta();
    const scenarios = noopCases(12);
    const base = { target: server.address(), builtIn: true, scenarios, stepTimeoutMs: 2000 };
    const serial = await runSuite({ ...base, concurrency: 1 });
    const parallel = await runSuite({ ...base, concurrency: 6 });
    const view = (r: typeof serial) => r.report.results.map((c) => `${c.id} ${c.verdict}`);
    expect(view(parallel)).toEqual(view(serial));
    expect(view(serial)[3]).toBe('test/1/noop-03 fail');
    expect(serial.report.summary).toMatchObject({ pass: 11, fail: 1 });
    expect([...parallel.transcripts.keys()]).toEqual(scenarios.map((s) => s.id));
  });

  it('fills the report header from the capability probe', async () => {
    server = await startTestMta();
    const out = await runSuite({
      target: server.address(),
      builtIn: true,
      scenarios: noopCases(1),
    });
    expect(out.report.target.address).toBe(`127.0.0.1:${server.address().port}`);
    expect(out.report.target.greeting).toMatch(/^220 mx\.smtpspec\.test /);
    expect(out.report.target.ehlo).toContain('PIPELINING');
    expect(out.report.tool).toEqual({ name: 'smtpspec', version: expect.any(String) });
  });

  it('runs over IPv6 loopback and reports the address in brackets', async () => {
    server = await startTestMta({ host: '::1' });
    const out = await runSuite({
      target: server.address(),
      builtIn: true,
      scenarios: noopCases(1),
    });
    expect(out.report.target.address).toBe(`[::1]:${server.address().port}`);
    expect(out.report.results[0]?.verdict).toBe('pass');
  });

  it('marks every case error when the target refuses connections, and still reports', async () => {
    const port = await closedPort();
    const out = await runSuite({
      target: { host: '127.0.0.1', port },
      builtIn: false,
      scenarios: noopCases(5),
    });
    expect(out.report.summary.error).toBe(5);
    expect(out.report.results[0]?.message).toMatch(/^target unavailable: cannot connect/);
    expect(out.notes[0]).toMatch(/^target unavailable/);
    expect(out.transcripts.size).toBe(5);
  });

  it('stops trying, and says since when, once the target dies mid-run', async () => {
    server = await startTestMta();
    const running = server;
    let stopped = false;
    const out = await runSuite({
      target: running.address(),
      builtIn: true,
      scenarios: noopCases(10),
      concurrency: 1,
      onCaseDone: (_result, done) => {
        if (done === 2 && !stopped) {
          stopped = true;
          void running.stop();
        }
      },
    });
    const verdicts = out.report.results.map((r) => r.verdict);
    expect(verdicts.slice(0, 2)).toEqual(['pass', 'pass']);
    expect(verdicts.slice(2)).toEqual(Array(8).fill('error'));
    // The probe and two cases connected; the third case cannot, the liveness check finds
    // the target gone, and the remaining cases are not tried at all. No case is blamed: the
    // target went down after a case that ended normally.
    expect(out.report.results[2]?.message).toContain('ECONNREFUSED');
    expect(out.report.results[9]?.message).toMatch(/^target down since test\/1\/noop-01: /);
    expect(out.report.targetDown?.since).toBe('test/1/noop-01');
    expect(running.connections).toBe(3);
  });

  it('skips slow cases unless asked, and adds coverage from the register', async () => {
    server = await startTestMta();
    const [first] = noopCases(1);
    const slowCase = { ...(first as Scenario), slow: true };
    const register = [
      {
        id: 'R-1',
        spec: 'RFC 5321',
        section: '1',
        level: 'MUST' as const,
        text: 'quoted',
        binds: 'server' as const,
        testable: 'wire' as const,
      },
    ];
    const base = { target: server.address(), builtIn: true, scenarios: [slowCase], register };
    const skipped = await runSuite(base);
    expect(skipped.report.results[0]).toMatchObject({
      verdict: 'skip',
      message: 'slow case: run with --slow to include it',
      requirementText: ['quoted'],
    });
    expect(skipped.report.coverage?.totals).toEqual({
      statements: 1,
      covered: 1,
      uncovered: 0,
      untestable: 0,
      delivery: 0,
      receiver: 0,
      weak: 0,
    });
    const ran = await runSuite({ ...base, slow: true });
    expect(ran.report.results[0]?.verdict).toBe('pass');
    expect(ran.report.options).toEqual({ strict: false, slow: true });
  });
});
