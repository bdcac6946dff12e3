import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, NOOP_OK, RCPT, reachData } from '../_steps.ts';

/**
 * §4.5.3.1: every implementation MUST be able to receive objects up to the listed sizes.
 * Each case puts one object exactly at its limit (lengths are asserted below, so an edit
 * cannot silently move them), or beyond it to check that the session survives.
 */

function exactly(text: string, octets: number): string {
  if (text.length !== octets)
    throw new Error(`limit case: ${octets} octets wanted, got ${text.length}`);
  return text;
}

// 64-octet local-part at the served domain (a sender: no relay or recipient checks apply).
const LOCAL_64 = exactly(`smtpspec-local-part-64-${'x'.repeat(41)}`, 64);
// The longest domain name: 253 characters, which is 255 octets in the DNS wire format
// (RFC 1035 §2.3.4: a length octet before each label and the root's zero octet). A 255-
// character name would be 257 octets there, which a server may rightly refuse. Four
// labels of at most 63 octets. Only EHLO can carry it: a path is at most 256 octets with
// its brackets, which leaves a mailbox's domain at most 252.
const DOMAIN_253 = exactly(
  ['a', 'b', 'c'].map((c) => c.repeat(63)).join('.') + `.${'d'.repeat(54)}example`,
  253,
);
// 256-octet reverse-path: "<" + 64-octet local-part + "@" + 189-octet domain + ">".
const DOMAIN_189 = exactly(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(53)}.example`, 189);
const PATH_256 = exactly(`<${LOCAL_64}@${DOMAIN_189}>`, 256);
// 512-octet command line, CRLF included: NOOP with an ignored parameter (§4.1.1.9).
const NOOP_512 = exactly(`NOOP ${'x'.repeat(505)}\r\n`, 512);
const NOOP_4096 = exactly(`NOOP ${'x'.repeat(4089)}\r\n`, 4096);
// 1000-octet text line, CRLF included.
const TEXT_1000 = exactly(`${'t'.repeat(998)}\r\n`, 1000);
// 64K octets of message content.
const HEADER_64K = 'Subject: smtpspec 64K message content\r\n\r\n';
const LINE_80 = `${'m'.repeat(78)}\r\n`;
const FILL_64K = 65536 - HEADER_64K.length;
const CONTENT_64K = exactly(
  HEADER_64K +
    LINE_80.repeat(Math.floor(FILL_64K / 80) - 1) +
    `${'m'.repeat((FILL_64K % 80) + 78)}\r\n`,
  65536,
);
// 150 addresses in a To: header field, folded under 78 octets a line.
const TO_150 = `To: ${Array.from({ length: 150 }, (_, i) => `hdr-${i + 1}@{{domain}}`).join(',\r\n ')}\r\n`;

// A plain message first: a site that refuses every message (a content filter) is not
// refusing the size. Then the same envelope for the message at the limit.
const PLAIN_THEN_DATA = [EHLO, ...MESSAGE_CONTROL, MAIL, RCPT, DATA];

// A message at (not over) a limit is accepted, or deferred for a transient local reason.
const MESSAGE_OK = {
  codes: ['2xx', 451, 452],
  because:
    'the object is within the size every server MUST receive; only a transient failure is excusable',
};
// MAIL rows of §4.3.2 that are not about length or syntax (500, 501, 552, 553 are).
const SENDER_OK = {
  codes: [250, 450, 451, 452, 550],
  because:
    'the path is within the limits, so no "too long" or syntax error; a policy refusal is not a size error',
};

function limitCase(
  slug: string,
  title: string,
  requirements: string[],
  steps: Step[],
): ScenarioSource {
  return {
    id: `rfc5321/4.5.3.1/${slug}`,
    title,
    level: 'MUST',
    requirements,
    steps,
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.5.3.1',
  title: 'Size limits and minimums',
  spec: 'RFC 5321',
  section: '4.5.3.1',
  scenarios: [
    limitCase(
      'local-part-64-octets',
      'A 64-octet local-part is received',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.1-a'],
      [EHLO, { kind: 'send', line: `MAIL FROM:<${LOCAL_64}@{{domain}}>`, expect: SENDER_OK }],
    ),
    limitCase(
      'domain-255-octets',
      'A domain of 255 octets in DNS wire format (253 characters) in EHLO is received',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.2-a'],
      [
        {
          kind: 'ehlo',
          name: DOMAIN_253,
          expect: {
            codes: [250, 550],
            role: 'check',
            because:
              'the longest valid domain name (RFC 1035 §2.3.4); only a policy refusal (550) is excusable',
          },
        },
      ],
    ),
    limitCase(
      'path-256-octets',
      'A 256-octet reverse-path is received',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.3-a'],
      [EHLO, { kind: 'send', line: `MAIL FROM:${PATH_256}`, expect: SENDER_OK }],
    ),
    limitCase(
      'command-line-512-octets',
      'A 512-octet command line is received',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.4-a'],
      [
        EHLO,
        // The control: NOOP with a short parameter. A server that refuses NOOP parameters at
        // any length cannot be blamed for the length.
        {
          kind: 'send',
          line: 'NOOP x',
          expect: { role: 'control', codes: [250], because: 'NOOP ignores its parameter' },
        },
        {
          kind: 'sendRaw',
          bytes: NOOP_512,
          note: 'NOOP, a space and a 505-octet parameter, CRLF: 512 octets in all',
          expect: {
            codes: [250],
            because: 'a command line of 512 octets is within the limit; NOOP ignores its parameter',
          },
        },
      ],
    ),
    // Why this case? Readers with a fixed buffer may cut the line and run the rest of it
    // as a second command, or drop the connection; either shows up here.
    limitCase(
      'command-line-over-limit',
      'A 4096-octet command line gets one reply and the session goes on',
      ['R5321-4.2-a'],
      [
        EHLO,
        {
          kind: 'sendRaw',
          bytes: NOOP_4096,
          hostile: true,
          note: 'NOOP with a 4089-octet parameter, CRLF: 4096 octets, far beyond the 512 of §4.5.3.1.4',
          expect: {
            codes: [250, 500, 501],
            because: 'a server may accept a longer line or answer 500 "line too long"',
          },
        },
        { kind: 'expectNoReply', ms: 1000 },
        NOOP_OK,
      ],
    ),
    limitCase(
      'text-line-1000-octets',
      'A 1000-octet text line is received',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.6-a'],
      [
        ...PLAIN_THEN_DATA,
        {
          kind: 'message',
          content: `Subject: smtpspec 1000-octet line\r\n\r\n${TEXT_1000}`,
          expect: MESSAGE_OK,
        },
      ],
    ),
    limitCase(
      'text-line-1000-octets-plus-stuffed-dot',
      'A 1000-octet text line that starts with a period (1001 octets when stuffed) is received',
      // The unstuffing (R5321-4.5.2-c) shows only in the delivered message.
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.6-a'],
      [
        ...PLAIN_THEN_DATA,
        // The encoder stuffs the leading period: 1001 octets on the wire, "not counting the
        // leading dot duplicated for transparency".
        {
          kind: 'message',
          content: `Subject: smtpspec stuffed long line\r\n\r\n.${TEXT_1000.slice(1)}`,
          expect: MESSAGE_OK,
        },
      ],
    ),
    limitCase(
      'text-line-over-limit',
      'A 4000-octet text line draws no reply before the end of data',
      ['R5321-4.2-a', 'R5321-4.1.1.4-b'],
      [
        ...reachData,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: `Subject: smtpspec over-long line\r\n\r\n${'o'.repeat(3998)}\r\n`,
          note: 'a message with one 4000-octet text line (CRLF included), four times the limit',
        },
        { kind: 'expectNoReply', ms: 1000 },
        {
          kind: 'sendRaw',
          bytes: '.\r\n',
          note: 'the end of mail data',
          expect: {
            because:
              'the message may be accepted or refused (552, 554), but only now and only once',
          },
        },
        NOOP_OK,
      ],
    ),
    limitCase(
      'message-content-64k',
      'A message of 64K octets is received',
      ['R5321-4.5.3.1.7-a'],
      [...PLAIN_THEN_DATA, { kind: 'message', content: CONTENT_64K, expect: MESSAGE_OK }],
    ),
    limitCase(
      'one-hundred-recipients',
      'One hundred RCPT commands in one transaction are all accepted',
      ['R5321-4.5.3.1-a', 'R5321-4.5.3.1.8-a'],
      [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        // The two profile recipients, alternately: the same mailbox may appear in several RCPT
        // commands, and each still counts towards the 100 the server MUST buffer.
        ...Array.from(
          { length: 100 },
          (_, i): Step => ({
            kind: 'send',
            line: `RCPT TO:<{{${i % 2 === 0 ? 'rcpt' : 'rcpt2'}}}>`,
            expect: {
              codes: [250, 251],
              because: `recipient ${i + 1} of 100, all within the minimum buffer`,
            },
          }),
        ),
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content: 'Subject: smtpspec 100 recipients\r\n\r\nOne copy each.\r\n',
          expect: MESSAGE_OK,
        },
      ],
    ),
    {
      ...limitCase(
        'recipients-in-header-not-counted',
        'A message whose To: field lists 150 addresses is not refused for it',
        ['R5321-4.5.3.1.8-c', 'R5321-4.5.3.1.8-d'],
        [
          ...PLAIN_THEN_DATA,
          {
            kind: 'message',
            content: `Subject: smtpspec long To: field\r\n${TO_150}\r\nbody\r\n`,
            expect: MESSAGE_OK,
          },
        ],
      ),
      level: 'SHOULD',
    },
  ],
};

export default group;
