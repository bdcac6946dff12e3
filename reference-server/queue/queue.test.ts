import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveConfig } from '../config.ts';
import { type FakeHopScript, startFakeHop } from '../delivery/testing/fake-hop.ts';
import { parseDsn } from '../delivery/testing/parse-dsn.ts';
import { acceptMessage } from '../message-store.ts';
import { createQueue, type QueueDeps } from './queue.ts';
import { newQueueId } from './queue-id.ts';
import { initialRecord } from './record.ts';
import { envelopeOf, readMaildir, tempDataDir, waitFor } from './testing/fixtures.ts';
import { noDns } from './testing/mta.ts';

async function setup(
  options: { hop?: FakeHopScript; queue?: Record<string, number | boolean>; deps?: QueueDeps } = {},
) {
  const dataDir = await tempDataDir();
  const hop = await startFakeHop(options.hop ?? {});
  onTestFinished(() => hop.close());
  const config = resolveConfig({
    hostname: 'mx.a.test',
    localDomains: ['a.test'],
    mailboxes: ['alice', 'bob', 'postmaster'],
    routes: { 'b.test': `127.0.0.1:${hop.port}` },
    dataDir,
    queue: {
      retryBaseMs: 50,
      retryMaxMs: 200,
      lifetimeMs: 60_000,
      concurrency: 2,
      ...options.queue,
    },
  });
  const outbound = { connectTimeoutMs: 5000, replyTimeoutMs: 5000, dataEndTimeoutMs: 5000 };
  const queue = createQueue(config, { resolver: noDns, outbound, ...options.deps });
  await queue.start();
  onTestFinished(() => queue.stop());
  return { dataDir, hop, queue };
}

const content = Buffer.from('Subject: test\r\n\r\nhello\r\n');
const noAtOnce = { deliverLocalAtOnce: false };

async function spoolIsEmpty(dataDir: string): Promise<boolean> {
  const dirs = ['queue', 'tmp'].map((d) => readdir(join(dataDir, 'spool', d)));
  return (await Promise.all(dirs)).every((names) => names.length === 0);
}

describe('mail queue', () => {
  it('delivers local recipients into Maildir with a Return-Path line, then forgets the message', async () => {
    const { dataDir, queue } = await setup();
    const { queueId } = await acceptMessage(
      queue.store,
      envelopeOf('carol@b.test', ['Alice@A.test', 'postmaster@a.test']),
      content,
    );
    await queue.whenIdle(10_000);
    const alice = await readMaildir(dataDir, 'a.test', 'alice');
    expect(alice).toHaveLength(1);
    expect(alice[0]?.name).toContain(`.Q${queueId}_0.mx.a.test`);
    expect(alice[0]?.content.toString()).toBe(`Return-Path: <carol@b.test>\r\n${content}`);
    expect(await readMaildir(dataDir, 'a.test', 'postmaster')).toHaveLength(1);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
    expect(queue.stats()).toMatchObject({ delivered: 2, failed: 0, waiting: 0, running: 0 });
  });

  it('refuses accept() before start(), and a second start()', async () => {
    const dataDir = await tempDataDir();
    const queue = createQueue(resolveConfig({ dataDir }), { resolver: noDns });
    await expect(
      acceptMessage(queue.store, envelopeOf('a@a.test', ['bob@smtpspec.test']), content),
    ).rejects.toMatchObject({ name: 'SpoolError', failure: 'not-started' });
    await queue.start();
    onTestFinished(() => queue.stop());
    await expect(queue.start()).rejects.toMatchObject({ failure: 'already-started' });
  });

  it('retries a 4xx with backoff, then delivers', async () => {
    let tries = 0;
    const { hop, queue } = await setup({
      hop: { rcpt: () => (++tries < 3 ? '451 4.3.0 later' : '250 OK') },
    });
    await acceptMessage(queue.store, envelopeOf('alice@a.test', ['x@b.test']), content);
    await queue.whenIdle(10_000);
    expect(tries).toBe(3);
    expect(hop.messages).toHaveLength(1);
    expect(queue.stats()).toMatchObject({ delivered: 1, failed: 0, dsnsSpooled: 0 });
  });

  it('bounces a 5xx to a local sender with a DSN carrying the original', async () => {
    const { dataDir, queue } = await setup({
      hop: { rcpt: (a) => (a.startsWith('bad') ? '550 5.1.1 no such user' : '250 OK') },
    });
    const env = envelopeOf('alice@a.test', ['bad@b.test', 'good@b.test'], { envid: 'ENV+2B1' });
    await acceptMessage(queue.store, env, content);
    await queue.whenIdle(10_000);
    const inbox = await readMaildir(dataDir, 'a.test', 'alice');
    expect(inbox).toHaveLength(1);
    const raw = inbox[0]?.content ?? Buffer.alloc(0);
    expect(raw.toString().startsWith('Return-Path: <>\r\n')).toBe(true);
    const dsn = parseDsn(raw);
    expect(dsn.statusGroups[0]?.get('original-envelope-id')).toBe('ENV+1');
    expect(dsn.statusGroups).toHaveLength(2);
    expect(Object.fromEntries(dsn.statusGroups[1] ?? [])).toMatchObject({
      'final-recipient': 'rfc822; bad@b.test',
      action: 'failed',
      status: '5.1.1',
      'diagnostic-code': 'smtp; 550 5.1.1 no such user',
    });
    expect(dsn.parts[2]?.body.equals(content)).toBe(true);
    expect(queue.stats()).toMatchObject({ delivered: 2, failed: 1, dsnsSpooled: 1 });
  });

  it.each([
    ['a null reverse-path (RFC 5321 §4.5.5)', envelopeOf('', ['bad@b.test'])],
    [
      'NOTIFY=NEVER',
      envelopeOf('alice@a.test', [{ address: 'bad@b.test', local: false, notify: 'NEVER' }]),
    ],
    [
      'NOTIFY without FAILURE',
      envelopeOf('alice@a.test', [{ address: 'bad@b.test', local: false, notify: ['DELAY'] }]),
    ],
  ])('sends no bounce for %s', async (_name, envelope) => {
    const { dataDir, queue } = await setup({ hop: { rcpt: () => '550 5.1.1 no' } });
    await acceptMessage(queue.store, envelope, content);
    await queue.whenIdle(10_000);
    expect(queue.stats()).toMatchObject({ failed: 1, dsnsSpooled: 0 });
    expect(await readMaildir(dataDir, 'a.test', 'alice')).toEqual([]);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
  });

  it('reports NOTIFY=SUCCESS local delivery with a "delivered" DSN (RFC 3461 §6.2)', async () => {
    const { dataDir, queue } = await setup();
    await acceptMessage(
      queue.store,
      envelopeOf('alice@a.test', [{ address: 'bob@a.test', local: true, notify: ['SUCCESS'] }]),
      content,
    );
    await queue.whenIdle(10_000);
    const dsn = parseDsn(
      (await readMaildir(dataDir, 'a.test', 'alice'))[0]?.content ?? Buffer.alloc(0),
    );
    expect(dsn.statusGroups[1]?.get('action')).toBe('delivered');
    expect(dsn.parts[2]?.headers.get('content-type')).toBe('text/rfc822-headers');
    expect(await readMaildir(dataDir, 'a.test', 'bob')).toHaveLength(1);
  });

  it('gives up when the lifetime runs out and bounces with the last transient status', async () => {
    const { dataDir, hop, queue } = await setup({
      hop: { rcpt: () => '452 4.2.2 mailbox full' },
      queue: { retryBaseMs: 100, retryMaxMs: 100, lifetimeMs: 600 },
    });
    await acceptMessage(queue.store, envelopeOf('alice@a.test', ['full@b.test']), content);
    await queue.whenIdle(10_000);
    const rcpts = hop.commands.filter((c) => c.startsWith('RCPT')).length;
    expect(rcpts).toBeGreaterThanOrEqual(2);
    const dsn = parseDsn(
      (await readMaildir(dataDir, 'a.test', 'alice'))[0]?.content ?? Buffer.alloc(0),
    );
    expect(dsn.statusGroups[1]?.get('action')).toBe('failed');
    expect(dsn.statusGroups[1]?.get('status')).toBe('4.2.2');
    expect(dsn.parts[0]?.body.toString()).toMatch(/gave up after \d+ attempt/);
  });

  it('fails an unknown local mailbox, and does not bounce the resulting bounce', async () => {
    const { dataDir, queue } = await setup();
    // A local sender that does not exist: the DSN to it fails too, and has a null reverse-path.
    await acceptMessage(
      queue.store,
      envelopeOf('ghost@a.test', [{ address: 'nobody@a.test', local: true }]),
      content,
    );
    await queue.whenIdle(10_000);
    expect(queue.stats()).toMatchObject({ failed: 2, dsnsSpooled: 1 });
    expect(await readMaildir(dataDir, 'a.test', 'ghost')).toEqual([]);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
  });

  it('keeps pending mail across stop() and delivers it after a restart', async () => {
    let open = false;
    const { dataDir, hop, queue } = await setup({
      hop: { rcpt: () => (open ? '250 OK' : '421 4.3.2 closed for now') },
      queue: { retryBaseMs: 200, retryMaxMs: 200 },
    });
    const { queueId } = await acceptMessage(
      queue.store,
      envelopeOf('alice@a.test', ['x@b.test']),
      content,
    );
    await waitFor(() => hop.commands.some((c) => c.startsWith('RCPT')), 10_000, 'a first attempt');
    await queue.stop();
    expect(await readdir(join(dataDir, 'spool', 'queue'))).toEqual([
      `${queueId}.msg`,
      `${queueId}.state`,
    ]);
    open = true;
    const again = createQueue(
      resolveConfig({
        localDomains: ['a.test'],
        routes: { 'b.test': `127.0.0.1:${hop.port}` },
        dataDir,
        queue: { retryBaseMs: 200, retryMaxMs: 200 },
      }),
      {
        resolver: noDns,
        outbound: { connectTimeoutMs: 5000, replyTimeoutMs: 5000, dataEndTimeoutMs: 5000 },
      },
    );
    const recovery = await again.start();
    onTestFinished(() => again.stop());
    expect(recovery.live.map((l) => l.queueId)).toEqual([queueId]);
    await again.whenIdle(10_000);
    expect(hop.messages).toHaveLength(1);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
  });

  // Why this test? A crash between the Maildir link and the record write leaves the
  // recipient pending with the copy already delivered; the restart must not deliver again,
  // even when a reader has meanwhile moved the copy to cur/ and flagged it.
  it('does not deliver locally twice when the state write was lost in a crash', async () => {
    // Through the spool: a local message is otherwise delivered before it is ever spooled.
    const { dataDir, queue } = await setup({ queue: { deliverLocalAtOnce: false } });
    await queue.stop();
    const spoolDir = join(dataDir, 'spool');
    const { queueId } = await acceptMessage(
      queue.store,
      envelopeOf('carol@b.test', ['bob@a.test']),
      content,
    );
    const spooled = await readFile(join(spoolDir, 'queue', `${queueId}.msg`));
    const first = createQueue(
      resolveConfig({ localDomains: ['a.test'], dataDir, queue: noAtOnce }),
      {
        resolver: noDns,
      },
    );
    await first.start();
    await first.whenIdle(10_000);
    await first.stop();
    const [copy] = await readMaildir(dataDir, 'a.test', 'bob');
    expect(copy).toBeDefined();
    // Put the pre-delivery state back, as if the process died right after the link.
    await writeFile(join(spoolDir, 'queue', `${queueId}.msg`), spooled);
    const bobDir = join(dataDir, 'maildir', 'a.test', 'bob');
    await rename(join(bobDir, 'new', copy?.name ?? ''), join(bobDir, 'cur', `${copy?.name}:2,S`));
    const second = createQueue(
      resolveConfig({ localDomains: ['a.test'], dataDir, queue: noAtOnce }),
      {
        resolver: noDns,
      },
    );
    expect((await second.start()).live.map((l) => l.queueId)).toEqual([queueId]);
    onTestFinished(() => second.stop());
    await second.whenIdle(10_000);
    expect((await readMaildir(dataDir, 'a.test', 'bob')).map((f) => f.name)).toEqual([
      `${copy?.name}:2,S`,
    ]);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
  });

  it('never delivers the leftovers of an unacknowledged transaction found in tmp/', async () => {
    const dataDir = await tempDataDir();
    const tmp = join(dataDir, 'spool', 'tmp');
    await mkdir(tmp, { recursive: true });
    // A complete-looking message and state that were never renamed into place: the client got no 250.
    const record = initialRecord(
      newQueueId(),
      envelopeOf('carol@b.test', ['bob@a.test']),
      new Date(),
    );
    const spoolFile = Buffer.concat([Buffer.from(`${JSON.stringify(record)}\n`), content]);
    await writeFile(join(tmp, `${record.queueId}.msg`), spoolFile);
    await writeFile(join(tmp, `${record.queueId}.1-1.state`), JSON.stringify(record));
    const queue = createQueue(resolveConfig({ localDomains: ['a.test'], dataDir }), {
      resolver: noDns,
    });
    const recovery = await queue.start();
    onTestFinished(() => queue.stop());
    await queue.whenIdle(5_000);
    expect(recovery).toMatchObject({ live: [], removedTmp: 2 });
    expect(await readMaildir(dataDir, 'a.test', 'bob')).toEqual([]);
    expect(await spoolIsEmpty(dataDir)).toBe(true);
  });
});
