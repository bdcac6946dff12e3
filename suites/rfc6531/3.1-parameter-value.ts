/**
 * RFC 6531 §3.1: the SMTPUTF8 parameter of MAIL "does not accept a value". The rule binds
 * the client that writes the parameter; a server that takes `SMTPUTF8=yes` anyway breaks
 * nothing, so refusing it passes and taking it is reported (MAY), after the bare parameter
 * as the control.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, RSET } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc6531/3.1/value',
  title: 'The SMTPUTF8 parameter with a value',
  spec: 'RFC 6531',
  section: '3.1',
  preconditions: { ehlo: ['SMTPUTF8'] },
  scenarios: [
    {
      id: 'rfc6531/3.1/smtputf8-parameter-with-value',
      title: 'MAIL with SMTPUTF8=yes: refused, or accepted by choice',
      level: 'MAY',
      requirements: ['R6531-3.1-c'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8',
          expect: { role: 'control', codes: [250] },
        },
        RSET,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8=yes',
          expect: {
            codes: [501, 555],
            because:
              'the parameter does not accept a value (RFC 6531 §3.1): normally refused, taking it is a choice',
          },
        },
      ],
    },
  ],
};

export default group;
