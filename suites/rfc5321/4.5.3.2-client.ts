import type { SuiteGroup } from '../../harness/scenario/types.ts';

/**
 * Client cases (`smtpspec serve-cases --slow`): a reply that comes late but within the
 * RFC 5321 §4.5.3.2 client timeouts (5 minutes for MAIL): the client SHOULD wait for it.
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.5.3.2',
  title: 'Client: timeouts',
  spec: 'RFC 5321',
  section: '4.5.3.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.3.2/client-waits-for-slow-mail-reply',
      title:
        'The reply to MAIL comes after 4.5 minutes; the client waits and gets the message through',
      level: 'SHOULD',
      requirements: ['R5321-4.5.3.2-d'],
      slow: true,
      timeoutMs: 420_000,
      client: {
        replies: {
          MAIL: { code: 250, enhanced: '2.1.0', text: 'Sender OK (late)', delayMs: 270_000 },
        },
        checks: ['completes'],
      },
    },
  ],
};

export default group;
