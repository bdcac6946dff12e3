import type { Exploitability, ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { NOOP_OK, reachData } from '../_steps.ts';

/**
 * SMTP smuggling: end-of-data look-alikes built from bare CR or bare LF. Only
 * <CRLF>.<CRLF> ends mail data (§4.1.1.4, §2.3.8), so each variant is content and the
 * server must stay silent until the real terminator. A server that ends the message early
 * runs the commands that follow as a second, smuggled transaction.
 *
 * Each variant is sent twice: in one TCP write, and split, with the look-alike in one write
 * and each smuggled command in a write of its own (as an attacker typing, or a slow relay,
 * would deliver them; a server that refuses commands pipelined without PIPELINING would
 * refuse them all in one write and hide whether they would run). Servers that read their input differently (a
 * line at a time, a packet at a time) can be fooled in one form and not the other, and the
 * message says which replies came: whether the smuggled commands ran, not only whether the
 * data ended early. A server that answers the look-alike with a refusal and closes the
 * connection has run nothing smuggled: a defence (§7.8, judged in harness/judge/defence.ts).
 *
 * Every variant is graded as a conformance finding (MUST). `exploitability` says whether
 * an attacker can also get it past a relay in front of the target. A relay that splits
 * lines only at CRLF (as §2.3.8 requires) applies its own transparency procedure (§4.5.2):
 * a dot right after a real CRLF starts a line, so the relay stuffs it and the target sees
 * "..", never the variant. A dot right after a bare CR or LF is mid-line for the relay, is
 * not stuffed, and reaches the target intact whenever the relay forwards bare CR or LF
 * unchanged, as many deployed relays did (the 2023 SMTP smuggling disclosures).
 */

const PREFIX = 'Subject: smtpspec smuggling probe\r\n\r\nprobe';
/** The smuggled transaction, one command line (or the message) a part. */
const SMUGGLED_PARTS = [
  'MAIL FROM:<{{from}}>\r\n',
  'RCPT TO:<{{rcpt}}>\r\n',
  'DATA\r\n',
  'Subject: smuggled\r\n\r\nsmuggled\r\n',
];
const SMUGGLED = SMUGGLED_PARTS.join('');

interface Variant {
  slug: string;
  /** The look-alike, written as the octets go on the wire. */
  bytes: string;
  /** How the look-alike reads. */
  shown: string;
  exploitability: Exploitability;
  /** Why it is (not) exploitable through a relay: shown in the transcript note. */
  why: string;
  requirements: string[];
}

const AFTER_BARE =
  'the dot follows a bare line end, so a CRLF-framing relay sees it mid-line and does not stuff it; it passes if the relay forwards bare';
const AFTER_CRLF =
  'the dot follows a real CRLF, so a relay stuffs it to ".." under §4.5.2 and the target never sees this sequence';

const LF = ['R5321-2.3.8-a', 'R5321-4.1.1.4-b', 'R5321-4.1.1.4-e'];
const CR = ['R5321-2.3.8-a', 'R5321-4.1.1.4-b'];

const VARIANTS: Variant[] = [
  {
    slug: 'lf-dot-lf',
    bytes: '\n.\n',
    shown: '<LF>.<LF>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} LF`,
    requirements: [...LF, 'R5321-4.1.1.4-f'],
  },
  {
    slug: 'lf-dot-crlf',
    bytes: '\n.\r\n',
    shown: '<LF>.<CR><LF>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} LF`,
    requirements: LF,
  },
  {
    slug: 'crlf-dot-lf',
    bytes: '\r\n.\n',
    shown: '<CR><LF>.<LF>',
    exploitability: 'not-exploitable-via-relay',
    why: AFTER_CRLF,
    requirements: LF,
  },
  {
    slug: 'cr-dot-cr',
    bytes: '\r.\r',
    shown: '<CR>.<CR>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} CR`,
    requirements: CR,
  },
  {
    slug: 'cr-dot-crlf',
    bytes: '\r.\r\n',
    shown: '<CR>.<CR><LF>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} CR`,
    requirements: CR,
  },
  {
    slug: 'crlf-dot-cr',
    bytes: '\r\n.\r',
    shown: '<CR><LF>.<CR>',
    exploitability: 'not-exploitable-via-relay',
    why: AFTER_CRLF,
    requirements: CR,
  },
  {
    slug: 'lf-dot-cr',
    bytes: '\n.\r',
    shown: '<LF>.<CR>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} LF and CR`,
    requirements: LF,
  },
  {
    slug: 'cr-dot-lf',
    bytes: '\r.\n',
    shown: '<CR>.<LF>',
    exploitability: 'exploitable-via-relay',
    why: `${AFTER_BARE} CR and LF`,
    requirements: LF,
  },
];

/** What each reply before the real terminator would answer if the server was fooled. */
const ANSWERS = ['end of the first message', 'smuggled MAIL', 'smuggled RCPT', 'smuggled DATA'];

/** The two ways the bytes go out: one TCP write, or the smuggled commands in a second one. */
type Form = 'one-write' | 'split';

function smuggling(v: Variant, form: Form): ScenarioSource {
  const split = form === 'split';
  const bytes = split
    ? { parts: [PREFIX + v.bytes, ...SMUGGLED_PARTS], pauseMs: 200 }
    : { bytes: PREFIX + v.bytes + SMUGGLED };
  return {
    id: `rfc5321/4.1.1.4/${v.slug}${split ? '-split' : ''}-does-not-end-data`,
    title: `${v.shown} inside mail data does not end it${split ? ' (each smuggled command in a write of its own)' : ''}`,
    level: 'MUST',
    requirements: v.requirements,
    exploitability: v.exploitability,
    steps: [
      ...reachData,
      {
        kind: 'sendRaw',
        ...bytes,
        hostile: true,
        note: `a short message, ${v.shown}, then MAIL, RCPT, DATA and a second message, all of it mail data${split ? ', each smuggled command in a TCP write of its own' : ''}; via a relay: ${v.why}`,
      },
      // A server that took the look-alike for the end answers it and the smuggled commands.
      { kind: 'expectNoReply', ms: 1000, answers: ANSWERS },
      {
        kind: 'sendRaw',
        bytes: '.\r\n',
        note: 'the real end of mail data: "." alone after the CRLF that ended the last line',
        expect: {
          because:
            'the first reply to this message may come only now: accepted, or refused (the bare line end may be a reason)',
        },
      },
      // A slow server that was fooled shows it here: its replies run one command behind.
      NOOP_OK,
      { kind: 'expectNoReply', ms: 1000 },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.4/smuggling',
  title: 'DATA: end-of-data look-alikes made of bare CR and LF (SMTP smuggling)',
  spec: 'RFC 5321',
  section: '4.1.1.4',
  scenarios: VARIANTS.flatMap((v) => [smuggling(v, 'one-write'), smuggling(v, 'split')]),
};

export default group;
