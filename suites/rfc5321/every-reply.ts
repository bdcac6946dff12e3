import type { ReplyExpectation, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, HELO, NOOP_OK } from '../_steps.ts';

/** A step of an observer case that only makes a reply to observe: any reply will do. */
const ANY_REPLY: ReplyExpectation = {
  codes: ['2xx', '3xx', '4xx', '5xx'],
  because: 'any reply; the rule this case reports is judged by the observer',
};

/**
 * Rules every reply of the run is held to, whatever the case it came in: each case here
 * names one rule (harness/judge/observers.ts) and reports it over all the replies the run
 * read, under its own requirement ids, naming the case whose transcript shows a violation.
 * Its own steps only make sure there is a reply of the kind to observe when it runs alone.
 */
const group: SuiteGroup = {
  id: 'rfc5321/every-reply',
  title: 'Reply and capability grammar, on every reply of the run',
  spec: 'RFC 5321',
  scenarios: [
    {
      id: 'rfc5321/4.2/replies-well-formed',
      title:
        'Every reply has the form of RFC 5321 §4.2: codes 2yz-5yz, "-" then SP, CRLF, ASCII text',
      section: '4.2',
      level: 'MUST',
      requirements: [
        'R5321-4.2.1-c',
        'R5321-4.2-k',
        'R5321-4.3.2-c',
        'R5321-2.3.8-a',
        'R5321-4.2.1-d',
        'R5321-4.2-g',
        'R5321-4.5.3.1.5-a',
        'R5321-4.5.3.1-b',
      ],
      observe: 'reply-form',
      steps: [EHLO, NOOP_OK],
    },
    {
      id: 'rfc5321/4.2.1/multiline-replies-one-code',
      title: 'Every line of a multi-line reply carries the same code',
      section: '4.2.1',
      level: 'MUST',
      requirements: ['R5321-4.2.1-f'],
      observe: 'multiline-same-code',
      steps: [EHLO],
    },
    {
      id: 'rfc5321/4.2/greeting-names-server',
      title: "The 220 greeting starts with the server's domain or address literal",
      section: '4.2',
      level: 'MUST',
      // A Domain of LDH labels (§4.1.2) or an address literal of §4.1.3.
      requirements: [
        'R5321-4.2-m',
        'R5321-4.1.2-m',
        'R5321-4.1.3-a',
        'R5321-4.1.3-b',
        'R5321-4.1.3-d',
      ],
      observe: 'greeting-domain',
      steps: [{ kind: 'greeting' }],
    },
    {
      id: 'rfc5321/4.1.1.1/ehlo-reply-grammar',
      title:
        "The EHLO reply names the server's domain and lists keyword lines of the ehlo-line grammar",
      section: '4.1.1.1',
      level: 'MUST',
      requirements: [
        'R5321-4.1.1.1-h',
        'R5321-4.1.1.1-i',
        'R5321-4.1.2-m',
        'R5321-4.1.3-a',
        'R5321-4.1.3-b',
        'R5321-4.1.3-d',
      ],
      observe: 'ehlo-grammar',
      steps: [EHLO],
    },
    {
      id: 'rfc5321/2.2.2/ehlo-keywords-registered',
      title: 'EHLO keywords that do not start with X are registered SMTP service extensions',
      section: '2.2.2',
      level: 'MUST',
      requirements: ['R5321-2.2.2-b', 'R5321-2.2.2-c'],
      observe: 'ehlo-keywords-registered',
      steps: [EHLO],
    },
    {
      id: 'rfc5321/2.3.5/server-names-qualified',
      title: 'The server names itself in its greeting and EHLO reply by a qualified name',
      section: '2.3.5',
      level: 'MUST',
      requirements: ['R5321-2.3.5-b'],
      observe: 'server-name-qualified',
      steps: [EHLO],
    },
    {
      // 251 and 551 (§3.4) come only from servers that forward or know a new address: the
      // case skips when no RCPT of the run got one.
      id: 'rfc5321/4.2/forwarding-replies-name-the-path',
      title: 'A 251 or 551 to RCPT names the <forward-path> it announces',
      section: '4.2',
      level: 'SHOULD',
      requirements: ['R5321-4.2-d'],
      observe: 'forwarding-reply-names-path',
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: ANY_REPLY },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: ANY_REPLY },
      ],
    },
    {
      id: 'rfc5321/3.2/helo-reply-one-line',
      title: 'HELO gets a one-line reply, not the EHLO-style response',
      section: '3.2',
      level: 'MUST',
      requirements: ['R5321-3.2-a'],
      observe: 'helo-one-line',
      steps: [HELO],
    },
    {
      id: 'rfc5321/3.5.2/vrfy-expn-replies-name-mailboxes',
      title:
        'A 250, 251 or 551 to VRFY or EXPN names mailboxes as <local-part@domain>, with no source route',
      section: '3.5.2',
      level: 'MUST',
      requirements: [
        'R5321-3.5.1-b',
        'R5321-3.5.1-c',
        'R5321-3.5.1-d',
        'R5321-3.5.2-a',
        'R5321-3.5.2-b',
        'R5321-3.5.2-c',
        'R5321-3.5.2-d',
        'R5321-3.5.2-e',
        'R5321-4.1.2-g',
      ],
      observe: 'vrfy-expn-mailboxes',
      // Any reply of the §4.3.2 rows: what is judged is the mailbox in a positive one.
      steps: [
        EHLO,
        { kind: 'send', line: 'VRFY {{rcpt}}' },
        { kind: 'send', line: 'EXPN postmaster' },
      ],
    },
    {
      id: 'rfc5321/3.5.2/implemented-commands-listed',
      title: 'EXPN, HELP, SEND, SOML and SAML, when implemented, are listed in the EHLO reply',
      section: '3.5.2',
      level: 'MUST',
      requirements: ['R5321-3.5.2-g', 'R5321-4.1.1.1-g', 'R5321-F.6-c'],
      observe: 'commands-listed',
      steps: [
        EHLO,
        { kind: 'send', line: 'EXPN postmaster' },
        { kind: 'send', line: 'HELP' },
        // Any reply: a server that runs them opens a transaction, which RSET ends.
        ...['SEND', 'SOML', 'SAML'].flatMap((verb): Step[] => [
          { kind: 'send', line: `${verb} FROM:<{{from}}>`, expect: ANY_REPLY },
          { kind: 'send', line: 'RSET', expect: ANY_REPLY },
        ]),
      ],
    },
  ],
};

export default group;
