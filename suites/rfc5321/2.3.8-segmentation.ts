/**
 * The segmentation matrix for RFC 5321 (helpers in ../_segmentation.ts): command lines,
 * the end of mail data, dot-stuffed lines and the smuggling look-alikes, each sent cut at
 * every position or chopped into writes of n octets. Only CRLF ends a line (§2.3.8) and
 * only CRLF.CRLF ends mail data (§4.1.1.4), wherever the TCP segments end; every command
 * gets exactly one reply (§4.2). A split CR and LF of a command line is
 * rfc5321/2.3.8/crlf-split-across-writes, which this family does not repeat.
 */
import type {
  Exploitability,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import {
  cutAt,
  PAUSE_MS,
  QUIT_IN_STEP,
  QUIT_REQUIREMENTS,
  sentChopped,
  sentCut,
  show,
} from '../_segmentation.ts';
import { DATA, HELO, MAIL, MAIL_CONTROL, RCPT, RCPT_CONTROL, RSET } from '../_steps.ts';

const LINE = ['R5321-2.3.8-a', 'R5321-4.2-a'];
/** The session opened with HELO: its one-line reply leaves nothing over (../_segmentation.ts). */
const withRecipient: Step[] = [HELO, MAIL, RCPT];
const reachData: Step[] = [...withRecipient, DATA];
const ONE_LINE =
  'one command line however it is cut: exactly one reply, the one it gets in one write';

function lineCase(
  slug: string,
  title: string,
  steps: Step[],
  extra: string[] = [],
): ScenarioSource {
  return {
    id: `rfc5321/2.3.8/${slug}`,
    title,
    level: 'MUST',
    requirements: [...LINE, ...extra, ...QUIT_REQUIREMENTS],
    steps: [...steps, ...QUIT_IN_STEP],
  };
}

/** NOOP cut after each of its first four octets (after the fifth: the CR|LF case). */
const noopCuts = [1, 2, 3, 4].map((at) =>
  lineCase(`noop-cut-after-${at}`, `NOOP cut into two writes after octet ${at} gets one 250`, [
    HELO,
    sentCut('NOOP\r\n', [at], 'NOOP', { codes: [250], because: ONE_LINE }),
  ]),
);

/**
 * EHLO opens the session, so no whole EHLO can come first as a control: a site may refuse
 * this client (550, or 504 of the §4.3.2 row), but a syntax error (500, 501) to a
 * well-formed line means it was misread, and 502 that EHLO is not supported (§2.2.1).
 */
const EHLO_READ = {
  codes: [250, 504, 550],
  because: `${ONE_LINE}; a site may refuse this client (550), but a syntax error (500, 501) means the line was misread`,
};
const ehloChops = [1, 2, 3].map((size) =>
  lineCase(
    `ehlo-chopped-${size}`,
    `EHLO in writes of ${size} octet${size === 1 ? '' : 's'} gets one reply, not a syntax error`,
    [sentChopped('EHLO {{helo}}\r\n', size, 'EHLO', EHLO_READ)],
    ['R5321-2.2.1-b'],
  ),
);

/** MAIL: the whole line first (control), then chopped; the same 250 is due. */
const mailChops = [1, 2, 3, 4, 5, 6].map((size) =>
  lineCase(
    `mail-chopped-${size}`,
    `MAIL in writes of ${size} octet${size === 1 ? '' : 's'} gets the 250 it gets whole`,
    [
      HELO,
      MAIL_CONTROL,
      RSET,
      sentChopped('MAIL FROM:<{{from}}>\r\n', size, 'MAIL', { codes: [250], because: ONE_LINE }),
    ],
  ),
);

const RCPT_LINE = 'RCPT TO:<{{rcpt}}>\r\n';
/** RCPT: accepted whole (control), then sent again cut in a new transaction. */
function rcptCase(slug: string, title: string, send: Step): ScenarioSource {
  return lineCase(slug, title, [HELO, MAIL, RCPT_CONTROL, RSET, MAIL, send]);
}
const rcptCuts = [
  ...[1, 2, 3].map((size) =>
    rcptCase(
      `rcpt-chopped-${size}`,
      `RCPT in writes of ${size} octet${size === 1 ? '' : 's'} is accepted as it is whole`,
      sentChopped(RCPT_LINE, size, 'RCPT', { codes: [250, 251], because: ONE_LINE }),
    ),
  ),
  rcptCase(
    'rcpt-cut-between-cr-and-lf',
    'RCPT with its CR and LF in separate writes is accepted as it is whole',
    sentCut(RCPT_LINE, [RCPT_LINE.length - 1], 'RCPT', { codes: [250, 251], because: ONE_LINE }),
  ),
];

const MESSAGE = { kind: 'message', content: 'Subject: smtpspec cut DATA\r\n\r\nbody\r\n' } as const;
/** DATA: a first message with DATA whole (control), then DATA cut after `at` octets. */
const dataCuts = [1, 2, 3, 4, 5].map((at) =>
  lineCase(
    `data-cut-after-${at}`,
    `DATA cut into two writes after octet ${at} gets one 354, and the message one reply`,
    [
      ...withRecipient,
      { kind: 'send', line: 'DATA', expect: { role: 'control', codes: [354] } },
      { ...MESSAGE, expect: { role: 'setup', codes: [250] } },
      MAIL,
      RCPT,
      sentCut('DATA\r\n', [at], 'DATA', { codes: [354], because: ONE_LINE }),
      MESSAGE,
    ],
  ),
);

const QUIT_OK = 'QUIT however it is cut: one 221, then the close (RFC 5321 §4.1.1.10)';
const quitCuts: ScenarioSource[] = [
  {
    id: 'rfc5321/2.3.8/quit-chopped-1',
    title: 'QUIT in writes of one octet gets 221 and the close',
    level: 'MUST',
    requirements: [...LINE, 'R5321-4.1.1.10-a'],
    steps: [
      HELO,
      sentChopped('QUIT\r\n', 1, 'QUIT', { codes: [221], codesByRule: true, because: QUIT_OK }),
      { kind: 'expectClose' },
    ],
  },
  {
    id: 'rfc5321/2.3.8/quit-cut-between-cr-and-lf',
    title: 'QUIT with its CR and LF in separate writes gets 221 and the close',
    level: 'MUST',
    requirements: [...LINE, 'R5321-4.1.1.10-a'],
    steps: [
      HELO,
      sentCut('QUIT\r\n', [5], 'QUIT', { codes: [221], codesByRule: true, because: QUIT_OK }),
      { kind: 'expectClose' },
    ],
  },
];

// The end of mail data, cut. Only CRLF.CRLF ends it (§4.1.1.4): one reply is due once it
// is all there, whatever the writes. The reply may accept or refuse the message.
const END = ['R5321-4.1.1.4-b', 'R5321-2.3.8-a', 'R5321-4.1.1.4-g', 'R5321-4.1.1.4-h'];
const END_BECAUSE = 'the end of mail data has arrived, in pieces: exactly one reply is due';
const BODY = 'Subject: smtpspec cut end of data\r\n\r\nbody';
const TERMINATOR = '\r\n.\r\n';

function endCase(slug: string, title: string, send: Step): ScenarioSource {
  return {
    id: `rfc5321/4.1.1.4/${slug}`,
    title,
    section: '4.1.1.4',
    level: 'MUST',
    requirements: [...END, ...QUIT_REQUIREMENTS],
    steps: [...reachData, send, ...QUIT_IN_STEP],
  };
}

const TERMINATOR_CUTS: [number, string, string][] = [
  [1, 'cr', '<CR>'],
  [2, 'crlf', '<CR><LF>'],
  [3, 'crlf-dot', '<CR><LF>.'],
  [4, 'crlf-dot-cr', '<CR><LF>.<CR>'],
];
const endCuts = [
  ...TERMINATOR_CUTS.map(([at, slug, shown]) =>
    endCase(
      `terminator-cut-after-${slug}`,
      `<CRLF>.<CRLF> cut after ${shown} ends mail data once`,
      sentCut(BODY + TERMINATOR, [BODY.length + at], 'a message', { because: END_BECAUSE }),
    ),
  ),
  endCase(
    'terminator-octet-by-octet',
    '<CRLF>.<CRLF> in five writes of one octet ends mail data once',
    sentCut(
      BODY + TERMINATOR,
      [0, 1, 2, 3, 4].map((i) => BODY.length + i),
      'a message',
      { because: END_BECAUSE },
    ),
  ),
  ...[1, 2, 3, 7].map((size) =>
    endCase(
      `message-chopped-${size}`,
      `A message sent in writes of ${size} octet${size === 1 ? '' : 's'} ends once, at CRLF.CRLF`,
      sentChopped(BODY + TERMINATOR, size, 'a message', { because: END_BECAUSE }),
    ),
  ),
];

// Dot-stuffed lines, cut: "..<CRLF>" is content (a stuffed "."), never the end (§4.5.2),
// even when the first dot ends one write and the second starts the next.
const STUFFED = ['R5321-4.5.2-b', 'R5321-4.1.1.4-b', 'R5321-2.3.8-a'];
const STUFFED_BEFORE = 'Subject: smtpspec cut stuffing\r\n\r\nthe next line is a stuffed period';
const STUFFED_LINE = '\r\n..\r\n';
const STUFFED_AFTER = 'and this line is content too\r\n.\r\n';
const STUFFED_BECAUSE =
  'the stuffed line is content: one reply, at the real end of data (RFC 5321 §4.5.2)';

function stuffedCase(slug: string, title: string, text: string, at: number[]): ScenarioSource {
  return {
    id: `rfc5321/4.5.2/${slug}`,
    title,
    section: '4.5.2',
    level: 'MUST',
    requirements: [...STUFFED, ...QUIT_REQUIREMENTS],
    steps: [
      ...reachData,
      sentCut(text, at, 'a message with a stuffed line', { because: STUFFED_BECAUSE }),
      ...QUIT_IN_STEP,
    ],
  };
}

const STUFFED_CUTS: [number, string][] = [
  [1, 'cr'],
  [2, 'crlf'],
  [3, 'first-dot'],
  [4, 'second-dot'],
  [5, 'cr-after-dots'],
];
const stuffedText = STUFFED_BEFORE + STUFFED_LINE + STUFFED_AFTER;
const stuffedCuts = [
  ...STUFFED_CUTS.map(([at, slug]) =>
    stuffedCase(
      `stuffed-period-cut-after-${slug}`,
      `A stuffed lone period ("..") cut after its ${slug.replaceAll('-', ' ')} is content, not the end`,
      stuffedText,
      [STUFFED_BEFORE.length + at],
    ),
  ),
  stuffedCase(
    'stuffed-period-octet-by-octet',
    'A stuffed lone period ("..") sent one octet a write is content, not the end',
    stuffedText,
    [0, 1, 2, 3, 4, 5].map((i) => STUFFED_BEFORE.length + i),
  ),
  stuffedCase(
    'stuffed-text-cut-between-dots',
    'A stuffed line "..x" cut between its two periods is content, not the end',
    `${STUFFED_BEFORE}\r\n..x\r\n${STUFFED_AFTER}`,
    [STUFFED_BEFORE.length + 3],
  ),
];

/**
 * The smuggling look-alikes of 4.1.1.4-smuggling.ts, one octet a write, and the smuggled
 * transaction after them one command a write: a server that decides "end of data" at a
 * segment boundary (a dot that ends a read, a line end that starts the next) runs it.
 */
interface LookAlike {
  slug: string;
  bytes: string;
  shown: string;
  exploitability: Exploitability;
  requirements: string[];
}
const LF = ['R5321-2.3.8-a', 'R5321-4.1.1.4-b', 'R5321-4.1.1.4-e'];
const CR = ['R5321-2.3.8-a', 'R5321-4.1.1.4-b'];
const VIA_RELAY: Exploitability = 'exploitable-via-relay';
const DIRECT_ONLY: Exploitability = 'not-exploitable-via-relay';
const LOOK_ALIKES: LookAlike[] = [
  {
    slug: 'lf-dot-lf',
    bytes: '\n.\n',
    shown: '<LF>.<LF>',
    exploitability: VIA_RELAY,
    requirements: [...LF, 'R5321-4.1.1.4-f'],
  },
  {
    slug: 'lf-dot-crlf',
    bytes: '\n.\r\n',
    shown: '<LF>.<CR><LF>',
    exploitability: VIA_RELAY,
    requirements: LF,
  },
  {
    slug: 'crlf-dot-lf',
    bytes: '\r\n.\n',
    shown: '<CR><LF>.<LF>',
    exploitability: DIRECT_ONLY,
    requirements: LF,
  },
  {
    slug: 'cr-dot-cr',
    bytes: '\r.\r',
    shown: '<CR>.<CR>',
    exploitability: VIA_RELAY,
    requirements: CR,
  },
  {
    slug: 'cr-dot-crlf',
    bytes: '\r.\r\n',
    shown: '<CR>.<CR><LF>',
    exploitability: VIA_RELAY,
    requirements: CR,
  },
  {
    slug: 'crlf-dot-cr',
    bytes: '\r\n.\r',
    shown: '<CR><LF>.<CR>',
    exploitability: DIRECT_ONLY,
    requirements: CR,
  },
  {
    slug: 'lf-dot-cr',
    bytes: '\n.\r',
    shown: '<LF>.<CR>',
    exploitability: VIA_RELAY,
    requirements: LF,
  },
  {
    slug: 'cr-dot-lf',
    bytes: '\r.\n',
    shown: '<CR>.<LF>',
    exploitability: VIA_RELAY,
    requirements: LF,
  },
];
const PROBE = 'Subject: smtpspec smuggling, cut\r\n\r\nprobe';
const SMUGGLED = [
  'MAIL FROM:<{{from}}>\r\n',
  'RCPT TO:<{{rcpt}}>\r\n',
  'DATA\r\n',
  'Subject: smuggled\r\n\r\nsmuggled\r\n',
];
const ANSWERS = ['end of the first message', 'smuggled MAIL', 'smuggled RCPT', 'smuggled DATA'];

function lookAlikeCase(v: LookAlike): ScenarioSource {
  const text = PROBE + v.bytes + SMUGGLED.join('');
  // Cuts: before each octet of the look-alike, after it, and after each smuggled line.
  const cuts = [...v.bytes].map((_, i) => PROBE.length + i);
  let at = PROBE.length + v.bytes.length;
  for (const line of SMUGGLED.slice(0, -1)) {
    cuts.push(at);
    at += line.length;
  }
  cuts.push(at);
  const parts = cutAt(text, cuts);
  return {
    id: `rfc5321/4.1.1.4/${v.slug}-octet-by-octet-does-not-end-data`,
    title: `${v.shown} inside mail data, one octet a write, does not end it`,
    section: '4.1.1.4',
    level: 'MUST',
    requirements: [...v.requirements, ...QUIT_REQUIREMENTS],
    exploitability: v.exploitability,
    steps: [
      ...reachData,
      {
        kind: 'sendRaw',
        parts,
        pauseMs: PAUSE_MS,
        hostile: true,
        note: `a message, ${v.shown} one octet a write, then the smuggled MAIL, RCPT, DATA and message one a write, all of it mail data: ${parts.map(show).join(' | ')}`,
      },
      // A server that took the look-alike for the end answers it and the smuggled commands.
      { kind: 'expectNoReply', ms: 300, answers: ANSWERS },
      {
        kind: 'sendRaw',
        bytes: '.\r\n',
        note: 'the real end of mail data: "." alone after the CRLF that ended the last line',
        expect: {
          because:
            'the first reply to this message may come only now: accepted, or refused (the bare line end may be a reason)',
        },
      },
      ...QUIT_IN_STEP,
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/2.3.8/segmentation',
  title: 'Segmentation: command lines, the end of data and dot-stuffed lines cut into TCP writes',
  spec: 'RFC 5321',
  section: '2.3.8',
  scenarios: [
    ...noopCuts,
    ...ehloChops,
    ...mailChops,
    ...rcptCuts,
    ...dataCuts,
    ...quitCuts,
    ...endCuts,
    ...stuffedCuts,
    ...LOOK_ALIKES.map(lookAlikeCase),
  ],
};

export default group;
