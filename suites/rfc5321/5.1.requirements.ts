/** Requirement register, RFC 5321 §5.1 Locating the Target Host. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '5.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Once an SMTP client lexically identifies a domain to which mail will be delivered for processing (as described in Sections 2.3.5 and 3.6), a DNS lookup MUST be performed to resolve the domain name (RFC 1035 [2]).',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Due to a history of problems, SMTP servers used for initial submission of messages SHOULD NOT make such inferences (Message Submission Servers [18] have somewhat more flexibility)',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'and intermediate (relay) SMTP servers MUST NOT make them.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If a non-existent domain error is returned, this situation MUST be reported as an error.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If a temporary error is returned, the message MUST be queued and retried later (see Section 4.5.4.1).',
  }),
  r('f', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If MX records are present, but none of them are usable, or the implicit MX is unusable, this situation MUST be reported as an error.',
  }),
  r('g', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'If one or more MX RRs are found for a given name, SMTP systems MUST NOT utilize any address RRs associated with that name unless they are located using the MX RRs',
  }),
  r('h', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If MX records are present, but none of them are usable, this situation MUST be reported as an error.',
  }),
  r('i', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'binds the content of DNS zones, not an SMTP implementation',
    text: 'When a domain name associated with an MX RR is looked up and the associated data field obtained, the data field of that response MUST contain a domain name.',
  }),
  r('j', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: 'binds the content of DNS zones, not an SMTP implementation',
    text: 'That domain name, when queried, MUST return at least one address record (e.g., A or AAAA RR) that gives the IP address of the SMTP server to which the message should be directed.',
  }),
  r('k', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'To provide reliable mail transmission, the SMTP client MUST be able to try (and retry) each of the relevant addresses in this list in order, until a delivery attempt succeeds.',
  }),
  r('l', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'In any case, the SMTP client SHOULD try at least two addresses.',
  }),
  r('m', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'MX records contain a preference indication that MUST be used in sorting if more than one such record appears (see below).',
  }),
  r('n', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If there are multiple destinations with the same preference and there is no clear reason to favor one (e.g., by recognition of an easily reached address), then the sender-SMTP MUST randomize them to spread the load across multiple mail exchangers for a specific organization.',
  }),
  r('o', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'It is the responsibility of the domain name resolver interface to have ordered this list by decreasing preference if necessary, and the SMTP sender MUST try them in the order presented.',
  }),
  r('p', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If it determines that it should relay the message without rewriting the address, it MUST sort the MX records to determine candidates for delivery.',
  }),
  r('q', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The relay host MUST then inspect the list for any of the names or addresses by which it might be known in mail transactions.',
  }),
  r('r', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If a matching record is found, all records at that preference level and higher-numbered ones MUST be discarded from consideration.',
  }),
  r('s', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If there are no records left at that point, it is an error condition, and the message MUST be returned as undeliverable.',
  }),
  r('t', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If records do remain, they SHOULD be tried, best preference first, as described above.',
  }),
];
