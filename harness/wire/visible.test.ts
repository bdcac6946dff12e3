import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { parseVisibleBytes, visibleBytes } from './visible.ts';

describe('visibleBytes', () => {
  it.each([
    ['250 ok\r\n', '250 ok\\r\\n'],
    ['a\\b', 'a\\\\b'],
    ['\x00\x7f\xff\t', '\\x00\\x7f\\xff\\x09'],
    ['', ''],
  ])('renders %j as %j', (input, expected) => {
    expect(visibleBytes(Buffer.from(input, 'latin1'))).toBe(expected);
  });

  it('is exactly inverted by parseVisibleBytes and only emits printable ASCII', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (octets) => {
        const bytes = Buffer.from(octets);
        const text = visibleBytes(bytes);
        expect(text).toMatch(/^[\x20-\x7e]*$/);
        expect(parseVisibleBytes(text)).toEqual(bytes);
      }),
    );
  });

  it('is the inverse of parseVisibleBytes on canonical text', () => {
    const piece = fc.constantFrom('a', ' ', '~', '\\r', '\\n', '\\\\', '\\x00', '\\x7f', '\\xe9');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const text = pieces.join('');
        expect(visibleBytes(parseVisibleBytes(text))).toBe(text);
      }),
    );
  });
});

describe('parseVisibleBytes', () => {
  it('accepts upper-case hex digits', () => {
    expect(parseVisibleBytes('\\xE9\\x0D')).toEqual(Buffer.from([0xe9, 0x0d]));
  });

  it.each([
    ['a trailing backslash', 'abc\\'],
    ['an unknown escape', '\\t'],
    ['a short hex escape', '\\x4'],
    ['a non-hex escape', '\\xzz'],
    ['a raw CR', 'a\rb'],
    ['a non-ASCII character', 'caf\u00e9'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseVisibleBytes(text)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.config }),
    );
  });
});
