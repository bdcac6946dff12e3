import { describe, expect, it } from 'vitest';
import { visible, visibleCdata, visibleLine } from './visible.ts';

describe('visible', () => {
  it.each([
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['ESC', '\u001b[31m', '\\x1b[31m'],
    ['CR', 'a\r\nb', 'a\\r\nb'],
    ['TAB and LF kept', 'a\tb\nc', 'a\tb\nc'],
    ['DEL and C1', '\u007f\u0085\u009b', '\\x7f\\x85\\x9b'],
    ['8-bit letters kept', '\u00e9\u00ff', '\u00e9\u00ff'],
    ['XML non-characters', '\ufffe\uffff', '\\ufffe\\uffff'],
    ['lone high surrogate', 'a\ud800b', 'a\\ud800b'],
    ['lone low surrogate', 'a\udc00b', 'a\\udc00b'],
    ['pair kept', '\ud83d\ude00', '\ud83d\ude00'],
    ['bidi override', 'x\u202ey', 'x\\u202ey'],
    ['markup untouched', '<a>&"', '<a>&"'],
  ])('%s', (_name, input, output) => {
    expect(visible(input)).toBe(output);
  });

  it('visibleLine escapes LF and TAB too', () => {
    expect(visibleLine('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
  });

  it('visibleCdata breaks every CDATA end, not just the first', () => {
    expect(visibleCdata('x]]>y]]>z')).toBe('x]]\\x3ey]]\\x3ez');
  });
});
