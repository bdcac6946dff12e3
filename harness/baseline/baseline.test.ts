// Why these tests? The baseline decides whether CI goes red. A known deviation must not
// fail the run, anything worse or new must, and no verdict or count may be rewritten.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonReport, renderJson } from '../../reports/json.ts';
import type { CaseResult, RunReport } from '../scenario/results.ts';
import { summarise } from '../scenario/results.ts';
import type { Verdict } from '../scenario/types.ts';
import { applyBaseline, baselineMark, loadBaseline, runExitCode } from './baseline.ts';

function result(id: string, verdict: Verdict): CaseResult {
  return {
    id,
    title: id,
    spec: 'RFC 5321',
    section: '4.1',
    level: 'MUST',
    verdict,
    message: `${verdict} here`,
    durationMs: 1,
    transcript: `transcripts/${id}.txt`,
    requirements: [],
    requirementText: [],
  };
}

function report(pairs: [string, Verdict][]): RunReport {
  const results = pairs.map(([id, v]) => result(id, v));
  return {
    tool: { name: 'smtpspec', version: '0.1.0' },
    target: { address: '127.0.0.1:25', greeting: '220 x', ehlo: [] },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 10,
    summary: summarise(results),
    results,
  };
}

describe('baselineMark', () => {
  it.each([
    ['fail', 'fail', 'known'],
    ['warn', 'fail', 'known'],
    ['fail', 'error', 'known'],
    ['warn', 'warn', 'known'],
    ['fail', 'warn', 'new'],
    ['error', 'fail', 'new'],
    ['fail', undefined, 'new'],
    ['warn', 'pass', 'new'],
    ['pass', 'fail', 'fixed'],
    ['info', 'warn', 'fixed'],
    ['skip', 'fail', undefined],
    ['pass', 'pass', undefined],
    ['pass', undefined, undefined],
  ] as const)('%s now, %s in the baseline: %s', (now, before, mark) => {
    expect(baselineMark(now, before)).toBe(mark);
  });
});

describe('applyBaseline', () => {
  const baseline = report([
    ['a/known-fail', 'fail'],
    ['a/known-warn', 'warn'],
    ['a/fixed', 'fail'],
    ['a/got-worse', 'warn'],
    ['a/other-shard', 'fail'],
  ]);

  it('marks known, new and fixed; prefixes known messages; keeps verdicts and summary', () => {
    const now = report([
      ['a/fixed', 'pass'],
      ['a/got-worse', 'fail'],
      ['a/known-fail', 'fail'],
      ['a/known-warn', 'warn'],
      ['a/new-error', 'error'],
      ['a/plain', 'pass'],
    ]);
    const { report: marked, notes } = applyBaseline(now, baseline, 'base.json');
    const byId = new Map(marked.results.map((r) => [r.id, r]));
    expect(byId.get('a/known-fail')).toMatchObject({
      verdict: 'fail',
      baseline: 'known',
      message: 'known: fail here',
    });
    expect(byId.get('a/known-warn')).toMatchObject({
      baseline: 'known',
      message: 'known: warn here',
    });
    expect(byId.get('a/got-worse')).toMatchObject({
      verdict: 'fail',
      baseline: 'new',
      message: 'fail here',
    });
    expect(byId.get('a/new-error')).toMatchObject({ baseline: 'new' });
    expect(byId.get('a/fixed')).toMatchObject({
      verdict: 'pass',
      baseline: 'fixed',
      message: 'pass here',
    });
    expect(byId.get('a/plain')?.baseline).toBeUndefined();
    expect(marked.summary).toEqual(now.summary);
    expect(marked.baseline).toEqual({ file: 'base.json', known: 2, new: 2, fixed: 1 });
    expect(notes).toEqual(['fixed: a/fixed (fail in the baseline, pass now)']);
    // The marks survive results.json, so merge and later tools see them.
    expect(readJsonReport(renderJson(marked))).toEqual(marked);
  });

  it('decides the exit status: only new problems fail the run', () => {
    const known = applyBaseline(
      report([
        ['a/known-fail', 'fail'],
        ['a/known-warn', 'warn'],
      ]),
      baseline,
      'b',
    );
    expect(runExitCode(known.report, false)).toBe(0);
    expect(runExitCode(known.report, true)).toBe(0);
    const worse = applyBaseline(report([['a/got-worse', 'fail']]), baseline, 'b');
    expect(runExitCode(worse.report, false)).toBe(1);
    const newWarn = applyBaseline(report([['a/new', 'warn']]), baseline, 'b');
    expect(runExitCode(newWarn.report, false)).toBe(0);
    expect(runExitCode(newWarn.report, true)).toBe(1);
    // Without a baseline every fail counts.
    expect(runExitCode(report([['a/known-fail', 'fail']]), false)).toBe(1);
  });

  it('does not stack the prefix when a baseline is applied twice', () => {
    const once = applyBaseline(report([['a/known-fail', 'fail']]), baseline, 'b').report;
    const twice = applyBaseline(once, baseline, 'b').report;
    expect(twice.results[0]?.message).toBe('known: fail here');
  });
});

describe('loadBaseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtpspec-baseline-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a results.json', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, renderJson(report([['a/x', 'fail']])));
    expect((await loadBaseline(file)).results[0]?.id).toBe('a/x');
  });

  it.each([
    ['missing.json', undefined, /^--baseline .*missing\.json: cannot read the baseline: ENOENT/],
    ['bad.json', '{"tool":', /bad\.json: results\.json is not valid JSON/],
    ['wrong.json', '{"tool":{"name":"other"}}', /wrong\.json: tool\.name: expected "smtpspec"/],
  ])('names the file and the problem for %s', async (name, content, message) => {
    const file = join(dir, name);
    if (content !== undefined) await writeFile(file, content);
    await expect(loadBaseline(file)).rejects.toThrow(message);
  });
});
