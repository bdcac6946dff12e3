import { describe, expect, it, onTestFinished } from 'vitest';
import { SmtpClientSession } from '../../harness/client/session.ts';
import { createPolicyHooks, type PolicyHooks } from '../policy/hooks.ts';
import { readMaildir, tempDataDir, waitFor } from '../queue/testing/fixtures.ts';
import { startTestMta, type TestMta } from '../queue/testing/mta.ts';
import { parseDsn } from './testing/parse-dsn.ts';

const QUEUE = { retryBaseMs: 100, retryMaxMs: 400, lifetimeMs: 60_000, concurrency: 2 };

/** A relays b.test to B by a static route; B sends a.test back to A. */
async function twoServers(bHooks: (defaults: PolicyHooks) => Partial<PolicyHooks> = () => ({})) {
  const aDir = await tempDataDir();
  const bDir = await tempDataDir();
  const bInput = {
    // A is not B's client by relay trust, and alice@a.test is foreign to B: only this
    // policy lets B's SUCCESS notice go back (the default withholds it, see dsn-abuse.test.ts).
    dsn: { successNotices: 'all' as const },
    hostname: 'mx.b.test',
    localDomains: ['b.test'],
    mailboxes: ['bob', 'flaky', 'postmaster'],
    dataDir: bDir,
    queue: QUEUE,
  };
  const { hooks: bDefaults } = createPolicyHooks({
    ...bInput,
    relay: { clientNetworks: [], allowAuthenticated: false, domains: [] },
  });
  const b = await startTestMta(bInput, bHooks(bDefaults));
  const a = await startTestMta({
    hostname: 'mx.a.test',
    localDomains: ['a.test'],
    mailboxes: ['alice', 'postmaster'],
    // The test client submits from loopback and may relay through A.
    relay: { clientNetworks: ['127.0.0.1/32'] },
    routes: { 'b.test': `127.0.0.1:${b.server.address.port}` },
    dataDir: aDir,
    queue: QUEUE,
  });
  // B's route back to A exists only once A listens; the queue reads the routes it was given.
  b.config.routes['a.test'] = `127.0.0.1:${a.server.address.port}`;
  return { a, b, aDir, bDir };
}

/** Submits one message to `mta`; resolves with the final reply code. */
async function submit(
  mta: TestMta,
  mail: string,
  rcpts: string[],
  content: Buffer,
): Promise<number> {
  const client = await SmtpClientSession.connect({
    host: '127.0.0.1',
    port: mta.server.address.port,
    replyTimeoutMs: 5000,
  });
  onTestFinished(() => client.close());
  expect((await client.readReply()).code).toBe(220);
  expect((await client.command('EHLO submit.test')).code).toBe(250);
  const replies = await client.pipeline([mail, ...rcpts, 'DATA']);
  expect(replies.map((r) => r.code)).toEqual([250, ...rcpts.map(() => 250), 354]);
  await client.sendMessage(content);
  const final = await client.readReply();
  await client.command('QUIT');
  return final.code;
}

const LONG_LINE = 'x'.repeat(998);
const tricky = Buffer.concat([
  Buffer.from('From: alice@a.test\r\nSubject: relay test\r\n\r\n', 'latin1'),
  Buffer.from('.starts with a dot\r\n..two dots\r\n.\r\n', 'latin1'),
  Buffer.from('caf\xe9 \xff\xfe 8-bit octets\r\n', 'latin1'),
  Buffer.from(`${LONG_LINE}\r\nend\r\n`, 'latin1'),
]);

describe('relay between two reference MTAs', () => {
  it('delivers to B with both Received fields and the content intact', async () => {
    const { a, bDir } = await twoServers();
    expect(
      await submit(a, 'MAIL FROM:<alice@a.test> BODY=8BITMIME', ['RCPT TO:<bob@b.test>'], tricky),
    ).toBe(250);
    await waitFor(() => a.queue.stats().delivered === 1, 10_000, 'the relay from A');
    let inbox: Awaited<ReturnType<typeof readMaildir>> = [];
    await waitFor(
      () => inbox.length > 0,
      10_000,
      'delivery at B',
      async () => {
        inbox = await readMaildir(bDir, 'b.test', 'bob');
      },
    );
    const stored = inbox[0]?.content ?? Buffer.alloc(0);
    const text = stored.toString('latin1');
    expect(text.startsWith('Return-Path: <alice@a.test>\r\nReceived: from mx.a.test')).toBe(true);
    // B's Received first (it saw A over STARTTLS), then A's.
    const received = [
      ...text.matchAll(/^Received: from (\S+)[^\r]*\r\n\tby (\S+) with (\S+)/gm),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(received).toEqual([
      ['mx.a.test', 'mx.b.test', 'ESMTPS'],
      ['submit.test', 'mx.a.test', 'ESMTP'],
    ]);
    const bodyStart = stored.indexOf('From: alice@a.test');
    expect(stored.subarray(bodyStart).equals(tricky)).toBe(true);
  });

  it('retries after B answers 4xx, then delivers', async () => {
    let refusals = 0;
    const { a, bDir } = await twoServers((defaults) => ({
      onRcptTo: async (session, rcpt) =>
        rcpt.recipient.mailbox === 'flaky@b.test' && refusals++ < 2
          ? { kind: 'tempfail', code: 451, enhanced: '4.3.2', text: 'try again later' }
          : defaults.onRcptTo(session, rcpt),
    }));
    expect(await submit(a, 'MAIL FROM:<alice@a.test>', ['RCPT TO:<flaky@b.test>'], tricky)).toBe(
      250,
    );
    await waitFor(() => a.queue.stats().delivered === 1, 10_000, 'the delivery after retries');
    expect(refusals).toBe(3);
    let inbox: Awaited<ReturnType<typeof readMaildir>> = [];
    await waitFor(
      () => inbox.length === 1,
      10_000,
      'delivery at B',
      async () => {
        inbox = await readMaildir(bDir, 'b.test', 'flaky');
      },
    );
  });

  it('bounces to the sender at A when B answers 5xx', async () => {
    const { a, aDir } = await twoServers();
    const rcpts = [
      'RCPT TO:<nobody@b.test> NOTIFY=FAILURE ORCPT=rfc822;nobody@b.test',
      'RCPT TO:<bob@b.test>',
    ];
    expect(await submit(a, 'MAIL FROM:<alice@a.test> RET=HDRS ENVID=run1', rcpts, tricky)).toBe(
      250,
    );
    let inbox: Awaited<ReturnType<typeof readMaildir>> = [];
    await waitFor(
      () => inbox.length > 0,
      10_000,
      'the DSN at A',
      async () => {
        inbox = await readMaildir(aDir, 'a.test', 'alice');
      },
    );
    const dsn = parseDsn(inbox[0]?.content ?? Buffer.alloc(0));
    expect(dsn.headers.get('to')).toBe('<alice@a.test>');
    expect(dsn.statusGroups[0]?.get('reporting-mta')).toBe('dns; mx.a.test');
    expect(dsn.statusGroups[0]?.get('original-envelope-id')).toBe('run1');
    expect(dsn.statusGroups).toHaveLength(2);
    const rcpt = dsn.statusGroups[1];
    expect(rcpt?.get('final-recipient')).toBe('rfc822; nobody@b.test');
    expect(rcpt?.get('original-recipient')).toBe('rfc822; nobody@b.test');
    expect(rcpt?.get('action')).toBe('failed');
    expect(rcpt?.get('status')).toBe('5.1.1');
    expect(rcpt?.get('remote-mta')).toBe('dns; 127.0.0.1');
    expect(rcpt?.get('diagnostic-code')).toMatch(/^smtp; 550 5\.1\.1 /);
    // RET=HDRS: only the original header section comes back.
    expect(dsn.parts[2]?.headers.get('content-type')).toBe('text/rfc822-headers');
    expect(dsn.parts[2]?.body.toString('latin1')).toContain('Subject: relay test\r\n');
    expect(dsn.parts[2]?.body.toString('latin1')).not.toContain('starts with a dot');
  });

  it('passes NOTIFY=SUCCESS on to B, whose "delivered" DSN comes back to A', async () => {
    const { a, aDir } = await twoServers();
    expect(
      await submit(a, 'MAIL FROM:<alice@a.test>', ['RCPT TO:<bob@b.test> NOTIFY=SUCCESS'], tricky),
    ).toBe(250);
    let inbox: Awaited<ReturnType<typeof readMaildir>> = [];
    await waitFor(
      () => inbox.length > 0,
      10_000,
      'the success DSN from B',
      async () => {
        inbox = await readMaildir(aDir, 'a.test', 'alice');
      },
    );
    const dsn = parseDsn(inbox[0]?.content ?? Buffer.alloc(0));
    expect(dsn.statusGroups[0]?.get('reporting-mta')).toBe('dns; mx.b.test');
    expect(dsn.statusGroups[1]?.get('action')).toBe('delivered');
    // A passed the duty on (B offers DSN): no "relayed" report from A.
    expect(a.queue.stats().dsnsSpooled).toBe(0);
    expect(inbox).toHaveLength(1);
  });

  it('never bounces a failed message whose reverse-path is null', async () => {
    const { a, aDir } = await twoServers();
    expect(await submit(a, 'MAIL FROM:<>', ['RCPT TO:<nobody@b.test>'], tricky)).toBe(250);
    await waitFor(() => a.queue.stats().failed === 1, 10_000, 'the failure at A');
    await a.queue.whenIdle(10_000);
    expect(a.queue.stats().dsnsSpooled).toBe(0);
    expect(await readMaildir(aDir, 'a.test', 'alice')).toEqual([]);
    expect(await readMaildir(aDir, 'a.test', 'postmaster')).toEqual([]);
  });
});
