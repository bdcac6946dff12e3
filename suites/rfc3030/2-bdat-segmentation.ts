/**
 * The segmentation matrix for BDAT (helpers in ../_segmentation.ts): the chunk header cut
 * at every kind of position (inside the verb, the size, LAST, between its CR and LF, at its
 * end) and inside the chunk. The size counts octets from right after the header's CRLF
 * (RFC 3030 §2), wherever the TCP segments end. The chunk holds two NOOP lines: a server
 * that misreads the header runs them, and the QUIT at the end gets their replies.
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { QUIT_IN_STEP, QUIT_REQUIREMENTS, sentChopped, sentCut } from '../_segmentation.ts';
import { EHLO, MAIL, RCPT } from '../_steps.ts';

const CONTENT = 'Subject: smtpspec cut BDAT\r\n\r\nNOOP\r\nNOOP\r\n';
const HEADER = `BDAT ${CONTENT.length} LAST\r\n`;
const CHUNK = HEADER + CONTENT;
const WHOLE = 'the chunk is read whole, however it is cut, and answered once, as in one write';

/** A first message in one BDAT (the control), then the same chunk cut. */
function bdatCase(slug: string, title: string, send: Step): ScenarioSource {
  return {
    id: `rfc3030/2/${slug}`,
    title,
    level: 'MUST',
    requirements: ['R3030-2-a', 'R3030-2-b', 'R3030-2-e', ...QUIT_REQUIREMENTS],
    steps: [
      EHLO,
      MAIL,
      RCPT,
      {
        kind: 'sendRaw',
        bytes: CHUNK,
        note: `the message in one BDAT ${CONTENT.length} LAST, in one write`,
        expect: { role: 'control', codes: [250] },
      },
      MAIL,
      RCPT,
      send,
      ...QUIT_IN_STEP,
    ],
  };
}

if (CONTENT.length < 10 || CONTENT.length > 99) throw new Error('the size must have two digits');
/** Where the header "BDAT nn LAST<CR><LF>" is cut, by octet offset. */
const CUTS: [number, string, string][] = [
  [2, 'inside-verb', 'inside the verb'],
  [5, 'after-verb', 'after "BDAT "'],
  [6, 'inside-size', 'between the digits of the size'],
  [7, 'after-size', 'after the size'],
  [10, 'inside-last', 'inside LAST'],
  [HEADER.length - 1, 'between-cr-and-lf', 'between its CR and LF'],
  [HEADER.length, 'after-header', 'right after its CRLF'],
  [HEADER.length + CONTENT.indexOf('NOOP') + 2, 'inside-chunk', 'inside the chunk data'],
];

const group: SuiteGroup = {
  id: 'rfc3030/2/segmentation',
  title: 'Segmentation: BDAT chunks cut into TCP writes',
  spec: 'RFC 3030',
  section: '2',
  preconditions: { ehlo: ['CHUNKING'] },
  scenarios: [
    ...CUTS.map(([at, slug, shown]) =>
      bdatCase(
        `bdat-cut-${slug}`,
        `A BDAT chunk cut ${shown} is read whole and answered once`,
        sentCut(CHUNK, [at], 'BDAT and its chunk', { codes: [250], because: WHOLE }),
      ),
    ),
    ...[1, 3].map((size) =>
      bdatCase(
        `bdat-chopped-${size}`,
        `A BDAT chunk in writes of ${size} octet${size === 1 ? '' : 's'} is read whole and answered once`,
        sentChopped(CHUNK, size, 'BDAT and its chunk', { codes: [250], because: WHOLE }),
      ),
    ),
  ],
};

export default group;
