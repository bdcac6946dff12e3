import { describe, expect, it } from 'vitest';
import { parseReplies, type Reply } from '../wire/reply.ts';
import { formFinding } from './reply-form.ts';

function reply(wire: string): Reply {
  const first = parseReplies(Buffer.from(wire, 'latin1'))[0];
  if (first?.kind !== 'reply') throw new Error('not a reply');
  return first.reply;
}

describe('formFinding (RFC 5321 §4.2)', () => {
  it('accepts a well-formed reply', () => {
    expect(formFinding(reply('250-a\r\n250 b\r\n'), 'x')).toBeUndefined();
  });

  it('warns for a bare code, which §4.2 says senders SHOULD NOT send', () => {
    expect(formFinding(reply('250\r\n'), 'x')?.grade).toBe('warn');
  });

  it('accepts an empty SASL challenge "334 " (RFC 4954 §4), but not an empty 250', () => {
    expect(formFinding(reply('334 \r\n'), 'reply to AUTH PLAIN')).toBeUndefined();
    expect(formFinding(reply('250 \r\n'), 'reply to NOOP')?.grade).toBe('warn');
  });

  it('fails a reply line ended by a bare LF', () => {
    const f = formFinding(reply('250 ok\n'), 'reply to NOOP');
    expect(f?.grade).toBe('fail');
    expect(f?.message).toBe(
      'reply to NOOP: malformed reply: line 1 ends in a bare LF, not CRLF (RFC 5321 §2.3.8)',
    );
    expect(f?.actual).toBe('250 ok\\n');
  });

  it('warns, not fails, for a reply line over 512 octets (a SHOULD of §4.5.3.1)', () => {
    const f = formFinding(reply(`250 ${'x'.repeat(600)}\r\n`), 'reply to NOOP');
    expect(f?.grade).toBe('warn');
    expect(f?.message).toContain('(RFC 5321 §4.5.3.1.5)');
  });

  it('names the first MUST violation and counts the others', () => {
    const f = formFinding(reply('250-a\r\n251-b\n250 c\r\n'), 'r');
    expect(f?.grade).toBe('fail');
    expect(f?.message).toContain('(and 1 more)');
  });
});

describe('formFinding and UTF-8 reply text (RFC 6531 §3.7.4)', () => {
  const UTF8_551 = '551 5.1.6 User not local; please try <m\xc3\xbcller@b.test>\r\n';
  const UTF8_550 = '550 5.1.1 <m\xc3\xbcller@b.test>: Recipient address rejected\r\n';

  it('cites RFC 5321 §2.4 alone when the server did not announce SMTPUTF8', () => {
    const f = formFinding(reply(UTF8_550), 'reply to RCPT');
    expect(f?.grade).toBe('fail');
    expect(f?.message).toContain('(RFC 5321 §2.4)');
  });

  it('fails UTF-8 outside the permitted replies of an SMTPUTF8 server, citing §3.7.4', () => {
    const f = formFinding(reply(UTF8_550), 'reply to RCPT', { smtputf8: true });
    expect(f?.grade).toBe('fail');
    expect(f?.message).toContain('SMTPUTF8 servers MUST NOT put non-ASCII in this reply');
    expect(f?.message).toContain('(RFC 6531 §3.7.4, RFC 5321 §2.4)');
    expect(f?.expected?.[0]).toContain('only in a 251/551 to RCPT after MAIL ... SMTPUTF8');
  });

  it('accepts well-formed UTF-8 where §3.7.4 permits it', () => {
    const options = { smtputf8: true, utf8Allowed: true };
    expect(formFinding(reply(UTF8_551), 'reply to RCPT', options)).toBeUndefined();
  });

  it('still fails 8-bit text that is not UTF-8 where UTF-8 is permitted', () => {
    const options = { smtputf8: true, utf8Allowed: true };
    const f = formFinding(reply('551 try <m\xfcller@b.test>\r\n'), 'reply to RCPT', options);
    expect(f?.grade).toBe('fail');
    expect(f?.message).toContain('not well-formed UTF-8');
  });

  it('keeps the other violations of a reply whose UTF-8 is permitted', () => {
    const options = { smtputf8: true, utf8Allowed: true };
    const f = formFinding(reply('551 try <m\xc3\xbcller@b.test>\n'), 'reply to RCPT', options);
    expect(f?.message).toContain('bare LF');
    expect(f?.message).not.toContain('8-bit');
  });
});
