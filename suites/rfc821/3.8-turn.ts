import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { HELO, NOOP_OK } from '../_steps.ts';

// TURN swaps the roles of client and server (RFC 821 §3.8). Without authentication that
// lets anyone collect the mail queued for the client's name, so RFC 5321 Appendix F.1 says
// not to honour it. Refusals: 502 (known, not implemented), 500 (not recognised, RFC 5321
// §4.2.4), 503 (RFC 821 §4.3), 530 (authenticate first, RFC 4954 §6).
const REFUSALS = [500, 502, 503, 530];

const group: SuiteGroup = {
  id: 'rfc821/3.8',
  title: 'Changing roles: TURN',
  spec: 'RFC 821',
  section: '3.8',
  scenarios: [
    {
      id: 'rfc821/3.8/turn-refused-without-authentication',
      title: 'TURN from an unauthenticated client is refused',
      level: 'SHOULD',
      requirements: ['R5321-F.1-a', 'R821-4.1.1-d'],
      steps: [
        HELO,
        {
          kind: 'send',
          line: 'TURN',
          expect: {
            codes: REFUSALS,
            because:
              'SMTP systems SHOULD NOT use TURN unless the server can authenticate the client',
          },
        },
      ],
    },
    {
      // A server that turned would now wait for our 220 greeting instead of answering.
      id: 'rfc821/3.8/turn-refusal-keeps-roles',
      title: 'After refusing TURN the server stays the server: NOOP still gets 250',
      level: 'MUST',
      requirements: ['R821-4.1.1-d', 'R821-4.2-a'],
      steps: [
        HELO,
        {
          kind: 'send',
          line: 'TURN',
          expect: {
            codes: REFUSALS,
            role: 'setup',
            because:
              'this case is about a refused TURN; an accepted one is reported by turn-refused-without-authentication',
          },
        },
        { kind: 'expectNoReply', ms: 1000 },
        NOOP_OK,
      ],
    },
  ],
};

export default group;
