/**
 * The segmentation matrix for UTF-8 addresses (helpers in ../_segmentation.ts): a MAIL or
 * RCPT whose local part holds a 2-, 3- or 4-octet UTF-8 character, cut inside that
 * character at every position. A server announcing SMTPUTF8 takes UTF-8 mailboxes (RFC 6531
 * §3.2) and reads a line up to its CRLF (RFC 5321 §2.3.8), so where TCP cuts a character
 * must not matter: each command gets what it gets in one write (the control before it).
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { QUIT_IN_STEP, QUIT_REQUIREMENTS, sentChopped, sentCut } from '../_segmentation.ts';
import { EHLO, RSET } from '../_steps.ts';

/** A UTF-8 character as octets (latin1), its length in words, how notes name it. */
type Character = readonly [string, string, string];
const TWO_OCTETS: Character = ['\xc3\xb6', 'two', 'ö (C3 B6)'];
/** One UTF-8 character of each length. */
const CHARACTERS: readonly Character[] = [
  TWO_OCTETS,
  ['\xe6\x97\xa5', 'three', '日 (E6 97 A5)'],
  ['\xf0\x9f\x98\x80', 'four', 'U+1F600 (F0 9F 98 80)'],
];

const REQUIREMENTS = ['R6531-3.2-a', 'R5321-2.3.8-a'];
const SAME = 'the same command as in one write, cut inside a UTF-8 character: the same reply';
/** A UTF-8 recipient need not exist; it must be parsed (RFC 6531 §3.2). */
const PARSED = [250, 251, 450, 451, 452, 550, 551];

function mailLine(char: string): string {
  return `MAIL FROM:<smtpspec-${char}@{{domain}}> SMTPUTF8\r\n`;
}
function rcptLine(char: string): string {
  return `RCPT TO:<smtpspec-${char}@{{domain}}>\r\n`;
}
/** Offset of the character in a line built by mailLine/rcptLine. */
const at = (line: string, char: string) => line.indexOf(char);

const MAIL_UTF8: Step = {
  kind: 'send',
  line: 'MAIL FROM:<{{from}}> SMTPUTF8',
  expect: { role: 'setup', codes: [250] },
};

function mailCase(slug: string, title: string, char: string, send: Step): ScenarioSource {
  return {
    id: `rfc6531/3.2/${slug}`,
    title,
    level: 'MUST',
    requirements: [...REQUIREMENTS, ...QUIT_REQUIREMENTS],
    steps: [
      EHLO,
      {
        kind: 'sendRaw',
        bytes: mailLine(char),
        note: 'the UTF-8 sender in one write',
        expect: { role: 'control', codes: [250] },
      },
      RSET,
      send,
      ...QUIT_IN_STEP,
    ],
  };
}

function rcptCase(slug: string, title: string, char: string, send: Step): ScenarioSource {
  return {
    id: `rfc6531/3.2/${slug}`,
    title,
    level: 'MUST',
    requirements: [...REQUIREMENTS, ...QUIT_REQUIREMENTS],
    steps: [
      EHLO,
      MAIL_UTF8,
      {
        kind: 'sendRaw',
        bytes: rcptLine(char),
        note: 'the UTF-8 recipient in one write',
        expect: { role: 'control', codes: PARSED },
      },
      RSET,
      MAIL_UTF8,
      send,
      ...QUIT_IN_STEP,
    ],
  };
}

const mailCuts = CHARACTERS.flatMap(([char, width, shown]) =>
  [...char.slice(1)].map((_, i) => {
    const line = mailLine(char);
    return mailCase(
      `utf8-sender-cut-in-${width}-octet-character-after-${i + 1}`,
      `A UTF-8 sender cut after octet ${i + 1} of its ${width}-octet character is taken as it is whole`,
      char,
      sentCut(line, [at(line, char) + i + 1], `MAIL with ${shown}`, {
        codes: [250],
        because: SAME,
      }),
    );
  }),
);

const rcptCuts = CHARACTERS.map(([char, width, shown]) => {
  const line = rcptLine(char);
  return rcptCase(
    `utf8-recipient-cut-in-${width}-octet-character`,
    `A UTF-8 recipient cut after octet 1 of its ${width}-octet character is parsed as it is whole`,
    char,
    sentCut(line, [at(line, char) + 1], `RCPT with ${shown}`, { codes: PARSED, because: SAME }),
  );
});

const group: SuiteGroup = {
  id: 'rfc6531/3.2/segmentation',
  title: 'Segmentation: UTF-8 mailboxes cut inside their characters',
  spec: 'RFC 6531',
  section: '3.2',
  preconditions: { ehlo: ['SMTPUTF8'] },
  scenarios: [
    ...mailCuts,
    mailCase(
      'utf8-sender-chopped-1',
      'A UTF-8 sender in writes of one octet is taken as it is whole',
      TWO_OCTETS[0],
      sentChopped(mailLine(TWO_OCTETS[0]), 1, `MAIL with ${TWO_OCTETS[2]}`, {
        codes: [250],
        because: SAME,
      }),
    ),
    ...rcptCuts,
  ],
};

export default group;
