// Why this test? A delivery notice is mail the MTA writes on someone's behalf. Sent to a
// forged reverse-path with the message inside, it relays anyone's content anywhere
// (backscatter, "reflection"). These tests send that attack and look at what leaves.
import { describe, expect, it, onTestFinished } from 'vitest';
import { SmtpClientSession } from '../../harness/client/session.ts';
import type { ServerConfigInput } from '../config.ts';
import { readMaildir, tempDataDir } from '../queue/testing/fixtures.ts';
import { startTestMta, type TestMta } from '../queue/testing/mta.ts';
import { type FakeHop, type FakeHopScript, startFakeHop } from './testing/fake-hop.ts';
import { parseDsn } from './testing/parse-dsn.ts';

const QUEUE = { retryBaseMs: 100, retryMaxMs: 200, lifetimeMs: 60_000, concurrency: 2 };

async function mtaWithForeignHop(
  input: ServerConfigInput = {},
  script: FakeHopScript = {},
): Promise<{ mta: TestMta; hop: FakeHop; dataDir: string }> {
  const hop = await startFakeHop(script);
  onTestFinished(() => hop.close());
  const dataDir = await tempDataDir();
  const mta = await startTestMta({
    hostname: 'mx.smtpspec.test',
    localDomains: ['smtpspec.test'],
    mailboxes: ['alice', 'bob', 'postmaster'],
    routes: { 'foreign.example': `127.0.0.1:${hop.port}` },
    dataDir,
    queue: QUEUE,
    ...input,
  });
  return { mta, hop, dataDir };
}

/** One transaction; resolves with the final reply code. */
async function submit(mta: TestMta, lines: string[], content: Buffer): Promise<number> {
  const client = await SmtpClientSession.connect({
    host: '127.0.0.1',
    port: mta.server.address.port,
    replyTimeoutMs: 10_000,
  });
  onTestFinished(() => client.close());
  expect((await client.readReply()).code).toBe(220);
  expect((await client.command('EHLO attacker.test')).code).toBe(250);
  const replies = await client.pipeline([...lines, 'DATA']);
  expect(replies.map((r) => r.code)).toEqual([...lines.map(() => 250), 354]);
  await client.sendMessage(content);
  const final = (await client.readReply()).code;
  await client.command('QUIT');
  return final;
}

/** About 1 MB of lines, each shaped like a header field, and no empty line anywhere. */
function fieldShapedSpam(): Buffer {
  const lines: string[] = [];
  for (let i = 0; lines.length * 44 < 1_000_000; i++)
    lines.push(`X-Ad-${String(i).padStart(6, '0')}: cheap pills at spam.example\r\n`);
  return Buffer.from(lines.join(''), 'latin1');
}

/** About 1 MB of body text and no header section at all. */
function bodyOnlySpam(): Buffer {
  return Buffer.from('Buy cheap pills now at spam.example today\r\n'.repeat(24_000), 'latin1');
}

const SUCCESS_ATTACK = [
  'MAIL FROM:<victim@foreign.example>',
  'RCPT TO:<alice@smtpspec.test> NOTIFY=SUCCESS',
];

describe('delivery status notifications cannot be abused', () => {
  it('sends no SUCCESS notice for an unauthenticated client to a foreign sender (default policy)', async () => {
    const { mta, hop, dataDir } = await mtaWithForeignHop();
    expect(await submit(mta, SUCCESS_ATTACK, bodyOnlySpam())).toBe(250);
    await mta.queue.whenIdle(10_000);
    expect(await readMaildir(dataDir, 'smtpspec.test', 'alice')).toHaveLength(1);
    expect(hop.connections).toBe(0);
    expect(hop.messages).toEqual([]);
  });

  it.each([
    // Our own Received: field is all the header section there is.
    ['body lines and no header section', bodyOnlySpam(), 512],
    ['1 MB of header-shaped lines and no empty line', fieldShapedSpam(), 64 * 1024],
  ])(
    'returns a bounded header section only, when notices are allowed (%s)',
    async (_name, spam, most) => {
      const { mta, hop } = await mtaWithForeignHop({ dsn: { successNotices: 'all' } });
      expect(await submit(mta, SUCCESS_ATTACK, spam)).toBe(250);
      await mta.queue.whenIdle(10_000);
      expect(hop.messages).toHaveLength(1);
      const notice = hop.messages[0];
      expect(notice?.rcpts).toEqual(['victim@foreign.example']);
      const dsn = parseDsn(notice?.content ?? Buffer.alloc(0));
      const returned = dsn.parts[2];
      expect(returned?.headers.get('content-type')).toBe('text/rfc822-headers');
      expect(returned?.body.toString('latin1')).toMatch(/^Received: from attacker\.test /);
      expect(returned?.body.length).toBeLessThanOrEqual(most);
      expect(notice?.content.length).toBeLessThan(most + 4096);
      expect(notice?.content.toString('latin1')).not.toContain('Buy cheap pills');
    },
  );

  it('returns a large message RET=FULL asked for as its header section only, a small one whole', async () => {
    const { mta, dataDir } = await mtaWithForeignHop(
      { relay: { clientNetworks: ['127.0.0.1/32'] } },
      { rcpt: () => '550 5.1.1 no such user' },
    );
    const head = 'From: alice@smtpspec.test\r\nSubject: big\r\n\r\n';
    const big = Buffer.concat([Buffer.from(head), bodyOnlySpam()]);
    const small = Buffer.from(`${head}short body\r\n`);
    const lines = ['MAIL FROM:<alice@smtpspec.test> RET=FULL', 'RCPT TO:<bob@foreign.example>'];
    expect(await submit(mta, lines, big)).toBe(250);
    await mta.queue.whenIdle(10_000);
    expect(await submit(mta, lines, small)).toBe(250);
    await mta.queue.whenIdle(10_000);
    const inbox = await readMaildir(dataDir, 'smtpspec.test', 'alice');
    expect(inbox).toHaveLength(2);
    const returned = inbox.map((m) => parseDsn(m.content).parts[2]);
    const bigPart = returned.find((p) => p?.headers.get('content-type') === 'text/rfc822-headers');
    const smallPart = returned.find((p) => p?.headers.get('content-type') === 'message/rfc822');
    expect(bigPart?.body.toString()).toMatch(/^Received: [\s\S]*Subject: big\r\n$/);
    expect(smallPart?.body.toString()).toMatch(/short body\r\n$/);
  });

  it('sends one notice per message, covering every recipient, however many attempts it takes', async () => {
    let rcpts = 0;
    const { mta, dataDir } = await mtaWithForeignHop(
      { relay: { clientNetworks: ['127.0.0.1/32'] } },
      // The first attempt is deferred, the second refused: two attempts, two outcomes.
      { rcpt: () => (++rcpts === 1 ? '451 4.3.0 try later' : '550 5.1.1 no such user') },
    );
    const lines = [
      'MAIL FROM:<alice@smtpspec.test>',
      'RCPT TO:<bob@smtpspec.test> NOTIFY=SUCCESS,FAILURE',
      'RCPT TO:<carol@foreign.example> NOTIFY=SUCCESS,FAILURE',
    ];
    expect(await submit(mta, lines, Buffer.from('Subject: two\r\n\r\nhi\r\n'))).toBe(250);
    await mta.queue.whenIdle(10_000);
    expect(rcpts).toBe(2);
    const notices = await readMaildir(dataDir, 'smtpspec.test', 'alice');
    expect(notices).toHaveLength(1);
    const groups = parseDsn(notices[0]?.content ?? Buffer.alloc(0)).statusGroups.slice(1);
    expect(groups.map((g) => [g.get('final-recipient'), g.get('action')])).toEqual([
      ['rfc822; bob@smtpspec.test', 'delivered'],
      ['rfc822; carol@foreign.example', 'failed'],
    ]);
  });
});
