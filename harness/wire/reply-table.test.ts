import { describe, expect, it } from 'vitest';
import { ANY_COMMAND_CODES, allowedReplies, REPLY_TABLE, tableVerbOf } from './reply-table.ts';

describe('RFC 5321 §4.3.2 reply table', () => {
  it.each([
    ['MAIL FROM:<a@b.test>', 'MAIL'],
    ['rcpt to:<a@b.test>', 'RCPT'],
    ['DATA', 'DATA'],
    ['EHLO client.test', 'EHLO'],
    ['BDAT 10 LAST\r\n0123456789', 'BDAT'],
    ['NOOP\r\n', 'NOOP'],
    ['XCLIENT NAME=x', undefined],
    ['MAILX', undefined],
    ['.\r\n', undefined],
    ['', undefined],
  ])('tableVerbOf(%j) is %s', (text, verb) => {
    expect(tableVerbOf(text)).toBe(verb);
  });

  it('adds 500, 501 and 421 to every command, not to the greeting', () => {
    expect(ANY_COMMAND_CODES).toEqual([500, 501, 421]);
    expect(allowedReplies('NOOP').codes).toEqual([250, 421, 500, 501]);
    expect(allowedReplies('CONNECT').codes).toEqual([220, 421, 554]);
  });

  it('separates the reply to DATA from the reply after the end of data', () => {
    expect(allowedReplies('DATA').codes).toEqual([354, 421, 500, 501, 503, 554]);
    expect(allowedReplies('DATA').success).toEqual([354]);
    expect(allowedReplies('END-OF-DATA').codes).toEqual([250, 421, 450, 451, 452, 550, 552, 554]);
  });

  it('lists the RCPT codes of the RFC, including 455 and 555', () => {
    expect(REPLY_TABLE.RCPT.success).toEqual([250, 251]);
    expect(allowedReplies('RCPT').codes).toContain(455);
    expect(allowedReplies('RCPT').codes).toContain(555);
    expect(allowedReplies('RCPT').codes).not.toContain(554);
  });

  it('allows 530 only when AUTH or STARTTLS was advertised, never for QUIT', () => {
    expect(allowedReplies('MAIL').codes).not.toContain(530);
    expect(allowedReplies('MAIL', new Set(['AUTH'])).codes).toContain(530);
    expect(allowedReplies('MAIL', new Set(['STARTTLS'])).codes).toContain(530);
    expect(allowedReplies('QUIT', new Set(['AUTH', 'STARTTLS'])).codes).not.toContain(530);
    expect(allowedReplies('END-OF-DATA', new Set(['AUTH'])).codes).not.toContain(530);
  });

  it('names its source for messages', () => {
    expect(allowedReplies('STARTTLS').source).toBe('RFC 3207 §4');
    expect(allowedReplies('RSET').source).toBe('RFC 5321 §4.3.2');
  });
});
