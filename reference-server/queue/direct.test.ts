// Why this test? A message for local mailboxes only is written into the Maildirs before
// the 250 instead of being spooled: the 250 must still mean "durably stored", and whatever
// cannot be delivered at once must fall back to the spool, never be lost.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveConfig } from '../config.ts';
import { acceptMessage } from '../message-store.ts';
import { createQueue } from './queue.ts';
import { envelopeOf, readMaildir, tempDataDir } from './testing/fixtures.ts';
import { noDns } from './testing/mta.ts';

async function setup(deliverLocalAtOnce = true) {
  const dataDir = await tempDataDir();
  const config = resolveConfig({
    localDomains: ['a.test'],
    mailboxes: ['alice', 'bob', 'carol'],
    dataDir,
    queue: { retryBaseMs: 50, retryMaxMs: 100, lifetimeMs: 60_000, deliverLocalAtOnce },
  });
  const queue = createQueue(config, { resolver: noDns });
  await queue.start();
  onTestFinished(() => queue.stop());
  // The spooled messages: a retry may already have written a `.state` record beside one.
  const spooledNames = async () =>
    (await readdir(join(dataDir, 'spool', 'queue'))).filter((n) => n.endsWith('.msg'));
  return { dataDir, queue, spooledNames };
}

const content = Buffer.from('Subject: at once\r\n\r\nhello\r\n');

describe('local delivery at once', () => {
  it('has the message in every Maildir when accept resolves, and nothing in the spool', async () => {
    const { dataDir, queue, spooledNames } = await setup();
    await acceptMessage(
      queue.store,
      envelopeOf('x@b.test', ['alice@a.test', 'bob@a.test']),
      content,
    );
    for (const user of ['alice', 'bob']) {
      const [copy] = await readMaildir(dataDir, 'a.test', user);
      expect(copy?.content.toString()).toBe(`Return-Path: <x@b.test>\r\n${content}`);
    }
    expect(await spooledNames()).toEqual([]);
    expect(queue.stats()).toMatchObject({ delivered: 2, waiting: 0, running: 0 });
  });

  it.each([
    [
      'a SUCCESS notice is asked for',
      envelopeOf('x@a.test', [{ address: 'alice@a.test', local: true, notify: ['SUCCESS'] }]),
      content,
    ],
    ['a recipient is relayed', envelopeOf('x@a.test', ['alice@a.test', 'dan@b.test']), content],
    [
      'the content outgrows one batch',
      envelopeOf('x@b.test', ['alice@a.test']),
      Buffer.alloc(200_000, 0x61),
    ],
  ])('spools the message when %s', async (_name, envelope, body) => {
    const { queue, spooledNames } = await setup();
    await acceptMessage(queue.store, envelope, body);
    expect((await spooledNames()).length).toBe(1);
  });

  it('spools a recipient that cannot be delivered at once, and delivers it on retry', async () => {
    const { dataDir, queue, spooledNames } = await setup();
    // carol's Maildir cannot be created: a file stands where its directory should be.
    const domainDir = join(dataDir, 'maildir', 'a.test');
    await mkdir(domainDir, { recursive: true });
    await writeFile(join(domainDir, 'carol'), 'in the way');
    await acceptMessage(
      queue.store,
      envelopeOf('x@b.test', ['alice@a.test', 'carol@a.test']),
      content,
    );
    expect(await readMaildir(dataDir, 'a.test', 'alice')).toHaveLength(1);
    const spooled = await spooledNames();
    expect(spooled).toHaveLength(1);
    await rm(join(domainDir, 'carol'));
    await queue.whenIdle(10_000);
    expect(await readMaildir(dataDir, 'a.test', 'carol')).toHaveLength(1);
    expect(await readMaildir(dataDir, 'a.test', 'alice')).toHaveLength(1);
  });

  it('can be turned off: queue.deliverLocalAtOnce false spools every message', async () => {
    const { queue, spooledNames } = await setup(false);
    await queue.stop();
    await acceptMessage(queue.store, envelopeOf('x@b.test', ['alice@a.test']), content);
    expect((await spooledNames()).length).toBe(1);
  });
});
