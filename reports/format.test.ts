import { describe, expect, it } from 'vitest';
import { caseDetailLines, formatDuration, summaryText, toSeconds } from './format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [849.6, '850 ms'],
    [1234, '1.23 s'],
    [123_000, '2 min 03 s'],
    [-5, '0 ms'],
    [Number.NaN, '0 ms'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('toSeconds', () => {
  it.each([
    [3, 0.003],
    [12.3456, 0.012],
    [0.0001, 0],
    [-1, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('%d ms is %d s', (ms, s) => {
    expect(toSeconds(ms)).toBe(s);
    expect(String(toSeconds(ms))).not.toContain('e');
  });
});

describe('caseDetailLines', () => {
  it('pairs requirement ids with their quotes, tolerating unequal lists', () => {
    expect(
      caseDetailLines({
        requirements: ['R1', 'R2'],
        requirementText: ['first'],
        transcript: '',
      }),
    ).toEqual(['requirement: R1 "first"', 'requirement: R2']);
  });

  it('prints one expected outcome without "one of"', () => {
    expect(
      caseDetailLines({
        requirements: [],
        requirementText: [],
        expected: ['503'],
        actual: '250',
        transcript: 't.txt',
      }),
    ).toEqual(['expected: 503', 'actual: 250', 'transcript: t.txt']);
  });
});

describe('summaryText', () => {
  it('lists every verdict in contract order', () => {
    expect(summaryText({ pass: 2, fail: 1, warn: 0, info: 0, skip: 0, error: 0 })).toBe(
      '3 cases: 2 pass, 1 fail, 0 warn, 0 info, 0 skip, 0 error',
    );
  });
});
