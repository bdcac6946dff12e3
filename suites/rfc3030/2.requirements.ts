/** Requirement register, RFC 3030 §2 Framework for the Large Message Extensions. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3030, '2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'bdat-cmd   ::= "BDAT" SP chunk-size [ SP end-marker ] CR LF',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The message data is sent immediately after the trailing <CR> <LF> of the BDAT command line.  Once the receiver-SMTP receives the specified number of octets, it will return a 250 reply code.',
  }),
  r('c', {
    level: 'MAY',
    binds: 'both',
    testable: 'wire',
    text: 'The last BDAT command MAY have a byte-count of zero indicating there is no additional data to be sent.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any BDAT command sent after the BDAT LAST is illegal and MUST be replied to with a 503 "Bad sequence of commands" reply code.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A 250 response MUST be sent to each successful BDAT data block within a mail transaction.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a failure occurs after a BDAT command is received, the receiver-SMTP MUST accept and discard the associated message data before sending the appropriate 5XX or 4XX code.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'the receiver SMTP MUST be prepared to accept and discard additional BDAT chunks already in the pipeline after the failed BDAT.',
  }),
  r('h', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'DATA and BDAT commands cannot be used in the same transaction.  If a DATA statement is issued after a BDAT for the current transaction, a 503 "Bad sequence of commands" MUST be issued.',
  }),
];
