import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { chopOctets, MAX_CHOPPED_WRITES } from './chop.ts';

const text = (pieces: Buffer[]) => pieces.map((p) => p.toString('latin1'));

describe('chopOctets', () => {
  it.each([
    [1, ['N', 'O', 'O', 'P', '\r', '\n']],
    [2, ['NO', 'OP', '\r\n']],
    [4, ['NOOP', '\r\n']],
    [6, ['NOOP\r\n']],
    [100, ['NOOP\r\n']],
  ])('cuts "NOOP\\r\\n" into pieces of %i octets', (size, expected) => {
    const pieces = chopOctets(Buffer.from('NOOP\r\n', 'latin1'), size);
    expect(text(pieces)).toEqual(expected);
  });

  it('keeps every octet, in order, whatever the size', () => {
    const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let size = 1; size <= 257; size++) {
      expect(Buffer.concat(chopOctets(data, size)).equals(data)).toBe(true);
    }
  });

  it('gives empty data as one empty piece', () => {
    expect(text(chopOctets(Buffer.alloc(0), 3))).toEqual(['']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the size %s', (size) => {
    expect(() => chopOctets(Buffer.from('x'), size)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.config }),
    );
  });

  it('refuses to make more writes than the bound', () => {
    const data = Buffer.alloc(MAX_CHOPPED_WRITES + 1, 0x41);
    expect(chopOctets(data, 2)).toHaveLength(Math.ceil((MAX_CHOPPED_WRITES + 1) / 2));
    expect(() => chopOctets(data, 1)).toThrow(/would make 4097 writes, more than 4096/);
  });
});
