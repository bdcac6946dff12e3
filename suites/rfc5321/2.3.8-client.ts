import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): CRLF only (RFC 5321 §2.3.8). */
const group: SuiteGroup = {
  id: 'rfc5321/2.3.8',
  title: 'Client: only CRLF ends a line',
  spec: 'RFC 5321',
  section: '2.3.8',
  scenarios: [
    {
      id: 'rfc5321/2.3.8/client-sends-crlf-only',
      title: 'Commands and message lines end in CRLF: no bare CR or LF, no <LF>.<LF> look-alike',
      level: 'MUST',
      requirements: ['R5321-2.3.8-b', 'R5321-2.3.8-c'],
      client: { checks: ['line-ends', 'completes'] },
    },
  ],
};

export default group;
