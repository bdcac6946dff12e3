/**
 * RFC 3461 §4: a server that advertises DSN takes NOTIFY and ORCPT on RCPT, RET and ENVID
 * on MAIL when they follow the grammar (MUST, by RFC 2119 §5: the client MAY send them, so
 * a server offering DSN must interoperate), after a control showing that the same command
 * without the parameter is accepted. Invalid syntax breaks a rule that binds the client:
 * RFC 3461 gives no reply for a lenient server, so refusing it passes and accepting it is
 * reported as the server's choice (MAY, info), never a warn.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, MAIL_CONTROL, openTransaction, RCPT_CONTROL, RSET } from '../_steps.ts';

const NEEDS = { ehlo: ['DSN'] };

const REFUSED: ReplyExpectation = {
  codes: [501, 555],
  because:
    'a DSN parameter outside the RFC 3461 §4 grammar is normally refused with 501 or 555; accepting it is a choice no sentence forbids',
};

/**
 * A case sending DSN parameters on RCPT (after a plain MAIL) or on MAIL: valid syntax must
 * be accepted once the plain command is (MUST); invalid syntax is refused or accepted (MAY).
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
    level: valid ? 'MUST' : 'MAY',
    requirements,
    steps:
      verb === 'RCPT'
        ? [...openTransaction, ...(valid ? [RCPT_CONTROL] : []), probe]
        : [EHLO, ...(valid ? [MAIL_CONTROL, RSET] : []), probe],
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
      'RCPT with NOTIFY=NEVER,SUCCESS (NEVER must stand alone): refused, or accepted by choice',
      'NOTIFY=NEVER,SUCCESS',
      false,
      ['R3461-4.1-c'],
    ),
    onRcpt(
      '4.1',
      'notify-unknown-value-refused',
      'RCPT with NOTIFY=SOMETIMES: refused, or accepted by choice',
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
      'RCPT with ORCPT and no "addr-type;" prefix: refused, or accepted by choice',
      'ORCPT={{rcpt}}',
      false,
      ['R3461-4.2-a'],
    ),
    onMail('4.3', 'ret-hdrs-accepted', 'MAIL with RET=HDRS is accepted', 'RET=HDRS', true, [
      'R3461-4.3-a',
    ]),
    onMail(
      '4.3',
      'ret-invalid-refused',
      'MAIL with RET=BODY: refused, or accepted by choice',
      'RET=BODY',
      false,
      ['R3461-4.3-a'],
    ),
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
      'MAIL with ENVID holding "+zz" (not an xtext hexchar): refused, or accepted by choice',
      'ENVID=smtpspec+zz',
      false,
      ['R3461-4.4-a'],
    ),
  ],
};

export default group;
