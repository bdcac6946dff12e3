import { describe, expect, it } from 'vitest';
import { globToRegExp, selectScenarios } from './select.ts';
import type { Scenario } from './types.ts';

const ids = [
  'rfc5321/4.1.1/ehlo-basic',
  'rfc5321/4.1.4/rcpt-before-mail',
  'rfc5321/4.5.2/dot-stuffing',
  'rfc3207/4/starttls-basic',
];
const all = ids.map((id) => ({ id }) as Scenario);

describe('selection', () => {
  it('selects by prefix', () => {
    const out = selectScenarios(all, { prefixes: ['rfc5321/4.1'], globs: [] });
    expect(out.map((s) => s.id)).toEqual(ids.slice(0, 2));
  });

  it("selects by glob, '*' crossing '/'", () => {
    const out = selectScenarios(all, { prefixes: [], globs: ['rfc5321/4.1.*'] });
    expect(out.map((s) => s.id)).toEqual(ids.slice(0, 2));
    const any = selectScenarios(all, { prefixes: [], globs: ['*/starttls-?asic'] });
    expect(any.map((s) => s.id)).toEqual(['rfc3207/4/starttls-basic']);
  });

  it('treats regex characters in globs literally', () => {
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('a(b)+').test('a(b)+')).toBe(true);
  });

  it('combines prefixes and globs with AND', () => {
    const out = selectScenarios(all, { prefixes: ['rfc5321'], globs: ['*dot*'] });
    expect(out.map((s) => s.id)).toEqual(['rfc5321/4.5.2/dot-stuffing']);
  });

  it('rejects a prefix or glob that matches nothing', () => {
    expect(() => selectScenarios(all, { prefixes: ['rfc9999'], globs: [] })).toThrow(
      "no case id starts with 'rfc9999'",
    );
    expect(() => selectScenarios(all, { prefixes: [], globs: ['x*'] })).toThrow(
      "no case id matches 'x*'",
    );
  });
});
