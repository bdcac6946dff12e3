import { describe, expect, it } from 'vitest';
import { buildDsn, type DsnRequest } from './dsn.ts';
import { decodeXtext, headerSection } from './dsn-fields.ts';
import { parseDsn } from './testing/parse-dsn.ts';

const original = Buffer.from('Received: from x\r\nSubject: hello\r\n\r\nbody line\r\n');

function request(overrides: Partial<DsnRequest> = {}): DsnRequest {
  return {
    reportingMta: 'mx.a.test',
    from: 'postmaster@a.test',
    to: 'alice@a.test',
    arrivalDate: new Date('2026-11-28T16:00:00Z'),
    recipients: [
      {
        address: 'bob@b.test',
        orcpt: 'rfc822;Bob+2BX@b.test',
        action: 'failed',
        status: '5.1.1',
        diagnostic: 'smtp; 550 5.1.1 no such user',
        remoteMta: 'dns; mx.b.test',
        lastAttemptAt: new Date('2026-11-28T16:00:05Z'),
        reason: 'RCPT: 550 5.1.1 no such user',
      },
    ],
    original,
    ret: 'FULL',
    maxReturnedSize: 64 * 1024,
    utf8: false,
    date: new Date('2026-11-28T16:00:06Z'),
    ...overrides,
  };
}

describe('buildDsn', () => {
  it('builds a multipart/report with human, delivery-status and message parts (RFC 3464)', () => {
    const dsn = parseDsn(buildDsn(request({ envid: 'QQ+3D1' })));
    expect(dsn.headers.get('to')).toBe('<alice@a.test>');
    expect(dsn.headers.get('auto-submitted')).toBe('auto-replied');
    expect(dsn.headers.get('content-type')).toMatch(
      /^multipart\/report; report-type=delivery-status; boundary="/,
    );
    expect(dsn.parts.map((p) => p.headers.get('content-type'))).toEqual([
      'text/plain; charset=us-ascii',
      'message/delivery-status',
      'message/rfc822',
    ]);
    expect(dsn.parts[0]?.body.toString()).toContain('could not be delivered to <bob@b.test>');
    const [perMessage, perRecipient] = dsn.statusGroups;
    expect(Object.fromEntries(perMessage ?? [])).toEqual({
      'reporting-mta': 'dns; mx.a.test',
      'original-envelope-id': 'QQ=1',
      'arrival-date': 'Sat, 28 Nov 2026 16:00:00 +0000',
    });
    expect(Object.fromEntries(perRecipient ?? [])).toEqual({
      'final-recipient': 'rfc822; bob@b.test',
      'original-recipient': 'rfc822; Bob+X@b.test',
      action: 'failed',
      status: '5.1.1',
      'remote-mta': 'dns; mx.b.test',
      'diagnostic-code': 'smtp; 550 5.1.1 no such user',
      'last-attempt-date': 'Sat, 28 Nov 2026 16:00:05 +0000',
    });
    expect(dsn.parts[2]?.body.equals(original)).toBe(true);
  });

  it('returns only the header section for RET=HDRS (text/rfc822-headers)', () => {
    const dsn = parseDsn(buildDsn(request({ ret: 'HDRS' })));
    expect(dsn.parts[2]?.headers.get('content-type')).toBe('text/rfc822-headers');
    expect(dsn.parts[2]?.body.toString()).toBe('Received: from x\r\nSubject: hello\r\n');
  });

  it('uses the RFC 6533 global types and the utf-8 address type for SMTPUTF8 mail', () => {
    const dsn = parseDsn(
      buildDsn(
        request({
          utf8: true,
          to: 'ålice@a.test',
          recipients: [
            { address: 'bjørn@b.test', action: 'failed', status: '5.1.1', reason: 'nope' },
          ],
        }),
      ),
    );
    expect(dsn.parts[1]?.headers.get('content-type')).toBe('message/global-delivery-status');
    expect(dsn.parts[2]?.headers.get('content-type')).toBe('message/global');
    expect(dsn.statusGroups[1]?.get('final-recipient')).toBe('utf-8; bjørn@b.test');
  });

  it('marks an 8-bit original as 8bit and keeps field values on one ASCII line', () => {
    const eight = Buffer.from('Subject: x\r\n\r\n\xe9\r\n', 'latin1');
    const dsn = parseDsn(
      buildDsn(
        request({
          original: eight,
          recipients: [
            {
              address: 'b@b.test',
              action: 'failed',
              status: '5.0.0',
              diagnostic: 'smtp; 550 bad\r\nInjected: yes \xe9',
              reason: 'x',
            },
          ],
        }),
      ),
    );
    expect(dsn.parts[2]?.headers.get('content-transfer-encoding')).toBe('8bit');
    expect(dsn.statusGroups[1]?.get('diagnostic-code')).toBe('smtp; 550 bad Injected: yes ?');
    expect(dsn.statusGroups[1]?.has('injected')).toBe(false);
  });

  it('reports success as delivered or relayed', () => {
    const dsn = parseDsn(
      buildDsn(
        request({
          ret: 'HDRS',
          recipients: [
            {
              address: 'b@b.test',
              action: 'relayed',
              status: '2.0.0',
              reason: 'relayed to mx.b.test',
            },
          ],
        }),
      ),
    );
    expect(dsn.headers.get('subject')).toBe('Delivery Status Notification (Success)');
    expect(dsn.statusGroups[1]?.get('action')).toBe('relayed');
  });
});

describe('DSN field helpers', () => {
  it.each([
    ['plain', 'plain'],
    ['a+2Bb+3Dc', 'a+b=c'],
    ['bad+ZZ', 'bad+ZZ'],
    ['end+4', 'end+4'],
  ])('decodes xtext %s', (xtext, text) => {
    expect(decodeXtext(xtext)).toBe(text);
  });

  it('finds the header section, or none when the message starts with an empty line', () => {
    expect(headerSection(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody'), 1024).toString()).toBe(
      'A: 1\r\nB: 2\r\n',
    );
    expect(headerSection(Buffer.from('\r\nbody'), 1024).length).toBe(0);
  });

  it.each([
    [
      'folded lines belong to their field',
      'A: 1\r\n 2\r\nB: 3\r\n\r\nx',
      100,
      'A: 1\r\n 2\r\nB: 3\r\n',
    ],
    [
      'no empty line: it ends at the first line that is no field',
      'A: 1\r\nbody text\r\nB: 2\r\n',
      100,
      'A: 1\r\n',
    ],
    ['a message of body lines only has none', 'Buy now\r\n'.repeat(50), 1000, ''],
    ['over the cap: whole lines that fit', 'A: 1\r\nB: 2\r\nC: 3\r\n', 13, 'A: 1\r\nB: 2\r\n'],
    ['a bare LF ends it', 'A: 1\r\nB: 2\nC: 3\r\n', 100, 'A: 1\r\n'],
    ['a last line without CRLF is left out', 'A: 1\r\nB: 2', 100, 'A: 1\r\n'],
  ])('bounds the header section: %s', (_name, message, cap, expected) => {
    expect(headerSection(Buffer.from(message, 'latin1'), cap).toString('latin1')).toBe(expected);
  });

  it('returns a FULL original larger than the cap as its header section', () => {
    const big = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(5000, 0x61)]);
    const dsn = parseDsn(buildDsn(request({ original: big, maxReturnedSize: 4096 })));
    expect(dsn.parts[2]?.headers.get('content-type')).toBe('text/rfc822-headers');
    expect(dsn.parts[2]?.body.toString()).toBe('Subject: big\r\n');
  });
});
