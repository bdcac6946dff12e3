import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: the Received: field a relay adds (RFC 5321 §4.4), seen where the target
 * passes the message on. Runs with `--relay-domain` and `--sink-listen` (skips without).
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.4',
  title: 'Trace information: the Received: field a relay prepends',
  spec: 'RFC 5321',
  section: '4.4',
  scenarios: [
    {
      id: 'rfc5321/4.4/relay-prepends-received',
      title:
        'A relayed message gets a Received: field on top, with FROM clause and a four-digit year; the two it had arrive unchanged and in order',
      level: 'MUST',
      requirements: [
        'R5321-4.4-a',
        'R5321-4.4-b',
        'R5321-4.4-c',
        'R5321-4.4-f',
        'R5321-4.4-g',
        'R5321-4.4-h',
        'R5321-4.4-z',
        'R5321-F.5-a',
      ],
      relay: {},
      steps: [
        ...submit(RELAY_MESSAGE),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['trace'] } },
      ],
    },
  ],
};

export default group;
