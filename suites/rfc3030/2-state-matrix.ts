/**
 * The BDAT row of the command × state matrix (../_state-matrix.ts). A BDAT that fails still
 * has its octets read and thrown away (RFC 3030 §2): the chunk here holds two NOOP lines, so
 * a server that ran them as commands answers twice more, and the QUIT probe gets one of those
 * replies instead of its 221.
 */
import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { intoTls, type MatrixRow, matrixScenarios } from '../_state-matrix.ts';

/** Chunk content that would get two 250 replies if it were read as commands. */
const TWO_NOOPS = 'NOOP\r\nNOOP\r\n';
const NOT_OFFERED_YET =
  'BDAT is offered (CHUNKING) in the EHLO reply; before EHLO a client has not seen it';

function bdat(codes: (number | string)[], because: string): Step {
  return {
    kind: 'sendRaw',
    bytes: `BDAT ${TWO_NOOPS.length} LAST\r\n${TWO_NOOPS}`,
    note: 'BDAT 12 LAST whose 12 octets are "NOOP\\r\\nNOOP\\r\\n"',
    expect: { codes, because },
  };
}

const NO_TRANSACTION = bdat(
  [503],
  'no transaction is open: BDAT is out of sequence, 503 (RFC 5321 §4.1.4, RFC 3030 §2)',
);

/** The table: a cell per state. */
export const ROWS: readonly MatrixRow[] = [
  {
    verb: 'BDAT',
    prefix: 'rfc3030/2',
    spec: 'RFC 3030',
    section: '2',
    preconditions: { ehlo: ['CHUNKING'] },
    cells: {
      early: { skip: NOT_OFFERED_YET },
      fresh: { skip: NOT_OFFERED_YET },
      ehlo: { covered: 'rfc3030/2/bdat-without-mail' },
      mail: { covered: 'rfc3030/2/bdat-without-recipient' },
      rcpt: { covered: 'rfc3030/2/single-last-chunk' },
      refused: {
        title: 'BDAT after a refused RCPT fails once and its octets are discarded, not run',
        requirements: ['R3030-2-f'],
        command: [
          bdat(
            ['4xx', '5xx'],
            'no recipient was accepted: the chunk fails, after its octets are read (RFC 3030 §2)',
          ),
        ],
        probe: 'quit',
      },
      done: {
        title: "BDAT after DATA's end gets 503 once and its octets are discarded, not run",
        requirements: ['R3030-2-f', 'R5321-4.1.4-m'],
        command: [NO_TRANSACTION],
        probe: 'quit',
      },
      tls: {
        title: 'BDAT inside TLS with no transaction gets 503 once and its octets are discarded',
        requirements: ['R3030-2-f', 'R5321-4.1.4-m'],
        open: intoTls(['CHUNKING']),
        command: [NO_TRANSACTION],
        probe: 'quit',
      },
    },
  },
];

const group: SuiteGroup = {
  id: 'rfc3030/2/state-matrix',
  title: 'Command × state matrix: BDAT in each session state',
  spec: 'RFC 3030',
  section: '2',
  scenarios: ROWS.flatMap(matrixScenarios),
};

export default group;
