// Why these tests? issue 17: piped (in CI) `run` printed nothing until the end and a fuzz
// campaign nothing at all. Without a terminal both now write a plain line every few
// seconds; on a terminal the live output stays as it was.
import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestMta } from '../../fixtures/test-mta/test-mta.ts';
import type { CaseResult } from '../scenario/results.ts';
import { fuzzMain } from './fuzz-command.ts';
import { plainProgressLine, startRunProgress } from './run-progress.ts';
import { captureIo } from './testing/capture-io.ts';

const result = (id: string, verdict: CaseResult['verdict']) =>
  ({ id, title: id, verdict }) as CaseResult;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('run progress', () => {
  it('without a terminal: a plain line with cases done and verdict counts, when they change', async () => {
    const io = captureIo({ stderrIsTty: false, progressIntervalMs: 20 });
    const progress = startRunProgress(io);
    onTestFinished(() => progress.stop());
    progress.onCaseDone(result('a', 'pass'), 1, 3);
    progress.onCaseDone(result('b', 'fail'), 2, 3);
    await wait(120);
    const lines = io.err.trim().split('\n');
    // Nothing changed after the first line: it is not repeated every tick.
    expect(lines).toEqual([
      'smtpspec: 2/3 cases done: 1 pass, 1 fail, 0 warn, 0 info, 0 skip, 0 error',
    ]);
    progress.onCaseDone(result('c', 'skip'), 3, 3);
    await wait(120);
    expect(io.err.trim().split('\n').at(-1)).toBe(
      plainProgressLine(3, 3, { pass: 1, fail: 1, warn: 0, info: 0, skip: 1, error: 0 }),
    );
  });

  it('on a terminal: a line per finished case', () => {
    const io = captureIo({ stderrIsTty: true, progressIntervalMs: 20 });
    const progress = startRunProgress(io);
    progress.onCaseDone(result('rfc5321/1/a', 'pass'), 1, 12);
    progress.stop();
    expect(io.err).toMatch(/^\[ 1\/12\] \S+ rfc5321\/1\/a {2}rfc5321\/1\/a\n$/);
  });
});

describe('fuzz progress without a terminal', () => {
  it('writes runs, runs/s, failures, triples and distinct replies every interval', async () => {
    const server = await startTestMta({ keepMessages: false });
    onTestFinished(() => server.stop());
    const { host, port } = server.address();
    const io = captureIo({ stderrIsTty: false, progressIntervalMs: 100 });
    const args = ['--target', `${host}:${port}`, '--seconds', '2', '--seed', '5', '--out'];
    const code = await fuzzMain([...args, await tempOut()], io);
    expect(code).toBe(0);
    const lines = io.err.split('\n').filter((l) => l.startsWith('smtpspec: fuzz: runs '));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.at(-1)).toMatch(
      /^smtpspec: fuzz: runs \d+ {2}\d+\.\d runs\/s {2}failures 0 {2}triples \d+ {2}distinct replies \d+$/,
    );
    expect(io.err).not.toContain('\r');
  }, 30_000);
});

async function tempOut(): Promise<string> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-progress-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
