import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { HELO } from '../_steps.ts';

// RFC 821 §4.3, the SEND, SOML and SAML rows: S: 250, F: 552, 451, 452, E: 500, 501, 502.
// RFC 5321 dropped the commands (Appendix F.6); a server that no longer knows them answers
// 500, one that knows but does not implement them 502 (RFC 5321 §4.2.4). 530 is the reply of
// a server that wants authentication first (RFC 4954 §6).
function transactionStart(verb: string): Step[] {
  return [
    {
      kind: 'send',
      line: `${verb} FROM:<{{from}}>`,
      expect: {
        codes: [250, 451, 452, 552, 500, 501, 502, 530],
        because: `the RFC 821 replies for ${verb}, which are those of MAIL`,
      },
    },
    // Whatever happened, RSET leaves no transaction open for the next command.
    { kind: 'send', line: 'RSET', expect: { codes: [250] } },
  ];
}

const group: SuiteGroup = {
  id: 'rfc821/3.4',
  title: 'Sending and mailing: SEND, SOML and SAML',
  spec: 'RFC 821',
  section: '3.4',
  scenarios: [
    {
      id: 'rfc821/3.4/send-soml-saml-replies',
      title: 'SEND, SOML and SAML get a reply from the RFC 821 table: success or not implemented',
      level: 'MUST',
      requirements: ['R821-3.4-a', 'R821-4.3-a', 'R821-4.2-a', 'R5321-F.6-b'],
      steps: [
        HELO,
        ...transactionStart('SEND'),
        ...transactionStart('SOML'),
        ...transactionStart('SAML'),
      ],
    },
  ],
};

export default group;
