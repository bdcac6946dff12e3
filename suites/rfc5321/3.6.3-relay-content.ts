import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: the envelope and content a relay passes on (RFC 5321 §3.6.3, §2.4,
 * App. C). Runs with `--relay-domain` and `--sink-listen` (skips without).
 */
const group: SuiteGroup = {
  id: 'rfc5321/3.6.3',
  title: 'Relaying passes the message on unchanged',
  spec: 'RFC 5321',
  section: '3.6.3',
  scenarios: [
    {
      id: 'rfc5321/3.6.3/relay-passes-message-unchanged',
      title:
        'The relayed message keeps its reverse-path, its recipient (local-part case included) and its content byte for byte, only a Received: field added',
      level: 'MUST',
      requirements: ['R5321-3.6.3-e', 'R5321-2.4-b', 'R5321-2.4-c', 'R5321-C-g', 'R5321-2.4-e'],
      relay: {},
      steps: [
        ...submit(RELAY_MESSAGE),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['envelope', 'content'] } },
      ],
    },
  ],
};

export default group;
