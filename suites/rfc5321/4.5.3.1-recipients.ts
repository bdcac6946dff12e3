/**
 * The recipients buffer (RFC 5321 §4.5.3.1.8, §4.5.3.1.10): 100 distinct recipients, the
 * 101st, and twice the minimum.
 *
 * A client cannot know 100 deliverable mailboxes of an unknown server, but it knows one
 * name every server must accept at each domain it serves, "postmaster", "as a
 * case-insensitive local name" (§4.5.1). Its 1024 spellings in upper and lower case are
 * distinct addresses (a server compares most local parts case-sensitively, §2.4) for one
 * mailbox the server MUST accept, so every refusal among the first 100 breaks a MUST: that
 * of §4.5.1, or "Rejection of messages (for excessive recipients) with fewer than 100 RCPT
 * commands is a violation" (§4.5.3.1.8). A server that counts the spellings as one
 * recipient simply has room for more.
 *
 * A server may also count the spellings as one mailbox and never reach its limit. The
 * `--rcpt-pattern` cases take 101 distinct mailboxes from the profile instead (the bundled
 * MTA has them; against another server they skip unless the flag names them), so that the
 * 101st meets the limit of any server that has the minimum one.
 *
 * At the limit §4.5.3.1.10 asks for 452 when an implementation limit is exhausted (MUST),
 * but lets a configured site-policy limit use a 5yz code (MAY); a client cannot tell the two
 * apart, so a reply other than 452 (or acceptance) to the 101st is reported, not blamed.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, NOOP_OK, RSET } from '../_steps.ts';

const POSTMASTER = 'postmaster';

/** Spelling `n` (0 to 1023) of postmaster: letter i upper case when bit i of n is set. */
function spelling(n: number): string {
  return [...POSTMASTER].map((c, i) => ((n >> i) & 1 ? c.toUpperCase() : c)).join('');
}

function recipients(
  from: number,
  count: number,
  expect: (n: number) => ReplyExpectation,
  hostile = false,
): Step[] {
  return Array.from({ length: count }, (_, i): Step => {
    const n = from + i;
    return {
      kind: 'send',
      line: `RCPT TO:<${spelling(n)}@{{domain}}>`,
      expect: expect(n),
      ...(hostile ? { hostile } : {}),
    };
  });
}

const WITHIN = (n: number) => ({
  codes: [250, 251],
  because: `recipient ${n + 1} of 100 distinct spellings of postmaster: postmaster MUST be accepted, and fewer than 100 RCPTs may not be refused for their number`,
});
const SETUP = () => ({ role: 'setup' as const, codes: [250, 251] });
const AT_THE_LIMIT = {
  codes: [250, 251, 452],
  because:
    'at an implementation limit the reply MUST be 452 (§4.5.3.1.10); a site-policy limit MAY use 5yz, which a client cannot tell apart, so another reply is reported',
};
// The message cases send a plain message first (MESSAGE_CONTROL): a site that refuses
// every message is not refusing the recipients.
const MESSAGE_OK = {
  codes: ['2xx', 451, 452],
  because: 'a hundred recipients are within what every server MUST buffer',
};

const BUFFER = [
  'R5321-4.5.3.1-a',
  'R5321-4.5.3.1.8-a',
  'R5321-4.5.3.1.8-g',
  'R5321-4.5.1-c',
  'R5321-4.5.1-d',
];

const cases: ScenarioSource[] = [
  {
    id: 'rfc5321/4.5.3.1/one-hundred-distinct-recipients',
    title:
      'One hundred distinct recipients (spellings of postmaster) are accepted, then the message',
    level: 'MUST',
    requirements: BUFFER,
    steps: [
      EHLO,
      ...MESSAGE_CONTROL,
      MAIL,
      ...recipients(0, 100, WITHIN),
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      {
        kind: 'message',
        content: 'Subject: smtpspec 100 distinct recipients\r\n\r\nOne copy for a hundred.\r\n',
        expect: MESSAGE_OK,
      },
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/one-hundred-recipients-after-rset',
    title: 'After 100 recipients and RSET, a new transaction takes 100 more',
    level: 'MUST',
    requirements: [...BUFFER, 'R5321-4.1.1.5-a'],
    steps: [
      EHLO,
      MAIL,
      ...recipients(0, 100, SETUP),
      RSET,
      MAIL,
      ...recipients(100, 100, (n) => ({
        ...WITHIN(n - 100),
        because: `recipient ${n - 99} of 100 after RSET, which MUST discard the recipients before it`,
      })),
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/one-hundred-recipients-in-second-transaction',
    title: 'After a message to 100 recipients, the next transaction takes 100 more',
    level: 'MUST',
    requirements: BUFFER,
    steps: [
      EHLO,
      MAIL,
      ...recipients(0, 100, SETUP),
      DATA,
      {
        kind: 'message',
        content: 'Subject: smtpspec first of two transactions\r\n\r\nA hundred recipients.\r\n',
        expect: { role: 'setup', codes: [250] },
      },
      MAIL,
      ...recipients(100, 100, (n) => ({
        ...WITHIN(n - 100),
        because: `recipient ${n - 99} of 100 in a new transaction: the buffer of the last one was cleared`,
      })),
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/one-hundred-recipients-pipelined',
    title: 'One hundred distinct recipients in one pipelined write each get their reply',
    level: 'MUST',
    requirements: [...BUFFER, 'R2920-3.2-a'],
    preconditions: { ehlo: ['PIPELINING'] },
    steps: [
      EHLO,
      ...MESSAGE_CONTROL,
      MAIL,
      {
        kind: 'pipeline',
        lines: Array.from({ length: 100 }, (_, n) => `RCPT TO:<${spelling(n)}@{{domain}}>`),
        expect: Array.from({ length: 100 }, (_, n) => WITHIN(n)),
      },
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      {
        kind: 'message',
        content: 'Subject: smtpspec 100 pipelined recipients\r\n\r\nOne write.\r\n',
        expect: MESSAGE_OK,
      },
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/one-hundred-recipients-from-pattern',
    title: 'One hundred distinct mailboxes (--rcpt-pattern) are accepted, then the message',
    level: 'MUST',
    requirements: BUFFER.slice(0, 3),
    steps: [
      EHLO,
      ...MESSAGE_CONTROL,
      MAIL,
      {
        kind: 'recipients',
        address: '{{rcptPattern}}',
        count: 100,
        expect: {
          codes: [250, 251],
          because:
            'a deliverable mailbox of the profile, one of the 100 recipients every server MUST buffer (§4.5.3.1.8)',
        },
      },
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      {
        kind: 'message',
        content: 'Subject: smtpspec 100 mailboxes\r\n\r\nOne copy for a hundred mailboxes.\r\n',
        expect: MESSAGE_OK,
      },
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/recipient-101-from-pattern-gets-452',
    title:
      'After 100 distinct mailboxes (--rcpt-pattern), the 101st is accepted or refused with 452',
    level: 'MAY',
    requirements: ['R5321-4.5.3.1.10-b', 'R5321-4.5.3.1.10-d'],
    steps: [
      EHLO,
      MAIL,
      { kind: 'recipients', address: '{{rcptPattern}}', count: 100, expect: SETUP() },
      {
        kind: 'recipients',
        address: '{{rcptPattern}}',
        first: 101,
        count: 1,
        expect: AT_THE_LIMIT,
      },
    ],
  },
  {
    // The MUST of §4.5.3.1.10 seen from the client: a limit the server reaches is either
    // its implementation's (452 MUST) or its site's (5yz MAY), so any temporary refusal of
    // the 101st other than 452 breaks it. Needs 101 distinct mailboxes (--rcpt-pattern).
    id: 'rfc5321/4.5.3.1/recipient-101-no-other-4yz',
    title: 'The 101st distinct recipient gets no temporary refusal other than 452',
    level: 'MUST',
    requirements: ['R5321-4.5.3.1.10-b'],
    steps: [
      EHLO,
      MAIL,
      { kind: 'recipients', address: '{{rcptPattern}}', count: 100, expect: SETUP() },
      {
        kind: 'recipients',
        address: '{{rcptPattern}}',
        first: 101,
        count: 1,
        expect: {
          codes: [250, 251, 452, '5xx'],
          codesByRule: true,
          because:
            'an implementation limit on recipients MUST answer 452, a site-policy limit MAY answer 5yz (RFC 5321 §4.5.3.1.10)',
        },
      },
    ],
  },
  {
    id: 'rfc5321/4.5.3.1/recipient-101-gets-452',
    title: 'The 101st distinct recipient is accepted, or refused with 452 "too many recipients"',
    level: 'MAY',
    requirements: ['R5321-4.5.3.1.10-b', 'R5321-4.5.3.1.10-d'],
    steps: [EHLO, MAIL, ...recipients(0, 100, SETUP), ...recipients(100, 1, () => AT_THE_LIMIT)],
  },
  {
    id: 'rfc5321/4.5.3.1/two-hundred-recipients',
    title: 'Two hundred recipients each get one reply, and the session goes on',
    level: 'MUST',
    requirements: ['R5321-4.2-a'],
    steps: [
      EHLO,
      MAIL,
      ...recipients(0, 100, SETUP),
      // Past the minimum: any reply of the RCPT row, or a refusal and a close, as a
      // defence against a client that keeps adding recipients (§7.8).
      ...recipients(100, 100, () => ({}), true),
      NOOP_OK,
    ],
  },
];

const group: SuiteGroup = {
  id: 'rfc5321/4.5.3.1/recipients',
  title:
    'The recipients buffer: 100 distinct recipients, again after RSET or a message, pipelined, the 101st, 200',
  spec: 'RFC 5321',
  section: '4.5.3.1',
  scenarios: cases,
};

export default group;
