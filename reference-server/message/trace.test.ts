import { describe, expect, it } from 'vitest';
import {
  addressLiteral,
  countReceivedFields,
  formatReceived,
  protocolName,
  rfc5322Date,
} from './trace.ts';

describe('formatReceived', () => {
  const date = new Date(Date.UTC(2026, 10, 28, 16, 5, 9));

  it('follows the RFC 5321 §4.4 Time-stamp-line shape', () => {
    const field = formatReceived({
      helo: 'client.example',
      clientAddress: '192.0.2.5',
      by: 'mx.smtpspec.test',
      protocol: 'ESMTPS',
      id: 'ABC123',
      forPath: '<alice@smtpspec.test>',
      date,
    }).toString('utf8');
    expect(field).toBe(
      'Received: from client.example ([192.0.2.5])\r\n' +
        '\tby mx.smtpspec.test with ESMTPS id ABC123\r\n' +
        '\tfor <alice@smtpspec.test>; Sat, 28 Nov 2026 16:05:09 +0000\r\n',
    );
    // Unfolded (RFC 5322 §2.2.3), the stamp reads as the ABNF clauses in order.
    const unfolded = field.replace(/\r\n\t/g, ' ');
    expect(unfolded).toMatch(
      /^Received: from \S+ \(\[[^\]]+\]\) by \S+ with \S+ id \S+ for <[^>]+>; .+\r\n$/,
    );
  });

  it('omits FOR without a single recipient', () => {
    const field = formatReceived({
      helo: '[192.0.2.5]',
      clientAddress: '::1',
      by: 'mx',
      protocol: 'SMTP',
      id: 'X',
      date,
    });
    expect(field.toString()).toContain('from [192.0.2.5] ([IPv6:::1])');
    expect(field.toString()).toContain('\t; Sat, 28 Nov 2026');
    expect(field.toString()).not.toContain(' for ');
  });
});

describe('protocolName (RFC 3848, RFC 6531 §3.7.3)', () => {
  it.each([
    [{ ehlo: false, tls: false, authenticated: false, smtputf8: false }, 'SMTP'],
    [{ ehlo: true, tls: false, authenticated: false, smtputf8: false }, 'ESMTP'],
    [{ ehlo: true, tls: true, authenticated: false, smtputf8: false }, 'ESMTPS'],
    [{ ehlo: true, tls: false, authenticated: true, smtputf8: false }, 'ESMTPA'],
    [{ ehlo: true, tls: true, authenticated: true, smtputf8: false }, 'ESMTPSA'],
    [{ ehlo: true, tls: true, authenticated: true, smtputf8: true }, 'UTF8SMTPSA'],
    [{ ehlo: true, tls: false, authenticated: false, smtputf8: true }, 'UTF8SMTP'],
  ])('%j -> %s', (state, name) => {
    expect(protocolName(state)).toBe(name);
  });
});

describe('helpers', () => {
  it('writes client address literals', () => {
    expect(addressLiteral('127.0.0.1')).toBe('[127.0.0.1]');
    expect(addressLiteral('::ffff:127.0.0.1')).toBe('[127.0.0.1]');
    expect(addressLiteral('2001:db8::1')).toBe('[IPv6:2001:db8::1]');
  });

  it('writes RFC 5322 dates in UTC', () => {
    expect(rfc5322Date(new Date(Date.UTC(2027, 0, 3, 1, 2, 3)))).toBe(
      'Sun, 03 Jan 2027 01:02:03 +0000',
    );
  });
});

describe('countReceivedFields', () => {
  const headers = (n: number) => 'Received: from a by b; date\r\n'.repeat(n);

  it('counts Received fields of the header section only', () => {
    const message = `${headers(3)}received : x\r\n\tfolded\r\nSubject: s\r\n\r\nReceived: in the body\r\n`;
    expect(countReceivedFields(Buffer.from(message), 100)).toBe(4);
  });

  it('does not count fields that merely start with Received', () => {
    expect(
      countReceivedFields(Buffer.from('Received-SPF: pass\r\nX-Received: y\r\n\r\n'), 100),
    ).toBe(0);
  });

  it('stops once past the limit', () => {
    expect(countReceivedFields(Buffer.from(headers(500)), 100)).toBe(101);
  });
});
