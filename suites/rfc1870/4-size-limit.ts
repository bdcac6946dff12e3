/**
 * RFC 1870 §3 and §4: what the SIZE keyword advertises, and the limit it announces held to.
 * The keyword's parameter is a size-value (an observer reads every EHLO reply of the run);
 * "SIZE 0" means no fixed maximum; a message over the advertised limit is refused with a permanent failure (552 by name).
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, MAIL, MAIL_CONTROL, RCPT, RSET } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc1870/4',
  title: 'The advertised SIZE limit',
  spec: 'RFC 1870',
  section: '4',
  preconditions: { ehlo: ['SIZE'] },
  scenarios: [
    {
      // Observer: the SIZE parameter of every EHLO reply the run read.
      id: 'rfc1870/3/size-value-well-formed',
      title: 'The SIZE keyword has at most one parameter, of 1 to 20 digits',
      section: '3',
      level: 'MUST',
      requirements: ['R1870-3-b'],
      observe: 'size-parameter',
      steps: [{ kind: 'ehlo', requires: ['SIZE'] }],
    },
    {
      id: 'rfc1870/3/size-zero-no-fixed-maximum',
      title:
        'A server advertising SIZE 0 does not refuse a declared size as over a fixed maximum (552)',
      section: '3',
      level: 'MUST',
      requirements: ['R1870-3-a'],
      steps: [
        { kind: 'ehlo', requires: ['SIZE 0'] },
        MAIL_CONTROL,
        RSET,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SIZE=99999999999999999999',
          expect: {
            // At MAIL no mailbox is known yet, so a 552 here can only be a system limit.
            codes: [250, 451, 452, 455, 501, 550, 553, 555],
            because:
              '"SIZE 0" says no fixed maximum message size is in force (RFC 1870 §3), so no declared size exceeds one; a lack of storage is 452',
          },
        },
      ],
    },
    {
      id: 'rfc1870/4/message-over-limit-refused',
      title: 'A message larger than the advertised SIZE limit is refused with a permanent failure',
      level: 'MUST',
      requirements: ['R1870-4-a'],
      steps: [
        { kind: 'ehlo', requires: ['SIZE'] },
        MAIL,
        RCPT,
        DATA,
        {
          kind: 'message',
          content: 'Subject: smtpspec over the advertised SIZE\r\n\r\n',
          exceedAdvertisedSize: true,
          expect: {
            // The rule is the permanent failure; 552 is the code the sentence names, but a
            // server answering 554 "message too big" (OpenSMTPD 6.8) refuses it just as
            // permanently, and RFC 5321 §4.3.2 lists 554 at the end of mail data.
            codes: ['5xx'],
            codesByRule: true,
            because:
              'a message larger than the advertised limit "will be rejected with a permanent failure (552) reply code" (RFC 1870 §4): any permanent failure keeps the rule',
          },
        },
      ],
    },
  ],
};

export default group;
