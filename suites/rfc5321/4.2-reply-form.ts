import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';

// The runner checks the form of every reply it reads (harness/runner/reply-form.ts): three
// digits starting 2-5, the separator, CRLF, the same code on every line, lines of at most
// 512 octets. These cases exist so that the §4.2 rules are tied to the replies that are
// multiline in normal circumstances ("Only the EHLO, EXPN, and HELP commands are expected
// to result in multiline replies").
const FORM = [
  'R5321-4.2.1-c',
  'R5321-4.2.1-f',
  'R5321-4.2-k',
  'R5321-4.3.2-c',
  'R5321-4.5.3.1.5-a',
  'R5321-4.5.3.1-b',
];

const group: SuiteGroup = {
  id: 'rfc5321/4.2',
  title: 'Replies: form of multiline replies',
  spec: 'RFC 5321',
  section: '4.2',
  scenarios: [
    {
      id: 'rfc5321/4.2/ehlo-multiline-form',
      title: 'The EHLO reply is well formed: "250-" lines, one "250 " last line, one code',
      level: 'MUST',
      requirements: FORM,
      steps: [
        { kind: 'ehlo', expect: { codes: [250], role: 'setup' } },
        // A multi-line reply split into several final "250 " lines leaves the extra lines
        // behind as replies nobody asked for (RFC 5321 §4.2.1).
        { kind: 'expectNoReply', ms: 500 },
      ],
    },
    {
      id: 'rfc5321/4.2/help-reply-form',
      title: 'The HELP reply is well formed, whether one line or several',
      level: 'MUST',
      // No codes: the HELP row of §4.3.2 judges the code (211, 214, 502, 504).
      requirements: [...FORM, 'R5321-4.2-c'],
      steps: [EHLO, { kind: 'send', line: 'HELP' }],
    },
  ],
};

export default group;
