/**
 * The shape shared by the "command X inside a transaction" cases (RFC 5321 §4.1.1.6-9):
 * open a transaction, send X, and the transaction must be intact: DATA gets 354 and the
 * message goes through. Files starting with `_` are helpers, not suite files.
 */
import type { ScenarioSource, Step } from '../../harness/scenario/types.ts';
import { withRecipient } from '../_steps.ts';

/**
 * `verb` names the command in the id, title and message; `probe` is the step that sends it;
 * `because` says which RFC sentence keeps the transaction intact. `section` is that of the
 * group the case goes into, which gives `spec` and `section`.
 */
export function insideTransaction(
  verb: 'VRFY' | 'EXPN' | 'HELP' | 'NOOP',
  section: string,
  probe: Step,
  because: string,
): ScenarioSource {
  return {
    id: `rfc5321/${section}/${verb.toLowerCase()}-inside-transaction`,
    title: `${verb} inside a transaction leaves the transaction as it was`,
    level: 'MUST',
    requirements: ['R5321-4.3.1-d'],
    steps: [
      ...withRecipient,
      probe,
      { kind: 'send', line: 'DATA', expect: { codes: [354], because } },
      {
        kind: 'message',
        content: `Subject: smtpspec ${verb} in a transaction\r\n\r\nStill here.\r\n`,
      },
    ],
  };
}
