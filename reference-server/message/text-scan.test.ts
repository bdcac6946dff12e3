import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextLineScan } from './text-scan.ts';

/** The same counts over the whole content at once, written the obvious way. */
function reference(content: Buffer, max: number): { bare: number; long: number } {
  let bare = 0;
  let long = 0;
  let lineStart = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i];
    if (b === 0x0d && content[i + 1] !== 0x0a) bare++;
    if (b === 0x0a && (i === 0 || content[i - 1] !== 0x0d)) bare++;
    if (b === 0x0a) {
      if (i > 0 && content[i - 1] === 0x0d && i + 1 - lineStart > max) long++;
      lineStart = i + 1;
    }
  }
  if (content.length - lineStart > max) long++;
  return { bare, long };
}

function scan(chunks: Buffer[], max: number): { bare: number; long: number } {
  const s = new TextLineScan(max);
  for (const c of chunks) s.push(c);
  s.finish();
  return { bare: s.bareLineEnds, long: s.longLines };
}

describe('TextLineScan', () => {
  it.each([
    ['CRLF lines', 'ab\r\ncd\r\n', 4, 0, 0],
    ['a line one over the limit', 'abc\r\nx\r\n', 4, 0, 1],
    ['bare LF and bare CR', 'a\nb\rc\r\n', 10, 2, 0],
    ['a CR at the very end', 'ab\r', 10, 1, 0],
    ['a long last line without CRLF', 'abcdef', 4, 0, 1],
  ])('%s', (_name, text, max, bare, long) => {
    expect(scan([Buffer.from(text, 'latin1')], max)).toEqual({ bare, long });
  });

  it('counts the same in any split of the content', () => {
    const octet = fc.constantFrom(0x0d, 0x0a, 0x41, 0x2e);
    fc.assert(
      fc.property(
        fc.array(octet, { maxLength: 80 }),
        fc.array(fc.nat(80), { maxLength: 6 }),
        fc.integer({ min: 2, max: 12 }),
        (octets, cuts, max) => {
          const content = Buffer.from(octets);
          const points = [...new Set(cuts.map((c) => c % (content.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: Buffer[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(content.subarray(from, p));
            from = p;
          }
          chunks.push(content.subarray(from));
          expect(scan(chunks, max)).toEqual(reference(content, max));
        },
      ),
    );
  });
});
