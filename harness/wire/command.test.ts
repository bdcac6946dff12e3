import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { type Command, type CommandParse, formatCommand, parseCommand, VERBS } from './command.ts';

const parse = (line: string, smtputf8 = false): CommandParse =>
  parseCommand(Buffer.from(line, smtputf8 ? 'utf8' : 'latin1'), { smtputf8 });

function parsed(line: string, smtputf8 = false): { command: Command; leniencies: string[] } {
  const result = parse(line, smtputf8);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(line)} to parse: ${result.error.message}`);
  return result;
}

const mailbox = (localPart: string, domain: string, isAddressLiteral = false) => ({
  localPart,
  domain,
  isAddressLiteral,
});

describe('parseCommand: every verb (RFC 5321 §4.1.1)', () => {
  it.each<[string, Command]>([
    ['EHLO mail.example', { verb: 'EHLO', domain: 'mail.example', isAddressLiteral: false }],
    ['EHLO [192.0.2.1]', { verb: 'EHLO', domain: '[192.0.2.1]', isAddressLiteral: true }],
    ['HELO mail.example', { verb: 'HELO', domain: 'mail.example', isAddressLiteral: false }],
    [
      'MAIL FROM:<a@b.example> SIZE=10',
      {
        verb: 'MAIL',
        reversePath: { mailbox: mailbox('a', 'b.example'), sourceRoute: [], raw: '<a@b.example>' },
        params: [{ keyword: 'SIZE', value: '10' }],
      },
    ],
    [
      'MAIL FROM:<>',
      { verb: 'MAIL', reversePath: { mailbox: null, sourceRoute: [], raw: '<>' }, params: [] },
    ],
    [
      'RCPT TO:<u@[IPv6:::1]> NOTIFY=NEVER',
      {
        verb: 'RCPT',
        forwardPath: {
          mailbox: mailbox('u', '[IPv6:::1]', true),
          sourceRoute: [],
          raw: '<u@[IPv6:::1]>',
        },
        isPostmaster: false,
        params: [{ keyword: 'NOTIFY', value: 'NEVER' }],
      },
    ],
    ['DATA', { verb: 'DATA' }],
    ['RSET', { verb: 'RSET' }],
    ['QUIT', { verb: 'QUIT' }],
    ['STARTTLS', { verb: 'STARTTLS' }],
    ['VRFY smith', { verb: 'VRFY', argument: 'smith' }],
    ['EXPN "staff list"', { verb: 'EXPN', argument: '"staff list"' }],
    ['HELP', { verb: 'HELP', argument: undefined }],
    ['HELP MAIL', { verb: 'HELP', argument: 'MAIL' }],
    ['NOOP', { verb: 'NOOP', argument: undefined }],
    ['AUTH PLAIN', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: undefined }],
    ['AUTH PLAIN =', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: '' }],
    ['AUTH PLAIN AGEAYg==', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: 'AGEAYg==' }],
    [
      'AUTH SCRAM-SHA-256',
      { verb: 'AUTH', mechanism: 'SCRAM-SHA-256', initialResponse: undefined },
    ],
    ['BDAT 1000', { verb: 'BDAT', chunkSize: 1000, isLast: false }],
    ['BDAT 0 LAST', { verb: 'BDAT', chunkSize: 0, isLast: true }],
    ['SEND FROM:<a@b>', { verb: 'SEND', argument: 'FROM:<a@b>' }],
    ['SOML FROM:<a@b>', { verb: 'SOML', argument: 'FROM:<a@b>' }],
    ['SAML FROM:<a@b>', { verb: 'SAML', argument: 'FROM:<a@b>' }],
    ['TURN', { verb: 'TURN', argument: undefined }],
    ['XCLIENT ADDR=1.2.3.4', { verb: 'UNKNOWN', word: 'XCLIENT', argument: 'ADDR=1.2.3.4' }],
    ['MAILX', { verb: 'UNKNOWN', word: 'MAILX', argument: undefined }],
    ['MAIL1 FROM:<>', { verb: 'UNKNOWN', word: 'MAIL1', argument: 'FROM:<>' }],
    ['MAIL\tFROM:<>', { verb: 'UNKNOWN', word: 'MAIL\tFROM:<>', argument: undefined }],
  ])('%j', (line, command) => {
    expect(parse(line)).toEqual({ ok: true, command, leniencies: [] });
  });

  it('knows every verb of the API', () => {
    expect([...VERBS].sort()).toEqual(
      ['AUTH', 'BDAT', 'DATA', 'EHLO', 'EXPN', 'HELO', 'HELP', 'MAIL', 'NOOP', 'QUIT', 'RCPT']
        .concat(['RSET', 'SAML', 'SEND', 'SOML', 'STARTTLS', 'TURN', 'VRFY'])
        .sort(),
    );
  });
});

describe('case-insensitivity (RFC 5321 §2.4)', () => {
  it.each(['mail from:<a@b>', 'Mail From:<a@b>', 'MAIL FROM:<a@b>', 'mAiL fRoM:<a@b>'])(
    '%s',
    (line) => {
      expect(parsed(line).command).toMatchObject({ verb: 'MAIL' });
    },
  );

  it.each(['rcpt to:<x@y>', 'RcPt To:<x@y>'])('%s', (line) => {
    expect(parsed(line).command).toMatchObject({ verb: 'RCPT' });
  });

  it('keeps the case of addresses as written', () => {
    expect(parsed('mail from:<Alice@Example.COM>').command).toMatchObject({
      reversePath: { mailbox: { localPart: 'Alice', domain: 'Example.COM' } },
    });
  });

  it('upper-cases parameter keywords, keeps values', () => {
    expect(parsed('MAIL FROM:<a@b> body=8bitmime').command).toMatchObject({
      params: [{ keyword: 'BODY', value: '8bitmime' }],
    });
  });

  it('accepts BDAT last in any case (RFC 3030 §2)', () => {
    expect(parsed('bdat 5 last').command).toEqual({ verb: 'BDAT', chunkSize: 5, isLast: true });
  });
});

describe('postmaster (RFC 5321 §4.1.1.3, §4.5.1)', () => {
  it.each(['<postmaster>', '<Postmaster>', '<POSTMASTER>', '<PostMaster>'])(
    'RCPT TO:%s',
    (path) => {
      const { command } = parsed(`RCPT TO:${path}`);
      expect(command).toEqual({
        verb: 'RCPT',
        forwardPath: { mailbox: null, sourceRoute: [], raw: path },
        isPostmaster: true,
        params: [],
      });
      expect(formatCommand(command)).toBe('RCPT TO:<Postmaster>');
    },
  );

  it.each([
    ['<Postmaster@example.com>', true],
    ['<postmaster@[192.0.2.1]>', true],
    ['<"postmaster"@example.com>', true],
    ['<postmasters@example.com>', false],
    ['<master@example.com>', false],
  ])('RCPT TO:%s has isPostmaster %s', (path, isPostmaster) => {
    expect(parsed(`RCPT TO:${path}`).command).toMatchObject({ isPostmaster });
  });
});

describe('source routes (RFC 5321 §4.1.2 A-d-l, §3.6.1, Appendix C)', () => {
  it.each([
    ['MAIL FROM:<@a.example:u@c.example>', ['a.example']],
    ['RCPT TO:<@a.example,@b.example:u@c.example>', ['a.example', 'b.example']],
    ['RCPT TO:<@A.example,@b:postmaster@c>', ['A.example', 'b']],
  ])('%s is accepted and the route recorded', (line, route) => {
    const { command } = parsed(line);
    const path =
      command.verb === 'MAIL'
        ? command.reversePath
        : command.verb === 'RCPT'
          ? command.forwardPath
          : undefined;
    expect(path?.sourceRoute).toEqual(route);
    expect(path?.mailbox?.domain).toMatch(/^c/);
  });
});

describe('leniencies: parsed, named, left to the server', () => {
  it.each([
    ['MAIL FROM: <a@b>', ['space-before-path']],
    ['RCPT TO:  <a@b>', ['space-before-path']],
    ['RCPT TO: <postmaster>', ['space-before-path']],
    ['MAIL FROM:<a@b> ', ['trailing-whitespace']],
    ['QUIT  ', ['trailing-whitespace']],
    ['DATA ', ['trailing-whitespace']],
    ['MAIL FROM: <a@b> SIZE=1 ', ['trailing-whitespace', 'space-before-path']],
    ['HELO [192.0.2.1]', ['helo-address-literal']],
    ['VRFY <a@b.example>', ['argument-not-string']],
    ['NOOP hello there', ['argument-not-string']],
    ['HELP me please', ['argument-not-string']],
    ['AUTH plain', ['lowercase-sasl-mechanism']],
  ])('%j', (line, leniencies) => {
    expect(parsed(line).leniencies).toEqual(leniencies);
  });
});

describe('syntax errors and the reply they suggest (RFC 5321 §4.3.2, §4.2.3)', () => {
  it.each([
    ['empty line', '', 500],
    ['leading SP', ' MAIL FROM:<>', 500],
    ['HELO without domain', 'HELO', 501],
    ['EHLO with two words', 'EHLO a.example b', 501],
    ['EHLO bad label', 'EHLO -bad.example', 501],
    ['EHLO with UTF-8 name', 'EHLO bücher.example', 501],
    ['MAIL without FROM', 'MAIL <a@b>', 501],
    ['MAIL FROM without path', 'MAIL FROM:', 501],
    ['missing brackets', 'MAIL FROM:a@b.example', 501],
    ['missing ">"', 'RCPT TO:<a@b.example', 501],
    ['missing "<"', 'RCPT TO:a@b.example>', 501],
    ['RCPT with null path', 'RCPT TO:<>', 501],
    ['text after path', 'MAIL FROM:<a@b>x', 501],
    ['double SP before params', 'MAIL FROM:<a@b>  SIZE=1', 501],
    ['bad parameter', 'MAIL FROM:<a@b> SIZE=', 501],
    ['bad local-part', 'MAIL FROM:<a..b@c>', 553],
    ['bad domain', 'RCPT TO:<a@b_c.example>', 553],
    ['bad address literal', 'RCPT TO:<a@[IPv6:1::2::3]>', 553],
    ['space in local-part', 'RCPT TO:<a b@c>', 553],
    ['8-bit local-part without SMTPUTF8', 'MAIL FROM:<j\u00f6@b>', 553],
    ['8-bit in parameter without SMTPUTF8', 'MAIL FROM:<a@b> X=\u00e9', 501],
    ['8-bit in VRFY without SMTPUTF8', 'VRFY j\u00f6', 501],
    ['NUL in path', 'MAIL FROM:<a\u0000@b>', 501],
    ['TAB before parameter', 'MAIL FROM:<a@b>\tSIZE=1', 501],
    ['TAB after FROM:', 'MAIL FROM:\t<a@b>', 501],
    ['bare CR inside', 'NOOP a\rb', 501],
    ['DEL', 'NOOP \u007f', 501],
    ['DATA with argument', 'DATA now', 501],
    ['RSET with argument', 'RSET x', 501],
    ['QUIT with argument', 'QUIT now', 501],
    ['STARTTLS with argument', 'STARTTLS x', 501],
    ['VRFY without argument', 'VRFY', 501],
    ['AUTH without mechanism', 'AUTH', 501],
    ['AUTH bad mechanism', 'AUTH PL@IN', 501],
    ['AUTH mechanism over 20 chars', `AUTH ${'A'.repeat(21)}`, 501],
    ['AUTH bad base64', 'AUTH PLAIN abc', 501],
    ['AUTH two responses', 'AUTH PLAIN = =', 501],
    ['BDAT without size', 'BDAT', 501],
    ['BDAT non-numeric', 'BDAT 1k', 501],
    ['BDAT bad marker', 'BDAT 10 END', 501],
    ['BDAT huge size', `BDAT ${'9'.repeat(20)}`, 501],
  ])('%s: %j gives %i', (_name, line, reply) => {
    const result = parse(line);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.suggestedReply).toBe(reply);
    expect(result.error.code).toBe(ERROR_CODES.commandSyntax);
    expect(result.error.message).not.toContain('\n');
  });

  it('names the verb in the error', () => {
    const result = parse('RCPT TO:<>');
    expect(result.ok ? undefined : result.error.verb).toBe('RCPT');
  });

  it('accepts UTF-8 in addresses and String arguments with SMTPUTF8 (RFC 6531 §3.3)', () => {
    expect(parsed('MAIL FROM:<jöran@bücher.example> SMTPUTF8', true).command).toMatchObject({
      reversePath: { mailbox: { localPart: 'jöran', domain: 'bücher.example' } },
    });
    expect(parsed('VRFY jöran', true).command).toEqual({ verb: 'VRFY', argument: 'jöran' });
  });

  it('rejects invalid UTF-8 with SMTPUTF8', () => {
    const result = parseCommand(
      Buffer.from([...Buffer.from('MAIL FROM:<a'), 0xc3, 0x28, ...Buffer.from('@b>')]),
      {
        smtputf8: true,
      },
    );
    expect(result.ok ? undefined : result.error.reason).toMatch(/UTF-8/);
  });
});

describe('limits (RFC 5321 §4.5.3.1)', () => {
  const longLocal = 'a'.repeat(65);
  it.each([
    ['command line of 512 octets with CRLF', `NOOP ${'x'.repeat(505)}`, undefined, undefined],
    ['command line of 513 octets with CRLF', `NOOP ${'x'.repeat(506)}`, 'commandLine', 500],
    ['local-part of 65 octets', `MAIL FROM:<${longLocal}@b>`, 'localPart', 501],
    ['domain of 256 octets', `RCPT TO:<a@${'d.'.repeat(127)}dd>`, 'domain', 501],
    ['EHLO domain of 256 octets', `EHLO ${'d.'.repeat(127)}dd`, 'domain', 501],
    ['source-route domain of 256 octets', `RCPT TO:<@${'d.'.repeat(127)}dd:a@b>`, 'domain', 501],
  ])('%s', (_name, line, limit, reply) => {
    const result = parse(line);
    if (limit === undefined) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.limit).toBe(limit);
    expect(result.error.code).toBe(ERROR_CODES.limit);
    expect(result.error.suggestedReply).toBe(reply);
  });

  it('reports a too-long path with the path limit', () => {
    const line = `RCPT TO:<${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}>`;
    const result = parse(line);
    expect(result.ok ? undefined : result.error.limit).toBe('path');
  });

  it('checks the line limit before anything else, even for unknown verbs', () => {
    const result = parse(`X${'x'.repeat(600)}`);
    expect(result.ok ? undefined : result.error.limit).toBe('commandLine');
  });
});
