/**
 * RFC 6152 §2 and §3: the BODY parameter of MAIL and 8-bit content after it.
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['8BITMIME'] };

/** Every octet with the high bit set, 0x80-0xFF, as one content line. */
const HIGH_OCTETS = Array.from({ length: 128 }, (_, i) => String.fromCharCode(0x80 + i)).join('');

/**
 * A plain message first (the control: this client's mail is accepted here at all), then
 * MAIL with BODY= and a message of that body type, each accepted.
 */
function withBody(body: string, content: string): Step[] {
  return [
    EHLO,
    ...MESSAGE_CONTROL,
    { kind: 'send', line: `MAIL FROM:<{{from}}> BODY=${body}`, expect: { codes: [250] } },
    RCPT,
    DATA,
    { kind: 'message', content, expect: { codes: [250] } },
  ];
}

function accepted(
  slug: string,
  title: string,
  requirements: string[],
  steps: Step[],
): ScenarioSource {
  return {
    id: `rfc6152/3/${slug}`,
    title,
    level: 'MUST',
    requirements,
    steps,
  };
}

const MIME_8BIT =
  'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n';

const group: SuiteGroup = {
  id: 'rfc6152/3',
  title: 'BODY=8BITMIME and BODY=7BIT',
  spec: 'RFC 6152',
  section: '3',
  preconditions: NEEDS,
  scenarios: [
    {
      // Observer: the 8BITMIME line of every EHLO reply the run read.
      id: 'rfc6152/2/keyword-without-parameter',
      title: '8BITMIME is advertised without a parameter',
      section: '2',
      level: 'MUST',
      requirements: ['R6152-2-a'],
      observe: '8bitmime-no-parameter',
      steps: [{ kind: 'ehlo', requires: ['8BITMIME'] }],
    },
    accepted(
      'body-8bitmime-message-accepted',
      'MAIL with BODY=8BITMIME is accepted, and so is a Latin-1 body with 8-bit octets',
      ['R6152-2-b', 'R6152-3-a'],
      withBody(
        '8BITMIME',
        `Subject: smtpspec 8BITMIME\r\n${MIME_8BIT}\r\nGr\xfc\xdfe aus K\xf6ln, \xe0 bient\xf4t.\r\n`,
      ),
    ),
    accepted(
      'every-high-octet-accepted',
      'A BODY=8BITMIME message with a line of all 128 octets 0x80-0xFF is accepted',
      ['R6152-3-a'],
      withBody('8BITMIME', `Subject: smtpspec high octets\r\n${MIME_8BIT}\r\n${HIGH_OCTETS}\r\n`),
    ),
    accepted(
      'body-7bit-message-accepted',
      'MAIL with BODY=7BIT is accepted, and so is a 7-bit message after it',
      ['R6152-2-b', 'R6152-3-a'],
      withBody('7BIT', 'Subject: smtpspec 7BIT\r\n\r\nPlain ASCII.\r\n'),
    ),
    {
      id: 'rfc6152/3/unknown-body-value-refused',
      title: 'MAIL with BODY=9BITMIME: refused, or accepted by choice',
      level: 'MAY',
      requirements: ['R6152-2-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> BODY=9BITMIME',
          expect: {
            codes: [501, 504, 555, 550, 553],
            because:
              'body-value is "7BIT" / "8BITMIME" (RFC 6152 §2): other values are normally refused; accepting one is a choice no sentence forbids',
          },
        },
      ],
    },
    {
      id: 'rfc6152/3/body-without-value-refused',
      title: 'MAIL with a bare BODY keyword and no value: refused, or accepted by choice',
      level: 'MAY',
      requirements: ['R6152-2-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> BODY',
          expect: {
            codes: [501, 555, 550, 553],
            because:
              'the BODY parameter needs a body-value (RFC 6152 §2): a bare BODY is normally refused; accepting it is a choice no sentence forbids',
          },
        },
      ],
    },
  ],
};

export default group;
