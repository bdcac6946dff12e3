/**
 * RFC 1870 §6.1 and §7: the SIZE parameter of MAIL. A declared size no server can take
 * is refused (552, 452, or any MAIL error code: §6.1 "A server may respond to the extended
 * MAIL command with any of the error codes defined in [RFC 821] for the MAIL command"); a
 * reasonable one is accepted. A malformed value breaks a rule that binds the client
 * (size-value ::= 1*20DIGIT); no sentence obliges the server to refuse it, so those cases
 * are MAY: a refusal passes, acceptance is reported as the server's choice (info).
 */
import type { ReplyExpectation, ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MESSAGE_CONTROL, NOOP_OK, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['SIZE'] };

// RFC 5321 §4.1.1.11 and §4.3.2: a parameter the server cannot accept gets 555, a value
// that breaks its syntax 501; any other MAIL error code also refuses it (RFC 1870 §6.1).
const MALFORMED: ReplyExpectation = {
  codes: [501, 555, 552, 452, 550, 553, 451],
  because:
    'a SIZE value outside size-value ::= 1*20DIGIT (RFC 1870 §3) is normally refused; accepting it is a choice no sentence forbids',
};

/** RFC 1870 §6.1: 552 or 452 for the size, or "any of the error codes ... for the MAIL command". */
const MAIL_ERRORS = [552, 452, 451, 550, 553, 501, 555, 455];

function malformed(
  slug: string,
  title: string,
  param: string,
  requirements: string[],
): ScenarioSource {
  return {
    id: `rfc1870/6.1/${slug}`,
    title,
    level: 'MAY',
    requirements,
    steps: [EHLO, { kind: 'send', line: `MAIL FROM:<{{from}}> ${param}`, expect: MALFORMED }],
  };
}

const group: SuiteGroup = {
  id: 'rfc1870/6.1',
  title: 'SIZE parameter of MAIL',
  spec: 'RFC 1870',
  section: '6.1',
  preconditions: NEEDS,
  scenarios: [
    {
      id: 'rfc1870/6.1/declared-size-beyond-any-limit',
      title: 'MAIL with SIZE of 20 nines (about 10^20 octets) is refused with 552 or 452',
      level: 'MUST',
      requirements: ['R1870-6.1-a', 'R1870-6.1-b', 'R1870-7-a', 'R1870-7-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          // The largest size-value: over any advertised limit, and no server has the
          // storage a bare SIZE keyword obliges it to check for (§7). Only a server that
          // advertises "SIZE 0" may accept it.
          line: 'MAIL FROM:<{{from}}> SIZE=99999999999999999999',
          expect: {
            codes: MAIL_ERRORS,
            because:
              'a declared size over the fixed maximum gets 552, a lack of storage 452, or any MAIL error code (RFC 1870 §6.1, §7)',
          },
        },
        NOOP_OK,
      ],
    },
    {
      id: 'rfc1870/6.1/small-declared-size-accepted',
      title: 'MAIL with SIZE=1000 is accepted',
      level: 'MUST',
      // SIZE=1000 is a valid esmtp-value (RFC 5321 §4.1.2): the server's side of that grammar.
      requirements: ['R1870-7-a', 'R5321-4.1.2-q'],
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=1000', expect: { codes: [250] } },
        RCPT,
        DATA,
        {
          kind: 'message',
          content: 'Subject: smtpspec SIZE=1000\r\n\r\nWell under the declared size.\r\n',
          expect: { codes: [250] },
        },
      ],
    },
    malformed(
      'size-not-a-number',
      'MAIL with SIZE=abc: refused, or accepted by choice',
      'SIZE=abc',
      ['R1870-3-b'],
    ),
    malformed('size-negative', 'MAIL with SIZE=-1: refused, or accepted by choice', 'SIZE=-1', [
      'R1870-3-b',
    ]),
    malformed(
      'size-without-value',
      'MAIL with a bare SIZE keyword and no value: refused, or accepted by choice',
      'SIZE',
      ['R1870-3-b'],
    ),
    {
      id: 'rfc1870/6.1/size-more-than-20-digits',
      title:
        'MAIL with a 21-digit SIZE: refused (syntax error or over the limit), or accepted by choice',
      level: 'MAY',
      requirements: ['R1870-3-b', 'R1870-6.1-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SIZE=123456789012345678901',
          expect: {
            // Read as a number it is over any limit (552, 452); read by the grammar it is
            // malformed (501, 555). Accepting it is neither.
            codes: MAIL_ERRORS,
            because:
              'size-value allows at most 20 digits (RFC 1870 §3), and any size is over a fixed limit',
          },
        },
      ],
    },
  ],
};

export default group;
