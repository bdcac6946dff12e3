/**
 * Requirement register, RFC 5321 part 1: sections 2 (but 2.3.8), 3 (but 3.6), 4.1.1 (its
 * introduction), 4.1.1.1-4.1.1.3, 4.1.1.5-4.1.1.10, 4.1.4, 4.3.1, 4.5.3.2, 5 and 6.
 *
 * One entry per MUST / MUST NOT / SHOULD / SHOULD NOT statement, in order of appearance
 * within its section, plus the few MAY statements a case checks. Ids are stable: a
 * statement found missing later gets the next free letter, never an inserted one.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(5321);

const DNS =
  'delivery-side DNS and MX handling of the target acting as a client; it needs a DNS the harness controls';
const GATEWAY =
  'binds gateways into or out of a non-SMTP environment; the harness only speaks SMTP to the target';
const MAILBOX_ONLY =
  'the effect shows only in what the target delivers or stores, which a client cannot read';
const CONFIG = 'concerns configuration or internal policy, not behaviour on the wire';

const register: Requirement[] = [
  // §2.1 Basic Structure
  r('2.1', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In many situations and configurations, the less-capable clients discussed above SHOULD be using the message submission protocol (RFC 4409 [18]) rather than SMTP.',
  }),
  r('2.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason:
      'delivery or a later non-delivery report happens after the session; nothing on the connection shows it',
    text: 'the protocol requires that a server MUST accept responsibility for either delivering the message or properly reporting the failure to do so',
  }),
  // §2.2.1 Background
  r('2.2.1', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Contemporary SMTP implementations MUST support the basic extension mechanisms.',
  }),
  r('2.2.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'servers MUST support the EHLO command even if they do not implement any specific extensions',
  }),
  r('2.2.1', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'clients SHOULD preferentially utilize EHLO rather than HELO',
  }),
  r('2.2.1', 'd', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'SMTP clients and servers MUST support the original HELO mechanisms as a fallback',
  }),
  // §2.2.2 Definition and Registration of Extensions
  r('2.2.2', 'a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: 'binds the IANA registry and the authors of extension specifications',
    text: 'Keywords beginning with "X" MUST NOT be used in a registered service extension.',
  }),
  r('2.2.2', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Conversely, keyword values presented in the EHLO response that do not begin with "X" MUST correspond to a Standard, Standards-Track, or IESG-approved Experimental SMTP service extension registered with IANA.',
  }),
  r('2.2.2', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A conforming server MUST NOT offer non-"X"-prefixed keyword values that are not described in a registered extension.',
  }),
  // §2.2.3 Special Issues with Extensions
  r('2.2.3', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: 'queueing policy of a relay towards its next hop; not visible on an inbound session',
    text: 'If this strategy is employed, the timeout to fall back to an unextended format (if one is available) SHOULD be less than the normal timeout for bouncing as undeliverable',
  }),
  // §2.3.4 Host
  r('2.3.4', 'a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason:
      'naming guidance for hosts; servers must still take address literals where the grammar allows them',
    text: 'Hosts are known by names (see the next section); they SHOULD NOT be identified by numerical addresses, i.e., by address literals as described in Section 4.1.2.',
  }),
  // §2.3.5 Domain Names
  r('2.3.5', 'a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: 'whether a name is a local alias needs knowledge of the DNS the harness does not have',
    text: 'Local aliases MUST NOT appear in any SMTP transaction.',
  }),
  r('2.3.5', 'b', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: 'whether a name is fully qualified and resolvable needs knowledge of the DNS',
    text: 'Local nicknames or unqualified names MUST NOT be used.',
  }),
  r('2.3.5', 'c', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The domain name given in the EHLO command MUST be either a primary host name (a domain name that resolves to an address RR) or, if the host has no name, an address literal',
  }),
  r('2.3.5', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The reserved mailbox name "postmaster" may be used in a RCPT command without domain qualification (see Section 4.1.1.3) and MUST be accepted if so used.',
  }),
  // §2.3.11 Mailbox and Address
  r('2.3.11', 'a', {
    level: 'MUST',
    binds: 'both',
    testable: 'receiver',
    text: 'the local-part MUST be interpreted and assigned semantics only by the host specified in the domain part of the address.',
  }),
  // §2.4 General Syntax Principles and Transaction Model
  r('2.4', 'a', {
    level: 'MAY',
    binds: 'both',
    testable: 'wire',
    text: 'a command verb, an argument value other than a mailbox local-part, and free form text MAY be encoded in upper case, lower case, or any mixture of upper and lower case with no impact on its meaning.',
  }),
  r('2.4', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'receiver',
    text: 'The local-part of a mailbox MUST BE treated as case sensitive.',
  }),
  r('2.4', 'c', {
    level: 'MUST',
    binds: 'both',
    testable: 'receiver',
    text: 'SMTP implementations MUST take care to preserve the case of mailbox local-parts.',
  }),
  r('2.4', 'd', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'An originating SMTP client that has not successfully negotiated an appropriate extension with a particular server (see the next paragraph) MUST NOT transmit messages with information in the high-order bit of octets.',
  }),
  r('2.4', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'In general, a relay SMTP SHOULD assume that the message content it has received is valid and, assuming that the envelope permits doing so, relay it without inspecting that content.',
  }),
  r('2.4', 'f', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In the absence of a server-offered extension explicitly permitting it, a sending SMTP system is not permitted to send envelope commands in any character set other than US-ASCII. Receiving systems SHOULD reject such commands, normally using "500 syntax error - invalid character" replies.',
  }),
  r('2.4', 'g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: '8BITMIME SHOULD be supported by SMTP servers.',
  }),
  r('2.4', 'h', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'However, it MUST NOT be construed as authorization to transmit unrestricted 8-bit material, nor does 8BITMIME authorize transmission of any envelope material in other than ASCII.',
  }),
  r('2.4', 'i', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: '8BITMIME MUST NOT be requested by senders for material with the high bit on that is not in MIME format with an appropriate content-transfer encoding',
  }),
  // §3.1 Session Initiation
  r('3.1', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A server taking this approach MUST still wait for the client to send a QUIT (see Section 4.1.1.10) before closing the connection',
  }),
  r('3.1', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and SHOULD respond to any intervening commands with "503 bad sequence of commands".',
  }),
  r('3.1', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'whether reply text is enough for debugging is a human judgement',
    text: 'a server returning a 554 response on connection opening SHOULD provide enough information in the reply text to facilitate debugging of the sending system.',
  }),
  // §3.2 Client Initiation
  r('3.2', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST NOT return the extended EHLO-style response to a HELO command.',
  }),
  r('3.2', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'For a particular connection attempt, if the server returns a "command not recognized" response to EHLO, the client SHOULD be able to fall back and send HELO.',
  }),
  // §3.3 Mail Transactions
  r('3.3', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the mailbox specification is not acceptable for some reason, the server MUST return a reply indicating whether the failure is permanent (i.e., will occur again if the client tries to send the same address again) or temporary (i.e., the address might be accepted if the client tries again later).',
  }),
  r('3.3', 'b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Historically, the <reverse-path> was permitted to contain more than just a mailbox; however, contemporary systems SHOULD NOT use source routing (see Appendix C).',
  }),
  r('3.3', 'c', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Historically, the <forward-path> was permitted to contain a source routing list of hosts and the destination mailbox; however, contemporary SMTP clients SHOULD NOT utilize source routes (see Appendix C).',
  }),
  r('3.3', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST be prepared to encounter a list of source routes in the forward-path',
  }),
  r('3.3', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'but they SHOULD ignore the routes or MAY decline to support the relaying they imply.',
  }),
  r('3.3', 'f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Consequently, restricted-capability clients MUST NOT assume that any SMTP server on the Internet can be used as their mail processing (relaying) site.',
  }),
  r('3.3', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a RCPT command appears without a previous MAIL command, the server MUST return a 503 "Bad sequence of commands" response.',
  }),
  r('3.3', 'h', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'If one of those replies (or any other 5yz reply) is received, the client MUST NOT send the message data',
  }),
  r('3.3', 'i', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'more generally, message data MUST NOT be sent unless a 354 reply is received.',
  }),
  r('3.3', 'j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'These servers SHOULD treat a failure for one or more recipients as a "subsequent failure" and return a mail message as discussed in Section 6 and, in particular, in Section 6.1.',
  }),
  r('3.3', 'k', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Server SMTP systems SHOULD NOT reject messages based on perceived defects in the RFC 822 or MIME (RFC 2045 [21]) message header section or message body.',
  }),
  r('3.3', 'l', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, they MUST NOT reject messages in which the numbers of Resent-header fields do not match or Resent-to appears without Resent-from and/or Resent-date.',
  }),
  r('3.3', 'm', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: `${BINDS_CLIENT}; the server side of ordering is R5321-4.1.4-m`,
    text: 'Mail transaction commands MUST be used in the order discussed above.',
  }),
  // §3.4 Forwarding for Address Correction or Updating
  r('3.4', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'concerns what a server assumes about its peer, which has no observable effect',
    text: 'However, if a 251 code is used, they MUST NOT assume that the client will actually update address information or even return that information to the user.',
  }),
  r('3.4', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'concerns what a server assumes about its peer, which has no observable effect',
    text: 'However, if a 551 code is used, they MUST NOT assume that the client will actually update address information or even return that information to the user.',
  }),
  r('3.4', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'SMTP server implementations that support the 251 and/or 551 reply codes SHOULD provide configuration mechanisms so that sites that conclude that they would undesirably disclose information can disable or restrict their use.',
  }),
  // §3.5.1 Overview (VRFY and EXPN)
  r('3.5.1', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Implementations SHOULD support VRFY and EXPN (however, see Section 3.5.2 and Section 7.3).',
  }),
  r('3.5.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a normal (i.e., 250) response is returned, the response MAY include the full name of the user and MUST include the mailbox of the user.',
  }),
  r('3.5.1', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'It MUST be in either of the following forms: User Name <local-part@domain> local-part@domain',
  }),
  r('3.5.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'For the EXPN command, the string identifies a mailing list, and the successful (i.e., 250) multiline response MAY include the full name of the users and MUST give the mailboxes on the mailing list.',
  }),
  r('3.5.1', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If a request is made to apply VRFY to a mailing list, a positive response MAY be given if a message so addressed would be delivered to everyone on the list, otherwise an error SHOULD be reported (e.g., "550 That is a mailing list, not a user" or "252 Unable to verify members of mailing list").',
  }),
  r('3.5.1', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An implementation of the VRFY or EXPN commands MUST include at least recognition of local mailboxes as "user names".',
  }),
  r('3.5.1', 'g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'hosts, especially hosts that provide this functionality, SHOULD accept the "local-part@domain" form as a "user name"',
  }),
  r('3.5.1', 'h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'the response SHOULD be interpreted very carefully, if at all, and SHOULD generally only be used for diagnostic purposes.',
  }),
  // §3.5.2 VRFY Normal Response
  r('3.5.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When normal (2yz or 551) responses are returned from a VRFY or EXPN request, the reply MUST include the <Mailbox> name using a "<local-part@domain>" construction, where "domain" is a fully-qualified domain name.',
  }),
  r('3.5.2', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In order to facilitate parsing by both computers and people, addresses SHOULD appear in pointed brackets.',
  }),
  r('3.5.2', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When addresses, rather than free-form debugging information, are returned, EXPN and VRFY MUST return only valid domain addresses that are usable in SMTP RCPT commands.',
  }),
  r('3.5.2', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Consequently, if an address implies delivery to a program or other system, the mailbox name used to reach that target MUST be given.',
  }),
  r('3.5.2', 'e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Paths (explicit source routes) MUST NOT be returned by VRFY or EXPN.',
  }),
  r('3.5.2', 'f', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Server implementations SHOULD support both VRFY and EXPN.',
  }),
  r('3.5.2', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'if EXPN is supported, it MUST be listed as a service extension in an EHLO response.',
  }),
  // §3.5.3 Meaning of VRFY or EXPN Success Response
  r('3.5.3', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server MUST NOT return a 250 code in response to a VRFY or EXPN command unless it has actually verified the address.',
  }),
  r('3.5.3', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, a server MUST NOT return 250 if all it has done is to verify that the syntax given is valid.',
  }),
  r('3.5.3', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'applies only to a server that checks syntax alone, which a client cannot tell apart from one that verifies; the observable half is R5321-3.5.3-b',
    text: 'In that case, 502 (Command not implemented) or 500 (Syntax error, command unrecognized) SHOULD be returned.',
  }),
  r('3.5.3', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'needs a domain the target serves as a backup mail exchanger; the target profile has none',
    text: 'In these situations, reply code 252 SHOULD be returned.',
  }),
  r('3.5.3', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'compares internal verification effort, which no reply shows',
    text: 'Implementations generally SHOULD be more aggressive about address verification in the case of VRFY than in the case of RCPT, even if it takes a little longer to do so.',
  }),
  // §3.5.4 Semantics and Applications of EXPN
  r('3.5.4', 'a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason: 'duplicate elimination by list expansion is internal to the sending system',
    text: 'has made it nearly impossible for these strategies to work consistently, and mail systems SHOULD NOT attempt them.',
  }),
  // §3.7.2 Received Lines in Gatewaying
  r('3.7.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'When forwarding a message into or out of the Internet environment, a gateway MUST prepend a Received: line',
  }),
  r('3.7.2', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'but it MUST NOT alter in any way a Received: line that is already in the header section.',
  }),
  r('3.7.2', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'receiving systems MUST NOT reject mail based on the format of a trace header field',
  }),
  r('3.7.2', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and SHOULD be extremely robust in the light of unexpected information or formats in those header fields.',
  }),
  r('3.7.2', 'e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The gateway SHOULD indicate the environment and protocol in the "via" clauses of Received header field(s) that it supplies.',
  }),
  // §3.7.3 Addresses in Gatewaying
  r('3.7.3', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'From the Internet side, the gateway SHOULD accept all valid address formats in SMTP commands and in the RFC 822 header section, and all valid RFC 822 messages.',
  }),
  r('3.7.3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'Addresses and header fields generated by gateways MUST conform to applicable standards (including this one and RFC 5322 [4]).',
  }),
  // §3.7.4 Other Header Fields in Gatewaying
  r('3.7.4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The gateway MUST ensure that all header fields of a message that it forwards into the Internet mail environment meet the requirements for Internet mail.',
  }),
  r('3.7.4', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'In particular, all addresses in "From:", "To:", "Cc:", etc., header fields MUST be transformed (if necessary) to satisfy the standard header syntax of RFC 5322 [4], MUST reference only fully-qualified domain names, and MUST be effective and useful for sending replies.',
  }),
  r('3.7.4', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The translation algorithm used to convert mail from the Internet protocols to another environment\'s protocol SHOULD ensure that error messages from the foreign mail environment are delivered to the reverse-path from the SMTP envelope, not to an address in the "From:", "Sender:", or similar header fields of the message.',
  }),
  // §3.7.5 Envelopes in Gatewaying
  r('3.7.5', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'Similarly, when forwarding a message from another environment into the Internet, the gateway SHOULD set the envelope return path in accordance with an error message return address, if supplied by the foreign environment.',
  }),
  // §3.8 Terminating Sessions and Connections
  r('3.8', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server MUST NOT intentionally close the connection under normal operational circumstances (see Section 7.8) except:',
  }),
  r('3.8', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server that is forcibly shut down via external means SHOULD attempt to send a line containing a 421 response code to the SMTP client before exiting.',
  }),
  r('3.8', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'SMTP clients that experience a connection close, reset, or other communications failure due to circumstances not under their control (in violation of the intent of this specification but sometimes unavoidable) SHOULD, to maintain the robustness of the mail system, treat the mail transaction as if a 451 response had been received and act accordingly.',
  }),
  // §3.9 Mailing Lists and Aliases
  r('3.9', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'An SMTP-capable host SHOULD support both the alias and the list models of address expansion for multiple delivery.',
  }),
  r('3.9', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'When a message is delivered or forwarded to each address of an expanded list form, the return address in the envelope ("MAIL FROM:") MUST be changed to be the address of a person or other entity who administers the list.',
  }),
  r('3.9', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'However, in this case, the message header section (RFC 5322 [4]) MUST be left unchanged; in particular, the "From" field of the header section is unaffected.',
  }),
  r('3.9', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'Servers SHOULD simply utilize the addresses on the list; application of heuristics or other matching rules to eliminate some addresses, such as that of the originator, is strongly discouraged.',
  }),
  // §4.1.1 Command Semantics and Syntax (introduction)
  r('4.1.1', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In the interest of improved interoperability, SMTP receivers SHOULD tolerate trailing white space before the terminating <CRLF>.',
  }),
  r('4.1.1', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'concerns how a site defines its mailboxes',
    text: 'The syntax of the local part of a mailbox MUST conform to receiver site conventions and the syntax specified in Section 4.1.2.',
  }),
  r('4.1.1', 'c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In the absence of specific extensions offered by the server and accepted by the client, clients MUST NOT send such parameters',
  }),
  r('4.1.1', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and servers SHOULD reject commands containing them as having invalid syntax.',
  }),
  // §4.1.1.1 Extended HELLO (EHLO) or HELLO (HELO)
  r('4.1.1.1', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In situations in which the SMTP client system does not have a meaningful domain name (e.g., when its address is dynamically allocated and no reverse mapping record is available), the client SHOULD send an address literal (see Section 4.1.3).',
  }),
  r('4.1.1.1', 'b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In the interest of interoperability, it is probably wise for servers to be prepared for this string to occur, but SMTP clients SHOULD NOT send it.',
  }),
  r('4.1.1.1', 'c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'A client SMTP SHOULD start an SMTP session by issuing the EHLO command.',
  }),
  r('4.1.1.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'servers MUST support the HELO command and reply properly to it.',
  }),
  r('4.1.1.1', 'e', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In any event, a client MUST issue HELO or EHLO before starting a mail transaction.',
  }),
  r('4.1.1.1', 'f', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Although EHLO keywords may be specified in upper, lower, or mixed case, they MUST always be recognized and processed in a case-insensitive manner.',
  }),
  r('4.1.1.1', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The EHLO response MUST contain keywords (and associated parameters if required) for all commands not listed as "required" in Section 4.5.1 excepting only private-use commands as described in Section 4.1.5.',
  }),
  // §4.1.1.3 RECIPIENT (RCPT)
  r('4.1.1.3', 'a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Sending systems SHOULD NOT generate the optional list of hosts known as a source route.',
  }),
  r('4.1.1.3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Receiving systems MUST recognize source route syntax',
  }),
  r('4.1.1.3', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'but SHOULD strip off the source route specification and utilize the domain name associated with the mailbox as if the source route had not been provided.',
  }),
  r('4.1.1.3', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'Similarly, relay hosts SHOULD strip or ignore source routes',
  }),
  r('4.1.1.3', 'e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'and names MUST NOT be copied into the reverse-path.',
  }),
  r('4.1.1.3', 'f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The client MUST NOT transmit parameters other than those associated with a service extension offered by the server in its EHLO response.',
  }),
  // §4.1.1.5 RESET (RSET)
  r('4.1.1.5', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any stored sender, recipients, and mail data MUST be discarded, and all buffers and state tables cleared.',
  }),
  r('4.1.1.5', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver MUST send a "250 OK" reply to a RSET command with no arguments.',
  }),
  r('4.1.1.5', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server MUST NOT close the connection as the result of receiving a RSET; that action is reserved for QUIT (see Section 4.1.1.10).',
  }),
  r('4.1.1.5', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: MAILBOX_ONLY,
    text: 'To preserve the robustness of the mail system, SMTP servers SHOULD be prepared for this condition and SHOULD treat it as if a QUIT had been received before the connection disappeared.',
  }),
  // §4.1.1.8 HELP (HELP)
  r('4.1.1.8', 'a', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'The command MAY take an argument (e.g., any command name) and return more specific information as a response.',
  }),
  r('4.1.1.8', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers SHOULD support HELP without arguments and MAY support it with arguments.',
  }),
  // §4.1.1.9 NOOP (NOOP)
  r('4.1.1.9', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If a parameter string is specified, servers SHOULD ignore it.',
  }),
  // §4.1.1.10 QUIT (QUIT)
  r('4.1.1.10', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver MUST send a "221 OK" reply, and then close the transmission channel.',
  }),
  r('4.1.1.10', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver MUST NOT intentionally close the transmission channel until it receives and replies to a QUIT command (even if there was an error).',
  }),
  r('4.1.1.10', 'c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The sender MUST NOT intentionally close the transmission channel until it sends a QUIT command',
  }),
  r('4.1.1.10', 'd', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'and it SHOULD wait until it receives the reply (even if there was an error response to a previous command).',
  }),
  r('4.1.1.10', 'e', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: MAILBOX_ONLY,
    text: 'If the connection is closed prematurely due to violations of the above or system or network failure, the server MUST cancel any pending transaction, but not undo any previously completed transaction',
  }),
  r('4.1.1.10', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: MAILBOX_ONLY,
    text: 'and generally MUST act as if the command or transaction in progress had received a temporary error (i.e., a 4yz response).',
  }),
  // §4.1.4 Order of Commands
  r('4.1.4', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'A session that will contain mail transactions MUST first be initialized by the use of the EHLO command.',
  }),
  r('4.1.4', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD accept commands for non-mail transactions (e.g., VRFY or EXPN) without this initialization.',
  }),
  r('4.1.4', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If it is issued after the session begins and the EHLO command is acceptable to the SMTP server, the SMTP server MUST clear all buffers and reset the state exactly as if a RSET command had been issued.',
  }),
  r('4.1.4', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the EHLO command is not acceptable to the SMTP server, 501, 500, 502, or 550 failure replies MUST be returned as appropriate.',
  }),
  r('4.1.4', 'e', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The SMTP server MUST stay in the same state after transmitting these replies that it was in before the EHLO was received.',
  }),
  r('4.1.4', 'f', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The SMTP client MUST, if possible, ensure that the domain parameter to the EHLO command is a primary host name as specified for this command in Section 2.3.5.',
  }),
  r('4.1.4', 'g', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: "If this is not possible (e.g., when the client's address is dynamically assigned and the client does not have an obvious name), an address literal SHOULD be substituted for the domain name.",
  }),
  r('4.1.4', 'h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'However, if the verification fails, the server MUST NOT refuse to accept a message on that basis.',
  }),
  r('4.1.4', 'i', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers SHOULD process these normally (that is, not return a 503 code) even if no EHLO command has yet been received',
  }),
  r('4.1.4', 'j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'clients SHOULD open a session with EHLO before sending these commands.',
  }),
  r('4.1.4', 'k', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: `${BINDS_CLIENT}; the server side is the 503 rule, R5321-4.1.4-m`,
    text: 'MAIL (or SEND, SOML, or SAML) MUST NOT be sent if a mail transaction is already open',
  }),
  r('4.1.4', 'l', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the transaction beginning command argument is not acceptable, a 501 failure reply MUST be returned and the SMTP server MUST stay in the same state.',
  }),
  r('4.1.4', 'm', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the commands in a transaction are out of order to the degree that they cannot be processed by the server, a 503 failure reply MUST be returned and the SMTP server MUST stay in the same state.',
  }),
  r('4.1.4', 'n', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The last command in a session MUST be the QUIT command.',
  }),
  r('4.1.4', 'o', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The QUIT command SHOULD be used by the client SMTP to request connection closure, even when no session opening command was sent and accepted.',
  }),
  // §4.3.1 Sequencing Overview
  r('4.3.1', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Unless other arrangements are negotiated through service extensions, the sender MUST wait for this response before sending further commands.',
  }),
  r('4.3.1', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The sender SHOULD wait for this greeting message before sending any commands.',
  }),
  r('4.3.1', 'c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'The table below lists alternative success and failure replies for each command. These SHOULD be strictly adhered to.',
  }),
  r('4.3.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A receiver MAY substitute text in the replies, but the meanings and actions implied by the code numbers and by the specific command reply sequence MUST be preserved.',
  }),
  // §4.5.3.2 Timeouts
  r('4.5.3.2', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'An SMTP client MUST provide a timeout mechanism.',
  }),
  r('4.5.3.2', 'b', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'It MUST use per-command timeouts rather than somehow trying to time the entire mail transaction.',
  }),
  r('4.5.3.2', 'c', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: CONFIG,
    text: 'Timeouts SHOULD be easily reconfigurable, preferably without recompiling the SMTP code.',
  }),
  r('4.5.3.2', 'd', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: `${BINDS_CLIENT}; the server's own timeout is R5321-4.5.3.2.7-a`,
    text: 'Based on extensive experience with busy mail-relay hosts, the minimum per-command timeout values SHOULD be as follows:',
  }),
  // §4.5.3.2.7 Server Timeout: 5 Minutes
  r('4.5.3.2.7', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD have a timeout of at least 5 minutes while it is awaiting the next command from the sender.',
  }),
  // §5.1 Locating the Target Host
  r('5.1', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'Once an SMTP client lexically identifies a domain to which mail will be delivered for processing (as described in Sections 2.3.5 and 3.6), a DNS lookup MUST be performed to resolve the domain name (RFC 1035 [2]).',
  }),
  r('5.1', 'b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'Due to a history of problems, SMTP servers used for initial submission of messages SHOULD NOT make such inferences (Message Submission Servers [18] have somewhat more flexibility)',
  }),
  r('5.1', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'and intermediate (relay) SMTP servers MUST NOT make them.',
  }),
  r('5.1', 'd', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If a non-existent domain error is returned, this situation MUST be reported as an error.',
  }),
  r('5.1', 'e', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If a temporary error is returned, the message MUST be queued and retried later (see Section 4.5.4.1).',
  }),
  r('5.1', 'f', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If MX records are present, but none of them are usable, or the implicit MX is unusable, this situation MUST be reported as an error.',
  }),
  r('5.1', 'g', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If one or more MX RRs are found for a given name, SMTP systems MUST NOT utilize any address RRs associated with that name unless they are located using the MX RRs',
  }),
  r('5.1', 'h', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If MX records are present, but none of them are usable, this situation MUST be reported as an error.',
  }),
  r('5.1', 'i', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'binds the content of DNS zones, not an SMTP implementation',
    text: 'When a domain name associated with an MX RR is looked up and the associated data field obtained, the data field of that response MUST contain a domain name.',
  }),
  r('5.1', 'j', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'binds the content of DNS zones, not an SMTP implementation',
    text: 'That domain name, when queried, MUST return at least one address record (e.g., A or AAAA RR) that gives the IP address of the SMTP server to which the message should be directed.',
  }),
  r('5.1', 'k', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'To provide reliable mail transmission, the SMTP client MUST be able to try (and retry) each of the relevant addresses in this list in order, until a delivery attempt succeeds.',
  }),
  r('5.1', 'l', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'In any case, the SMTP client SHOULD try at least two addresses.',
  }),
  r('5.1', 'm', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'MX records contain a preference indication that MUST be used in sorting if more than one such record appears (see below).',
  }),
  r('5.1', 'n', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If there are multiple destinations with the same preference and there is no clear reason to favor one (e.g., by recognition of an easily reached address), then the sender-SMTP MUST randomize them to spread the load across multiple mail exchangers for a specific organization.',
  }),
  r('5.1', 'o', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'It is the responsibility of the domain name resolver interface to have ordered this list by decreasing preference if necessary, and the SMTP sender MUST try them in the order presented.',
  }),
  r('5.1', 'p', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If it determines that it should relay the message without rewriting the address, it MUST sort the MX records to determine candidates for delivery.',
  }),
  r('5.1', 'q', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'The relay host MUST then inspect the list for any of the names or addresses by which it might be known in mail transactions.',
  }),
  r('5.1', 'r', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If a matching record is found, all records at that preference level and higher-numbered ones MUST be discarded from consideration.',
  }),
  r('5.1', 's', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If there are no records left at that point, it is an error condition, and the message MUST be returned as undeliverable.',
  }),
  r('5.1', 't', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: DNS,
    text: 'If records do remain, they SHOULD be tried, best preference first, as described above.',
  }),
  // §6.1 Reliable Delivery and Replies by Email
  r('6.1', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'durability across crashes cannot be judged from a client session',
    text: 'It MUST NOT lose the message for frivolous reasons, such as because the host later crashes or because of a predictable resource shortage.',
  }),
  r('6.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If there is a delivery failure after acceptance of a message, the receiver-SMTP MUST formulate and mail a notification message.',
  }),
  // A notification can only be delivered if the server it goes to takes the null path:
  // the wire side of this statement is that a receiving server accepts MAIL FROM:<>.
  r('6.1', 'c', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'This notification MUST be sent using a null ("<>") reverse-path in the envelope.',
  }),
  r('6.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'The recipient of this notification MUST be the address from the envelope return path (or the Return-Path: line).',
  }),
  r('6.1', 'e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'However, if this address is null ("<>"), the receiver-SMTP MUST NOT send a notification.',
  }),
  r('6.1', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'If the address is an explicit source route, it MUST be stripped down to its final hop.',
  }),
  r('6.1', 'g', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'The notification message MUST be sent using: RCPT TO:<user@d>',
  }),
  r('6.1', 'h', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: 'no bound is given, so "minimize" cannot be judged from one exchange',
    text: 'To avoid receiving duplicate messages as the result of timeouts, a receiver-SMTP MUST seek to minimize the time required to respond to the final <CRLF>.<CRLF> end of data indicator.',
  }),
  // §6.2 Unwanted, Unsolicited, and "Attack" Messages
  r('6.2', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'even if a "drop messages with invalid return addresses" policy is adopted, it SHOULD be applied only when there is near-certainty that the return addresses are, in fact, invalid.',
  }),
  r('6.2', 'b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Conversely, if a message is rejected because it is found to contain hostile content (a decision that is outside the scope of an SMTP server as defined in this document), rejection ("bounce") messages SHOULD NOT be sent unless the receiving site is confident that those messages will be usefully delivered.',
  }),
  // §6.3 Loop Detection
  r('6.3', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers using this technique SHOULD use a large rejection threshold, normally at least 100 Received entries.',
  }),
  r('6.3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'Whatever mechanisms are used, servers MUST contain provisions for detecting and stopping trivial loops.',
  }),
  // §6.4 Compensating for Irregularities
  r('6.4', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'receiver',
    text: 'These changes MUST NOT be applied by an SMTP server that provides an intermediate relay function.',
  }),
  r('6.4', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'receiver',
    text: 'In all cases, documentation SHOULD be provided in trace header fields and/or header field comments for actions performed by the servers.',
  }),
];

export default register;
