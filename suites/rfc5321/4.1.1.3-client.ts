import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): parameters only of offered extensions (RFC 5321 §4.1.1.3). */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.3',
  title: 'Client: MAIL and RCPT parameters only for offered extensions',
  spec: 'RFC 5321',
  section: '4.1.1.3',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.3/client-sends-only-offered-parameters',
      title:
        'At a server that offers neither SIZE, 8BITMIME, DSN nor SMTPUTF8, the client sends no SIZE=, BODY=, NOTIFY=, RET= or SMTPUTF8',
      level: 'MUST',
      requirements: ['R5321-4.1.1.3-f', 'R5321-4.1.1-c', 'R6531-3.2-b'],
      client: {
        extensions: ['PIPELINING', 'ENHANCEDSTATUSCODES'],
        checks: ['parameters', 'completes'],
      },
    },
  ],
};

export default group;
