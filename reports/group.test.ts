import { describe, expect, it } from 'vitest';
import { compareSections, groupBySection, groupId, groupLabel } from './group.ts';
import { sampleReport } from './testdata/sample.ts';

describe('groupBySection', () => {
  it('groups by spec and section, ordered by spec then numeric section', () => {
    const groups = groupBySection(sampleReport().results);
    expect(groups.map((g) => g.label)).toEqual([
      'RFC 3207 §4',
      'RFC 5321 §4.1.1.4',
      'RFC 5321 §4.1.4',
      'RFC 5321 §4.5.3.1',
    ]);
    expect(groups.map((g) => g.id)).toEqual([
      'rfc3207/4',
      'rfc5321/4.1.1.4',
      'rfc5321/4.1.4',
      'rfc5321/4.5.3.1',
    ]);
    // Order inside a group is the report order.
    expect(groups[1]?.results.map((r) => r.id)).toEqual([
      'rfc5321/4.1.1.4/bare-lf-dot',
      'rfc5321/4.1.1.4/no-reply',
    ]);
  });

  it.each([
    ['4.1.2', '4.1.10', -1],
    ['4.1', '4.1.1', -1],
    ['4.10', '4.9', 1],
    ['4.1.4', '4.1.4', 0],
  ])('compareSections(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareSections(a, b))).toBe(sign);
  });

  it('derives ids and labels', () => {
    expect(groupId('RFC 5321', '4.1.4')).toBe('rfc5321/4.1.4');
    expect(groupLabel('RFC 5321', '')).toBe('RFC 5321');
    expect(groupLabel('', '')).toBe('(no spec)');
    expect(groupLabel('', '3')).toBe('(no spec) §3');
  });
});
