import type { ScenarioSource, SinkReply, SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_FROM, RELAY_MESSAGE, relayHeader, submit } from '../_relay.ts';

/**
 * Relay-through: a permanent failure at the next hop after the target took the message
 * becomes a notification from `<>` to the reverse-path (RFC 5321 §6.1, §3.6.3, §4.4),
 * and none for a null reverse-path. The reverse-path is in the relay domain, so the
 * notification comes back to the sink. A notification is due without queueing delay: none
 * within `--relay-timeout-ms` fails.
 */
const NOTIFY_REQUIREMENTS = [
  'R5321-6.1-b',
  'R5321-6.1-d',
  'R5321-6.1-g',
  'R5321-3.6.3-a',
  'R5321-3.6.3-b',
  'R5321-3.6.3-d',
  'R5321-4.4-q',
  'R5321-4.4-u',
  'R5321-4.4-x',
  'R5321-4.4-y',
  'R5321-4.1.1.4-i',
];

function bounceCase(slug: string, where: string, sink: Record<string, SinkReply>): ScenarioSource {
  return {
    id: `rfc5321/6.1/relay-notifies-after-5xx-${slug}`,
    title: `After a 5xx at ${where}, the target sends a notification from <> to the reverse-path naming the recipient and the reply`,
    level: 'MUST',
    requirements: [...NOTIFY_REQUIREMENTS, 'R5321-3.3-i'],
    relay: { sink },
    steps: [
      ...submit(RELAY_MESSAGE),
      { kind: 'relayed', expect: { outcome: 'bounced', checks: ['data-after-rcpt'] } },
    ],
  };
}

const NULL_RCPT = 'Nullrcpt-{{relayToken}}@{{relayDomain}}';

const group: SuiteGroup = {
  id: 'rfc5321/6.1',
  title: 'Reliable delivery: notifications after a permanent failure at the next hop',
  spec: 'RFC 5321',
  section: '6.1',
  scenarios: [
    bounceCase('mail', 'MAIL', {
      mail: { code: 550, enhanced: '5.7.1', text: 'sender refused by the smtpspec sink' },
    }),
    bounceCase('rcpt', 'RCPT', {
      rcpt: { code: 550, enhanced: '5.1.1', text: 'no such mailbox at the smtpspec sink' },
    }),
    bounceCase('end-of-data', 'the end of data', {
      dataEnd: { code: 554, enhanced: '5.6.0', text: 'content refused by the smtpspec sink' },
    }),
    {
      id: 'rfc5321/6.1/relay-no-notification-for-null-sender',
      title:
        'A message with the null reverse-path that fails at the next hop causes no notification (a control message with a reverse-path does)',
      level: 'MUST',
      requirements: ['R5321-6.1-e', 'R5321-3.6.3-c', 'R5321-4.5.4-b', 'R5321-4.5.5-b'],
      relay: {
        sink: {
          rcpt: { code: 550, enhanced: '5.1.1', text: 'no such mailbox at the smtpspec sink' },
        },
      },
      steps: [
        // The control: with a reverse-path, its refusal must come back as a notification.
        ...submit(RELAY_MESSAGE),
        // The message under test: null reverse-path, a From: a confused MTA might answer.
        ...submit(
          relayHeader('null reverse-path', RELAY_FROM, NULL_RCPT) +
            '\r\nNo notification may come of this.\r\n',
          {
            from: '',
            rcpt: NULL_RCPT,
            ehlo: false,
          },
        ),
        { kind: 'relayed', expect: { outcome: 'not-bounced' } },
      ],
    },
  ],
};

export default group;
