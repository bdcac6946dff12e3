/**
 * The command × state matrix for the RFC 5321 commands (the builder, states and probes are
 * in ../_state-matrix.ts; STARTTLS, AUTH and BDAT have rows in their own RFC's folder).
 * Each case sends one command in one state and then a probe that shows the state the
 * server is in afterwards:
 * - RSET, EHLO and a 250 to HELO end any transaction (§4.1.1.5, §4.1.4, §4.1.1.1): RCPT
 *   then gets 503 (§3.3);
 * - VRFY, EXPN, HELP and NOOP leave the buffers alone (§4.1.1.6-§4.1.1.9): an open
 *   transaction stays open, RCPT is in sequence; none is opened, MAIL is in sequence;
 * - a 503 leaves the state as it was (§4.1.4): a refused RCPT does not end the transaction;
 * - QUIT gets 221 and the close in every state (§4.1.1.10);
 * - a command sent before the greeting is read meets a greeting first and one reply, or a
 *   refusal (§4.3.1 asks the client to wait; §7.8 lets the server defend itself).
 * Where the RFC lets the server choose between two replies that leave different states,
 * the cell has one case per choice, each skipping when the server made the other.
 */
import type { CodePattern, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { early, type MatrixCase, type MatrixRow, matrixScenarios } from '../_state-matrix.ts';

const RFC5321 = { prefix: 'rfc5321/4.1.4', spec: 'RFC 5321', section: '4.1.4' } as const;

const QUIT: Step = {
  kind: 'send',
  line: 'QUIT',
  // §4.1.1.10 names the code itself: "the receiver MUST send a "221 OK" reply".
  expect: {
    codes: [221],
    codesByRule: true,
    because: 'QUIT gets "221 OK", then the close (RFC 5321 §4.1.1.10)',
  },
};
const RSET: Step = {
  kind: 'send',
  line: 'RSET',
  expect: { codes: [250], because: 'RSET gets "250 OK" (RFC 5321 §4.1.1.5)' },
};
/** A second EHLO: taken, or refused with the codes §4.1.4 names and the state kept. */
const EHLO_AGAIN: Step = {
  kind: 'ehlo',
  expect: {
    role: 'check',
    codes: [250, 500, 501, 502, 550],
    codesByRule: true,
    because:
      'EHLO is taken, or refused with 501, 500, 502 or 550 and the state kept (RFC 5321 §4.1.4)',
  },
};
/** EHLO whose acceptance the case builds on: refused (allowed), the case skips. */
const EHLO_TAKEN: Step = {
  kind: 'ehlo',
  expect: {
    role: 'setup',
    codes: [250],
    because: 'only an accepted EHLO resets the state; a refusal keeps it (RFC 5321 §4.1.4)',
  },
};
/** HELO once the session is open: taken, or refused as out of sequence or by policy. */
const HELO_AGAIN: Step = {
  kind: 'send',
  line: 'HELO {{helo}}',
  expect: {
    codes: [250, 503, 550],
    because:
      'HELO must be supported (RFC 5321 §4.1.1.1); only EHLO is said to be repeatable (§4.1.4), so a repeated HELO may be refused',
  },
};
/** HELO whose 250 the case builds on. */
const HELO_TAKEN: Step = {
  kind: 'send',
  line: 'HELO {{helo}}',
  expect: {
    role: 'setup',
    codes: [250],
    because: 'a 250 to HELO says there is no transaction in progress (RFC 5321 §4.1.1.1)',
  },
};

const AFTER_RESET = ['R5321-3.3-g'];
const HELO_RESET = ['R5321-4.1.1.1-j', 'R5321-3.3-g'];
const EHLO_RESET = ['R5321-4.1.4-c', 'R5321-3.3-g'];
const NO_EFFECT = ['R5321-4.3.1-d', 'R5321-4.3.1-c'];
const QUIT_REQS = ['R5321-4.1.1.10-a'];
/** An early talker: one reply, after the greeting (RFC 5321 §4.2, §4.3.1). */
const EARLY_REQS = ['R5321-4.2-a', 'R5321-4.3.1-d'];

/** Refusals of an early talker, on top of the command's own §4.3.2 row. */
const EARLY_REFUSALS: CodePattern[] = [503, 554];
const EARLY_BECAUSE =
  'the command is answered once: as in a session that waited for the greeting, or refused (503, 554) because it did not';

function earlyCase(verb: string, line: string, row: CodePattern[]): MatrixCase {
  return {
    title: `${verb} sent before the greeting is read: the greeting comes first, then one reply, and QUIT still gets 221`,
    requirements: EARLY_REQS,
    command: early(line, [...row, ...EARLY_REFUSALS], EARLY_BECAUSE),
    probe: 'quit',
  };
}

/**
 * The row of a command that has no effect on the buffers (§4.1.1.6-§4.1.1.9): an open
 * transaction stays open, a closed one stays closed. `command` is the step as sent.
 */
function noEffectRow(
  verb: 'VRFY' | 'EXPN' | 'HELP' | 'NOOP',
  command: Step,
  earlyRow: CodePattern[],
  covered: { fresh: string; ehlo: string; rcpt: string },
): MatrixRow {
  const c = (state: string, probe: MatrixCase['probe'], then: string): MatrixCase => ({
    title: `${verb} ${state} leaves the state as it was: ${then}`,
    requirements: NO_EFFECT,
    command: [command],
    probe,
  });
  return {
    verb,
    ...RFC5321,
    cells: {
      early: earlyCase(verb, command.kind === 'send' ? command.line : verb, earlyRow),
      fresh: { covered: covered.fresh },
      ehlo: { covered: covered.ehlo },
      mail: c('in a transaction before RCPT', 'rcptOpen', 'RCPT is still in sequence'),
      rcpt: { covered: covered.rcpt },
      refused: c('after a refused RCPT', 'rcptOpen', 'the transaction is still open'),
      done: c("after DATA's end", 'mail', 'no transaction is open, MAIL is in sequence'),
      tls: c('inside TLS', 'mail', 'the session still takes MAIL'),
    },
  };
}

function quitCase(state: string): MatrixCase {
  return {
    title: `QUIT ${state} gets 221 and the server closes`,
    requirements: QUIT_REQS,
    command: [QUIT],
    probe: 'close',
  };
}

/** DATA refused because no transaction with a recipient is open (`why`). */
function dataRefused(why: string): Step {
  return {
    kind: 'send',
    line: 'DATA',
    expect: {
      codes: [503, 554],
      because: `${why}: DATA gets 503 or 554 (RFC 5321 §3.3, §4.1.4)`,
    },
  };
}

/** RCPT with no MAIL in effect: 503, the code its MUST names (RFC 5321 §3.3). */
function rcptWithoutMail(because: string): Step {
  return {
    kind: 'send',
    line: 'RCPT TO:<{{rcpt}}>',
    expect: { codes: [503], codesByRule: true, because },
  };
}

const NOOP_STEP: Step = {
  kind: 'send',
  line: 'NOOP',
  expect: { codes: [250], because: 'NOOP: S: 250 (RFC 5321 §4.1.1.9, §4.3.2)' },
};

/** The table: one row per command, a cell per state (see ../_state-matrix.ts). */
export const ROWS: readonly MatrixRow[] = [
  {
    verb: 'EHLO',
    ...RFC5321,
    cells: {
      early: earlyCase('EHLO', 'EHLO {{helo}}', [250, 500, 501, 502, 504, 550]),
      fresh: { covered: 'rfc5321/4.1.1.1/ehlo-accepted' },
      ehlo: {
        title:
          'A second EHLO with no transaction open keeps the session initialised: MAIL is in sequence',
        requirements: ['R5321-4.1.4-c', 'R5321-4.1.4-d', 'R5321-4.1.4-e'],
        command: [EHLO_AGAIN],
        probe: 'mail',
      },
      mail: {
        title: 'EHLO in a transaction before RCPT aborts it: RCPT is then out of sequence',
        requirements: EHLO_RESET,
        command: [EHLO_TAKEN],
        probe: 'rcpt503',
      },
      rcpt: { covered: 'rfc5321/4.1.4/second-ehlo-ends-transaction' },
      refused: {
        title: 'EHLO after a refused RCPT aborts the transaction: RCPT is then out of sequence',
        requirements: EHLO_RESET,
        command: [EHLO_TAKEN],
        probe: 'rcpt503',
      },
      done: {
        title: "EHLO after DATA's end leaves no transaction behind: MAIL is in sequence",
        requirements: ['R5321-4.1.4-c', 'R5321-4.1.4-d', 'R5321-4.1.4-e'],
        command: [EHLO_AGAIN],
        probe: 'mail',
      },
      tls: { covered: 'rfc3207/4.2/starttls-not-offered-inside-tls' },
    },
  },
  {
    verb: 'HELO',
    ...RFC5321,
    cells: {
      early: earlyCase('HELO', 'HELO {{helo}}', [250, 500, 501, 502, 504, 550]),
      fresh: { covered: 'rfc5321/4.1.1.1/helo-opens-session' },
      ehlo: {
        title:
          'HELO after EHLO, taken or refused, leaves the session initialised: MAIL is in sequence',
        requirements: ['R5321-4.1.1.1-d', 'R5321-4.1.1.1-j', 'R5321-4.1.4-m'],
        command: [HELO_AGAIN],
        probe: 'mail',
      },
      mail: {
        title: 'A 250 to HELO in a transaction before RCPT ends it: RCPT is then out of sequence',
        requirements: HELO_RESET,
        command: [HELO_TAKEN],
        probe: 'rcpt503',
      },
      rcpt: {
        title: 'A 250 to HELO after an accepted RCPT ends the transaction: DATA is refused',
        requirements: ['R5321-4.1.1.1-j', 'R5321-4.1.4-m'],
        command: [HELO_TAKEN],
        probe: 'dataRefused',
      },
      refused: {
        title:
          'A 250 to HELO after a refused RCPT ends the transaction: RCPT is then out of sequence',
        requirements: HELO_RESET,
        command: [HELO_TAKEN],
        probe: 'rcpt503',
      },
      done: {
        title:
          "HELO after DATA's end, taken or refused, leaves no transaction: MAIL is in sequence",
        requirements: ['R5321-4.1.1.1-d', 'R5321-4.1.1.1-j', 'R5321-4.1.4-m'],
        command: [HELO_AGAIN],
        probe: 'mail',
      },
      tls: {
        title:
          'HELO inside TLS, taken or refused, leaves the session initialised: MAIL is in sequence',
        requirements: ['R5321-4.1.1.1-d', 'R5321-4.1.1.1-j', 'R5321-4.1.4-m'],
        command: [HELO_AGAIN],
        probe: 'mail',
      },
    },
  },
  {
    verb: 'MAIL',
    ...RFC5321,
    cells: {
      early: earlyCase(
        'MAIL',
        'MAIL FROM:<{{from}}>',
        [250, 451, 452, 455, 500, 501, 550, 552, 553, 555],
      ),
      fresh: [
        {
          branch: 'refused',
          title: 'MAIL before EHLO refused with 503 opens nothing: RCPT is then out of sequence',
          requirements: ['R5321-4.1.4-m', 'R5321-3.3-g'],
          command: [
            {
              kind: 'send',
              line: 'MAIL FROM:<{{from}}>',
              expect: {
                role: 'setup',
                codes: [503],
                because:
                  'this branch: the server wants EHLO first (RFC 5321 §4.1.4 lets it); a server that takes MAIL runs the other branch',
              },
            },
          ],
          probe: 'rcpt503',
        },
        {
          branch: 'taken',
          title: 'MAIL before EHLO taken with 250 opens a transaction: RCPT is in sequence',
          requirements: ['R5321-4.3.1-d'],
          command: [
            {
              kind: 'send',
              line: 'MAIL FROM:<{{from}}>',
              expect: {
                role: 'setup',
                codes: [250],
                because:
                  'this branch: the server takes MAIL before EHLO; one that wants EHLO first runs the other branch',
              },
            },
          ],
          probe: 'rcptOpen',
        },
      ],
      ehlo: { covered: 'rfc5321/4.1.1.3/several-recipients' },
      mail: { covered: 'rfc5321/4.1.4/nested-mail' },
      rcpt: [
        {
          branch: 'refused',
          title: 'A nested MAIL after RCPT refused with 503 keeps the transaction: DATA gets 354',
          requirements: ['R5321-4.1.4-m'],
          command: [
            {
              kind: 'send',
              line: 'MAIL FROM:<{{from}}>',
              expect: {
                role: 'setup',
                codes: [503],
                because:
                  'this branch: a nested MAIL refused as out of sequence (RFC 5321 §4.1.4); a server that takes it runs the other branch',
              },
            },
          ],
          probe: 'data354',
        },
        {
          branch: 'taken',
          title: 'A nested MAIL after RCPT taken with 250 clears the recipients: DATA is refused',
          requirements: ['R5321-4.3.1-d'],
          command: [
            {
              kind: 'send',
              line: 'MAIL FROM:<{{from}}>',
              expect: {
                role: 'setup',
                codes: [250],
                because:
                  'this branch: MAIL taken, which clears the forward-path buffer (RFC 5321 §4.1.1.2); a server that refuses it runs the other branch',
              },
            },
          ],
          probe: 'dataRefused',
        },
      ],
      refused: {
        title:
          'MAIL after a refused RCPT, taken anew or refused as nested, leaves a transaction open',
        requirements: ['R5321-4.1.4-m', 'R5321-4.3.1-d'],
        command: [
          {
            kind: 'send',
            line: 'MAIL FROM:<{{from}}>',
            expect: {
              role: 'setup',
              codes: [250, 503],
              because:
                'a new transaction (250, RFC 5321 §4.1.1.2) or the old one kept (503, §4.1.4): either way one is open',
            },
          },
        ],
        probe: 'rcptOpen',
      },
      done: { covered: 'rfc5321/3.3/new-transaction-after-data' },
      tls: { covered: 'rfc3207/4.2/mail-transaction-inside-tls' },
    },
  },
  {
    verb: 'RCPT',
    ...RFC5321,
    cells: {
      early: {
        ...earlyCase('RCPT', 'RCPT TO:<{{rcpt}}>', []),
        // No MAIL came first: whatever else the server does, it must not take the recipient.
        requirements: [...EARLY_REQS, 'R5321-3.3-g'],
        command: early('RCPT TO:<{{rcpt}}>', ['4xx', '5xx'], 'RCPT without MAIL is refused'),
      },
      fresh: {
        title: 'RCPT before EHLO gets 503 and opens nothing: DATA is refused too',
        requirements: ['R5321-3.3-g', 'R5321-4.1.4-m'],
        command: [rcptWithoutMail('RCPT without a previous MAIL MUST get 503 (RFC 5321 §3.3)')],
        probe: 'dataRefused',
      },
      ehlo: { covered: 'rfc5321/4.1.4/rcpt-before-mail' },
      mail: { covered: 'rfc5321/4.1.1.3/several-recipients' },
      rcpt: { covered: 'rfc5321/4.1.1.3/several-recipients' },
      refused: { covered: 'rfc5321/4.1.1.3/refused-recipient-not-fatal' },
      done: {
        title: "RCPT after DATA's end gets 503: the MAIL of the finished transaction is gone",
        requirements: ['R5321-3.3-g', 'R5321-4.1.4-m'],
        command: [
          rcptWithoutMail(
            'the end of data cleared the buffers (RFC 5321 §4.1.1.4): no MAIL is in effect, so 503 (§3.3)',
          ),
        ],
        probe: 'mail',
      },
      tls: {
        title: 'RCPT inside TLS with no MAIL gets 503, and MAIL is still in sequence',
        requirements: ['R5321-3.3-g', 'R5321-4.1.4-m'],
        command: [rcptWithoutMail('RCPT without a previous MAIL MUST get 503 (RFC 5321 §3.3)')],
        probe: 'mail',
      },
    },
  },
  {
    verb: 'DATA',
    ...RFC5321,
    cells: {
      early: {
        ...earlyCase('DATA', 'DATA', []),
        requirements: [...EARLY_REQS, 'R5321-4.1.4-m'],
        command: early('DATA', ['4xx', '5xx'], 'DATA with no transaction is refused'),
      },
      fresh: {
        title: 'DATA before EHLO is refused and opens nothing: RCPT gets 503',
        requirements: ['R5321-4.1.4-m', 'R5321-3.3-g'],
        command: [dataRefused('no transaction is open')],
        probe: 'rcpt503',
      },
      ehlo: { covered: 'rfc5321/4.1.4/data-before-mail' },
      mail: { covered: 'rfc5321/4.1.4/premature-data-keeps-transaction' },
      rcpt: { covered: 'rfc5321/3.3/new-transaction-after-data' },
      refused: {
        title: 'A 503 to DATA after a refused RCPT keeps the transaction: RCPT is in sequence',
        requirements: ['R5321-4.1.4-m'],
        command: [
          {
            kind: 'send',
            line: 'DATA',
            // A 554 ("no valid recipients", RFC 5321 §3.3) may end the transaction: only a
            // 503 obliges the server to keep it.
            expect: {
              role: 'setup',
              codes: [503],
              because: 'only a 503 leaves the transaction open to test; a 554 may end it (§3.3)',
            },
          },
        ],
        probe: 'rcptOpen',
      },
      done: {
        title:
          "DATA after DATA's end is refused: the finished transaction is gone, MAIL is in sequence",
        requirements: ['R5321-4.1.4-m'],
        command: [dataRefused('the end of data cleared the buffers (RFC 5321 §4.1.1.4)')],
        probe: 'mail',
      },
      tls: {
        title: 'DATA inside TLS with no transaction is refused, and MAIL is still in sequence',
        requirements: ['R5321-4.1.4-m'],
        command: [dataRefused('no transaction is open')],
        probe: 'mail',
      },
    },
  },
  {
    verb: 'RSET',
    ...RFC5321,
    cells: {
      early: earlyCase('RSET', 'RSET', [250, 500, 501]),
      fresh: { covered: 'rfc5321/4.1.1.5/rset-before-ehlo' },
      ehlo: {
        title: 'RSET after EHLO is a NOOP: 250, and MAIL is in sequence',
        requirements: ['R5321-4.1.1.5-b', 'R5321-4.3.1-d'],
        command: [RSET],
        probe: 'mail',
      },
      mail: {
        title: 'RSET in a transaction before RCPT ends it: RCPT is then out of sequence',
        requirements: ['R5321-4.1.1.5-a', 'R5321-4.1.1.5-b', ...AFTER_RESET],
        command: [RSET],
        probe: 'rcpt503',
      },
      rcpt: { covered: 'rfc5321/4.1.1.5/rset-ends-transaction' },
      refused: {
        title: 'RSET after a refused RCPT ends the transaction: RCPT is then out of sequence',
        requirements: ['R5321-4.1.1.5-a', 'R5321-4.1.1.5-b', ...AFTER_RESET],
        command: [RSET],
        probe: 'rcpt503',
      },
      done: {
        title: "RSET after DATA's end is a NOOP: 250, and MAIL is in sequence",
        requirements: ['R5321-4.1.1.5-b', 'R5321-4.3.1-d'],
        command: [RSET],
        probe: 'mail',
      },
      tls: {
        title: 'RSET inside TLS keeps the session: 250, and MAIL is in sequence',
        requirements: ['R5321-4.1.1.5-b', 'R5321-4.1.1.5-c', 'R5321-4.3.1-d'],
        command: [RSET],
        probe: 'mail',
      },
    },
  },
  noEffectRow(
    'VRFY',
    { kind: 'send', line: 'VRFY {{rcpt}}' },
    [250, 251, 252, 500, 501, 502, 504, 550, 551, 553],
    {
      fresh: 'rfc5321/4.1.4/vrfy-before-ehlo',
      ehlo: 'rfc5321/4.1.1.6/vrfy-deliverable-mailbox',
      rcpt: 'rfc5321/4.1.1.6/vrfy-inside-transaction',
    },
  ),
  noEffectRow(
    'EXPN',
    { kind: 'send', line: 'EXPN {{rcpt}}' },
    [250, 252, 500, 501, 502, 504, 550],
    {
      fresh: 'rfc5321/4.1.4/expn-before-ehlo',
      ehlo: 'rfc5321/4.1.1.7/expn-implemented',
      rcpt: 'rfc5321/4.1.1.7/expn-inside-transaction',
    },
  ),
  noEffectRow('HELP', { kind: 'send', line: 'HELP' }, [211, 214, 500, 501, 502, 504], {
    fresh: 'rfc5321/4.1.4/help-before-ehlo',
    ehlo: 'rfc5321/4.1.1.8/help-without-argument',
    rcpt: 'rfc5321/4.1.1.8/help-inside-transaction',
  }),
  noEffectRow('NOOP', NOOP_STEP, [250, 500, 501], {
    fresh: 'rfc5321/4.1.4/noop-before-ehlo',
    ehlo: 'rfc5321/4.1.1.9/noop',
    rcpt: 'rfc5321/4.1.1.9/noop-inside-transaction',
  }),
  {
    verb: 'QUIT',
    ...RFC5321,
    cells: {
      early: {
        title:
          'QUIT sent before the greeting is read: the greeting comes first, then 221 and the close',
        requirements: [...EARLY_REQS, ...QUIT_REQS],
        command: early('QUIT', [221], 'QUIT gets "221 OK", then the close (RFC 5321 §4.1.1.10)'),
        probe: 'close',
      },
      fresh: { covered: 'rfc5321/4.1.1.10/quit-before-ehlo' },
      ehlo: { covered: 'rfc5321/4.1.1.10/quit' },
      mail: quitCase('in a transaction before RCPT'),
      rcpt: { covered: 'rfc5321/4.1.1.10/quit-inside-transaction' },
      refused: quitCase('after a refused RCPT'),
      done: quitCase("after DATA's end"),
      tls: quitCase('inside TLS'),
    },
  },
];

const group: SuiteGroup = {
  id: 'rfc5321/4.1.4/state-matrix',
  title: 'Command × state matrix: each command in each session state, then a probe of the state',
  spec: 'RFC 5321',
  section: '4.1.4',
  scenarios: ROWS.flatMap(matrixScenarios),
};

export default group;
