import { describe, expect, it } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../harness/errors.ts';
import { readJsonReport, renderJson } from './json.ts';
import { hostileReport, sampleReport } from './testdata/sample.ts';

type Json = Record<string, unknown> & { results: Record<string, unknown>[] };

function sampleJson(): Json {
  return JSON.parse(renderJson(sampleReport())) as Json;
}

function readError(text: string): string {
  try {
    readJsonReport(text);
  } catch (err) {
    expect(hasErrorCode(err, ERROR_CODES.config)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('readJsonReport accepted a bad file');
}

describe('renderJson', () => {
  it('matches the golden file', async () => {
    await expect(renderJson(sampleReport())).toMatchFileSnapshot('./testdata/small.results.json');
  });

  it('writes the design.md contract keys first, in order, with a trailing newline', () => {
    const text = renderJson(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
    const data = JSON.parse(text) as Json;
    expect(Object.keys(data)).toEqual([
      'tool',
      'target',
      'startedAt',
      'durationMs',
      'summary',
      'results',
      'coverage',
      'options',
    ]);
    expect(Object.keys(data.summary as object)).toEqual([
      'pass',
      'fail',
      'warn',
      'info',
      'skip',
      'error',
    ]);
    expect(Object.keys(data.results[1] ?? {}).slice(0, 9)).toEqual([
      'id',
      'title',
      'spec',
      'section',
      'level',
      'verdict',
      'message',
      'durationMs',
      'transcript',
    ]);
  });

  it('does not depend on the key order of its input', () => {
    const report = sampleReport();
    const shuffled = { ...report, results: report.results.map((r) => ({ ...r })) };
    const reversed = Object.fromEntries(
      Object.entries(shuffled).reverse(),
    ) as unknown as typeof report;
    expect(renderJson(reversed)).toBe(renderJson(report));
  });

  it('round-trips through readJsonReport, hostile text included', () => {
    for (const report of [sampleReport(), hostileReport()]) {
      expect(readJsonReport(renderJson(report))).toEqual(report);
    }
  });

  it('round-trips targetDown, the extension that says the target went down mid-run', () => {
    const report = {
      ...sampleReport(),
      targetDown: {
        since: 'rfc5321/4.1.1.4/no-reply',
        message: 'the server stopped accepting connections',
      },
    };
    expect(readJsonReport(renderJson(report))).toEqual(report);
  });
});

describe('readJsonReport', () => {
  it.each<[string, (d: Json) => void, string]>([
    [
      'bad verdict',
      (d) => {
        d.results[3]!.verdict = 'ok';
      },
      'results[3].verdict: expected one of pass, fail, warn, info, skip, error, got "ok"',
    ],
    [
      'bad level',
      (d) => {
        d.results[0]!.level = 'MUSTN';
      },
      'results[0].level: expected one of MUST, SHOULD, MAY',
    ],
    [
      'missing id',
      (d) => {
        delete d.results[2]!.id;
      },
      'results[2].id: expected a string, missing',
    ],
    [
      'duplicate id',
      (d) => {
        d.results[4]!.id = d.results[1]!.id;
      },
      'results[4].id: duplicate of results[1].id',
    ],
    [
      'negative duration',
      (d) => {
        d.results[1]!.durationMs = -1;
      },
      'results[1].durationMs: expected a non-negative number',
    ],
    [
      'non-string requirement',
      (d) => {
        d.results[0]!.requirements = ['a', 5];
      },
      'results[0].requirements[1]: expected a string, got number 5',
    ],
    [
      'bad exploitability',
      (d) => {
        d.results[1]!.exploitability = 'maybe';
      },
      'results[1].exploitability: expected one of',
    ],
    [
      'summary mismatch',
      (d) => {
        (d.summary as Record<string, number>).fail = 2;
      },
      'summary.fail: is 2 but results hold 1 "fail" verdicts',
    ],
    [
      'fractional count',
      (d) => {
        (d.summary as Record<string, number>).pass = 0.5;
      },
      'summary.pass: expected a non-negative integer',
    ],
    [
      'wrong tool',
      (d) => {
        (d.tool as Record<string, unknown>).name = 'h2spec';
      },
      'tool.name: expected "smtpspec", got "h2spec"',
    ],
    [
      'bad date',
      (d) => {
        d.startedAt = 'yesterday';
      },
      'startedAt: expected an ISO-8601 date-time',
    ],
    [
      'results not an array',
      (d) => {
        (d as Record<string, unknown>).results = {};
      },
      'results: expected an array, got an object',
    ],
    [
      'bad coverage total',
      (d) => {
        (d.coverage as { totals: Record<string, unknown> }).totals.covered = '1';
      },
      'coverage.totals.covered: expected a non-negative integer',
    ],
    [
      'bad option',
      (d) => {
        (d.options as Record<string, unknown>).strict = 'yes';
      },
      'options.strict: expected true or false',
    ],
    [
      'ehlo not strings',
      (d) => {
        (d.target as Record<string, unknown>).ehlo = 'PIPELINING';
      },
      'target.ehlo: expected an array of strings',
    ],
  ])('rejects %s, naming the field', (_name, mutate, message) => {
    const data = sampleJson();
    mutate(data);
    expect(readError(JSON.stringify(data))).toContain(message);
  });

  it.each([
    ['not JSON', '{"tool":', 'results.json is not valid JSON'],
    ['not an object', '[1,2]', 'results.json: expected an object, got an array'],
    ['null', 'null', 'results.json: expected an object, got null'],
  ])('rejects a file that is %s', (_name, text, message) => {
    expect(readError(text)).toContain(message);
  });

  it('reads the coverage of a report written before delivery, client and weak lists existed', () => {
    const data = sampleJson();
    const coverage = data.coverage as {
      sections: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    for (const s of coverage.sections)
      for (const k of ['delivery', 'receiver', 'weak']) delete s[k];
    for (const k of ['delivery', 'receiver', 'weak']) delete coverage.totals[k];
    const report = readJsonReport(JSON.stringify(data));
    expect(report.coverage?.sections[0]).toMatchObject({ delivery: [], receiver: [], weak: [] });
    expect(report.coverage?.totals).toMatchObject({ delivery: 0, receiver: 0, weak: 0 });
  });

  it('accepts a minimal contract-only file and ignores unknown fields', () => {
    const data = sampleJson();
    for (const r of data.results) {
      delete r.requirements;
      delete r.requirementText;
      r.futureField = 1;
    }
    delete data.coverage;
    delete data.options;
    data.extra = { anything: true };
    const report = readJsonReport(JSON.stringify(data));
    expect(report.results[0]?.requirements).toEqual([]);
    expect(report.results[0]).not.toHaveProperty('futureField');
    expect(report).not.toHaveProperty('extra');
    expect(report.coverage).toBeUndefined();
  });
});
