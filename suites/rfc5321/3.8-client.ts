import type { SuiteGroup } from '../../harness/scenario/types.ts';

/**
 * Client cases (`smtpspec serve-cases`): the server ends the session early (RFC 5321 §3.8).
 * What the client does next happens off the wire (retry later, report), so these cases
 * report its exit rather than judge it.
 */
const group: SuiteGroup = {
  id: 'rfc5321/3.8',
  title: 'Client: the server closes early',
  spec: 'RFC 5321',
  section: '3.8',
  scenarios: [
    {
      id: 'rfc5321/3.8/client-421-at-mail',
      title: 'MAIL answered 421 and the connection closed: the client gives up the session',
      level: 'MAY',
      requirements: ['R5321-3.8-c'],
      client: {
        replies: {
          MAIL: { code: 421, enhanced: '4.3.2', text: 'serve.smtpspec.test closing', close: true },
        },
        checks: ['ends'],
      },
    },
    {
      id: 'rfc5321/3.8/client-disconnect-mid-reply',
      title: 'The connection closes in the middle of the reply to RCPT',
      level: 'MAY',
      requirements: ['R5321-3.8-c'],
      client: {
        replies: { RCPT: { code: 250, text: 'Recipient OK', cutAfter: 5 } },
        checks: ['ends'],
      },
    },
  ],
};

export default group;
