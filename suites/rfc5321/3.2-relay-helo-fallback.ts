import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: the target as a client at a next hop that does not know EHLO (RFC 5321
 * §3.2). The sink answers EHLO with 502; this case holds the sink alone while it runs.
 */
const group: SuiteGroup = {
  id: 'rfc5321/3.2',
  title: 'Client initiation: HELO after EHLO is refused',
  spec: 'RFC 5321',
  section: '3.2',
  scenarios: [
    {
      id: 'rfc5321/3.2/relay-falls-back-to-helo',
      title:
        'At a next hop that answers EHLO with 502, the target sends HELO and relays the message without extension parameters',
      level: 'SHOULD',
      requirements: ['R5321-3.2-b', 'R5321-4.1.1.1-c'],
      relay: {
        sink: { ehlo: { code: 502, enhanced: '5.5.1', text: 'EHLO not implemented here' } },
      },
      steps: [
        ...submit(RELAY_MESSAGE),
        {
          kind: 'relayed',
          expect: { outcome: 'delivered', checks: ['hello', 'parameters', 'envelope'] },
        },
      ],
    },
  ],
};

export default group;
