import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { relayHeader, submit } from '../_relay.ts';

/**
 * Relay-through: transparency on the way out (RFC 5321 §4.5.2). The target unstuffs what
 * the harness sent and must stuff it again for the sink. Runs with `--relay-domain` and
 * `--sink-listen` (skips without).
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.5.2',
  title: 'Transparency: a relay dot-stuffs what it passes on',
  spec: 'RFC 5321',
  section: '4.5.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.2/relay-dot-stuffs',
      title:
        'Lines starting with "." (one alone, one with text, one with two dots) arrive at the next hop as sent',
      level: 'MUST',
      requirements: ['R5321-4.5.2-a', 'R5321-4.5.2-c', 'R5321-4.5.2-d'],
      relay: {},
      steps: [
        ...submit(
          relayHeader('dot-stuffing') +
            '\r\n' +
            'The next line is a single dot; a relay that does not stuff it ends the data there.\r\n' +
            '.\r\n' +
            '.leading dot with text\r\n' +
            '..two leading dots\r\n' +
            'last line\r\n',
        ),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['content'] } },
      ],
    },
  ],
};

export default group;
