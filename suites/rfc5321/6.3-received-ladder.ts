/**
 * Loop detection by counting Received: fields (RFC 5321 §6.3): servers "SHOULD use a large
 * rejection threshold, normally at least 100 Received entries". Under 100 a message SHOULD
 * get through; at 100 a threshold of exactly 100 may refuse it; above, refusing is what loop
 * detection is for, and taking it is a choice §6.3 leaves open (other mechanisms exist):
 * reported, not blamed.
 */
import type { Level, ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

function received(hops: number): string {
  return Array.from(
    { length: hops },
    (_, i) =>
      `Received: from hop${hops - i}.relay.smtpspec.example by hop${hops - i + 1}.relay.smtpspec.example; Mon, 02 Nov 2026 10:00:00 +0000\r\n`,
  ).join('');
}

function hopsCase(
  hops: number,
  level: Level,
  title: string,
  refusalExpected: boolean,
): ScenarioSource {
  return {
    id: `rfc5321/6.3/received-fields-${hops}`,
    title,
    level,
    requirements: ['R5321-6.3-a'],
    steps: [
      // A plain message first where acceptance is the check: a site that refuses every
      // message is not refusing the Received fields.
      EHLO,
      ...(refusalExpected ? [] : MESSAGE_CONTROL),
      MAIL,
      RCPT,
      DATA,
      {
        kind: 'message',
        content:
          `${received(hops)}From: <sender@client.smtpspec.test>\r\n` +
          `Subject: smtpspec ${hops} Received fields\r\n` +
          `Message-ID: <hops-${hops}.rfc5321@client.smtpspec.test>\r\n\r\n` +
          `${hops} distinct relays.\r\n`,
        expect: refusalExpected
          ? {
              codes: ['5xx', '4xx'],
              because: `${hops} Received fields is over a threshold of 100: a loop, normally refused; §6.3 leaves other mechanisms open, so acceptance is reported`,
            }
          : {
              codes: [250],
              because: `a threshold of at least 100 Received fields (§6.3) ${level === 'SHOULD' ? 'should not refuse' : 'may refuse at exactly 100, so a refusal is reported, not blamed, for'} ${hops}`,
            },
      },
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/6.3/ladder',
  title: 'Loop detection: 99, 100, 101 and 500 Received fields',
  spec: 'RFC 5321',
  section: '6.3',
  scenarios: [
    hopsCase(99, 'SHOULD', 'A message with 99 Received fields is not refused as a loop', false),
    hopsCase(
      100,
      'MAY',
      'A message with 100 Received fields: accepted, or refused at a threshold of 100',
      false,
    ),
    hopsCase(
      101,
      'MAY',
      'A message with 101 Received fields: refused as a loop, or accepted by choice',
      true,
    ),
    hopsCase(
      500,
      'MAY',
      'A message with 500 Received fields: refused as a loop, or accepted by choice',
      true,
    ),
  ],
};

export default group;
