import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutBytes, transport, WHOLE } from './transport.ts';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 600 }).map((a) => Buffer.from(a));

describe('cutBytes', () => {
  it('loses no octet, adds none, and makes no empty write', () => {
    fc.assert(
      fc.property(bytes, transport({ wholeWeight: 1 }), (b, t) => {
        const parts = cutBytes(b, t);
        return (
          Buffer.concat(parts).equals(b) && (b.length === 0 || parts.every((p) => p.length > 0))
        );
      }),
      { numRuns: 500 },
    );
  });

  it('puts the final CR and LF in separate writes on request', () => {
    const parts = cutBytes(Buffer.from('NOOP\r\n'), {
      cuts: [],
      splitBeforeLastLf: true,
      pauseMs: 0,
    });
    expect(parts.map((p) => p.toString('latin1'))).toEqual(['NOOP\r', '\n']);
  });

  it('sends in one write by default', () => {
    expect(cutBytes(Buffer.from('RSET\r\n'), WHOLE)).toHaveLength(1);
  });
});
