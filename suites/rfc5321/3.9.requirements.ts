/** Requirement register, RFC 5321 §3.9 Mailing Lists and Aliases. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.9');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'An SMTP-capable host SHOULD support both the alias and the list models of address expansion for multiple delivery.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'When a message is delivered or forwarded to each address of an expanded list form, the return address in the envelope ("MAIL FROM:") MUST be changed to be the address of a person or other entity who administers the list.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'However, in this case, the message header section (RFC 5322 [4]) MUST be left unchanged; in particular, the "From" field of the header section is unaffected.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'Servers SHOULD simply utilize the addresses on the list; application of heuristics or other matching rules to eliminate some addresses, such as that of the originator, is strongly discouraged.',
  }),
];
