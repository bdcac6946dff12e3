import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, NOOP_OK, RCPT, reachData } from '../_steps.ts';

// The server's half of the transparency procedure (§4.5.2): only a line made of a single
// period ends the mail; a line that starts with a period and has more on it is content.
// The unstuffing itself (R5321-4.5.2-c) shows only in the delivered message, so these cases
// do not cite it (relay-through cases do); on the wire we see whether the server stays
// silent until the real end.
const REAL_END: Step = {
  kind: 'sendRaw',
  bytes: '.\r\n',
  note: 'the real end of mail data: "." alone after the CRLF that ended the last line',
  expect: { because: 'the first reply to the message may come only now' },
};

const group: SuiteGroup = {
  id: 'rfc5321/4.5.2',
  title: 'Transparency: lines that start with a period',
  spec: 'RFC 5321',
  section: '4.5.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.2/stuffed-lone-dot-is-content',
      title: 'A dot-stuffed lone period ("..") is content, and such a message is accepted',
      level: 'MUST',
      requirements: ['R5321-4.5.2-b', 'R5321-4.1.1.4-b'],
      steps: [
        // The control: a plain message is accepted from this client at all.
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        DATA,
        {
          kind: 'sendRaw',
          bytes:
            'Subject: smtpspec dot-stuffing\r\n\r\nthe next line is a lone period, stuffed\r\n..\r\nand this line is still content\r\n',
          note: 'a message with the line ".." (a stuffed ".") in its body',
        },
        { kind: 'expectNoReply', ms: 1000 },
        {
          ...REAL_END,
          expect: {
            codes: ['2xx', '45x'],
            because:
              'a plain message whose only peculiarity is a stuffed line is accepted (or deferred for a transient reason)',
          },
        },
        NOOP_OK,
      ],
    },
    {
      id: 'rfc5321/4.5.2/dot-led-lines-are-content',
      title: 'Unstuffed lines that start with a period but hold more (". ", ".x") do not end data',
      level: 'MUST',
      requirements: ['R5321-4.5.2-b', 'R5321-4.1.1.4-b'],
      steps: [
        ...reachData,
        {
          kind: 'sendRaw',
          bytes: 'Subject: smtpspec dot-led lines\r\n\r\n. \r\n.x\r\n.\t\r\n.NOOP\r\n',
          note: 'body lines "<period><SP>", ".x", "<period><HT>" and ".NOOP": none is a single period',
        },
        { kind: 'expectNoReply', ms: 1000 },
        REAL_END,
        NOOP_OK,
      ],
    },
  ],
};

export default group;
