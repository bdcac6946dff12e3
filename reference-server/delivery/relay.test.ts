import { describe, expect, it, onTestFinished } from 'vitest';
import { contentOf, type SpooledContent } from '../queue/spool-content.ts';
import type { NextHop } from './mx.ts';
import type { OutboundOptions } from './outbound.ts';
import { type RelayJob, relayToHops } from './relay.ts';
import { hasEightBit } from './relay-params.ts';
import { type FakeHopScript, startFakeHop } from './testing/fake-hop.ts';

const OPTIONS: OutboundOptions = {
  helo: 'a.test',
  connectTimeoutMs: 5000,
  replyTimeoutMs: 5000,
  dataEndTimeoutMs: 5000,
  startTls: true,
};

async function hop(script: FakeHopScript = {}) {
  const fake = await startFakeHop(script);
  onTestFinished(() => fake.close());
  const next: NextHop = { host: fake.host, port: fake.port, name: 'hop.test' };
  return { fake, next };
}

type JobInput = Partial<Omit<RelayJob, 'content' | 'eightBit'>> & {
  content?: Buffer;
  /** Give the content as the spool gives a large message: streamed, never whole. */
  streamed?: boolean;
};

function job(input: JobInput = {}): RelayJob {
  const { content = Buffer.from('Subject: hi\r\n\r\nhello\r\n'), streamed, ...overrides } = input;
  const spooled: SpooledContent = streamed
    ? { ...contentOf(content), whole: undefined }
    : contentOf(content);
  return {
    envelope: { reversePath: 'alice@a.test', smtputf8: false },
    recipients: [{ address: 'bob@b.test' }],
    content: spooled,
    eightBit: hasEightBit(content),
    ...overrides,
  };
}

describe('relayToHops', () => {
  it('sends MAIL and every RCPT in one pipelined batch and the content intact', async () => {
    const { fake, next } = await hop();
    const content = Buffer.from('Subject: dots\r\n\r\n.leading dot\r\n..two\r\n.\r\nend\r\n');
    const outcomes = await relayToHops(
      [next],
      job({ recipients: [{ address: 'bob@b.test' }, { address: 'carol@b.test' }], content }),
      OPTIONS,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['delivered', 'delivered']);
    // The fake holds its MAIL reply until the RCPTs arrive: only a pipelining client gets it at once.
    expect(fake.unpipelinedMails).toBe(0);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]?.content.equals(content)).toBe(true);
    expect(fake.messages[0]?.rcpts).toEqual(['bob@b.test', 'carol@b.test']);
    expect(fake.commands.at(-1)).toBe('QUIT');
  });

  it('reports 2xx, 4xx and 5xx RCPT replies per recipient', async () => {
    const { fake, next } = await hop({
      rcpt: (address) =>
        address.startsWith('later')
          ? '450 4.2.1 try later'
          : address.startsWith('gone')
            ? '550 5.1.1 no such user'
            : '250 OK',
    });
    const recipients = [
      { address: 'ok@b.test' },
      { address: 'later@b.test' },
      { address: 'gone@b.test' },
    ];
    const outcomes = await relayToHops([next], job({ recipients }), OPTIONS);
    expect(outcomes.map((o) => [o.kind, o.status])).toEqual([
      ['delivered', '2.0.0'],
      ['retry', '4.2.1'],
      ['failed', '5.1.1'],
    ]);
    expect(outcomes[2]?.diagnostic).toBe('smtp; 550 5.1.1 no such user');
    expect(outcomes[2]?.remoteMta).toBe('dns; hop.test');
    expect(fake.messages[0]?.rcpts).toEqual(['ok@b.test']);
  });

  it('falls back to HELO when EHLO is answered 502, sending no extension parameters', async () => {
    const { fake, next } = await hop({ ehloKeywords: null });
    const outcomes = await relayToHops(
      [next],
      job({ envelope: { reversePath: 'a@a.test', smtputf8: false, ret: 'HDRS' } }),
      OPTIONS,
    );
    expect(outcomes[0]?.kind).toBe('delivered');
    expect(fake.commands).toContain('HELO a.test');
    expect(fake.commands).toContain('MAIL FROM:<a@a.test>');
  });

  it('passes SIZE, BODY and the DSN parameters when offered', async () => {
    const { fake, next } = await hop({
      ehloKeywords: ['PIPELINING', '8BITMIME', 'SIZE 100000', 'DSN'],
    });
    const content = Buffer.from('Subject: caf\xe9\r\n\r\n\xe9t\xe9\r\n', 'latin1');
    const outcomes = await relayToHops(
      [next],
      job({
        envelope: {
          reversePath: 'a@a.test',
          smtputf8: false,
          body: '8BITMIME',
          ret: 'HDRS',
          envid: 'ID+2B1',
        },
        recipients: [
          { address: 'bob@b.test', notify: ['SUCCESS', 'FAILURE'], orcpt: 'rfc822;bob@b.test' },
        ],
        content,
      }),
      OPTIONS,
    );
    expect(outcomes[0]).toMatchObject({ kind: 'delivered', dsnAction: undefined });
    expect(fake.commands).toContain(
      `MAIL FROM:<a@a.test> SIZE=${content.length} BODY=8BITMIME RET=HDRS ENVID=ID+2B1`,
    );
    expect(fake.commands).toContain(
      'RCPT TO:<bob@b.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@b.test',
    );
    expect(fake.messages[0]?.content.equals(content)).toBe(true);
  });

  it('owes a "relayed" DSN for NOTIFY=SUCCESS when the next hop lacks DSN', async () => {
    const { fake, next } = await hop();
    const outcomes = await relayToHops(
      [next],
      job({ recipients: [{ address: 'b@b.test', notify: ['SUCCESS'] }] }),
      OPTIONS,
    );
    expect(outcomes[0]).toMatchObject({ kind: 'delivered', dsnAction: 'relayed' });
    expect(fake.commands.find((c) => c.startsWith('RCPT'))).toBe('RCPT TO:<b@b.test>');
  });

  it.each([
    ['8-bit content without 8BITMIME', { body: undefined }, ['PIPELINING'], '5.6.3'],
    ['SMTPUTF8 without SMTPUTF8', { smtputf8: true }, ['PIPELINING', '8BITMIME'], '5.6.7'],
    [
      'BINARYMIME without CHUNKING',
      { body: 'BINARYMIME' as const },
      ['8BITMIME', 'BINARYMIME'],
      '5.6.3',
    ],
  ])('refuses %s permanently without sending MAIL', async (_name, envelope, keywords, status) => {
    const { fake, next } = await hop({ ehloKeywords: keywords });
    const content = Buffer.from('Subject: x\r\n\r\n\xff\r\n', 'latin1');
    const outcomes = await relayToHops(
      [next],
      job({ envelope: { reversePath: 'a@a.test', smtputf8: false, ...envelope }, content }),
      OPTIONS,
    );
    expect(outcomes[0]).toMatchObject({ kind: 'failed', status });
    expect(fake.commands.some((c) => c.startsWith('MAIL'))).toBe(false);
  });

  it('refuses a message larger than the advertised SIZE', async () => {
    const { fake, next } = await hop({ ehloKeywords: ['SIZE 10'] });
    const outcomes = await relayToHops([next], job(), OPTIONS);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', status: '5.3.4' });
    expect(fake.commands.some((c) => c.startsWith('MAIL'))).toBe(false);
  });

  it.each([
    ['DATA', ['PIPELINING'], undefined],
    ['BDAT', ['CHUNKING', 'BINARYMIME', '8BITMIME'], 'BINARYMIME' as const],
  ])('streams a large message with %s, piece by piece, intact', async (via, keywords, body) => {
    const { fake, next } = await hop({ ehloKeywords: keywords });
    const line = '.dot-led line that needs stuffing, and more text to make it long\r\n';
    const content = Buffer.from(`Subject: big\r\n\r\n${line.repeat(4000)}`, 'latin1');
    const envelope = { reversePath: 'a@a.test', smtputf8: false, ...(body ? { body } : {}) };
    const outcomes = await relayToHops([next], job({ envelope, content, streamed: true }), OPTIONS);
    expect(outcomes[0]?.kind).toBe('delivered');
    expect(fake.messages[0]?.via).toBe(via);
    expect(fake.messages[0]?.content.equals(content)).toBe(true);
  });

  it('sends BINARYMIME content with BDAT LAST when CHUNKING and BINARYMIME are offered', async () => {
    const { fake, next } = await hop({ ehloKeywords: ['CHUNKING', 'BINARYMIME', '8BITMIME'] });
    const content = Buffer.from([
      0x53, 0x3a, 0x20, 0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0a, 0x2e, 0x0d, 0x0a, 0xff,
    ]);
    const outcomes = await relayToHops(
      [next],
      job({ envelope: { reversePath: 'a@a.test', smtputf8: false, body: 'BINARYMIME' }, content }),
      OPTIONS,
    );
    expect(outcomes[0]?.kind).toBe('delivered');
    expect(fake.messages[0]).toMatchObject({ via: 'BDAT' });
    expect(fake.messages[0]?.content.equals(content)).toBe(true);
  });

  it('treats a failed DATA end as failure for every accepted recipient', async () => {
    const { next } = await hop({ dataEnd: () => '452 4.3.1 out of space' });
    const outcomes = await relayToHops(
      [next],
      job({ recipients: [{ address: 'a@b.test' }, { address: 'b@b.test' }] }),
      OPTIONS,
    );
    expect(outcomes.map((o) => [o.kind, o.status])).toEqual([
      ['retry', '4.3.1'],
      ['retry', '4.3.1'],
    ]);
  });

  it('tries the next hop when the first refuses the session, and reports a dead route as transient', async () => {
    const { fake: refusing, next: first } = await hop({ greeting: '421 4.3.2 busy' });
    const { fake: good, next: second } = await hop();
    const outcomes = await relayToHops([first, second], job(), OPTIONS);
    expect(outcomes[0]?.kind).toBe('delivered');
    expect(refusing.messages).toHaveLength(0);
    expect(good.messages).toHaveLength(1);
    // Nothing listens on the closed fake's port any more: a connection failure, X.4.1.
    await refusing.close();
    const dead = await relayToHops([first], job(), OPTIONS);
    expect(dead[0]).toMatchObject({ kind: 'retry', status: '4.4.1' });
  });

  it('retries in plaintext on a new connection when the STARTTLS handshake fails', async () => {
    const { fake, next } = await hop({
      ehloKeywords: ['PIPELINING', 'STARTTLS'],
      startTls: 'break',
    });
    const outcomes = await relayToHops([next], job(), OPTIONS);
    expect(outcomes[0]?.kind).toBe('delivered');
    expect(fake.connections).toBe(2);
    expect(fake.commands.filter((c) => c === 'STARTTLS')).toHaveLength(1);
  });
});
