import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DotStuffer, dotStuff } from './dot-stuffing.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

/** Runs `chunks` through a DotStuffer and returns its output and counters. */
async function stuffStream(chunks: Buffer[]) {
  const stuffer = new DotStuffer();
  const out = await buffer(Readable.from(chunks).pipe(stuffer));
  return { out, bytesIn: stuffer.bytesIn, bytesOut: stuffer.bytesOut };
}

describe('dotStuff (RFC 5321 §4.5.2, §4.1.1.4)', () => {
  it.each([
    ['empty content', '', '.\r\n'],
    ['one line', 'hi\r\n', 'hi\r\n.\r\n'],
    ['no final CRLF: one is added', 'hi', 'hi\r\n.\r\n'],
    ['leading dot', '.hidden\r\n', '..hidden\r\n.\r\n'],
    ['lone dot line', 'a\r\n.\r\nb\r\n', 'a\r\n..\r\nb\r\n.\r\n'],
    ['two dots', '..\r\n', '...\r\n.\r\n'],
    ['dot not at line start', 'a.b\r\n', 'a.b\r\n.\r\n'],
    ['content is only a dot', '.', '..\r\n.\r\n'],
    ['bare LF kept, dot after it not stuffed', 'a\n.\nb\r\n', 'a\n.\nb\r\n.\r\n'],
    ['bare CR kept, dot after it not stuffed', 'a\r.\rb', 'a\r.\rb\r\n.\r\n'],
    ['ends with bare CR: CRLF still added', 'a\r', 'a\r\r\n.\r\n'],
    ['ends with bare LF: CRLF still added', 'a\n', 'a\n\r\n.\r\n'],
  ])('%s', (_name, content, wire) => {
    expect(dotStuff(b(content)).toString('latin1')).toBe(wire);
  });
});

describe('DotStuffer', () => {
  it('stuffs across chunk borders, including a CR and LF in separate chunks', async () => {
    const { out, bytesIn, bytesOut } = await stuffStream([b('a\r'), b('\n'), b('.x\r\n'), b('.')]);
    expect(out.toString('latin1')).toBe('a\r\n..x\r\n..\r\n.\r\n');
    expect(bytesIn).toBe(8);
    expect(bytesOut).toBe(out.length);
  });

  it('writes only ".CRLF" for an empty message', async () => {
    const { out, bytesOut } = await stuffStream([]);
    expect(out.toString('latin1')).toBe('.\r\n');
    expect(bytesOut).toBe(3);
  });

  it('matches dotStuff under any chunking', async () => {
    const content = fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u));
    const biased = fc
      .array(fc.constantFrom('.', '\r', '\n', '\r\n', 'a', '..'), { maxLength: 40 })
      .map((parts) => b(parts.join('')));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(content, biased),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (bytes, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort(
            (x, y) => x - y,
          );
          const chunks = [...points, bytes.length].map((p, i, all) =>
            bytes.subarray(i === 0 ? 0 : all[i - 1], p),
          );
          const { out, bytesIn } = await stuffStream(chunks);
          expect(out.equals(dotStuff(bytes))).toBe(true);
          expect(bytesIn).toBe(bytes.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
