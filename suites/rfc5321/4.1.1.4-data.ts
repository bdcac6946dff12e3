import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { reachData } from '../_steps.ts';

// These cases check the positive half of §4.1.1.4: <CRLF>.<CRLF> ends mail data however
// it arrives. A server that misses it never answers, and the case fails on the timeout.
// The reply itself may accept or refuse the message (the end-of-data row of §4.3.2).
// The bare CR and LF cases only ask that a real terminator right after one is still seen:
// a server that takes a bare LF or CR for a line end sees it too, so they cite the end of
// data rule alone. Whether a bare CR or LF ends a line in the data shows only where it makes
// a look-alike of the terminator: the smuggling cases (4.1.1.4-smuggling.ts) judge that.
const END = {
  because: 'the end of mail data was sent, so exactly one end-of-data reply is due now',
};

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.4',
  title: 'DATA: the end of mail data indication',
  spec: 'RFC 5321',
  section: '4.1.1.4',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.4/terminator-split-across-writes',
      title: '<CRLF>.<CRLF> ends mail data even when split over several TCP writes',
      level: 'MUST',
      requirements: ['R5321-4.1.1.4-b', 'R5321-2.3.8-a', 'R5321-4.1.1.4-g', 'R5321-4.1.1.4-h'],
      steps: [
        ...reachData,
        {
          kind: 'sendRaw',
          parts: ['Subject: smtpspec split terminator\r\n\r\nbody\r', '\n.', '\r', '\n'],
          pauseMs: 300,
          note: 'a message whose final <CR> | <LF>. | <CR> | <LF> arrive in four writes',
          expect: END,
        },
      ],
    },
    {
      // Why this case? The RFC names this "no mail data" form non-conforming for a client,
      // yet the <CRLF> of the DATA command plus ".<CRLF>" is still the end of mail data.
      id: 'rfc5321/4.1.1.4/terminator-right-after-354',
      title: 'A "." line straight after the 354 ends mail data (the empty message)',
      level: 'MUST',
      requirements: ['R5321-4.1.1.4-b', 'R5321-4.1.1.4-h'],
      steps: [
        ...reachData,
        {
          kind: 'sendRaw',
          bytes: '.\r\n',
          note: ".<CR><LF> right after 354: the DATA line's CRLF and this line form <CRLF>.<CRLF>",
          expect: END,
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.4/bare-cr-before-terminator',
      title: 'A bare CR at the end of the last line does not hide the <CRLF>.<CRLF> after it',
      level: 'MUST',
      requirements: ['R5321-4.1.1.4-b'],
      steps: [
        ...reachData,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'Subject: smtpspec bare CR\r\n\r\nlast line ends in a bare CR\r\r\n.\r\n',
          note: 'last line "...CR" + <CR>, then <CR><LF>.<CR><LF>: a real end of data after a bare CR',
          expect: END,
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.4/bare-lf-before-terminator',
      title: 'A bare LF in the last line does not hide the <CRLF>.<CRLF> after it',
      level: 'MUST',
      requirements: ['R5321-4.1.1.4-b'],
      steps: [
        ...reachData,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'Subject: smtpspec bare LF\r\n\r\nlast line holds a bare LF\n\r\n.\r\n',
          note: 'last line "...LF" + <LF>, then <CR><LF>.<CR><LF>: a real end of data after a bare LF',
          expect: END,
        },
      ],
    },
  ],
};

export default group;
