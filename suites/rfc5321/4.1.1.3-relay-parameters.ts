import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: the target as a client sends only parameters the next hop offered
 * (RFC 5321 §4.1.1.3, §4.1.1). The sink offers PIPELINING and ENHANCEDSTATUSCODES only,
 * no SIZE, 8BITMIME or DSN; this case holds the sink alone while it runs.
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.3',
  title: 'MAIL and RCPT parameters only for offered extensions',
  spec: 'RFC 5321',
  section: '4.1.1.3',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.3/relay-sends-only-offered-parameters',
      title:
        'At a next hop that offers no SIZE, 8BITMIME or DSN, the target relays without SIZE=, BODY=, NOTIFY= or RET=',
      level: 'MUST',
      requirements: ['R5321-4.1.1.3-f', 'R5321-4.1.1-c'],
      relay: { sink: { extensions: ['PIPELINING', 'ENHANCEDSTATUSCODES'] } },
      steps: [
        ...submit(RELAY_MESSAGE),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['parameters'] } },
      ],
    },
  ],
};

export default group;
