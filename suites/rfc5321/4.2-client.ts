import type { ScenarioSource, ScriptedReply, SuiteGroup } from '../../harness/scenario/types.ts';

/**
 * Client cases (`smtpspec serve-cases`): odd but legal replies (RFC 5321 §4.2, §4.3.2).
 * A client must act on the code, read by its first digit, whatever the text.
 */
function odd(
  slug: string,
  title: string,
  requirements: string[],
  replies: Partial<Record<'greeting' | 'EHLO' | 'MAIL' | 'RCPT', ScriptedReply>>,
): ScenarioSource {
  return {
    id: `rfc5321/4.2/client-${slug}`,
    title,
    level: 'MUST',
    requirements,
    client: { replies, checks: ['completes'] },
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.2',
  title: 'Client: odd but legal replies',
  spec: 'RFC 5321',
  section: '4.2',
  scenarios: [
    odd(
      'multiline-greeting',
      'A greeting of three lines does not stop the client',
      ['R5321-4.2-f', 'R5321-4.2-e'],
      {
        greeting: {
          code: 220,
          text: ['serve.smtpspec.test ESMTP', 'a second line of greeting', 'and a third'],
        },
      },
    ),
    odd(
      'ehlo-reply-without-text',
      'An EHLO reply with no greeting text after the domain is taken',
      ['R5321-4.2-f', 'R5321-4.2.1-e'],
      {
        EHLO: { code: 250, raw: '250-serve.smtpspec.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n' },
      },
    ),
    odd(
      'bare-reply-codes',
      'Replies that are bare codes ("250" with no text) are acted on',
      ['R5321-4.2-f', 'R5321-4.2-b', 'R5321-4.2.1-e'],
      {
        MAIL: { code: 250, raw: '250\r\n' },
        RCPT: { code: 250, raw: '250 \r\n' },
      },
    ),
    odd(
      'unknown-2xx-code',
      'A success code the RFC does not list (257) is read by its first digit',
      ['R5321-4.2-j', 'R5321-4.3.2-b', 'R5321-4.2-e'],
      {
        MAIL: { code: 257, text: 'sender fine, odd code' },
      },
    ),
    odd(
      '251-will-forward',
      'RCPT answered 251 (user not local; will forward) counts as accepted',
      ['R5321-4.2-e', 'R5321-4.3.2-b'],
      {
        RCPT: { code: 251, enhanced: '2.1.5', text: 'User not local; will forward' },
      },
    ),
    {
      id: 'rfc5321/4.2/client-replies-byte-by-byte',
      title: 'Replies that arrive one octet per TCP segment are read whole',
      level: 'MAY',
      requirements: ['R5321-4.2-f'],
      client: { byteByByte: true, checks: ['completes'] },
    },
  ],
};

export default group;
