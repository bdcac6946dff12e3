import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { formatAddress, parseTarget } from './target.ts';

describe('parseTarget', () => {
  it.each([
    ['127.0.0.1:2525', { host: '127.0.0.1', port: 2525 }],
    ['mx.example.test:25', { host: 'mx.example.test', port: 25 }],
    ['[::1]:2525', { host: '::1', port: 2525 }],
    ['localhost:65535', { host: 'localhost', port: 65535 }],
  ])('parses %s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each([
    ['mx.example.test', 'expected HOST:PORT'],
    [':25', 'expected HOST:PORT'],
    ['::1:25', 'put an IPv6 address in brackets'],
    ['[mx]:25', "'mx' is not an IPv6 address"],
    ['mx:0', 'port 0 is not in 1-65535'],
    ['mx:70000', 'port 70000 is not in 1-65535'],
    ['mx:2x', "'2x' is not a port number"],
    ['bad_host!:25', 'is not a valid host name'],
  ])('rejects %s with a usage error', (text, message) => {
    try {
      parseTarget(text);
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe(ERROR_CODES.usage);
      expect((err as Error).message).toContain(message);
    }
  });

  it('formats IPv6 in brackets', () => {
    expect(formatAddress({ host: '::1', port: 25 })).toBe('[::1]:25');
    expect(formatAddress({ host: '127.0.0.1', port: 25 })).toBe('127.0.0.1:25');
  });
});
