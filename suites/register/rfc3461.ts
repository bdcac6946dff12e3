/**
 * Requirement register, RFC 3461 (DSN), section 4: the ESMTP parameters NOTIFY, ORCPT, RET
 * and ENVID. The grammar lines are what a server checks a parameter against.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { registerOf } from './_requirement.ts';

const r = registerOf(3461);

const register: Requirement[] = [
  // §4.1 The NOTIFY parameter of the ESMTP RCPT command
  r('4.1', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'notify-esmtp-value  = "NEVER" / 1#notify-list-element',
  }),
  r('4.1', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'notify-list-element = "SUCCESS" / "FAILURE" / "DELAY"',
  }),
  r('4.1', 'c', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Multiple notify-list-elements, separated by commas, MAY appear in a NOTIFY parameter; however, the NEVER keyword MUST appear by itself.',
  }),
  // §4.2 The ORCPT parameter to the ESMTP RCPT command
  r('4.2', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'original-recipient-address = addr-type ";" xtext',
  }),
  // §4.3 The RET parameter of the ESMTP MAIL command
  r('4.3', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'ret-value = "FULL" / "HDRS"',
  }),
  // §4.4 The ENVID parameter to the ESMTP MAIL command
  r('4.4', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'envid-parameter = "ENVID=" xtext',
  }),
];

export default register;
