/** Requirement register, RFC 5321 §4.1.1.4 DATA. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.4');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason:
      'the content comes from the user; whether its control characters could have been avoided is not on the wire',
    text: 'experience has indicated that use of control characters other than SP, HT, CR, and LF may cause problems and SHOULD be avoided when possible.',
  }),
  // definition: the end of mail data indication
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The mail data are terminated by a line containing only a period, that is, the character sequence "<CRLF>.<CRLF>", where the first <CRLF> is actually the terminator of the previous line (see Section 4.5.2).',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'An extra <CRLF> MUST NOT be added, as that would cause an empty line to be added to the message.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'in that case, the originating SMTP system MUST either reject the message as invalid or add <CRLF> in order to have the receiving SMTP server recognize the "end of data" condition.',
  }),
  r('e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The custom of accepting lines ending only in <LF>, as a concession to non-conforming behavior on the part of some UNIX systems, has proven to cause more interoperability problems than it solves, and SMTP server systems MUST NOT do this, even in the name of improved robustness.',
  }),
  r('f', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, the sequence "<LF>.<LF>" (bare line feeds, without carriage returns) MUST NOT be treated as equivalent to <CRLF>.<CRLF> as the end of mail data indication.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing is successful, the receiver MUST send an OK reply.',
  }),
  r('h', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing fails, the receiver MUST send a failure reply.',
  }),
  r('i', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'Errors that are diagnosed subsequently MUST be reported in a mail message, as discussed in Section 4.4.',
  }),
];
