/**
 * The §4.5.3.1 length limits as a ladder: each object one octet under its limit, at it (the
 * rungs rfc5321/4.5.3.1 does not already have), one octet over, and far beyond, generated
 * from the table below. Lengths are asserted when the file loads (`exactly`).
 *
 * - Under and at the limit: "Every implementation MUST be able to receive objects of at
 *   least these sizes" (§4.5.3.1): no "too long" or syntax error (MUST). A path at the limit
 *   may still be refused for policy, which is no length error.
 * - Over it: the server may take the object or refuse it ("500 Line too long", "501 Path too
 *   long", §4.5.3.1.9), but every command MUST get exactly one reply (§4.2): a NOOP after it
 *   must get its own 250, which a server that cut the line in two would answer with the
 *   reply to the second half.
 * - Far beyond: the same, marked hostile, so that a refusal followed by a close is a fair
 *   defence (§7.8), never a hang; how far, see FAR_LOCAL below.
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, RCPT, RSET, reachData } from '../_steps.ts';
import { domainName, exactly, localPart } from './_grammar.ts';

// MAIL and RCPT rows of §4.3.2 that are about neither length nor syntax (500, 501, 553, 555
// are); 554 refuses relaying to the made-up domains of the RCPT paths, which is policy.
const SENDER_OK = [250, 450, 451, 452, 550];
const RECIPIENT_OK = [250, 251, 450, 451, 452, 550, 551, 554];
// Over a limit, any reply of the RCPT row (with 421, and 530 of RFC 4954), or 554 for the
// relaying the made-up domains ask for.
const RECIPIENT_ANY = [
  250, 251, 421, 450, 451, 452, 455, 500, 501, 503, 530, 550, 551, 552, 553, 554, 555,
];
const WITHIN =
  'the object is within the size every server MUST receive; a policy refusal is no length error';
const MESSAGE_OK = {
  codes: ['2xx', 451, 452],
  because:
    'every line is within the 1000 octets every server MUST receive; only a transient failure is excusable',
};

const RECEIVE = ['R5321-4.5.3.1-a'];

// "Far beyond" for objects a server may echo in its reply (a path, a local part, the EHLO
// domain) stays short enough that an echo with some text fits in a 512-octet reply line
// (§4.5.3.1.5): a longer object would provoke an over-long reply from a server that quotes
// what it refuses, which is the client's doing, not the server's. Lines far beyond their
// limit (a 64K command or text line) are never echoed and go much further.
const FAR_LOCAL = 250;
const FAR_DOMAIN = 320;
const FAR_PATH = 320;
const ONE_REPLY = ['R5321-4.2-a'];

/** A path of `octets` octets: `<` local `@` domain `>`, the domain filling what is left. */
function path(local: string, octets: number): string {
  return exactly(`<${local}@${domainName(octets - local.length - 3)}>`, octets);
}

/** A path of `octets` octets led by a source route of two hops (§4.1.2 A-d-l). */
function routedPath(octets: number): string {
  const mailbox = `smtpspec@${domainName(60)}`;
  const second = domainName(70);
  const first = domainName(octets - `<@,@:>`.length - second.length - mailbox.length);
  return exactly(`<@${first},@${second}:${mailbox}>`, octets);
}

/** A forward-path of `octets` octets to a 64-octet local part at a made-up foreign domain. */
function foreignPath(octets: number): string {
  const suffix = '.smtpspec-limit.example';
  const local = localPart(64);
  const domain = `${domainName(octets - local.length - 3 - suffix.length)}${suffix}`;
  return exactly(`<${local}@${domain}>`, octets);
}

type Rung = 'within' | 'over' | 'far';

interface LadderRow {
  slug: string;
  title: string;
  rung: Rung;
  requirements: string[];
  /** The steps before the one that carries the object. */
  before: Step[];
  /** The object: a command line, or (`raw`) exact bytes. */
  line?: string;
  raw?: string;
  /** Codes for a `within` rung (an `over` or `far` rung takes any reply of the table). */
  codes?: (number | string)[];
  /** Codes for an `over` or `far` rung where the table is not enough. */
  overCodes?: (number | string)[];
}

function ladderCase(row: LadderRow): ScenarioSource {
  const hostile = row.rung === 'far';
  const expect =
    row.rung === 'within'
      ? { codes: row.codes ?? [250], because: WITHIN }
      : {
          ...(row.overCodes ? { codes: row.overCodes } : {}),
          because:
            'over the limit the server may take it or refuse it (500 Line too long, 501 Path too long), with one reply',
        };
  const object: Step =
    row.raw === undefined
      ? { kind: 'send', line: row.line ?? '', expect, ...(hostile ? { hostile } : {}) }
      : {
          kind: 'sendRaw',
          bytes: row.raw,
          note: `${row.title}, CRLF included`,
          expect,
          ...(hostile ? { hostile } : {}),
        };
  return {
    id: `rfc5321/4.5.3.1/${row.slug}`,
    title: row.title,
    level: 'MUST',
    requirements: row.rung === 'within' ? row.requirements : ONE_REPLY,
    steps: [...row.before, object, ...(row.rung === 'within' ? [] : [ONE_REPLY_PROBE])],
  };
}

/**
 * The probe after an object over a limit: one reply per command (§4.2), so a reply other than
 * 250 to this NOOP is a further reply to the long object (a server that cut it into pieces
 * and answered each).
 */
const ONE_REPLY_PROBE: Step = {
  kind: 'send',
  line: 'NOOP',
  expect: {
    codes: [250],
    because:
      'a reply other than 250 here is a second reply to the object over the limit: every command gets exactly one reply (§4.2)',
  },
};

const LOCAL = [...RECEIVE, 'R5321-4.5.3.1.1-a'];
const DOMAIN = [...RECEIVE, 'R5321-4.5.3.1.2-a'];
const PATH = [...RECEIVE, 'R5321-4.5.3.1.3-a'];
const LINE = [...RECEIVE, 'R5321-4.5.3.1.4-a'];

/** A short quoted local part accepted: the quoted cases blame the length, not the quotes. */
const QUOTED_CONTROL: Step[] = [
  {
    kind: 'send',
    line: 'MAIL FROM:<"smtpspec"@{{domain}}>',
    expect: { role: 'control', codes: [250], because: 'a short quoted local part' },
  },
  RSET,
];

function sender(slug: string, title: string, rung: Rung, reversePath: string, reqs = LOCAL) {
  const quoted = reversePath.startsWith('<"') && rung === 'within';
  return ladderCase({
    slug,
    title,
    rung,
    requirements: reqs,
    before: quoted ? [EHLO, ...QUOTED_CONTROL] : [EHLO],
    line: `MAIL FROM:${reversePath}`,
    codes: SENDER_OK,
  });
}

function recipient(slug: string, title: string, rung: Rung, forwardPath: string, reqs = LOCAL) {
  return ladderCase({
    slug,
    title,
    rung,
    requirements: reqs,
    before: [EHLO, { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } }],
    line: `RCPT TO:${forwardPath}`,
    codes: RECIPIENT_OK,
    overCodes: RECIPIENT_ANY,
  });
}

function ehlo(slug: string, title: string, rung: Rung, octets: number): ScenarioSource {
  return ladderCase({
    slug,
    title,
    rung,
    requirements: DOMAIN,
    before: [],
    line: `EHLO ${domainName(octets)}`,
    codes: [250, 550],
  });
}

/** NOOP with an ignored parameter, `octets` long with its CRLF (§4.1.1.9). */
function noop(octets: number): string {
  return exactly(`NOOP ${'x'.repeat(octets - 7)}\r\n`, octets);
}

/** A message whose body is one text line of `octets` octets, CRLF included. */
function textLine(octets: number, header = false): string {
  const line = header
    ? `Subject: ${'t'.repeat(octets - 11)}\r\n\r\nbody\r\n`
    : `Subject: smtpspec ${octets}-octet line\r\n\r\n${'t'.repeat(octets - 2)}\r\n`;
  return line;
}

const NOOP_CONTROL: Step = {
  kind: 'send',
  line: 'NOOP x',
  expect: { role: 'control', codes: [250], because: 'NOOP ignores its parameter' },
};

function message(slug: string, title: string, rung: Rung, content: string): ScenarioSource {
  if (rung === 'within') {
    return {
      id: `rfc5321/4.5.3.1/${slug}`,
      title,
      level: 'MUST',
      requirements: [...RECEIVE, 'R5321-4.5.3.1.6-a'],
      // A plain message first: a site that refuses every message is not refusing the line.
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        DATA,
        { kind: 'message', content, expect: MESSAGE_OK },
      ],
    };
  }
  const because =
    'over the limit the message may be taken or refused (552, 554), with one reply at the end of data';
  const step: Step =
    rung === 'over'
      ? { kind: 'message', content, expect: { because } }
      : {
          kind: 'sendRaw',
          hostile: true,
          bytes: `${content}.\r\n`,
          note: `${title}, then the end of data`,
          expect: { because },
        };
  return {
    id: `rfc5321/4.5.3.1/${slug}`,
    title,
    level: 'MUST',
    requirements: [...ONE_REPLY, 'R5321-4.1.1.4-b'],
    steps: [...reachData, step, ONE_REPLY_PROBE],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.5.3.1/ladder',
  title: 'Size limits, one octet under, at, one over and far beyond',
  spec: 'RFC 5321',
  section: '4.5.3.1',
  scenarios: [
    sender(
      'local-part-63-octets',
      'A 63-octet local part of a sender is received',
      'within',
      `<${localPart(63)}@{{domain}}>`,
    ),
    sender(
      'local-part-65-octets',
      'A 65-octet local part of a sender gets one reply',
      'over',
      `<${localPart(65)}@{{domain}}>`,
    ),
    sender(
      'local-part-250-octets',
      'A 250-octet local part of a sender gets one reply',
      'far',
      `<${localPart(FAR_LOCAL)}@{{domain}}>`,
    ),
    sender(
      'quoted-local-part-64-octets',
      'A 64-octet quoted local part of a sender is received',
      'within',
      `<"${'q'.repeat(62)}"@{{domain}}>`,
    ),
    sender(
      'quoted-pairs-local-part-64-octets',
      'A 64-octet local part of 31 quoted-pairs is received',
      'within',
      `<"${'\\q'.repeat(31)}"@{{domain}}>`,
    ),
    sender(
      'quoted-local-part-65-octets',
      'A 65-octet quoted local part of a sender gets one reply',
      'over',
      `<"${'q'.repeat(63)}"@{{domain}}>`,
    ),
    recipient(
      'recipient-local-part-63-octets',
      'A 63-octet local part of a recipient is received',
      'within',
      `<${localPart(63)}@{{domain}}>`,
    ),
    recipient(
      'recipient-local-part-64-octets',
      'A 64-octet local part of a recipient is received',
      'within',
      `<${localPart(64)}@{{domain}}>`,
    ),
    recipient(
      'recipient-local-part-65-octets',
      'A 65-octet local part of a recipient gets one reply',
      'over',
      `<${localPart(65)}@{{domain}}>`,
    ),
    recipient(
      'recipient-local-part-250-octets',
      'A 250-octet local part of a recipient gets one reply',
      'far',
      `<${localPart(FAR_LOCAL)}@{{domain}}>`,
    ),
    ehlo('domain-252-octets', 'A 252-octet domain in EHLO is received', 'within', 252),
    ehlo(
      'domain-254-octets',
      'A 254-octet domain in EHLO (over the 253 of DNS) gets one reply',
      'over',
      254,
    ),
    ehlo(
      'domain-255-characters',
      'A 255-character domain in EHLO (257 octets in DNS) gets one reply',
      'over',
      255,
    ),
    ehlo('domain-320-octets', 'A 320-octet domain in EHLO gets one reply', 'far', FAR_DOMAIN),
    sender(
      'sender-domain-252-octets',
      'A sender whose domain is 252 octets (a 256-octet path) is received',
      'within',
      path('s', 256),
      [...DOMAIN, 'R5321-4.5.3.1.3-a'],
    ),
    sender(
      'sender-domain-253-octets',
      'A sender whose domain is 253 octets (a 257-octet path) gets one reply',
      'over',
      path('s', 257),
    ),
    sender(
      'domain-label-63-octets',
      'A sender domain with a 63-octet label (the DNS maximum) is received',
      'within',
      `<smtpspec-probe@${'l'.repeat(63)}.example>`,
      DOMAIN,
    ),
    sender(
      'domain-label-64-octets',
      'A sender domain with a 64-octet label (over the DNS maximum) gets one reply',
      'over',
      `<smtpspec-probe@${'l'.repeat(64)}.example>`,
    ),
    sender(
      'path-255-octets',
      'A 255-octet reverse-path is received',
      'within',
      path(localPart(64), 255),
      PATH,
    ),
    sender(
      'path-257-octets',
      'A 257-octet reverse-path gets one reply',
      'over',
      path(localPart(64), 257),
    ),
    sender(
      'path-320-octets',
      'A 320-octet reverse-path gets one reply',
      'far',
      path(localPart(64), FAR_PATH),
    ),
    sender(
      'routed-path-256-octets',
      'A 256-octet reverse-path with a two-hop source route is received',
      'within',
      routedPath(256),
      [...PATH, 'R5321-4.1.2-c'],
    ),
    recipient(
      'recipient-path-255-octets',
      'A 255-octet forward-path is received (relaying may be refused)',
      'within',
      foreignPath(255),
      PATH,
    ),
    recipient(
      'recipient-path-256-octets',
      'A 256-octet forward-path is received (relaying may be refused)',
      'within',
      foreignPath(256),
      PATH,
    ),
    recipient(
      'recipient-path-257-octets',
      'A 257-octet forward-path gets one reply',
      'over',
      foreignPath(257),
    ),
    ladderCase({
      slug: 'command-line-511-octets',
      title: 'A 511-octet command line is received',
      rung: 'within',
      requirements: LINE,
      before: [EHLO, NOOP_CONTROL],
      raw: noop(511),
    }),
    ladderCase({
      slug: 'command-line-513-octets',
      title: 'A 513-octet command line gets one reply',
      rung: 'over',
      requirements: LINE,
      before: [EHLO, NOOP_CONTROL],
      raw: noop(513),
    }),
    ladderCase({
      slug: 'command-line-64k-octets',
      title: 'A 65536-octet command line gets one reply',
      rung: 'far',
      requirements: LINE,
      before: [EHLO, NOOP_CONTROL],
      raw: noop(65536),
    }),
    message('text-line-999-octets', 'A 999-octet text line is received', 'within', textLine(999)),
    message(
      'header-line-1000-octets',
      'A 1000-octet header line is received',
      'within',
      textLine(1000, true),
    ),
    message(
      'text-line-1001-octets',
      'A 1001-octet text line gets one reply at the end of data',
      'over',
      textLine(1001),
    ),
    message(
      'text-line-64k-octets',
      'A 65536-octet text line gets one reply at the end of data',
      'far',
      textLine(65536),
    ),
  ],
};

export default group;
