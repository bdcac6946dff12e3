/**
 * Requirement register, RFC 5321 part 2: sections 2.3.8, 3.6, 4.1.1.4, 4.1.2, 4.1.3, 4.1.5,
 * 4.2 (all of it), 4.3.2, 4.4, 4.5.1, 4.5.2, 4.5.3.1, 4.5.4, 4.5.5, 7 and the appendices.
 *
 * One entry per MUST / MUST NOT / SHOULD / SHOULD NOT statement, in order of appearance
 * within its section. A few entries quote a definition that carries no RFC 2119 keyword
 * but that a case checks (the end-of-data line, the dot-stuffing procedure, the size
 * limits, grammar rules): they are marked "definition" in a comment and carry the level a
 * violation of them has. Ids are stable: a statement found missing later gets the next free
 * letter, never an inserted one.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(5321);

const MAILBOX_ONLY =
  'the effect shows only in what the target delivers or stores, which a client cannot read';
const CONFIG = 'concerns configuration or internal policy, not behaviour on the wire';
const GATEWAY =
  'binds gateways into or out of a non-SMTP environment; the harness only speaks SMTP to the target';
const SUBMISSION =
  'binds how a message is taken from a user agent before SMTP starts; nothing of it is on an SMTP connection';
const SPEC_TEXT =
  'a statement about the specification or the standards process, not an implementation';

const register: Requirement[] = [
  // §2.3.8 Lines
  r('2.3.8', 'a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'wire',
    text: 'Conforming implementations MUST NOT recognize or generate any other character or character sequence as a line terminator.',
  }),
  r('2.3.8', 'b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP client implementations MUST NOT transmit these characters except when they are intended as line terminators',
  }),
  r('2.3.8', 'c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'and then MUST, as indicated above, transmit them only as a <CRLF> sequence.',
  }),
  // §3.6.1 Source Routes and Relaying
  r('3.6.1', 'a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP clients SHOULD NOT generate explicit source routes except under unusual circumstances.',
  }),
  r('3.6.1', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'When route information is encountered, SMTP servers MAY ignore the route information and simply send to the final destination specified as the last element in the route and SHOULD do so.',
  }),
  r('3.6.1', 'c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'This is one of several reasons why SMTP clients MUST NOT generate invalid source routes or depend on serial resolution of names.',
  }),
  // §3.6.2 Mail eXchange Records and Relaying
  r('3.6.2', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If it declines to relay mail to a particular address for policy reasons, a 550 response SHOULD be returned.',
  }),
  // §3.6.3 Message Submission Servers as Relays
  r('3.6.3', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If an SMTP server has accepted the task of relaying the mail and later finds that the destination is incorrect or that the mail cannot be delivered for some other reason, then it MUST construct an "undeliverable mail" notification message and send it to the originator of the undeliverable mail (as indicated by the reverse-path).',
  }),
  r('3.6.3', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'Formats specified for non-delivery reports by other standards (see, for example, RFC 3461 [32] and RFC 3464 [33]) SHOULD be used if possible.',
  }),
  r('3.6.3', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Of course, SMTP servers MUST NOT send notification messages about problems transporting notification messages.',
  }),
  r('3.6.3', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'When such a message is transmitted, the reverse-path MUST be set to null',
  }),
  r('3.6.3', 'e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'a relay SMTP has no need to inspect or act upon the header section or body of the message data and MUST NOT do so except to add its own "Received:" header field (Section 4.4)',
  }),
  // §4.1.1.4 DATA
  r('4.1.1.4', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: `${BINDS_CLIENT}; the content comes from the user`,
    text: 'experience has indicated that use of control characters other than SP, HT, CR, and LF may cause problems and SHOULD be avoided when possible.',
  }),
  // definition: the end of mail data indication
  r('4.1.1.4', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The mail data are terminated by a line containing only a period, that is, the character sequence "<CRLF>.<CRLF>", where the first <CRLF> is actually the terminator of the previous line (see Section 4.5.2).',
  }),
  r('4.1.1.4', 'c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'An extra <CRLF> MUST NOT be added, as that would cause an empty line to be added to the message.',
  }),
  r('4.1.1.4', 'd', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'in that case, the originating SMTP system MUST either reject the message as invalid or add <CRLF> in order to have the receiving SMTP server recognize the "end of data" condition.',
  }),
  r('4.1.1.4', 'e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The custom of accepting lines ending only in <LF>, as a concession to non-conforming behavior on the part of some UNIX systems, has proven to cause more interoperability problems than it solves, and SMTP server systems MUST NOT do this, even in the name of improved robustness.',
  }),
  r('4.1.1.4', 'f', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, the sequence "<LF>.<LF>" (bare line feeds, without carriage returns) MUST NOT be treated as equivalent to <CRLF>.<CRLF> as the end of mail data indication.',
  }),
  r('4.1.1.4', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing is successful, the receiver MUST send an OK reply.',
  }),
  r('4.1.1.4', 'h', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing fails, the receiver MUST send a failure reply.',
  }),
  r('4.1.1.4', 'i', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'Errors that are diagnosed subsequently MUST be reported in a mail message, as discussed in Section 4.4.',
  }),
  // §4.1.2 Command Argument Syntax
  // definition (grammar)
  r('4.1.2', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Reverse-path = Path / "<>"',
  }),
  // definition (grammar)
  r('4.1.2', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Path = "<" [ A-d-l ":" ] Mailbox ">"',
  }),
  r('4.1.2', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('4.1.2', 'd', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('4.1.2', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('4.1.2', 'f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If this string is an email address, i.e., a Mailbox, then the "xtext" syntax [32] SHOULD be used.',
  }),
  // definition (grammar)
  r('4.1.2', 'g', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Mailbox = Local-part "@" ( Domain / address-literal )',
  }),
  r('4.1.2', 'h', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'While the above definition for Local-part is relatively permissive, for maximum interoperability, a host that expects to receive mail SHOULD avoid defining mailboxes where the Local-part requires (or uses) the Quoted-string form or where the Local-part is case-sensitive.',
  }),
  r('4.1.2', 'i', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'For any purposes that require generating or comparing Local-parts (e.g., to specific mailbox names), all quoted forms MUST be treated as equivalent',
  }),
  r('4.1.2', 'j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'the sending system SHOULD transmit the form that uses the minimum quoting possible.',
  }),
  r('4.1.2', 'k', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Systems MUST NOT define mailboxes in such a way as to require the use in SMTP of non-ASCII characters (octets with the high order bit set to one) or ASCII "control characters" (decimal value 0-31 and 127).',
  }),
  r('4.1.2', 'l', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'These characters MUST NOT be used in MAIL or RCPT commands or other commands that require mailbox names.',
  }),
  r('4.1.2', 'm', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'wire',
    text: 'characters outside the set of alphabetic characters, digits, and hyphen MUST NOT appear in domain name labels for SMTP clients or servers.',
  }),
  r('4.1.2', 'n', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers that receive a command in which invalid character codes have been employed, and for which there are no other reasons for rejection, MUST reject that command with a 501 response',
  }),
  // §4.1.3 Address Literals
  // definition (grammar)
  r('4.1.3', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'IPv4-address-literal = Snum 3("." Snum)',
  }),
  // definition (grammar)
  r('4.1.3', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'IPv6-address-literal = "IPv6:" IPv6-addr',
  }),
  r('4.1.3', 'c', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'Standardized-tag MUST be specified in a Standards-Track RFC and registered with IANA',
  }),
  // definition (grammar)
  r('4.1.3', 'd', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Snum = 1*3DIGIT ; representing a decimal integer value in the range 0 through 255',
  }),
  // §4.1.5 Private-Use Commands
  r('4.1.5', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason:
      'which further verbs a server accepts is not known to a client, and registration is an IANA matter',
    text: 'Commands sent or accepted by SMTP systems that do not start with "X" MUST conform to the requirements of Section 2.2.2.',
  }),
  // §4.2 SMTP Replies
  r('4.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Every command MUST generate exactly one reply.',
  }),
  r('4.2', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Since, in violation of this specification, the text is sometimes not sent, clients that do not receive it SHOULD be prepared to process the code alone (with or without a trailing space character).',
  }),
  r('4.2', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD send only the reply codes listed in this document.',
  }),
  r('4.2', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'reply text is free-form; whether a text is appropriate cannot be judged mechanically',
    text: 'An SMTP server SHOULD use the text shown in the examples whenever appropriate.',
  }),
  r('4.2', 'e', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'An SMTP client MUST determine its actions only by the reply code, not by the text (except for the "change of address" 251 and 551 and, if necessary, 220, 221, and 421 replies)',
  }),
  r('4.2', 'f', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'in the general case, any text, including no text at all (although senders SHOULD NOT send bare codes), MUST be acceptable.',
  }),
  r('4.2', 'g', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'in the general case, any text, including no text at all (although senders SHOULD NOT send bare codes), MUST be acceptable.',
  }),
  r('4.2', 'h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Whenever possible, a receiver-SMTP SHOULD test the first digit (severity indication) of the reply code.',
  }),
  r('4.2', 'i', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'The list of codes that appears below MUST NOT be construed as permanent.',
  }),
  r('4.2', 'j', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Consequently, a sender-SMTP MUST be prepared to handle codes not specified in this document and MUST do so by interpreting the first digit only.',
  }),
  r('4.2', 'k', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In the absence of extensions negotiated with the client, SMTP servers MUST NOT send reply codes whose first digits are other than 2, 3, 4, or 5.',
  }),
  r('4.2', 'l', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Clients that receive such out-of-range codes SHOULD normally treat them as fatal errors and terminate the mail transaction.',
  }),
  // §4.2.1 Reply Code Severities and Theory
  r('4.2.1', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Each reply in this category might have a different time value, but the SMTP client SHOULD try again.',
  }),
  r('4.2.1', 'b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The SMTP client SHOULD NOT repeat the exact request (in the same sequence).',
  }),
  // definition: the multiline reply format
  r('4.2.1', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The format for multiline replies requires that every line, except the last, begin with the reply code, followed immediately by a hyphen, "-" (also known as minus), followed by text.',
  }),
  r('4.2.1', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'As noted above, servers SHOULD send the <SP> if subsequent text is not sent, but clients MUST be prepared for it to be omitted.',
  }),
  r('4.2.1', 'e', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'As noted above, servers SHOULD send the <SP> if subsequent text is not sent, but clients MUST be prepared for it to be omitted.',
  }),
  r('4.2.1', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'In a multiline reply, the reply code on each of the lines MUST be the same.',
  }),
  // §4.2.4 Reply Code 502
  r('4.2.4', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'whether a server recognises a command it does not implement is internal; on the wire 500 and 502 differ in nothing else',
    text: '502 SHOULD be used when the command is actually recognized by the SMTP server, but not implemented.',
  }),
  r('4.2.4', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the command is not recognized, code 500 SHOULD be returned.',
  }),
  r('4.2.4', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Extended SMTP systems MUST NOT list capabilities in response to EHLO for which they will return 502 (or 500) replies.',
  }),
  // §4.2.5 Reply Codes after DATA and the Subsequent <CRLF>.<CRLF>
  r('4.2.5', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'When an SMTP server returns a temporary error status (4yz) code after the DATA command is completed with <CRLF>.<CRLF>, it MUST NOT make a subsequent attempt to deliver that message.',
  }),
  r('4.2.5', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: 'concerns how the originating user reads a report, outside SMTP',
    text: 'The user who originated the message SHOULD be able to interpret the return of a transient failure status (by mail message or otherwise) as a non-delivery indication, just as a permanent failure would be interpreted.',
  }),
  r('4.2.5', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'When an SMTP server returns a permanent error status (5yz) code after the DATA command is completed with <CRLF>.<CRLF>, it MUST NOT make any subsequent attempt to deliver the message.',
  }),
  r('4.2.5', 'd', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'As with temporary error status codes, the SMTP client retains responsibility for the message, but SHOULD not again attempt delivery to the same server without user review of the message and response and appropriate intervention.',
  }),
  // §4.3.2 Command-Reply Sequences
  r('4.3.2', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'SMTP clients SHOULD, when possible, interpret only the first digit of the reply and MUST be prepared to deal with unrecognized reply codes by interpreting the first digit only.',
  }),
  r('4.3.2', 'b', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'SMTP clients SHOULD, when possible, interpret only the first digit of the reply and MUST be prepared to deal with unrecognized reply codes by interpreting the first digit only.',
  }),
  r('4.3.2', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Unless extended using the mechanisms described in Section 2.2, SMTP servers MUST NOT transmit reply codes to an SMTP client that are other than three digits or that do not start in a digit between 2 and 5 inclusive.',
  }),
  r('4.3.2', 'd', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'However, if the target is more precise granularity in the codes, rather than codes for completely new purposes, the system described in RFC 3463 [25] SHOULD be used in preference to the invention of new codes.',
  }),
  r('4.3.2', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In order to provide for future extensions, commands that are specified in this document as not accepting arguments (DATA, RSET, QUIT) SHOULD return a 501 message if arguments are supplied in the absence of EHLO-advertised extensions.',
  }),
  // §4.4 Trace Information
  r('4.4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'When an SMTP server receives a message for delivery or further processing, it MUST insert trace ("time stamp" or "Received") information at the beginning of the message content, as discussed in Section 4.1.1.4.',
  }),
  r('4.4', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'This line MUST be structured as follows:',
  }),
  r('4.4', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'The FROM clause, which MUST be supplied in an SMTP environment, SHOULD contain both (1) the name of the source host as presented in the EHLO command and (2) an address literal containing the IP address of the source, determined from the TCP connection.',
  }),
  r('4.4', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'The FROM clause, which MUST be supplied in an SMTP environment, SHOULD contain both (1) the name of the source host as presented in the EHLO command and (2) an address literal containing the IP address of the source, determined from the TCP connection.',
  }),
  r('4.4', 'e', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If the FOR clause appears, it MUST contain exactly one <path> entry, even when multiple RCPT commands have been given.',
  }),
  r('4.4', 'f', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'An Internet mail program MUST NOT change or delete a Received: line that was previously added to the message header section.',
  }),
  r('4.4', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'SMTP servers MUST prepend Received lines to messages; they MUST NOT change the order of existing lines or insert Received lines in any other location.',
  }),
  r('4.4', 'h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'SMTP servers MUST prepend Received lines to messages; they MUST NOT change the order of existing lines or insert Received lines in any other location.',
  }),
  r('4.4', 'i', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'SMTP servers that create Received header fields SHOULD use explicit offsets in the dates (e.g., -0800), rather than time zone names of any type.',
  }),
  r('4.4', 'j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'Local time (with an offset) SHOULD be used rather than UT when feasible.',
  }),
  r('4.4', 'k', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'If it is desired to supply a time zone name, it SHOULD be included in a comment.',
  }),
  r('4.4', 'l', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: MAILBOX_ONLY,
    text: 'This use of return-path is required; mail systems MUST support it.',
  }),
  r('4.4', 'm', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'A message-originating SMTP system SHOULD NOT send a message that already contains a Return-path header field.',
  }),
  r('4.4', 'n', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'SMTP servers performing a relay function MUST NOT inspect the message data, and especially not to the extent needed to determine if Return-path header fields are present.',
  }),
  r('4.4', 'o', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: MAILBOX_ONLY,
    text: 'For this to be unambiguous, exactly one return path SHOULD be present when the message is delivered.',
  }),
  r('4.4', 'p', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: GATEWAY,
    text: 'Systems using RFC 822 syntax with non-SMTP transports SHOULD designate an unambiguous address, associated with the transport envelope, to which error reports (e.g., non-delivery messages) should be sent.',
  }),
  r('4.4', 'q', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'The reverse-path address (as copied into the Return-path) MUST be used as the target of any mail containing delivery error messages.',
  }),
  r('4.4', 'r', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'a gateway from SMTP -> elsewhere SHOULD insert a return-path header field, unless it is known that the "elsewhere" transport also uses Internet domain addresses and maintains the envelope sender address separately.',
  }),
  r('4.4', 's', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'a gateway from elsewhere -> SMTP SHOULD delete any return-path header field present in the message',
  }),
  r('4.4', 't', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: 'needs a delivery that fails for some recipients only, which a client cannot cause',
    text: 'In such cases, the response to the DATA command MUST be an OK reply.',
  }),
  r('4.4', 'u', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'However, the SMTP server MUST compose and send an "undeliverable mail" notification message to the originator of the message.',
  }),
  r('4.4', 'v', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'A single notification listing all of the failed recipients or separate notification messages MUST be sent for each failed recipient.',
  }),
  r('4.4', 'w', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'For economy of processing by the sender, the former SHOULD be used when possible.',
  }),
  r('4.4', 'x', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'All notification messages about undeliverable mail MUST be sent using the MAIL command (even if they result from processing the obsolete SEND, SOML, or SAML commands) and MUST use a null return path as discussed in Section 3.6.',
  }),
  r('4.4', 'y', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'All notification messages about undeliverable mail MUST be sent using the MAIL command (even if they result from processing the obsolete SEND, SOML, or SAML commands) and MUST use a null return path as discussed in Section 3.6.',
  }),
  r('4.4', 'z', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'where "date-time" is as defined in RFC 5322 [4] but the "obs-" forms, especially two-digit years, are prohibited in SMTP and MUST NOT be used.',
  }),
  r('4.4', 'aa', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Additional standard clauses may be added in this location by future standards and registration with IANA. SMTP servers SHOULD NOT use unregistered names.',
  }),
  r('4.4', 'ab', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: '"Via" is primarily of value with non-Internet transports. SMTP servers SHOULD NOT use unregistered names.',
  }),
  r('4.4', 'ac', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Additional standard names for protocols are registered with the Internet Assigned Numbers Authority (IANA) in the "mail parameters" registry [9]. SMTP servers SHOULD NOT use unregistered names.',
  }),
  // §4.5.1 Minimum Implementation
  r('4.5.1', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'In order to make SMTP workable, the following minimum implementation MUST be provided by all receivers.',
  }),
  r('4.5.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The following commands MUST be supported to conform to this specification: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY',
  }),
  r('4.5.1', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any system that includes an SMTP server supporting mail relaying or delivery MUST support the reserved mailbox "postmaster" as a case-insensitive local name.',
  }),
  r('4.5.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The requirement to accept mail for postmaster implies that RCPT commands that specify a mailbox for postmaster at any of the domains for which the SMTP server provides mail service, as well as the special case of "RCPT TO:<Postmaster>" (with no domain specification), MUST be supported.',
  }),
  r('4.5.1', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'However, such arrangements SHOULD be narrowly tailored so as to avoid blocking messages that are not part of such attacks.',
  }),
  // §4.5.2 Transparency
  // definition: the client half of the transparency procedure
  r('4.5.2', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Before sending a line of mail text, the SMTP client checks the first character of the line. If it is a period, one additional period is inserted at the beginning of the line.',
  }),
  // definition: the server half, end of mail
  r('4.5.2', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When a line of mail text is received by the SMTP server, it checks the line. If the line is composed of a single period, it is treated as the end of mail indicator.',
  }),
  // definition: the server half, unstuffing
  r('4.5.2', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If the first character is a period and there are other characters on the line, the first character is deleted.',
  }),
  r('4.5.2', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If such transformations are necessary, they MUST be reversible, especially if they are applied to mail being relayed.',
  }),
  // §4.5.3.1 Size Limits and Minimums
  r('4.5.3.1', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Every implementation MUST be able to receive objects of at least these sizes.',
  }),
  r('4.5.3.1', 'b', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'wire',
    text: 'Objects larger than these sizes SHOULD be avoided when possible.',
  }),
  r('4.5.3.1', 'c', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Clients MAY attempt to transmit these, but MUST be prepared for a server to reject them if they cannot be handled by it.',
  }),
  // definitions: the limits every implementation MUST be able to receive (§4.5.3.1)
  r('4.5.3.1.1', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a user name or other local-part is 64 octets.',
  }),
  r('4.5.3.1.2', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a domain name or number is 255 octets.',
  }),
  r('4.5.3.1.3', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a reverse-path or forward-path is 256 octets (including the punctuation and element separators).',
  }),
  r('4.5.3.1.4', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a command line including the command word and the <CRLF> is 512 octets.',
  }),
  r('4.5.3.1.5', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a reply line including the reply code and the <CRLF> is 512 octets.',
  }),
  r('4.5.3.1.6', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a text line including the <CRLF> is 1000 octets (not counting the leading dot duplicated for transparency).',
  }),
  r('4.5.3.1.7', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The maximum total length of a message content (including any message header section as well as the message body) MUST BE at least 64K octets.',
  }),
  r('4.5.3.1.7', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'whether a server imposes a size restriction is not observable without exceeding it',
    text: 'SMTP server systems that must impose restrictions SHOULD implement the "SIZE" service extension of RFC 1870 [10]',
  }),
  r('4.5.3.1.7', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP client systems that will send large messages SHOULD utilize it when possible.',
  }),
  r('4.5.3.1.8', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The minimum total number of recipients that MUST be buffered is 100 recipients.',
  }),
  r('4.5.3.1.8', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'whether a relay looked at header fields is not observable unless it acts on them',
    text: 'The general principle that relaying SMTP server MUST NOT, and delivery SMTP servers SHOULD NOT, perform validation tests on message header fields',
  }),
  r('4.5.3.1.8', 'c', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The general principle that relaying SMTP server MUST NOT, and delivery SMTP servers SHOULD NOT, perform validation tests on message header fields',
  }),
  r('4.5.3.1.8', 'd', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'suggests that messages SHOULD NOT be rejected based on the total number of recipients shown in header fields.',
  }),
  r('4.5.3.1.8', 'e', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'A server that imposes a limit on the number of recipients MUST behave in an orderly fashion, such as rejecting additional addresses over its limit rather than silently discarding addresses previously accepted.',
  }),
  r('4.5.3.1.8', 'f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'A client that needs to deliver a message containing over 100 RCPT commands SHOULD be prepared to transmit in 100-recipient "chunks" if the server declines to accept more than 100 recipients in a single message.',
  }),
  r('4.5.3.1.10', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Clients SHOULD treat a 552 code in this case as a temporary, rather than permanent, failure so the logic below works.',
  }),
  r('4.5.3.1.10', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason:
      'a client cannot tell an implementation limit (452 required) from a site-policy limit (a 5yz code allowed)',
    text: 'If an SMTP server has an implementation limit on the number of RCPT commands and this limit is exhausted, it MUST use a response code of 452',
  }),
  r('4.5.3.1.10', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: '(but the client SHOULD also be prepared for a 552, as noted above)',
  }),
  // §4.5.4 Retry Strategies
  r('4.5.4', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Any queuing strategy MUST include timeouts on all activities on a per-command basis.',
  }),
  r('4.5.4', 'b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'A queuing strategy MUST NOT send error messages in response to error messages under any circumstances.',
  }),
  // §4.5.4.1 Sending Strategy
  r('4.5.4.1', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'mail that cannot be transmitted immediately MUST be queued and periodically retried by the sender.',
  }),
  r('4.5.4.1', 'b', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The sender MUST delay retrying a particular destination after one attempt has failed.',
  }),
  r('4.5.4.1', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'In general, the retry interval SHOULD be at least 30 minutes',
  }),
  r('4.5.4.1', 'd', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'The parameters to the retry algorithm MUST be configurable.',
  }),
  r('4.5.4.1', 'e', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'A client SHOULD keep a list of hosts it cannot reach and corresponding connection timeouts, rather than just retrying queued mail items.',
  }),
  r('4.5.4.1', 'f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'At the same time, SMTP clients SHOULD use great care in caching negative responses from servers.',
  }),
  r('4.5.4.1', 'g', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'More significantly, 5yz responses to the MAIL command MUST NOT be cached.',
  }),
  r('4.5.4.1', 'h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'When a mail message is to be delivered to multiple recipients, and the SMTP server to which a copy of the message is to be sent is the same for multiple recipients, then only one copy of the message SHOULD be transmitted.',
  }),
  r('4.5.4.1', 'i', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'That is, the SMTP client SHOULD use the command sequence: MAIL, RCPT, RCPT, ..., RCPT, DATA instead of the sequence: MAIL, RCPT, DATA, ..., MAIL, RCPT, DATA.',
  }),
  r('4.5.4.1', 'j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'This efficiency feature SHOULD be implemented.',
  }),
  // §4.5.4.2 Receiving Strategy
  r('4.5.4.2', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'about listening at all times and serving concurrent connections; a scenario holds one connection',
    text: 'The SMTP server SHOULD attempt to keep a pending listen on the SMTP port (specified by IANA as port 25) at all times.',
  }),
  // §4.5.5 Messages with a Null Reverse-Path
  r('4.5.5', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'All other types of messages (i.e., any message which is not required by a Standards-Track RFC to have a null reverse-path) SHOULD be sent with a valid, non-null reverse-path.',
  }),
  r('4.5.5', 'b', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'In particular, such systems SHOULD NOT reply to messages with a null reverse-path, and they SHOULD NOT add a non-null reverse-path, or change a null reverse-path to a non-null one, to such messages when forwarding.',
  }),
  r('4.5.5', 'c', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'In particular, such systems SHOULD NOT reply to messages with a null reverse-path, and they SHOULD NOT add a non-null reverse-path, or change a null reverse-path to a non-null one, to such messages when forwarding.',
  }),
  // §7.2 "Blind" Copies
  r('7.2', 'a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'SMTP clients and servers SHOULD NOT copy the full set of RCPT command arguments into the header section, either as part of trace header fields or as informational or private-extension header fields.',
  }),
  r('7.2', 'b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Receiving systems SHOULD NOT attempt to deduce such relationships and use them to alter the header section of the message for delivery.',
  }),
  r('7.2', 'c', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'The popular "Apparently-to" header field is a violation of this principle as well as a common source of unintended information disclosure and SHOULD NOT be used.',
  }),
  // §7.3 VRFY, EXPN, and Security
  r('7.3', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'As a corollary to the above, implementations that permit this MUST NOT appear to have verified addresses that are not, in fact, verified.',
  }),
  r('7.3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a site disables these commands for security reasons, the SMTP server MUST return a 252 response, rather than a code that could be confused with successful or unsuccessful verification.',
  }),
  r('7.3', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Implementations SHOULD still provide support for EXPN, but sites SHOULD carefully evaluate the tradeoffs.',
  }),
  r('7.3', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Implementations SHOULD still provide support for EXPN, but sites SHOULD carefully evaluate the tradeoffs.',
  }),
  // §7.5 Information Disclosure in Announcements
  r('7.5', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'the information may be offered by configuration or outside SMTP; its absence proves nothing',
    text: 'implementations SHOULD minimally provide for making type and version information available in some way to other network hosts.',
  }),
  // §7.9 Scope of Operation of SMTP Servers
  r('7.9', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Some sites have decided to limit the use of the relay function to known or identifiable sources, and implementations SHOULD provide the capability to perform this type of filtering.',
  }),
  r('7.9', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'When mail is rejected for these or other policy reasons, a 550 code SHOULD be used in response to EHLO (or HELO), MAIL, or RCPT as appropriate.',
  }),
  // Appendix B. Generating SMTP Commands from RFC 822 Header Fields
  r('B', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'However, if the envelope is not supplied, SMTP commands SHOULD be generated as follows:',
  }),
  r('B', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'Each recipient address from a TO, CC, or BCC header field SHOULD be copied to a RCPT command (generating multiple message copies if that is required for queuing or delivery).',
  }),
  r('B', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'Any BCC header fields SHOULD then be removed from the header section.',
  }),
  r('B', 'd', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'Once this process is completed, the remaining header fields SHOULD be checked to verify that at least one TO, CC, or BCC header field remains.',
  }),
  r('B', 'e', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'If none do, then a BCC header field with no additional information SHOULD be inserted as specified in [4].',
  }),
  r('B', 'f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'The return address in the MAIL command SHOULD, if possible, be derived from the system\'s identity for the submitting (local) user, and the "From:" header field otherwise.',
  }),
  r('B', 'g', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: 'If there is a system identity available, it SHOULD also be copied to the Sender header field if it is different from the address in the From header field.',
  }),
  r('B', 'h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: SUBMISSION,
    text: '(Any Sender header field that was already there SHOULD be removed.)',
  }),
  r('B', 'i', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: GATEWAY,
    text: 'A submission protocol based on Standard RFC 822 information alone MUST NOT be used to gateway a message from a foreign (non-SMTP) mail system into an SMTP environment.',
  }),
  // Appendix C. Source Routes
  r('C', 'a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The first host in the <reverse-path> was historically the host sending the MAIL command; today, source routes SHOULD NOT appear in the reverse-path.',
  }),
  r('C', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'However, in general, the <forward-path> SHOULD contain only a mailbox and domain name, relying on the domain name system to supply routing information if required.',
  }),
  r('C', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The use of source routes is deprecated (see Appendix F.2); while servers MUST be prepared to receive and handle them as discussed in Section 3.3 and Appendix F.2, clients SHOULD NOT transmit them',
  }),
  r('C', 'd', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The use of source routes is deprecated (see Appendix F.2); while servers MUST be prepared to receive and handle them as discussed in Section 3.3 and Appendix F.2, clients SHOULD NOT transmit them',
  }),
  r('C', 'e', {
    level: 'MUST',
    binds: 'both',
    testable: 'receiver',
    text: 'For relay purposes, the forward-path may be a source route of the form "@ONE,@TWO:JOE@THREE", where ONE, TWO, and THREE MUST be fully-qualified domain names.',
  }),
  r('C', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'A server that is reached by means of a source route (e.g., its domain name appears first in the list in the forward-path) MUST remove its domain name from any forward-paths in which that domain name appears before forwarding the message and MAY remove all other source routing information.',
  }),
  r('C', 'g', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'The reverse-path SHOULD NOT be updated by servers conforming to this specification.',
  }),
  r('C', 'h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Conversely, SMTP servers MUST NOT derive final message routing information from message header fields.',
  }),
  r('C', 'i', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If, contrary to the recommendations here, a relay host adds itself to the beginning of the list, it MUST use its name as known in the transport environment to which it is relaying the mail rather than that of the transport environment from which the mail came (if they are different).',
  }),
  r('C', 'j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'This is another reason why servers needing to return a message SHOULD ignore the source route entirely and simply use the domain as specified in the Mailbox.',
  }),
  // Appendix E. Other Gateway Issues
  r('E', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'In general, gateways between the Internet and other mail systems SHOULD attempt to preserve any layering semantics across the boundaries between the two mail systems involved.',
  }),
  // Appendix F. Deprecated Features of RFC 821
  r('F', 'a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason: 'an umbrella statement; F.1 to F.6 carry the testable rules one feature at a time',
    text: 'A few features of RFC 821 have proven to be problematic and SHOULD NOT be used in Internet mail.',
  }),
  r('F.1', 'a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'wire',
    text: 'Its use is deprecated; SMTP systems SHOULD NOT use it unless the server can authenticate the client.',
  }),
  r('F.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers MUST continue to accept source route syntax as specified in the main body of this document and in RFC 1123.',
  }),
  r('F.2', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If they do utilize the source route, the message MUST be sent to the first domain shown in the address.',
  }),
  r('F.2', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'In particular, a server MUST NOT guess at shortcuts within the source route.',
  }),
  r('F.2', 'd', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients SHOULD NOT utilize explicit source routing except under unusual circumstances, such as debugging or potentially relaying around firewall or mail system configuration errors.',
  }),
  r('F.3', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'As discussed in Sections 3.1 and 4.1.1, EHLO SHOULD be used rather than HELO when the server will accept the former.',
  }),
  r('F.3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST continue to accept and process HELO in order to support older clients.',
  }),
  r('F.4', 'a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'receiver',
    text: 'It is deprecated and MUST NOT be used.',
  }),
  r('F.5', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'receiver',
    text: 'When dates are inserted into messages by SMTP clients or servers (e.g., in trace header fields), four-digit years MUST BE used.',
  }),
  r('F.6', 'a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Clients SHOULD NOT provide SEND, SAML, or SOML as services.',
  }),
  r('F.6', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If they are implemented by servers, the implementation model specified in RFC 821 MUST be used and the command names MUST be published in the response to the EHLO command.',
  }),
  r('F.6', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If they are implemented by servers, the implementation model specified in RFC 821 MUST be used and the command names MUST be published in the response to the EHLO command.',
  }),
];

export default register;
