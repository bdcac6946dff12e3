import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import {
  type EnhancedStatus,
  enhancedCodeIssues,
  formatEnhancedStatus,
  isEnhancedStatusCode,
  matchesEnhancedPattern,
  parseEnhancedStatus,
} from './enhanced-status.ts';

const status = (text: string): EnhancedStatus => {
  const parsed = parseEnhancedStatus(text);
  if (!parsed) throw new Error(`${text} did not parse`);
  return parsed;
};

describe('parseEnhancedStatus', () => {
  it.each([
    ['5.7.1 Relaying denied', { klass: 5, subject: 7, detail: 1, text: '5.7.1' }],
    ['2.0.0', { klass: 2, subject: 0, detail: 0, text: '2.0.0' }],
    ['4.999.100\tbusy', { klass: 4, subject: 999, detail: 100, text: '4.999.100' }],
  ])('reads %j', (text, expected) => {
    expect(parseEnhancedStatus(text)).toEqual(expected);
  });

  it.each([
    ['class 3', '3.0.0 ok'],
    ['class 1', '1.2.3'],
    ['leading zero in subject', '5.01.1 x'],
    ['leading zero in detail', '5.1.01 x'],
    ['four-digit subject', '5.1000.1 x'],
    ['no separator after the code', '2.0.0ok'],
    ['missing detail', '5.1 x'],
    ['not at the start', 'x 5.1.1'],
    ['empty text', ''],
  ])('rejects %s', (_name, text) => {
    expect(parseEnhancedStatus(text)).toBeUndefined();
  });

  it('round-trips every valid code through formatEnhancedStatus', () => {
    const sub = fc.integer({ min: 0, max: 999 });
    fc.assert(
      fc.property(
        fc.constantFrom(2, 4, 5) as fc.Arbitrary<2 | 4 | 5>,
        sub,
        sub,
        (klass, subject, detail) => {
          const text = formatEnhancedStatus({ klass, subject, detail });
          expect(isEnhancedStatusCode(text)).toBe(true);
          expect(parseEnhancedStatus(`${text} words`)).toEqual({ klass, subject, detail, text });
        },
      ),
    );
  });
});

describe('matchesEnhancedPattern', () => {
  it.each([
    ['5.7.1', '5.7.1', true],
    ['5.7.1', '5.x.x', true],
    ['5.7.1', 'x.7.1', true],
    ['5.1.1', '5.1.X', true],
    ['4.7.1', '5.x.x', false],
    ['5.7.10', '5.7.1', false],
    ['5.1.2', 'x.1.1', false],
  ])('%s against %s is %s', (code, pattern, expected) => {
    expect(matchesEnhancedPattern(status(code), pattern)).toBe(expected);
  });

  it.each(['5.x', '5.7.1.2', 'y.7.1', '5.07.1', '', '5..1'])('rejects pattern %j', (pattern) => {
    expect(() => matchesEnhancedPattern(status('5.7.1'), pattern)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.config }),
    );
  });
});

describe('enhancedCodeIssues', () => {
  it.each([
    ['a conformant multi-line reply', 550, ['5.7.1 no', '5.7.1 relay'], []],
    ['a 3xx reply without a code', 354, ['go ahead'], []],
    ['a line without a code', 250, ['2.1.0 ok', 'more'], [/line 2 .* has no enhanced status code/]],
    ['a code of another class', 550, ['4.7.1 no'], [/4\.7\.1 on line 1 does not agree with 550/]],
    [
      'codes that differ between lines',
      550,
      ['5.7.1 a', '5.7.2 b'],
      [/line 2 has 5\.7\.2, line 1 has 5\.7\.1/],
    ],
  ])('%s', (_name, code, lines, expected) => {
    const issues = enhancedCodeIssues({ code, lines });
    expect(issues).toHaveLength(expected.length);
    expected.forEach((pattern, i) => {
      expect(issues[i]).toMatch(pattern);
      expect(issues[i]).toMatch(/^RFC 2034 §4: /);
    });
  });
});
