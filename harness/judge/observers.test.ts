// Why this test? Each observer rule added for issue 13 (qualified server names, keyword
// parameters, AUTH mechanisms advertised outside TLS, SEND/SOML/SAML listed, mailboxes in
// pointed brackets) is shown one reply that keeps it and one that breaks it, so a rule that
// can never fire, or fires on a conformant reply, is caught here rather than in a run.
import { describe, expect, it } from 'vitest';
import type { ObserverName } from '../scenario/types.ts';
import type { TableVerb } from '../wire/reply-table.ts';
import { type Observation, type ObservedReply, observe } from './observers.ts';

function reply(
  answered: TableVerb | undefined,
  code: number,
  lines: string[],
  extra: Partial<ObservedReply> = {},
): ObservedReply {
  return {
    answered,
    what: `reply to ${answered ?? 'command'}`,
    reply: { code, lines, raw: Buffer.alloc(0), violations: [] },
    keywords: new Set(),
    params: new Map(),
    command: '',
    ehloSeen: true,
    tls: false,
    text: {},
    ...extra,
  };
}

/** What observer `name` made of `o`: undefined when the reply is not one it judges. */
function judged(name: ObserverName, o: ObservedReply): Observation | undefined {
  const into = new Map<ObserverName, Observation>();
  observe(o, into);
  return into.get(name);
}

function messages(name: ObserverName, o: ObservedReply): string[] | undefined {
  return judged(name, o)?.violations.map((v) => v.message);
}

describe('observers', () => {
  it('server-name-qualified: a one-label name in the greeting or EHLO reply breaks it', () => {
    expect(
      messages('server-name-qualified', reply('CONNECT', 220, ['mx.example.test ESMTP'])),
    ).toEqual([]);
    expect(messages('server-name-qualified', reply('CONNECT', 220, ['[192.0.2.1] ESMTP']))).toEqual(
      [],
    );
    expect(messages('server-name-qualified', reply('EHLO', 250, ['mailhost', 'SIZE 10']))).toEqual([
      'reply to EHLO: the server names itself "mailhost", an unqualified name',
    ]);
    expect(judged('server-name-qualified', reply('NOOP', 250, ['Ok']))).toBeUndefined();
  });

  it('size-parameter: SIZE takes at most one size-value of 1 to 20 digits', () => {
    const ehlo = (size: string) => reply('EHLO', 250, ['mx.example.test', size]);
    expect(messages('size-parameter', ehlo('SIZE 10485760'))).toEqual([]);
    expect(messages('size-parameter', ehlo('SIZE'))).toEqual([]);
    expect(messages('size-parameter', ehlo('SIZE 10M'))).toEqual([
      'reply to EHLO: SIZE 10M: not a size-value (1 to 20 digits)',
    ]);
    expect(messages('size-parameter', ehlo('SIZE 1 2'))).toHaveLength(1);
    expect(judged('size-parameter', reply('EHLO', 250, ['mx.example.test']))).toBeUndefined();
  });

  it.each([
    ['enhancedstatuscodes-no-parameter', 'ENHANCEDSTATUSCODES'],
    ['8bitmime-no-parameter', '8BITMIME'],
    ['smtputf8-no-parameter', 'SMTPUTF8'],
  ] as const)('%s: the keyword is listed without parameters', (name, keyword) => {
    expect(messages(name, reply('EHLO', 250, ['mx.example.test', keyword]))).toEqual([]);
    expect(messages(name, reply('EHLO', 250, ['mx.example.test', `${keyword} yes`]))).toEqual([
      `reply to EHLO: ${keyword} is listed with parameters (yes); it takes none`,
    ]);
  });

  it('auth-mechanisms-permitted: outside TLS, an advertised mechanism refused as needing encryption', () => {
    const params = new Map([['AUTH', ['PLAIN', 'LOGIN']]]);
    const auth = (code: number, extra: Partial<ObservedReply> = {}) =>
      reply('AUTH', code, ['x'], { params, command: 'AUTH PLAIN', ...extra });
    expect(messages('auth-mechanisms-permitted', auth(334))).toEqual([]);
    expect(messages('auth-mechanisms-permitted', auth(538))).toEqual([
      'reply to AUTH: AUTH PLAIN was advertised without TLS, then refused with 538',
    ]);
    // Inside TLS, or for a mechanism that was not advertised, the rule has nothing to say.
    expect(judged('auth-mechanisms-permitted', auth(538, { tls: true }))).toBeUndefined();
    expect(
      judged('auth-mechanisms-permitted', auth(504, { command: 'AUTH CRAM-MD5' })),
    ).toBeUndefined();
  });

  it('commands-listed: SEND, SOML and SAML, when implemented, are listed in the EHLO reply', () => {
    const send = (code: number, keywords: string[] = []) =>
      reply(undefined, code, ['x'], {
        command: 'SEND FROM:<a@b.test>',
        keywords: new Set(keywords),
      });
    expect(messages('commands-listed', send(502))).toEqual([]);
    expect(messages('commands-listed', send(250, ['SEND']))).toEqual([]);
    expect(messages('commands-listed', send(250))).toEqual([
      'reply to command: SEND is implemented (it got 250) but the EHLO reply did not list it',
    ]);
    // A refusal or 252 may be a site that disabled the command (§7.3): no proof it is
    // implemented (Exim answers an unlisted EXPN "550 Administrative prohibition").
    const expn = (code: number) =>
      reply(undefined, code, ['x'], { command: 'EXPN staff', keywords: new Set<string>() });
    expect(messages('commands-listed', expn(550))).toEqual([]);
    expect(messages('commands-listed', expn(252))).toEqual([]);
    expect(messages('commands-listed', expn(250))).toEqual([
      'reply to command: EXPN is implemented (it got 250) but the EHLO reply did not list it',
    ]);
  });

  it('vrfy-expn-mailboxes: a mailbox without pointed brackets is a warning, a program a violation', () => {
    const vrfy = (line: string) => reply('VRFY', 250, [line]);
    expect(judged('vrfy-expn-mailboxes', vrfy('Alice <alice@example.test>'))?.violations).toEqual(
      [],
    );
    expect(judged('vrfy-expn-mailboxes', vrfy('alice@example.test'))?.violations).toEqual([
      {
        message:
          'reply to VRFY: line 1 of the 250 reply ("alice@example.test") gives its mailbox without pointed brackets',
        grade: 'warn',
      },
    ]);
    expect(messages('vrfy-expn-mailboxes', vrfy('|/usr/bin/procmail'))).toEqual([
      'reply to VRFY: line 1 of the 250 reply ("|/usr/bin/procmail") names no mailbox',
    ]);
  });

  it('forwarding-reply-names-path: a 251 or 551 to RCPT names the forward-path', () => {
    const rcpt = (code: number, line: string) => reply('RCPT', code, [line]);
    expect(
      messages('forwarding-reply-names-path', rcpt(251, 'will forward to <b@new.test>')),
    ).toEqual([]);
    expect(messages('forwarding-reply-names-path', rcpt(551, 'User not local'))).toEqual([
      'reply to RCPT: the 551 reply ("User not local") names no <forward-path>',
    ]);
    expect(judged('forwarding-reply-names-path', rcpt(250, 'Ok'))).toBeUndefined();
  });
});
