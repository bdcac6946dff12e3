/**
 * RFC 3461 §4: a server that advertises DSN takes NOTIFY and ORCPT on RCPT, RET and ENVID
 * on MAIL when they follow the grammar, and refuses them (501 or 555) when they do not.
 * Accepting a valid parameter is the MUST; refusing an invalid one is graded SHOULD, since
 * RFC 3461 gives the grammar but no reply for a server that is lenient about it.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, openTransaction } from '../_steps.ts';

const NEEDS = { ehlo: ['DSN'] };

const REFUSED: ReplyExpectation = {
  codes: [501, 555],
  because: 'a DSN parameter outside the RFC 3461 §4 grammar is refused with 501 or 555',
};

/**
 * A case sending DSN parameters on RCPT (after a plain MAIL) or on MAIL: valid syntax must
 * be accepted (MUST), invalid syntax should be refused (SHOULD).
 */
function withParams(
  verb: 'MAIL' | 'RCPT',
  section: string,
  slug: string,
  title: string,
  params: string,
  valid: boolean,
  requirements: string[],
): ScenarioSource {
  const probe: Step =
    verb === 'RCPT'
      ? {
          kind: 'send',
          line: `RCPT TO:<{{rcpt}}> ${params}`,
          expect: valid ? { codes: [250, 251] } : REFUSED,
        }
      : {
          kind: 'send',
          line: `MAIL FROM:<{{from}}> ${params}`,
          expect: valid ? { codes: [250] } : REFUSED,
        };
  return {
    id: `rfc3461/${section}/${slug}`,
    title,
    section,
    level: valid ? 'MUST' : 'SHOULD',
    requirements,
    steps: verb === 'RCPT' ? [...openTransaction, probe] : [EHLO, probe],
  };
}

const onRcpt = (...args: CaseArgs) => withParams('RCPT', ...args);
const onMail = (...args: CaseArgs) => withParams('MAIL', ...args);
type CaseArgs = [string, string, string, string, boolean, string[]];

const group: SuiteGroup = {
  id: 'rfc3461/4',
  title: 'DSN parameters of MAIL and RCPT',
  spec: 'RFC 3461',
  preconditions: NEEDS,
  scenarios: [
    onRcpt(
      '4.1',
      'notify-list-accepted',
      'RCPT with NOTIFY=SUCCESS,FAILURE,DELAY is accepted',
      'NOTIFY=SUCCESS,FAILURE,DELAY',
      true,
      ['R3461-4.1-a', 'R3461-4.1-b', 'R3461-4.1-c'],
    ),
    onRcpt(
      '4.1',
      'notify-never-accepted',
      'RCPT with NOTIFY=NEVER is accepted',
      'NOTIFY=NEVER',
      true,
      ['R3461-4.1-a'],
    ),
    onRcpt(
      '4.1',
      'notify-never-combined-refused',
      'RCPT with NOTIFY=NEVER,SUCCESS (NEVER must stand alone) is refused',
      'NOTIFY=NEVER,SUCCESS',
      false,
      ['R3461-4.1-c'],
    ),
    onRcpt(
      '4.1',
      'notify-unknown-value-refused',
      'RCPT with NOTIFY=SOMETIMES is refused',
      'NOTIFY=SOMETIMES',
      false,
      ['R3461-4.1-b'],
    ),
    onRcpt(
      '4.2',
      'orcpt-accepted',
      'RCPT with ORCPT=rfc822;<the recipient> is accepted',
      'ORCPT=rfc822;{{rcpt}}',
      true,
      ['R3461-4.2-a'],
    ),
    onRcpt(
      '4.2',
      'orcpt-without-address-type-refused',
      'RCPT with ORCPT and no "addr-type;" prefix is refused',
      'ORCPT={{rcpt}}',
      false,
      ['R3461-4.2-a'],
    ),
    onMail('4.3', 'ret-hdrs-accepted', 'MAIL with RET=HDRS is accepted', 'RET=HDRS', true, [
      'R3461-4.3-a',
    ]),
    onMail('4.3', 'ret-invalid-refused', 'MAIL with RET=BODY is refused', 'RET=BODY', false, [
      'R3461-4.3-a',
    ]),
    onMail(
      '4.4',
      'envid-accepted',
      'MAIL with an xtext ENVID (with a +2B escape) is accepted',
      'ENVID=smtpspec+2Benvid-1',
      true,
      ['R3461-4.4-a'],
    ),
    onMail(
      '4.4',
      'envid-bad-xtext-refused',
      'MAIL with ENVID holding "+zz" (not an xtext hexchar) is refused',
      'ENVID=smtpspec+zz',
      false,
      ['R3461-4.4-a'],
    ),
  ],
};

export default group;
