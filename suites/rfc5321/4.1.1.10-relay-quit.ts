import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/** Relay-through: the target as a client ends its session with QUIT (RFC 5321 §4.1.1.10). */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.10',
  title: 'QUIT: a relay ends its session at the next hop with QUIT',
  spec: 'RFC 5321',
  section: '4.1.1.10',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.10/relay-ends-with-quit',
      title:
        'After relaying, the target sends QUIT before it closes the connection to the next hop',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-c', 'R5321-4.1.1.10-d', 'R5321-4.1.4-n'],
      relay: {},
      steps: [
        ...submit(RELAY_MESSAGE),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['quit'] } },
      ],
    },
  ],
};

export default group;
