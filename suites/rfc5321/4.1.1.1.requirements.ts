/** Requirement register, RFC 5321 §4.1.1.1 Extended HELLO (EHLO) or HELLO (HELO). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'In situations in which the SMTP client system does not have a meaningful domain name (e.g., when its address is dynamically allocated and no reverse mapping record is available), the client SHOULD send an address literal (see Section 4.1.3).',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'In the interest of interoperability, it is probably wise for servers to be prepared for this string to occur, but SMTP clients SHOULD NOT send it.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'A client SMTP SHOULD start an SMTP session by issuing the EHLO command.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'servers MUST support the HELO command and reply properly to it.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'In any event, a client MUST issue HELO or EHLO before starting a mail transaction.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Although EHLO keywords may be specified in upper, lower, or mixed case, they MUST always be recognized and processed in a case-insensitive manner.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The EHLO response MUST contain keywords (and associated parameters if required) for all commands not listed as "required" in Section 4.5.1 excepting only private-use commands as described in Section 4.1.5.',
  }),
  // Definitions: the grammar of the EHLO reply.
  r('h', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'ehlo-ok-rsp = ( "250" SP Domain [ SP ehlo-greet ] CRLF ) / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )',
  }),
  r('i', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'ehlo-line = ehlo-keyword *( SP ehlo-param )',
  }),
  // Definition: what a 250 to HELO or EHLO means, so a server that answers 250 and keeps an
  // open transaction says one thing and does another (the state matrix checks it).
  r('j', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'These commands, and a "250 OK" reply to one of them, confirm that both the SMTP client and the SMTP server are in the initial state, that is, there is no transaction in progress and all state tables and buffers are cleared.',
  }),
];
