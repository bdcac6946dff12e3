import type { CodePattern, ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';

/**
 * §4.2.4: "Extended SMTP systems MUST NOT list capabilities in response to EHLO for which
 * they will return 502 (or 500) replies." For each advertised keyword that names a command,
 * the command is issued and anything but 500 or 502 is acceptable: a refusal for another
 * reason (policy, unknown list, wrong state) still shows the command is implemented, and a
 * code outside the command's §4.3.2 row is a matter for the cases of that command (a
 * SHOULD), not for this MUST NOT.
 */

/** Every reply code but 500 and 502 (RFC 5321 §4.2: codes are 2yz to 5yz). */
const IMPLEMENTED: CodePattern[] = [
  '2xx',
  '3xx',
  '4xx',
  501,
  503,
  504,
  505,
  506,
  507,
  508,
  509,
  '51x',
  '52x',
  '53x',
  '54x',
  '55x',
];

function advertised(keyword: string, line: string): ScenarioSource {
  return {
    id: `rfc5321/4.2.4/advertised-${keyword.toLowerCase()}-is-implemented`,
    title: `${keyword}, when listed in the EHLO reply, does not get 500 or 502`,
    level: 'MUST',
    requirements: ['R5321-4.2.4-c'],
    preconditions: { ehlo: [keyword] },
    steps: [
      EHLO,
      {
        kind: 'send',
        line,
        expect: {
          codes: IMPLEMENTED,
          because: `${keyword} was advertised, so it may not be "not implemented" (500 or 502)`,
        },
      },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.2.4/advertised',
  title: 'Advertised commands are implemented',
  spec: 'RFC 5321',
  section: '4.2.4',
  scenarios: [
    advertised('HELP', 'HELP'),
    advertised('VRFY', 'VRFY postmaster'),
    advertised('EXPN', 'EXPN postmaster'),
    advertised('ETRN', 'ETRN {{domain}}'),
  ],
};

export default group;
