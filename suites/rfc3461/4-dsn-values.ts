/**
 * RFC 3461 §4.1 and §4.3: NOTIFY and RET values in lower case. Argument values other than a
 * local part "MAY be encoded in upper case, lower case, or any mixture" (RFC 5321 §2.4), so
 * a server offering DSN MUST take them (RFC 2119 §5), after the upper-case form as the
 * control.
 */
import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, RSET } from '../_steps.ts';

function lowerCase(
  section: string,
  slug: string,
  verb: 'MAIL' | 'RCPT',
  param: string,
  requirement: string,
): ScenarioSource {
  const command = (p: string) =>
    verb === 'MAIL' ? `MAIL FROM:<{{from}}> ${p}` : `RCPT TO:<{{rcpt}}> ${p}`;
  const codes = verb === 'MAIL' ? [250] : [250, 251];
  return {
    id: `rfc3461/${section}/${slug}`,
    title: `${verb} with ${param.toLowerCase()} (lower case) is accepted`,
    section,
    level: 'MUST',
    requirements: ['R5321-2.4-a', requirement],
    steps: [
      EHLO,
      ...(verb === 'RCPT' ? [MAIL] : []),
      { kind: 'send', line: command(param), expect: { role: 'control', codes } },
      ...(verb === 'RCPT' ? [RSET, MAIL] : [RSET]),
      {
        kind: 'send',
        line: command(param.toLowerCase()),
        expect: {
          codes,
          because: `${param} was accepted, and case has no impact on an argument value (RFC 5321 §2.4)`,
        },
      },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc3461/4/values',
  title: 'DSN parameter values in lower case',
  spec: 'RFC 3461',
  preconditions: { ehlo: ['DSN'] },
  scenarios: [
    lowerCase('4.1', 'notify-lower-case', 'RCPT', 'NOTIFY=SUCCESS,FAILURE', 'R3461-4.1-b'),
    lowerCase('4.3', 'ret-lower-case', 'MAIL', 'RET=HDRS', 'R3461-4.3-a'),
  ],
};

export default group;
