/**
 * RFC 3030 §2: where BDAT may appear. Out of sequence it gets 503, its octets are still
 * read and thrown away (never run as commands), and DATA cannot join a BDAT transaction.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import {
  EHLO,
  MAIL,
  MESSAGE_CONTROL,
  NOOP_OK,
  openTransaction,
  RCPT,
  withRecipient,
} from '../_steps.ts';

const NEEDS = { ehlo: ['CHUNKING'] };

function bdat(content: string, last: boolean): string {
  return `BDAT ${content.length}${last ? ' LAST' : ''}\r\n${content}`;
}

const HEAD = 'Subject: smtpspec BDAT sequence\r\n\r\n';
/** Chunk content that would get two 250 replies if it were read as commands. */
const TWO_NOOPS = 'NOOP\r\nNOOP\r\n';

const BAD_SEQUENCE: ReplyExpectation = {
  codes: [503],
  because: 'BDAT outside a transaction is out of sequence (RFC 3030 §2, RFC 5321 §4.1.4)',
};
const SILENCE: Step = { kind: 'expectNoReply', ms: 1000 };

function scenario(
  slug: string,
  title: string,
  requirements: string[],
  steps: Step[],
): ScenarioSource {
  return {
    id: `rfc3030/2/${slug}`,
    title,
    level: 'MUST',
    requirements,
    steps: [EHLO, ...steps],
  };
}

const group: SuiteGroup = {
  id: 'rfc3030/2-sequence',
  title: 'BDAT sequencing and failed chunks',
  spec: 'RFC 3030',
  section: '2',
  preconditions: NEEDS,
  scenarios: [
    scenario(
      'bdat-without-mail',
      'BDAT with no transaction gets one 503; its octets (two NOOP lines) are not run',
      ['R3030-2-f'],
      [
        {
          kind: 'sendRaw',
          bytes: bdat(TWO_NOOPS, true),
          note: 'BDAT 12 LAST whose 12 octets are "NOOP\\r\\nNOOP\\r\\n"',
          expect: BAD_SEQUENCE,
        },
        SILENCE,
        NOOP_OK,
      ],
    ),
    scenario(
      'bdat-without-recipient',
      'BDAT after MAIL but before any RCPT is refused once; its octets are not run',
      ['R3030-2-f'],
      [
        MAIL,
        {
          kind: 'sendRaw',
          bytes: bdat(TWO_NOOPS, true),
          note: 'BDAT 12 LAST whose 12 octets are "NOOP\\r\\nNOOP\\r\\n"',
          expect: {
            codes: [503, 554],
            because: 'no recipient yet: 503 or "no valid recipients" 554 (RFC 5321 §3.3)',
          },
        },
        SILENCE,
        NOOP_OK,
      ],
    ),
    {
      id: 'rfc3030/2/pipelined-chunks-after-failure',
      title: 'After a failed chunk, the next chunk already in the pipeline is discarded too',
      level: 'MUST',
      requirements: ['R3030-2-f', 'R3030-2-g'],
      preconditions: { ehlo: ['CHUNKING', 'PIPELINING'] },
      steps: [
        ...openTransaction,
        {
          kind: 'sendRaw',
          bytes: bdat(TWO_NOOPS, false) + bdat(TWO_NOOPS, true),
          note: 'two BDAT chunks of "NOOP\\r\\nNOOP\\r\\n" in one write, with no RCPT before them',
          expect: { codes: ['4xx', '5xx'], because: 'no recipient: the first chunk fails' },
        },
        {
          kind: 'expectReply',
          expect: {
            codes: ['4xx', '5xx'],
            because: 'a chunk after a failed one is discarded with a 4xx or 5xx (RFC 3030 §2)',
          },
        },
        SILENCE,
        NOOP_OK,
      ],
    },
    scenario(
      'data-after-bdat',
      'DATA after a BDAT chunk of the same transaction gets 503',
      ['R3030-2-h'],
      [
        MAIL,
        RCPT,
        {
          kind: 'sendRaw',
          bytes: bdat(HEAD, false),
          note: 'a first, non-last chunk',
          expect: { role: 'setup', codes: [250] },
        },
        {
          kind: 'send',
          line: 'DATA',
          expect: { codes: [503], because: 'DATA cannot join a BDAT transaction (RFC 3030 §2)' },
        },
      ],
    ),
    scenario(
      'bdat-after-last',
      'BDAT after the BDAT LAST that ended the transaction gets 503; its octets are not run',
      ['R3030-2-d', 'R3030-2-f'],
      [
        MAIL,
        RCPT,
        {
          kind: 'sendRaw',
          bytes: bdat(`${HEAD}Done.\r\n`, true),
          note: 'the whole message, LAST',
          expect: { role: 'setup', codes: [250] },
        },
        {
          kind: 'sendRaw',
          bytes: bdat(TWO_NOOPS, true),
          note: 'another BDAT 12 LAST of "NOOP\\r\\nNOOP\\r\\n" with no new MAIL',
          expect: {
            codes: [503],
            because: 'any BDAT after BDAT LAST gets 503 (RFC 3030 §2)',
          },
        },
        SILENCE,
      ],
    ),
    scenario(
      'new-transaction-after-last',
      'After BDAT LAST a new MAIL starts a new transaction',
      ['R3030-2-b', 'R3030-2-e'],
      [
        // The control: this client's plain MAIL and RCPT are accepted here at all.
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        {
          kind: 'sendRaw',
          bytes: bdat(`${HEAD}First message.\r\n`, true),
          note: 'the first message, LAST',
          // Accepted or refused, LAST ends the transaction (RFC 3030 §2): the BDAT row judges.
          expect: { because: 'LAST ends the transaction whatever the reply' },
        },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { codes: [250] } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [250, 251] } },
        {
          kind: 'sendRaw',
          bytes: bdat(`${HEAD}Second message.\r\n`, true),
          note: 'the second message, LAST',
          expect: { because: 'the second transaction ends like the first' },
        },
      ],
    ),
    {
      id: 'rfc3030/2/chunk-size-not-a-number',
      title: 'BDAT with a chunk size that is not a number is refused with 500 or 501',
      // RFC 3030 gives the grammar, RFC 5321 §4.3.2 the codes (500, 501, or 421 and close),
      // which §4.3.1 makes a SHOULD. The server cannot find the next command after it, so a
      // refusal and a close is a defence (hostile input), never held against it.
      level: 'SHOULD',
      requirements: ['R3030-2-a', 'R5321-4.3.1-c'],
      steps: [
        ...withRecipient,
        {
          kind: 'send',
          line: 'BDAT many LAST',
          hostile: true,
          expect: {
            codes: [500, 501],
            closeAllowed: true,
            because: 'chunk-size ::= 1*DIGIT (RFC 3030 §2); a syntax error gets 500 or 501',
          },
        },
      ],
    },
  ],
};

export default group;
