/**
 * The command × state matrix (h2spec style): each command sent in each session state,
 * followed by a probe that shows which state the server is in afterwards. The tables live in
 * the suite files (suites/rfc5321/4.1.4-state-matrix.ts for the RFC 5321 commands, and one
 * per extension); this file holds the states, the probes and the builder that turns a table
 * row into plain scenarios. Every cell of a row is accounted for: a case, the id of an
 * existing case that already sends that exchange, or the reason the cell makes no sense
 * (suites/state-matrix.test.ts checks it). Files starting with `_` are not suite files.
 */
import type {
  CodePattern,
  Level,
  Preconditions,
  ReplyExpectation,
  ScenarioSource,
  Step,
} from '../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, RCPT } from './_steps.ts';

/** The session states of the matrix, in the order the tables list them. */
export const STATE_KEYS = [
  'early',
  'fresh',
  'ehlo',
  'mail',
  'rcpt',
  'refused',
  'done',
  'tls',
] as const;

export type StateKey = (typeof STATE_KEYS)[number];

/** How ids (`slug`) and titles (`shown`) name each state. */
export const STATES: Readonly<Record<StateKey, { slug: string; shown: string }>> = {
  early: { slug: 'before-greeting', shown: 'before the greeting is read' },
  fresh: { slug: 'before-ehlo', shown: 'before EHLO' },
  ehlo: { slug: 'after-ehlo', shown: 'after EHLO' },
  mail: { slug: 'in-transaction', shown: 'in a transaction before RCPT' },
  rcpt: { slug: 'after-rcpt', shown: 'after an accepted RCPT' },
  refused: { slug: 'after-refused-rcpt', shown: 'after a refused RCPT' },
  done: { slug: 'after-data', shown: "after DATA's end" },
  tls: { slug: 'inside-tls', shown: 'inside TLS' },
};

/** The RCPT that puts a transaction in the `refused` state; a catch-all server skips. */
const REFUSED_RCPT: Step = {
  kind: 'send',
  line: 'RCPT TO:<{{unknownRcpt}}>',
  expect: {
    role: 'setup',
    codes: ['4xx', '5xx'],
    because: 'the state this case is about is a transaction whose only RCPT was refused',
  },
};

/** The end of a message the case only builds on: a refusal makes the case `skip`. */
const DELIVERED: Step = {
  kind: 'message',
  content: 'Subject: smtpspec state matrix\r\n\r\nA completed transaction.\r\n',
  expect: { role: 'setup', codes: [250] },
};

/** EHLO, STARTTLS with the handshake, and EHLO inside TLS advertising `requires`. */
export function intoTls(requires: string[] = []): Step[] {
  const inside: Step = requires.length > 0 ? { kind: 'ehlo', requires } : EHLO;
  return [EHLO, { kind: 'startTls' }, inside];
}

/** The steps that bring a fresh session into `state`; `open` stands for its first EHLO. */
export function reach(state: StateKey, open: readonly Step[] = [EHLO]): Step[] {
  switch (state) {
    case 'early':
    case 'fresh':
      return [];
    case 'ehlo':
      return [...open];
    case 'mail':
      return [...open, MAIL];
    case 'rcpt':
      return [...open, MAIL, RCPT];
    case 'refused':
      return [...open, MAIL, REFUSED_RCPT];
    case 'done':
      return [...open, MAIL, RCPT, DATA, DELIVERED];
    case 'tls':
      return open.some((s) => s.kind === 'startTls') ? [...open] : intoTls();
  }
}

/** RCPT that is in sequence in an open transaction: accepted, or refused for its own reasons. */
const IN_SEQUENCE_RCPT = [250, 251, 450, 451, 452, 455, 550, 551, 552, 553, 555];
/** MAIL that is in sequence when no transaction is open: anything in its row but 503. */
const IN_SEQUENCE_MAIL = [250, 451, 452, 455, 550, 552, 553, 555];

/** A probe: the steps that show the state, how ids name it, and the rules it judges by. */
interface Probe {
  slug: string;
  steps: Step[];
  /** Cited by every case the probe ends, besides the cell's own. */
  requirements?: string[];
}

export const PROBES = {
  /** No MAIL is in effect. */
  rcpt503: {
    slug: 'rcpt',
    steps: [
      {
        kind: 'send',
        line: 'RCPT TO:<{{rcpt2}}>',
        // §3.3 names the code itself: "the server MUST return a 503".
        expect: {
          codes: [503],
          codesByRule: true,
          because: 'no MAIL is in effect now, so RCPT gets 503 (RFC 5321 §3.3)',
        },
      },
    ],
  },
  /** The transaction is open (with or without recipients). */
  rcptOpen: {
    slug: 'rcpt',
    steps: [
      {
        kind: 'send',
        line: 'RCPT TO:<{{rcpt2}}>',
        expect: {
          codes: IN_SEQUENCE_RCPT,
          because:
            'the transaction is still open, so RCPT is in sequence: accepted or refused for itself, not 503 (RFC 5321 §4.1.4)',
        },
      },
    ],
  },
  /** The transaction and its recipient are intact. */
  data354: {
    slug: 'data',
    steps: [
      {
        kind: 'send',
        line: 'DATA',
        expect: {
          codes: [354],
          because: 'the transaction and its recipient are intact, so DATA gets 354',
        },
      },
      { kind: 'message', content: 'Subject: smtpspec state matrix\r\n\r\nStill intact.\r\n' },
    ],
  },
  /** No transaction with a recipient is open. */
  dataRefused: {
    slug: 'data',
    steps: [
      {
        kind: 'send',
        line: 'DATA',
        expect: {
          codes: [503, 554],
          because:
            'no transaction with a recipient is open now: DATA gets 503 or 554 (RFC 5321 §3.3, §4.1.4)',
        },
      },
    ],
  },
  /** No transaction is open and the session still takes mail. */
  mail: {
    slug: 'mail',
    steps: [
      {
        kind: 'send',
        line: 'MAIL FROM:<{{from}}>',
        expect: {
          codes: IN_SEQUENCE_MAIL,
          because:
            'no transaction is open and the session is still initialised, so MAIL is in sequence: not 503 (RFC 5321 §4.1.4)',
        },
      },
    ],
  },
  /**
   * The session is alive and in step: QUIT gets its own 221, then the close. A reply left
   * over from before (one command answered twice, input misread as commands) arrives
   * instead of the 221. §4.1.1.10 names the code itself: "MUST send a "221 OK" reply".
   */
  quit: {
    slug: 'quit',
    requirements: ['R5321-4.1.1.10-a', 'R5321-4.2-a'],
    steps: [
      {
        kind: 'send',
        line: 'QUIT',
        expect: {
          codes: [221],
          codesByRule: true,
          because:
            'QUIT gets "221 OK" and the close (RFC 5321 §4.1.1.10); any other reply here answers something sent earlier: one reply too many (§4.2)',
        },
      },
      { kind: 'expectClose' },
    ],
  },
  /** After QUIT: the server closes. */
  close: { slug: 'close', steps: [{ kind: 'expectClose' }] },
} satisfies Record<string, Probe>;

export type ProbeKey = keyof typeof PROBES;

/** One case of a cell: the command in the state, and the probe after it. */
export interface MatrixCase {
  title: string;
  /** Default MUST: every case rests on a server MUST it cites. */
  level?: Level;
  requirements: string[];
  /** The command under test, with what its reply must be. */
  command: Step[];
  probe: ProbeKey;
  /**
   * When the RFC allows two replies that leave different states, one case per reply: the
   * command's expectation is a set-up step for its branch: the other branch's case runs.
   */
  branch?: string;
  /** Stands for the first EHLO of the set-up (e.g. a TLS opening for AUTH). */
  open?: Step[];
}

/**
 * A cell: one case or several (branches); or `covered`, the id of an existing case that
 * sends this exchange already; or `skip`, why the cell makes no sense.
 */
export type MatrixCell = MatrixCase | MatrixCase[] | { covered: string } | { skip: string };

/** One command's row: a cell for every state. */
export interface MatrixRow {
  verb: string;
  /** Id prefix of the row's cases, `<spec>/<section>`: `rfc5321/4.1.4`. */
  prefix: string;
  spec: string;
  section: string;
  preconditions?: Preconditions;
  cells: Readonly<Record<StateKey, MatrixCell>>;
}

/** The cases of one cell, as listed (covered and skipped cells have none). */
export function casesOf(cell: MatrixCell): MatrixCase[] {
  if ('covered' in cell || 'skip' in cell) return [];
  return Array.isArray(cell) ? cell : [cell];
}

/** The id of a case of `row` in `state`. */
export function matrixId(row: MatrixRow, state: StateKey, c: MatrixCase): string {
  const branch = c.branch === undefined ? '' : `-${c.branch}`;
  const verb = row.verb.toLowerCase();
  return `${row.prefix}/${verb}-${STATES[state].slug}${branch}-then-${PROBES[c.probe].slug}`;
}

/** Every case of a row as a scenario: set-up of the state, the command, the probe. */
export function matrixScenarios(row: MatrixRow): ScenarioSource[] {
  return STATE_KEYS.flatMap((state) =>
    casesOf(row.cells[state]).map((c) => {
      const probe: Probe = PROBES[c.probe];
      const tls = state === 'tls' || c.open?.some((s) => s.kind === 'startTls') === true;
      const preconditions = { ...row.preconditions, ...(tls ? { tls: true } : {}) };
      return {
        id: matrixId(row, state, c),
        title: c.title,
        spec: row.spec,
        section: row.section,
        level: c.level ?? 'MUST',
        requirements: [...new Set([...c.requirements, ...(probe.requirements ?? [])])],
        ...(Object.keys(preconditions).length > 0 ? { preconditions } : {}),
        steps: [...reach(state, c.open), ...c.command, ...probe.steps],
      };
    }),
  );
}

/**
 * The command of an `early` cell: sent right after connecting, before the greeting is read
 * (the client breaks a SHOULD, RFC 5321 §4.3.1; many servers refuse such early talkers, and
 * §7.8 lets them). Whatever the server does, the greeting comes first, then one reply.
 */
export function early(line: string, codes: CodePattern[], because: string): Step[] {
  const reply: ReplyExpectation = { codes, because };
  return [
    { kind: 'send', line, noReply: true, hostile: true },
    {
      kind: 'greeting',
      expect: {
        role: 'check',
        codes: [220, 554],
        closeAllowed: true,
        because:
          'the server speaks first: its greeting (220, or 554 refusing the session) comes before any reply (RFC 5321 §3.1, §4.3.2)',
      },
    },
    { kind: 'expectReply', expect: reply },
  ];
}
