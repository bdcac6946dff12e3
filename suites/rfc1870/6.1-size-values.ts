/**
 * RFC 1870 §3 and §6: SIZE values at the edges of size-value ::= 1*20DIGIT. A value in the
 * grammar and under the limit MUST be taken (§7, after the plain MAIL as the control); a
 * second SIZE breaks a rule of the client ("Only one SIZE parameter may be specified"), so
 * refusing it passes and taking it is reported (MAY).
 */
import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL_CONTROL, RSET } from '../_steps.ts';

function sizeCase(
  slug: string,
  title: string,
  param: string,
  accepted: boolean,
  requirements: string[],
): ScenarioSource {
  return {
    id: `rfc1870/6.1/${slug}`,
    title,
    level: accepted ? 'MUST' : 'MAY',
    requirements,
    steps: [
      EHLO,
      MAIL_CONTROL,
      RSET,
      {
        kind: 'send',
        line: `MAIL FROM:<{{from}}> ${param}`,
        expect: accepted
          ? {
              codes: [250],
              because: `${param} is a size-value (1*20DIGIT) under any limit, so the server must accept the MAIL (RFC 1870 §7)`,
            }
          : {
              codes: [501, 555, 552],
              because:
                'only one SIZE parameter may be given (RFC 1870 §6), a rule for the client: refusing is usual, taking it a choice',
            },
      },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc1870/6.1/values',
  title: 'SIZE values at the edges of the grammar',
  spec: 'RFC 1870',
  section: '6.1',
  preconditions: { ehlo: ['SIZE'] },
  scenarios: [
    sizeCase('size-zero-accepted', 'MAIL with SIZE=0 is accepted', 'SIZE=0', true, [
      'R1870-7-a',
      'R1870-3-b',
    ]),
    sizeCase(
      'size-twenty-digits-accepted',
      'MAIL with a 20-digit SIZE of value 1000 (leading zeros) is accepted',
      'SIZE=00000000000000001000',
      true,
      ['R1870-7-a', 'R1870-3-b'],
    ),
    sizeCase(
      'size-given-twice',
      'MAIL with SIZE given twice: refused, or accepted by choice',
      'SIZE=1000 SIZE=1000',
      false,
      ['R1870-6-a'],
    ),
  ],
};

export default group;
