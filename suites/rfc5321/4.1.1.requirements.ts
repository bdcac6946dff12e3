/** Requirement register, RFC 5321 §4.1.1 Command Semantics and Syntax (introduction). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In the interest of improved interoperability, SMTP receivers SHOULD tolerate trailing white space before the terminating <CRLF>.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'concerns how a site defines its mailboxes',
    text: 'The syntax of the local part of a mailbox MUST conform to receiver site conventions and the syntax specified in Section 4.1.2.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'In the absence of specific extensions offered by the server and accepted by the client, clients MUST NOT send such parameters',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and servers SHOULD reject commands containing them as having invalid syntax.',
  }),
];
