/** Requirement register, RFC 5321 §4.4 Trace Information. */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'When an SMTP server receives a message for delivery or further processing, it MUST insert trace ("time stamp" or "Received") information at the beginning of the message content, as discussed in Section 4.1.1.4.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'This line MUST be structured as follows:',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'The FROM clause, which MUST be supplied in an SMTP environment, SHOULD contain both (1) the name of the source host as presented in the EHLO command and (2) an address literal containing the IP address of the source, determined from the TCP connection.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'The FROM clause, which MUST be supplied in an SMTP environment, SHOULD contain both (1) the name of the source host as presented in the EHLO command and (2) an address literal containing the IP address of the source, determined from the TCP connection.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If the FOR clause appears, it MUST contain exactly one <path> entry, even when multiple RCPT commands have been given.',
  }),
  r('f', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'An Internet mail program MUST NOT change or delete a Received: line that was previously added to the message header section.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'SMTP servers MUST prepend Received lines to messages; they MUST NOT change the order of existing lines or insert Received lines in any other location.',
  }),
  r('h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'SMTP servers MUST prepend Received lines to messages; they MUST NOT change the order of existing lines or insert Received lines in any other location.',
  }),
  r('i', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'SMTP servers that create Received header fields SHOULD use explicit offsets in the dates (e.g., -0800), rather than time zone names of any type.',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'Local time (with an offset) SHOULD be used rather than UT when feasible.',
  }),
  r('k', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'If it is desired to supply a time zone name, it SHOULD be included in a comment.',
  }),
  r('l', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'This use of return-path is required; mail systems MUST support it.',
  }),
  r('m', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'A message-originating SMTP system SHOULD NOT send a message that already contains a Return-path header field.',
  }),
  r('n', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'SMTP servers performing a relay function MUST NOT inspect the message data, and especially not to the extent needed to determine if Return-path header fields are present.',
  }),
  r('o', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'For this to be unambiguous, exactly one return path SHOULD be present when the message is delivered.',
  }),
  r('p', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: GATEWAY,
    text: 'Systems using RFC 822 syntax with non-SMTP transports SHOULD designate an unambiguous address, associated with the transport envelope, to which error reports (e.g., non-delivery messages) should be sent.',
  }),
  r('q', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'The reverse-path address (as copied into the Return-path) MUST be used as the target of any mail containing delivery error messages.',
  }),
  r('r', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'a gateway from SMTP -> elsewhere SHOULD insert a return-path header field, unless it is known that the "elsewhere" transport also uses Internet domain addresses and maintains the envelope sender address separately.',
  }),
  r('s', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'a gateway from elsewhere -> SMTP SHOULD delete any return-path header field present in the message',
  }),
  r('t', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'In such cases, the response to the DATA command MUST be an OK reply.',
  }),
  r('u', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'However, the SMTP server MUST compose and send an "undeliverable mail" notification message to the originator of the message.',
  }),
  r('v', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'A single notification listing all of the failed recipients or separate notification messages MUST be sent for each failed recipient.',
  }),
  r('w', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'For economy of processing by the sender, the former SHOULD be used when possible.',
  }),
  r('x', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'All notification messages about undeliverable mail MUST be sent using the MAIL command (even if they result from processing the obsolete SEND, SOML, or SAML commands) and MUST use a null return path as discussed in Section 3.6.',
  }),
  r('y', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'All notification messages about undeliverable mail MUST be sent using the MAIL command (even if they result from processing the obsolete SEND, SOML, or SAML commands) and MUST use a null return path as discussed in Section 3.6.',
  }),
  r('z', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'where "date-time" is as defined in RFC 5322 [4] but the "obs-" forms, especially two-digit years, are prohibited in SMTP and MUST NOT be used.',
  }),
  r('aa', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Additional standard clauses may be added in this location by future standards and registration with IANA. SMTP servers SHOULD NOT use unregistered names.',
  }),
  r('ab', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: '"Via" is primarily of value with non-Internet transports. SMTP servers SHOULD NOT use unregistered names.',
  }),
  r('ac', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Additional standard names for protocols are registered with the Internet Assigned Numbers Authority (IANA) in the "mail parameters" registry [9]. SMTP servers SHOULD NOT use unregistered names.',
  }),
];
