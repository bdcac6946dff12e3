import { describe, expect, it } from 'vitest';
import { fixed, median, mib, percentile, table } from './stats.ts';

describe('percentile (nearest rank)', () => {
  it.each([
    [50, 5],
    [99, 10],
    [100, 10],
    [10, 1],
    [0, 1],
  ])('p%d of 1..10 is %d', (p, expected) => {
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p)).toBe(expected);
  });

  it('is NaN for no samples, and the median of one sample is that sample', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([42])).toBe(42);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('formatting', () => {
  it('prints n/a for missing or non-finite figures', () => {
    expect(mib(undefined)).toBe('n/a');
    expect(mib(2048)).toBe('2.0');
    expect(fixed(Number.NaN)).toBe('n/a');
    expect(fixed(1.234, 2)).toBe('1.23');
  });

  it('aligns table columns under a header rule', () => {
    expect(
      table([
        ['', 'a', 'bb'],
        ['row one', '1', '22'],
      ]),
    ).toBe(['         a  bb', '-------  -  --', 'row one  1  22'].join('\n'));
  });
});
