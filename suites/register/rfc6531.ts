/**
 * Requirement register, RFC 6531 (SMTPUTF8), sections 3.1 to 3.5.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(6531);

const register: Requirement[] = [
  // §3.1 Framework for the Internationalization Extension
  r('3.1', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason:
      'the EHLO keyword parameters need a step that inspects them; scenarios can only require a keyword',
    text: 'the EHLO response MUST NOT contain any parameters for this keyword.',
  }),
  r('3.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If an SMTP server includes SMTPUTF8 in its EHLO response, it MUST be fully compliant with this version of this specification.',
  }),
  r('3.1', 'c', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The parameter does not accept a value.',
  }),
  // §3.2 The SMTPUTF8 Extension
  r('3.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server that announces the SMTPUTF8 extension MUST be prepared to accept a UTF-8 string [RFC3629] in any position in which RFC 5321 specifies that a <mailbox> can appear.',
  }),
  r('3.2', 'b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'If the SMTPUTF8 SMTP extension is not offered by the SMTP server, the SMTPUTF8-aware SMTP client MUST NOT transmit an internationalized email address',
  }),
  // §3.4 MAIL Command Parameter Usage
  r('3.4', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'If the envelope or message being sent requires the capabilities of the SMTPUTF8 extension, the SMTPUTF8-aware SMTP client MUST supply the SMTPUTF8 parameter with the MAIL command.',
  }),
  // §3.5 Non-ASCII Addresses and Reply-Codes
  r('3.5', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When messages are rejected because the RCPT command requires an ASCII address, the reply-code 553 is returned with the meaning "mailbox name not allowed".',
  }),
  r('3.5', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When messages are rejected because the MAIL command requires an ASCII address, the reply-code 550 is returned with the meaning "mailbox unavailable".',
  }),
  // §3.6 Body Parts and SMTP Extensions
  r('3.6', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'this specification requires that SMTPUTF8-aware SMTP servers support the 8BITMIME extension [RFC6152] to ensure that servers have adequate handling capability for 8-bit data',
  }),
];

export default register;
