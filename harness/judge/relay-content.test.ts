// Why this test? The content judge decides whether a relaying MTA changed the message; a
// wrong diagnosis blames the wrong rule (a deleted Received: line is not a missing one, a
// missing dot is not a changed body), and a false alarm fails a conformant MTA.
import { describe, expect, it } from 'vitest';
import { headerFields, judgeRelayedContent } from './relay-content.ts';

const OLD1 =
  'Received: from a.test (a.test [192.0.2.1])\r\n\tby b.test; Tue, 01 Dec 2026 10:00:00 +0000\r\n';
const OLD2 = 'Received: from c.test\r\n\tby a.test; Tue, 01 Dec 2026 09:59:00 +0000\r\n';
const REST = 'From: <s@relay.test>\r\nTo: <r@relay.test>\r\nSubject: x\r\n';
const BODY = 'line one\r\n.dot line\r\ncaf\xe9\r\n';
const SENT = Buffer.from(`${OLD1}${OLD2}${REST}\r\n${BODY}`, 'latin1');
const OURS =
  'Received: from client.test ([127.0.0.1])\r\n\tby mx.test with ESMTP id 1\r\n\tfor <r@relay.test>; Sun, 06 Dec 2026 12:00:00 +0000\r\n';

function judge(relayed: string) {
  return judgeRelayedContent(SENT, Buffer.from(relayed, 'latin1')).map(
    (p) => `${p.check} ${p.rule}: ${p.message.slice(0, 60)}`,
  );
}

describe('judging relayed content', () => {
  it('splits a header section into fields, folded lines included', () => {
    const fields = headerFields(Buffer.from(`${OLD1}${OLD2}${REST}`, 'latin1'));
    expect(fields.map((f) => f.toString('latin1').split(':')[0])).toEqual([
      'Received',
      'Received',
      'From',
      'To',
      'Subject',
    ]);
  });

  it('finds nothing wrong with one Received: field prepended', () => {
    expect(judge(`${OURS}${OLD1}${OLD2}${REST}\r\n${BODY}`)).toEqual([]);
  });

  it.each([
    [
      'no Received: field added',
      `${OLD1}${OLD2}${REST}\r\n${BODY}`,
      'trace MUST: no Received: field was added at the top',
    ],
    [
      'one appended below the header',
      `${OLD1}${OLD2}${REST}${OURS}\r\n${BODY}`,
      'trace MUST: a Received: field was inserted below existing header',
    ],
    [
      'an earlier one deleted',
      `${OURS}${OLD1}${REST}\r\n${BODY}`,
      'trace MUST: the existing field "Received: from c.test\\r\\n\\x09by a.',
    ],
    [
      'a header field changed',
      `${OURS}${OLD1}${OLD2}${REST.replace('Subject: x', 'Subject: [ext] x')}\r\n${BODY}`,
      'content MUST: the header field "Subject: x\\r\\n" was changed or de',
    ],
    [
      'a header field added',
      `${OURS}${OLD1}${OLD2}${REST}X-Scanned: yes\r\n\r\n${BODY}`,
      'content MUST: a header field "X-Scanned: yes\\r\\n" was added (RF',
    ],
    [
      'a leading dot lost',
      `${OURS}${OLD1}${OLD2}${REST}\r\nline one\r\ndot line\r\ncaf\xe9\r\n`,
      'content MUST: the line ".dot line" at octet 10 of the body did no',
    ],
    [
      'the high bit cleared',
      `${OURS}${OLD1}${OLD2}${REST}\r\nline one\r\n.dot line\r\ncafi\r\n`,
      'eight-bit MUST: the 8-bit octet 0xe9 at octet 24 of the body arr',
    ],
    [
      'a two-digit year',
      `${OURS.replace('2026', '26')}${OLD1}${OLD2}${REST}\r\n${BODY}`,
      "trace MUST: the added Received: field's date has a 2-digit year",
    ],
    [
      'no FROM clause',
      `${OURS.replace('from client.test ([127.0.0.1])\r\n\t', '')}${OLD1}${OLD2}${REST}\r\n${BODY}`,
      'trace MUST: the added Received: field has no FROM clause first',
    ],
  ])('names %s', (_what, relayed, first) => {
    expect(judge(relayed)[0]).toContain(first);
  });
});
