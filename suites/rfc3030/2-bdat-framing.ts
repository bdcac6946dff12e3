/**
 * RFC 3030 §2: BDAT is framed by its octet count alone. The server reads exactly that many
 * octets, whatever they contain and however they are split, and answers each chunk once.
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, NOOP_OK, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['CHUNKING'] };

/** `BDAT <octets of content>[ LAST]` CRLF content. Content is latin1 and template-free. */
function bdat(content: string, last: boolean): string {
  return `BDAT ${content.length}${last ? ' LAST' : ''}\r\n${content}`;
}

const CHUNK_OK = { codes: [250], because: 'each complete chunk gets 250 (RFC 3030 §2)' };

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
    // A plain message first: a site that refuses every message is no chunking failure.
    steps: [EHLO, ...MESSAGE_CONTROL, MAIL, RCPT, ...steps],
  };
}

const HEAD = 'Subject: smtpspec BDAT\r\n\r\n';
/** Looks like the end of DATA, then a command: inside BDAT both are plain content. */
const DOT_AND_COMMAND = `${HEAD}.\r\nNOOP\r\n`;
const SPLIT = `${HEAD}Split chunk.\r\n`;

const group: SuiteGroup = {
  id: 'rfc3030/2',
  title: 'BDAT chunk framing',
  spec: 'RFC 3030',
  section: '2',
  preconditions: NEEDS,
  scenarios: [
    scenario(
      'single-last-chunk',
      'A whole message in one BDAT n LAST gets 250',
      ['R3030-2-a', 'R3030-2-b', 'R3030-2-e'],
      [
        {
          kind: 'sendRaw',
          bytes: bdat(`${HEAD}One chunk.\r\n`, true),
          note: 'BDAT n LAST and exactly n octets of message',
          expect: CHUNK_OK,
        },
      ],
    ),
    scenario(
      'two-chunks',
      'A message in two chunks gets 250 for each',
      ['R3030-2-b', 'R3030-2-e'],
      [
        {
          kind: 'sendRaw',
          bytes: bdat(HEAD, false),
          note: 'first chunk: the header',
          expect: CHUNK_OK,
        },
        {
          kind: 'sendRaw',
          bytes: bdat('Second chunk.\r\n', true),
          note: 'last chunk: the body',
          expect: CHUNK_OK,
        },
      ],
    ),
    scenario(
      'zero-length-last-chunk',
      'BDAT 0 LAST after a chunk ends the message and gets 250',
      ['R3030-2-c', 'R3030-2-e'],
      [
        {
          kind: 'sendRaw',
          bytes: bdat(`${HEAD}All of it.\r\n`, false),
          note: 'the whole message as a non-last chunk',
          expect: CHUNK_OK,
        },
        {
          kind: 'sendRaw',
          bytes: 'BDAT 0 LAST\r\n',
          note: 'BDAT 0 LAST: no more data',
          expect: CHUNK_OK,
        },
      ],
    ),
    scenario(
      'chunk-split-across-writes',
      'A chunk whose octets arrive in three writes is read whole and answered once',
      ['R3030-2-b'],
      [
        {
          kind: 'sendRaw',
          parts: [`BDAT ${SPLIT.length} LAST\r\n`, SPLIT.slice(0, 20), SPLIT.slice(20)],
          pauseMs: 300,
          note: 'BDAT n LAST in one write, its n octets in two more, cut inside the header',
          expect: CHUNK_OK,
        },
        { kind: 'expectNoReply', ms: 500 },
      ],
    ),
    scenario(
      'dot-line-is-plain-content',
      'CRLF.CRLF and a command line inside a chunk are data: one reply, no reply to the NOOP in it',
      ['R3030-2-b'],
      [
        {
          kind: 'sendRaw',
          bytes: bdat(DOT_AND_COMMAND, true),
          note: `BDAT ${DOT_AND_COMMAND.length} LAST with content ending in ".\\r\\nNOOP\\r\\n"`,
          // The content is a normal message that happens to hold a dot line; policy may
          // still refuse it, but only once and for the whole chunk.
          expect: { codes: [250, 450, 451, 452, 550, 552, 554] },
        },
        { kind: 'expectNoReply', ms: 1000 },
        NOOP_OK,
      ],
    ),
    {
      id: 'rfc3030/2/chunks-pipelined-in-one-write',
      title: 'Two chunks of one message in a single write get a 250 each',
      level: 'MUST',
      requirements: ['R3030-2-b', 'R3030-2-e'],
      preconditions: { ehlo: ['CHUNKING', 'PIPELINING'] },
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        {
          kind: 'sendRaw',
          bytes: bdat(HEAD, false) + bdat('Pipelined chunks.\r\n', true),
          note: 'BDAT n (the header) and BDAT m LAST (the body) back to back in one write',
          expect: CHUNK_OK,
        },
        { kind: 'expectReply', expect: CHUNK_OK },
      ],
    },
  ],
};

export default group;
