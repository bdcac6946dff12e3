// Why these tests? A merged report must be indistinguishable from one unsharded run: the
// summary recomputed, cases in id order, coverage and baseline counts recombined, and any
// inconsistency (a case twice, a shard missing) refused rather than silently merged.
import { describe, expect, it } from 'vitest';
import { readJsonReport, renderJson } from '../../reports/json.ts';
import type { CaseResult, RunReport } from '../scenario/results.ts';
import { summarise } from '../scenario/results.ts';
import type { Verdict } from '../scenario/types.ts';
import { mergeReports } from './merge.ts';

function result(id: string, verdict: Verdict, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    title: `title of ${id}`,
    spec: 'RFC 5321',
    section: id.split('/')[1] ?? '',
    level: 'MUST',
    verdict,
    message: `${verdict} message`,
    durationMs: 5,
    transcript: `transcripts/${id}.txt`,
    requirements: [],
    requirementText: [],
    ...extra,
  };
}

function report(results: CaseResult[], extra: Partial<RunReport> = {}): RunReport {
  return {
    tool: { name: 'smtpspec', version: '1.2.3' },
    target: { address: '127.0.0.1:2525', greeting: '220 mx ESMTP', ehlo: ['PIPELINING'] },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    summary: summarise(results),
    results,
    options: { strict: false, slow: false },
    ...extra,
  };
}

const coverage = (covered: string[], uncovered: string[], delivery: string[] = []) => ({
  sections: [
    {
      spec: 'RFC 5321',
      section: '4.1',
      covered,
      uncovered,
      untestable: ['R-x'],
      delivery,
      receiver: [],
      weak: uncovered.filter((id) => id === 'R-c'),
    },
  ],
  totals: {
    statements: 5,
    covered: covered.length,
    uncovered: uncovered.length,
    untestable: 1,
    delivery: delivery.length,
    receiver: 0,
    weak: uncovered.includes('R-c') ? 1 : 0,
  },
});

describe('mergeReports', () => {
  it('recombines shards: results in id order, summary recomputed, time span, logs joined', () => {
    const one = report([result('rfc5321/4.1/b', 'pass'), result('rfc5321/4.1/d', 'fail')], {
      shard: { index: 1, count: 2 },
      target: {
        address: '127.0.0.1:1',
        greeting: '220 a',
        ehlo: [],
        image: 'mta:1',
        containerLog: 'log one',
      },
    });
    const two = report([result('rfc5321/4.1/a', 'warn'), result('rfc5321/4.1/c', 'error')], {
      shard: { index: 2, count: 2 },
      startedAt: '2026-01-01T00:00:00.500Z',
      durationMs: 2000,
      target: {
        address: '127.0.0.1:2',
        greeting: '220 b',
        ehlo: [],
        image: 'mta:1',
        containerLog: 'log two',
      },
    });
    const merged = mergeReports([
      { source: 'shard-2', report: two },
      { source: 'shard-1', report: one },
    ]);
    expect(merged.results.map((r) => r.id)).toEqual([
      'rfc5321/4.1/a',
      'rfc5321/4.1/b',
      'rfc5321/4.1/c',
      'rfc5321/4.1/d',
    ]);
    expect(merged.summary).toEqual({ pass: 1, fail: 1, warn: 1, info: 0, skip: 0, error: 1 });
    expect(merged.shard).toBeUndefined();
    expect(merged.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(merged.durationMs).toBe(2500);
    // Shard 1's target comes first; both logs are kept, labelled.
    expect(merged.target.address).toBe('127.0.0.1:1');
    expect(merged.target.image).toBe('mta:1');
    expect(merged.target.containerLog).toBe(
      '== shard 1/2 (shard-1) ==\nlog one\n== shard 2/2 (shard-2) ==\nlog two',
    );
    // And the result is a valid results.json.
    expect(readJsonReport(renderJson(merged))).toEqual(merged);
  });

  it('takes the union of coverage: covered anywhere is covered', () => {
    const one = report([result('x/1/a', 'pass')], {
      coverage: coverage(['R-a'], ['R-b', 'R-c'], ['R-d']),
    });
    const two = report([result('x/1/b', 'pass')], {
      coverage: coverage(['R-b', 'R-d'], ['R-a', 'R-c']),
    });
    const merged = mergeReports([
      { source: 'a', report: one },
      { source: 'b', report: two },
    ]);
    expect(merged.coverage?.sections).toEqual([
      {
        spec: 'RFC 5321',
        section: '4.1',
        covered: ['R-a', 'R-b', 'R-d'],
        uncovered: ['R-c'],
        untestable: ['R-x'],
        delivery: [],
        receiver: [],
        weak: ['R-c'],
      },
    ]);
    expect(merged.coverage?.totals).toEqual({
      statements: 5,
      covered: 3,
      uncovered: 1,
      untestable: 1,
      delivery: 0,
      receiver: 0,
      weak: 1,
    });
  });

  it('recounts the baseline marks of the merged cases', () => {
    const b = { file: 'base.json', known: 9, new: 9, fixed: 9 };
    const one = report([result('x/1/a', 'fail', { baseline: 'known' }), result('x/1/b', 'pass')], {
      baseline: b,
    });
    const two = report(
      [
        result('x/1/c', 'fail', { baseline: 'new' }),
        result('x/1/d', 'pass', { baseline: 'fixed' }),
      ],
      {
        baseline: b,
      },
    );
    const merged = mergeReports([
      { source: 'a', report: one },
      { source: 'b', report: two },
    ]);
    expect(merged.baseline).toEqual({ file: 'base.json', known: 1, new: 1, fixed: 1 });
  });

  it.each([
    [
      'a case id in two inputs',
      [report([result('x/1/a', 'pass')]), report([result('x/1/a', 'fail')])],
      'case x/1/a is in both in-0 and in-1',
    ],
    [
      'a missing shard',
      [
        report([], { shard: { index: 1, count: 3 } }),
        report([], { shard: { index: 3, count: 3 } }),
      ],
      'shard 2/3 is missing from the inputs',
    ],
    [
      'a shard given twice',
      [
        report([], { shard: { index: 1, count: 2 } }),
        report([], { shard: { index: 1, count: 2 } }),
      ],
      'is shard 1/2, and so is in-0',
    ],
    [
      'shards of different splits',
      [
        report([], { shard: { index: 1, count: 2 } }),
        report([], { shard: { index: 2, count: 3 } }),
      ],
      'is shard 2/3, but another input is of 2',
    ],
    [
      'a shard mixed with a whole run',
      [report([], { shard: { index: 1, count: 1 } }), report([])],
      'in-1: is not a shard, but other inputs are',
    ],
    [
      'different tool versions',
      [report([]), report([], { tool: { name: 'smtpspec', version: '9.9.9' } })],
      'tool version 9.9.9 differs from 1.2.3',
    ],
    [
      'different options',
      [report([]), report([], { options: { strict: true, slow: false } })],
      'options {"strict":true,"slow":false} differs',
    ],
  ])('refuses %s', (_, reports, message) => {
    const inputs = reports.map((r, i) => ({ source: `in-${i}`, report: r }));
    expect(() => mergeReports(inputs)).toThrow(message);
  });

  it('refuses an empty input list', () => {
    expect(() => mergeReports([])).toThrow('nothing to merge');
  });
});
