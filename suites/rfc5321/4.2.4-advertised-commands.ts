import type { CodePattern, ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';

/**
 * §4.2.4: "Extended SMTP systems MUST NOT list capabilities in response to EHLO for which
 * they will return 502 (or 500) replies." For each advertised keyword that names a command,
 * the command is issued and anything but 500 or 502 is acceptable: a refusal for another
 * reason (policy, unknown list, wrong state) still shows the command is implemented.
 */

function advertised(keyword: string, line: string, codes: CodePattern[]): ScenarioSource {
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
        expect: { codes, because: `${keyword} was advertised, so it may not be "not implemented"` },
      },
    ],
  };
}

// Every code except 500 and 502 of the §4.3.2 rows (and of RFC 1985 §5 for ETRN).
const group: SuiteGroup = {
  id: 'rfc5321/4.2.4/advertised',
  title: 'Advertised commands are implemented',
  spec: 'RFC 5321',
  section: '4.2.4',
  scenarios: [
    advertised('HELP', 'HELP', [211, 214, 501, 504]),
    advertised('VRFY', 'VRFY postmaster', [250, 251, 252, 501, 504, 550, 551, 553]),
    advertised('EXPN', 'EXPN postmaster', [250, 252, 501, 504, 550]),
    advertised('ETRN', 'ETRN {{domain}}', ['2xx', '4xx', 501, 503, 504, '55x']),
  ],
};

export default group;
