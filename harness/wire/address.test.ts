import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { parseDomainArgument, parseMailbox, parsePath } from './address.ts';
import { CommandSyntaxError } from './command-error.ts';
import {
  formatPath,
  isPostmasterLocalPart,
  normaliseDomain,
  quoteLocalPart,
  unquoteLocalPart,
} from './mailbox-format.ts';

function expectError(result: unknown): CommandSyntaxError {
  expect(result).toBeInstanceOf(CommandSyntaxError);
  return result as CommandSyntaxError;
}

describe('parseMailbox (RFC 5321 §4.1.2)', () => {
  it.each([
    ['user@example.com', 'user', 'example.com', false],
    ['first.last@sub.example.com', 'first.last', 'sub.example.com', false],
    ["o'hare+tag!#$%&*/=?^_`{|}~-x@a.b", "o'hare+tag!#$%&*/=?^_`{|}~-x", 'a.b', false],
    ['"john doe"@example.com', '"john doe"', 'example.com', false],
    ['"a\\"b\\\\c"@example.com', '"a\\"b\\\\c"', 'example.com', false],
    ['""@example.com', '""', 'example.com', false],
    ['"<>@,;:"@example.com', '"<>@,;:"', 'example.com', false],
    ['u@[192.0.2.1]', 'u', '[192.0.2.1]', true],
    ['u@[IPv6:2001:db8::1]', 'u', '[IPv6:2001:db8::1]', true],
    ['u@[x-tag:stuff]', 'u', '[x-tag:stuff]', true],
    ['u@xn--bcher-kva.example', 'u', 'xn--bcher-kva.example', false],
    ['u@1.2.3.4', 'u', '1.2.3.4', false],
    ['u@a-b--c.d9', 'u', 'a-b--c.d9', false],
  ])('parses %s', (text, localPart, domain, isAddressLiteral) => {
    expect(parseMailbox(text)).toEqual({ localPart, domain, isAddressLiteral });
  });

  it.each([
    ['no @', 'user.example.com', /"@"/],
    ['empty local-part', '@example.com', /atom/],
    ['leading dot', '.user@example.com', /atom/],
    ['trailing dot', 'user.@example.com', /atom/],
    ['double dot', 'us..er@example.com', /atom/],
    ['space in dot-string', 'us er@example.com', /"@"/],
    ['unterminated quote', '"abc@example.com', /unterminated/],
    ['bad quoted-pair', '"a\\\u0001"@example.com', /quoted-pair/],
    ['TAB in quoted string', '"a\tb"@example.com', /qtextSMTP/],
    ['empty domain', 'user@', /domain label/],
    ['domain label starting with -', 'user@-a.com', /Ldh-str/],
    ['domain label ending with -', 'user@a-.com', /Ldh-str/],
    ['empty domain label', 'user@a..com', /domain label/],
    ['trailing dot in domain', 'user@a.com.', /domain label/],
    ['underscore in domain', 'user@a_b.com', /unexpected/],
    ['unclosed literal', 'user@[1.2.3.4', /"]"/],
    ['bad IPv4 literal', 'user@[1.2.3.400]', /IPv4/],
    ['trailing text', 'user@a.com x', /unexpected/],
    ['two @', 'a@b@c', /unexpected/],
  ])('rejects %s', (_name, text, reason) => {
    const error = expectError(parseMailbox(text));
    expect(error.code).toBe(ERROR_CODES.commandSyntax);
    expect(error.reason).toMatch(reason);
  });

  it('rejects UTF-8 unless SMTPUTF8 applies (RFC 6531 §3.3)', () => {
    const error = expectError(parseMailbox('jöran@bücher.example'));
    expect(error.suggestedReply).toBe(553);
    expect(error.reason).toMatch(/SMTPUTF8/);
    expect(parseMailbox('jöran@bücher.example', { smtputf8: true })).toEqual({
      localPart: 'jöran',
      domain: 'bücher.example',
      isAddressLiteral: false,
    });
    expect(parseMailbox('"jö ran"@example', { smtputf8: true })).toMatchObject({
      localPart: '"jö ran"',
    });
  });
});

describe('length limits (RFC 5321 §4.5.3.1)', () => {
  const label = 'a'.repeat(63);
  const domain253 = [label, label, label, 'a'.repeat(61)].join('.');

  it.each([
    ['local-part of 64 octets', `${'a'.repeat(64)}@x.y`, undefined],
    ['local-part of 65 octets', `${'a'.repeat(65)}@x.y`, 'localPart'],
    ['quoted local-part of 65 octets', `"${'a'.repeat(63)}"@x.y`, 'localPart'],
    ['UTF-8 local-part of 33 two-octet characters', `${'é'.repeat(33)}@x.y`, 'localPart'],
    ['domain of 253 octets', `a@${domain253}`, undefined],
    ['domain of 256 octets', `a@${domain253}.bc`, 'domain'],
  ])('%s', (_name, text, limit) => {
    const result = parseMailbox(text, { smtputf8: true });
    if (limit === undefined) {
      expect(result).not.toBeInstanceOf(CommandSyntaxError);
      return;
    }
    const error = expectError(result);
    expect(error.limit).toBe(limit);
    expect(error.code).toBe(ERROR_CODES.limit);
    // RFC 5321 §4.5.3.1.9 example: "501 Path too long".
    expect(error.suggestedReply).toBe(501);
  });

  it('limits a path to 256 octets including the brackets', () => {
    const local = 'l'.repeat(64);
    const domainFor = (pathLength: number) => {
      const n = pathLength - local.length - 3; // "<", "@", ">"
      return ['d'.repeat(63), 'd'.repeat(63), 'd'.repeat(n - 128)].join('.');
    };
    const ok = parsePath(`<${local}@${domainFor(256)}>`);
    expect(ok).not.toBeInstanceOf(CommandSyntaxError);
    const error = expectError(parsePath(`<${local}@${domainFor(257)}>`));
    expect(error.limit).toBe('path');
  });
});

describe('parsePath', () => {
  it('parses the null path', () => {
    expect(parsePath('<>')).toEqual({ mailbox: null, sourceRoute: [], raw: '<>' });
  });

  it.each([
    ['<@a.example:u@b.example>', ['a.example']],
    ['<@a.example,@b.example:u@c.example>', ['a.example', 'b.example']],
  ])('records the source route of %s (RFC 5321 §4.1.2 A-d-l, Appendix C)', (text, route) => {
    const path = parsePath(text);
    expect(path).toMatchObject({ sourceRoute: route, raw: text, mailbox: { localPart: 'u' } });
  });

  it.each([
    ['no brackets', 'u@example.com', /start with "<"/],
    ['no closing bracket', '<u@example.com', /end with ">"/],
    ['route without colon', '<@a.example,u@b.example>', /source route/],
    ['route without domain', '<@:u@b.example>', /domain label/],
    ['route with a literal', '<@[1.2.3.4]:u@b.example>', /domain label/],
    ['bare local-part', '<postmaster>', /"@"/],
  ])('rejects %s', (_name, text, reason) => {
    expect(expectError(parsePath(text)).reason).toMatch(reason);
  });
});

describe('parseDomainArgument (EHLO)', () => {
  it.each([
    ['mail.example.com', false],
    ['[192.0.2.1]', true],
    ['[IPv6:::1]', true],
    ['localhost', false],
  ])('accepts %s', (text, isAddressLiteral) => {
    expect(parseDomainArgument(text)).toEqual({ domain: text, isAddressLiteral });
  });

  it.each(['', 'a b', '[1.2.3.4', 'exa_mple.com', 'a..b'])('rejects %j', (text) => {
    expectError(parseDomainArgument(text));
  });
});

describe('formatting and comparison helpers', () => {
  it('formats paths from their parts, source route included', () => {
    const mailbox = { localPart: 'u', domain: 'c.example', isAddressLiteral: false };
    expect(formatPath({ mailbox, sourceRoute: [], raw: 'ignored' })).toBe('<u@c.example>');
    expect(formatPath({ mailbox, sourceRoute: ['a', 'b'], raw: '' })).toBe('<@a,@b:u@c.example>');
    expect(formatPath({ mailbox: null, sourceRoute: [], raw: '' })).toBe('<>');
  });

  it('normalises domains by ASCII case only (RFC 5321 §2.4)', () => {
    expect(normaliseDomain('Mail.EXAMPLE.com')).toBe('mail.example.com');
    expect(normaliseDomain('[IPv6:2001:DB8::1]')).toBe('[ipv6:2001:db8::1]');
    expect(normaliseDomain('BÜCHER.example')).toBe('bÜcher.example');
  });

  it.each([
    ['plain', 'plain'],
    ['first.last', 'first.last'],
    ['john doe', '"john doe"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['.lead', '".lead"'],
    ['', '""'],
  ])('quotes the local-part value %j as %s and back', (value, written) => {
    expect(quoteLocalPart(value)).toBe(written);
    expect(unquoteLocalPart(written)).toBe(value);
    expect(parseMailbox(`${written}@x.y`)).toMatchObject({ localPart: written });
  });

  it.each([
    ['postmaster', true],
    ['PostMaster', true],
    ['"postmaster"', true],
    ['postmaster.x', false],
    ['post', false],
  ])('isPostmasterLocalPart(%s) is %s (RFC 5321 §4.5.1)', (localPart, expected) => {
    expect(isPostmasterLocalPart(localPart)).toBe(expected);
  });
});
