import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: without PIPELINING the target waits for every reply (RFC 5321 §4.3.1).
 * The sink offers no PIPELINING and answers slowly, so commands sent without waiting
 * arrive before the reply; this case holds the sink alone while it runs.
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.3.1',
  title: 'Sequencing: no pipelining at a next hop that does not offer it',
  spec: 'RFC 5321',
  section: '4.3.1',
  scenarios: [
    {
      id: 'rfc5321/4.3.1/relay-waits-without-pipelining',
      title:
        'At a next hop without PIPELINING, the target sends each command only after the reply to the last, and data only after 354',
      level: 'MUST',
      requirements: ['R5321-4.3.1-a', 'R5321-3.3-i'],
      relay: {
        sink: {
          extensions: ['SIZE 52428800', '8BITMIME', 'ENHANCEDSTATUSCODES', 'DSN'],
          replyDelayMs: 150,
        },
      },
      steps: [
        ...submit(RELAY_MESSAGE),
        {
          kind: 'relayed',
          expect: { outcome: 'delivered', checks: ['lock-step', 'data-after-rcpt'] },
        },
      ],
    },
  ],
};

export default group;
