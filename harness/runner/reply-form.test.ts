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
