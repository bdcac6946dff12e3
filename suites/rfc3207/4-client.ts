import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): STARTTLS refused (RFC 3207 §4). */
const group: SuiteGroup = {
  id: 'rfc3207/4',
  title: 'Client: STARTTLS refused with 454',
  spec: 'RFC 3207',
  section: '4',
  scenarios: [
    {
      id: 'rfc3207/4/client-starttls-refused',
      title:
        'After 454 to STARTTLS the client goes on in plaintext or gives up, and ends the session with QUIT',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-c'],
      client: {
        extensions: ['STARTTLS', 'PIPELINING', '8BITMIME'],
        replies: {
          STARTTLS: {
            code: 454,
            enhanced: '4.7.0',
            text: 'TLS not available due to temporary reason',
          },
        },
        checks: ['quit'],
      },
    },
  ],
};

export default group;
