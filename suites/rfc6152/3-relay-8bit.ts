import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { relayHeader, submit } from '../_relay.ts';

/**
 * Relay-through: 8-bit content keeps every bit on the way out (RFC 6152 §3). The sink
 * offers 8BITMIME. Runs with `--relay-domain` and `--sink-listen` (skips without).
 */
const group: SuiteGroup = {
  id: 'rfc6152/3',
  title: '8BITMIME: a relay keeps 8-bit content intact',
  spec: 'RFC 6152',
  section: '3',
  preconditions: { ehlo: ['8BITMIME'] },
  scenarios: [
    {
      id: 'rfc6152/3/relay-keeps-8bit',
      title: 'A BODY=8BITMIME message with 8-bit octets arrives at the next hop with every bit',
      level: 'MUST',
      requirements: ['R6152-3-b', 'R6152-3-c'],
      relay: {},
      steps: [
        ...submit(
          relayHeader('8-bit').replace('charset=us-ascii', 'charset=iso-8859-1') +
            'Content-Transfer-Encoding: 8bit\r\n' +
            '\r\n' +
            // ISO-8859-1 "café, naïve, Grüße" and the octets 0x80, 0xff.
            'caf\xe9, na\xefve, Gr\xfc\xdfe\r\n' +
            'edge octets: \x80 \xff\r\n',
          { mailParams: 'BODY=8BITMIME' },
        ),
        { kind: 'relayed', expect: { outcome: 'delivered', checks: ['eight-bit'] } },
      ],
    },
  ],
};

export default group;
