import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { relayHeader, submit } from '../_relay.ts';

/**
 * Relay-through: the outbound half of SMTP smuggling. Content with bare LFs and an
 * `<LF>.<LF>` look-alike is either refused (a defence) or passed on with CRLF line ends
 * only: a relay that forwards the look-alike lets a server behind it end the data early
 * (RFC 5321 §2.3.8, §4.1.1.4). Runs with `--relay-domain` and `--sink-listen`.
 */
const submitted = submit('');
const group: SuiteGroup = {
  id: 'rfc5321/2.3.8',
  title: 'Line endings: a relay passes on no bare LF',
  spec: 'RFC 5321',
  section: '2.3.8',
  scenarios: [
    {
      id: 'rfc5321/2.3.8/relay-passes-no-bare-lf',
      title:
        'Content with bare LFs and "<LF>.<LF>" is refused, or passed on to the next hop with CRLF line ends only',
      level: 'MUST',
      requirements: ['R5321-2.3.8-b', 'R5321-2.3.8-c', 'R5321-4.1.1.4-c'],
      exploitability: 'exploitable-via-relay',
      relay: {},
      steps: [
        ...submitted.slice(0, -1),
        {
          kind: 'sendRaw',
          note: 'message with bare LF line ends and the look-alike <LF>.<LF>, then <CRLF>.<CRLF>',
          hostile: true,
          bytes:
            relayHeader('bare LF') +
            '\r\n' +
            'first line\nsecond line after a bare LF\n.\nSmuggled line after <LF>.<LF>\r\n' +
            'last line\r\n.\r\n',
          expect: {
            codes: [250, '5xx'],
            role: 'setup',
            because:
              'a server may refuse bare LF (RFC 5321 §2.3.8) or take it; either way the next hop must not get it',
          },
        },
        {
          kind: 'relayed',
          expect: { outcome: 'delivered', checks: ['line-ends'], refusalPasses: true },
        },
      ],
    },
  ],
};

export default group;
