/**
 * RFC 6152 §2: the BODY values in lower case. Argument values other than a local part "MAY
 * be encoded in upper case, lower case, or any mixture" with no impact on their meaning
 * (RFC 5321 §2.4), so a server offering 8BITMIME MUST take them (RFC 2119 §5), after the
 * upper-case form as the control. BODY given twice is outside what the client may send:
 * refusing it passes, taking it is reported (MAY).
 */
import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, RSET } from '../_steps.ts';

function lowerCase(value: string): ScenarioSource {
  return {
    id: `rfc6152/3/body-${value.toLowerCase()}-lower-case`,
    title: `MAIL with BODY=${value.toLowerCase()} (lower case) is accepted`,
    level: 'MUST',
    requirements: ['R5321-2.4-a', 'R6152-2-b'],
    steps: [
      EHLO,
      {
        kind: 'send',
        line: `MAIL FROM:<{{from}}> BODY=${value}`,
        expect: { role: 'control', codes: [250] },
      },
      RSET,
      {
        kind: 'send',
        line: `MAIL FROM:<{{from}}> BODY=${value.toLowerCase()}`,
        expect: {
          codes: [250],
          because: `BODY=${value} was accepted, and case has no impact on an argument value (RFC 5321 §2.4)`,
        },
      },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc6152/3/values',
  title: 'BODY values in lower case, and BODY twice',
  spec: 'RFC 6152',
  section: '3',
  preconditions: { ehlo: ['8BITMIME'] },
  scenarios: [
    lowerCase('8BITMIME'),
    lowerCase('7BIT'),
    {
      id: 'rfc6152/3/body-given-twice',
      title: 'MAIL with BODY=7BIT BODY=8BITMIME: refused, or accepted by choice',
      level: 'MAY',
      requirements: ['R6152-2-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> BODY=7BIT BODY=8BITMIME',
          expect: {
            codes: [501, 555],
            because:
              'one MAIL carries one body-value (RFC 6152 §2); two are normally refused, taking them is a choice',
          },
        },
      ],
    },
  ],
};

export default group;
