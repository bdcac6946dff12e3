// Why these tests? The CI extensions of results.json (target.image, target.containerLog,
// shard, baseline, a case's baseline mark) are read back by `merge` and `--baseline`, so
// they must round-trip exactly and a damaged value must be refused by name. The HTML
// report must show them, with the container log escaped like any other server text.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { readJsonReport, renderJson } from '../../reports/json.ts';
import type { RunReport } from '../scenario/results.ts';

function report(): RunReport {
  return {
    tool: { name: 'smtpspec', version: '0.1.0' },
    target: {
      address: '127.0.0.1:32768',
      greeting: '220 mx ESMTP',
      ehlo: [],
      image: 'my-mta:ci',
      containerLog: 'fatal: <bad> config\n\u001b[31mred\u001b[0m\n',
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12,
    summary: { pass: 0, fail: 1, warn: 0, info: 0, skip: 0, error: 0 },
    results: [
      {
        id: 'rfc5321/4.1/x',
        title: 'x',
        spec: 'RFC 5321',
        section: '4.1',
        level: 'MUST',
        verdict: 'fail',
        message: 'known: nope',
        durationMs: 1,
        transcript: 'transcripts/rfc5321/4.1/x.txt',
        requirements: [],
        requirementText: [],
        baseline: 'known',
      },
    ],
    shard: { index: 2, count: 4 },
    baseline: { file: 'base.json', known: 1, new: 0, fixed: 0 },
  };
}

/** The parsed results.json, loosely: the tests below write wrong values into it. */
interface Damaged {
  shard: { index: number; count: number };
  baseline: { new: number };
  results: { baseline: string }[];
  target: { containerLog: unknown };
}

describe('CI fields of the result model', () => {
  it('round-trip through results.json, after the contract fields', () => {
    const text = renderJson(report());
    expect(readJsonReport(text)).toEqual(report());
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([
      'tool',
      'target',
      'startedAt',
      'durationMs',
      'summary',
      'results',
      'shard',
      'baseline',
    ]);
    expect(Object.keys(JSON.parse(text).target)).toEqual([
      'address',
      'greeting',
      'ehlo',
      'image',
      'containerLog',
    ]);
  });

  it.each([
    [
      (d: Damaged) => (d.shard = { index: 0, count: 4 }),
      'shard: expected 1 <= index <= count, got 0/4',
    ],
    [
      (d: Damaged) => (d.shard = { index: 5, count: 4 }),
      'shard: expected 1 <= index <= count, got 5/4',
    ],
    [(d: Damaged) => (d.baseline.new = -1), 'baseline.new: expected a non-negative integer'],
    [
      (d: Damaged) => (d.results[0]!.baseline = 'maybe'),
      'results[0].baseline: expected one of known, new, fixed',
    ],
    [(d: Damaged) => (d.target.containerLog = 7), 'target.containerLog: expected a string'],
  ])('refuses a damaged field by name (%#)', (damage, message) => {
    const data = JSON.parse(renderJson(report())) as Damaged;
    damage(data);
    expect(() => readJsonReport(JSON.stringify(data))).toThrow(message);
  });

  it('shows image, shard, baseline counts and the escaped container log in the HTML report', () => {
    const html = renderHtml(report(), () => undefined);
    expect(html).toContain('<dt>image</dt><dd>my-mta:ci</dd>');
    expect(html).toContain('<dt>shard</dt><dd>2/4</dd>');
    expect(html).toContain('<dt>baseline</dt><dd>base.json: 1 known, 0 new, 0 fixed</dd>');
    expect(html).toContain(
      '<summary>container log (last lines)</summary><pre>\nfatal: &lt;bad&gt; config\n\\x1b[31mred',
    );
    expect(html).not.toContain('\u001b');
  });
});
