import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { formatReply } from './reply.ts';

describe('formatReply', () => {
  it.each([
    [250, 'ok', undefined, '250 ok\r\n'],
    [250, ['a', 'b'], undefined, '250-a\r\n250 b\r\n'],
    [550, ['no relay', 'sorry'], '5.7.1', '550-5.7.1 no relay\r\n550 5.7.1 sorry\r\n'],
    [250, ['', 'x'], '2.0.0', '250-2.0.0 \r\n250 2.0.0 x\r\n'],
    [250, ['', 'x'], undefined, '250-\r\n250 x\r\n'],
    // RFC 4954 §4: an empty SASL challenge is "334 " with no text.
    [334, '', undefined, '334 \r\n'],
  ] as const)('formats %s %j %s', (code, text, enhanced, wire) => {
    expect(formatReply(code, text as string | string[], enhanced).toString('latin1')).toBe(wire);
  });

  it.each([
    ['code 199', () => formatReply(199, 'x'), ERROR_CODES.config],
    ['code 600', () => formatReply(600, 'x'), ERROR_CODES.config],
    ['code 260', () => formatReply(260, 'x'), ERROR_CODES.config],
    ['fractional code', () => formatReply(250.5, 'x'), ERROR_CODES.config],
    ['CRLF in text', () => formatReply(250, 'a\r\n250 b'), ERROR_CODES.config],
    ['8-bit text', () => formatReply(250, 'caf\xe9'), ERROR_CODES.config],
    ['no lines', () => formatReply(250, []), ERROR_CODES.config],
    ['empty last line', () => formatReply(250, ''), ERROR_CODES.config],
    ['bad enhanced code', () => formatReply(550, 'x', '5.01.1'), ERROR_CODES.config],
    ['enhanced code of another class', () => formatReply(550, 'x', '4.7.1'), ERROR_CODES.config],
    ['enhanced code on a 3xx reply', () => formatReply(354, 'go', '2.0.0'), ERROR_CODES.config],
    ['line over 512 octets', () => formatReply(250, 'a'.repeat(510)), ERROR_CODES.limit],
  ])('rejects %s', (_name, call, code) => {
    expect(call).toThrow(expect.objectContaining({ code }));
  });
});
