import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQueueId, newQueueId } from './queue-id.ts';
import { parseRecord } from './record.ts';
import { Spool } from './spool.ts';
import { envelopeOf, tempDataDir } from './testing/fixtures.ts';

async function openSpool() {
  const dir = await tempDataDir();
  const spool = new Spool(join(dir, 'spool'));
  await spool.open();
  return { dir, spool };
}

describe('queue ids', () => {
  it('are unique, well-formed and sort by time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newQueueId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isQueueId)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(isQueueId('../etc/passwd')).toBe(false);
  });
});

describe('Spool', () => {
  it('has record and content durable in one file in place when add() resolves', async () => {
    const { dir, spool } = await openSpool();
    const content = Buffer.from('Received: x\r\n\r\n.dot\r\n\xff\r\n', 'latin1');
    const record = await spool.add(
      envelopeOf('alice@a.test', ['bob@a.test', 'carol@b.test'], { envid: 'E1' }),
      content,
    );
    const stored = await readFile(join(dir, 'spool', 'queue', `${record.queueId}.msg`));
    const end = stored.indexOf(0x0a);
    expect(stored.subarray(end + 1).equals(content)).toBe(true);
    const parsed = parseRecord(stored.toString('utf8', 0, end), 'test');
    expect(parsed.envelope).toMatchObject({ reversePath: 'alice@a.test', envid: 'E1' });
    expect(parsed.recipients.map((r) => [r.address, r.status, r.attempts, r.local])).toEqual([
      ['bob@a.test', 'pending', 0, true],
      ['carol@b.test', 'pending', 0, false],
    ]);
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([]);
    expect((await spool.content(record.queueId)).equals(content)).toBe(true);
    expect(await readdir(join(dir, 'spool', 'queue'))).toEqual([`${record.queueId}.msg`]);
  });

  it('spools a large message written in pieces, holding a bounded batch, and reads it back streamed', async () => {
    const { dir, spool } = await openSpool();
    const content = Buffer.alloc(300_000);
    for (let i = 0; i < content.length; i++) content[i] = 0x41 + (i % 26);
    // Many recipients with long ORCPTs: a record line longer than the first read.
    const rcpts = Array.from({ length: 100 }, (_, i) => ({
      address: `r${i}@b.test`,
      local: false,
      orcpt: `rfc822;${'o'.repeat(480)}${i}@b.test`,
    }));
    const draft = spool.begin(envelopeOf('alice@a.test', rcpts));
    for (let at = 0; at < content.length; at += 7000)
      await draft.write(content.subarray(at, at + 7000));
    // A large draft is on disk in tmp/ before the commit, not in memory.
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([`${draft.record.queueId}.msg`]);
    const record = await draft.commit();
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([]);
    const read = await spool.read(record.queueId);
    expect(read.record.recipients).toHaveLength(100);
    expect(read.content.size).toBe(content.length);
    expect(read.content.whole).toBeUndefined();
    const pieces: Buffer[] = [];
    for await (const piece of read.content.chunks()) pieces.push(piece);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.concat(pieces).equals(content)).toBe(true);
    expect((await read.content.head(100_000)).equals(content.subarray(0, 100_000))).toBe(true);
  });

  it('leaves nothing behind when a draft is discarded', async () => {
    const { dir, spool } = await openSpool();
    const draft = spool.begin(envelopeOf('alice@a.test', ['bob@a.test']));
    await draft.write(Buffer.alloc(200_000, 0x61));
    await draft.discard();
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([]);
    expect(await readdir(join(dir, 'spool', 'queue'))).toEqual([]);
  });

  it.each([
    ['no recipients', envelopeOf('a@a.test', [])],
    ['a recipient without address', envelopeOf('a@a.test', [{ address: '', local: true }])],
  ])('refuses an envelope with %s, leaving nothing behind', async (_name, envelope) => {
    const { dir, spool } = await openSpool();
    await expect(spool.add(envelope, Buffer.from('x'))).rejects.toMatchObject({
      name: 'SpoolError',
      failure: 'invalid-envelope',
    });
    expect(await readdir(join(dir, 'spool', 'queue'))).toEqual([]);
  });

  it('recovers: tmp leftovers and orphan states removed, corrupt records and unknown files quarantined, live ones listed', async () => {
    const { dir, spool } = await openSpool();
    const live = await spool.add(envelopeOf('a@a.test', ['b@a.test']), Buffer.from('live\r\n'));
    const broken = await spool.add(envelopeOf('a@a.test', ['b@a.test']), Buffer.from('broken\r\n'));
    const root = join(dir, 'spool');
    // An unacknowledged transaction: both files still in tmp/, never renamed.
    const unacked = newQueueId();
    await writeFile(join(root, 'tmp', `${unacked}.msg`), '{}\nunacked\r\n');
    await writeFile(join(root, 'tmp', `${unacked}.1-1.state`), '{}');
    // A crash between the removal of a message file and of its state file.
    const half = newQueueId();
    await writeFile(join(root, 'queue', `${half}.state`), '{}');
    await writeFile(join(root, 'queue', `${broken.queueId}.state`), '{"version":1,');
    // Something the spool did not write (an older layout, a stray editor backup).
    await writeFile(join(root, 'queue', `${live.queueId}.json`), '{}');
    const recovery = await new Spool(root).open();
    expect(recovery.live.map((l) => l.queueId)).toEqual([live.queueId]);
    expect(recovery.removedTmp).toBe(2);
    expect(recovery.removedOrphans).toBe(1);
    expect(recovery.quarantined).toEqual([
      { queueId: `${live.queueId}.json`, reason: expect.stringContaining('not a spool file') },
      { queueId: broken.queueId, reason: expect.stringContaining('not JSON') },
    ]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect((await readdir(join(root, 'corrupt'))).sort()).toEqual(
      [`${broken.queueId}.msg`, `${broken.queueId}.state`, `${live.queueId}.json`].sort(),
    );
    expect((await readdir(join(root, 'queue'))).sort()).toEqual([`${live.queueId}.msg`]);
    expect((await spool.content(live.queueId)).toString()).toBe('live\r\n');
  });

  it('saves state atomically and removes a finished message', async () => {
    const { dir, spool } = await openSpool();
    const record = await spool.add(envelopeOf('a@a.test', ['b@a.test']), Buffer.from('x\r\n'));
    const first = record.recipients[0];
    if (first) Object.assign(first, { status: 'delivered', attempts: 1 });
    await spool.save(record);
    expect((await spool.load(record.queueId)).recipients[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });
    // The content is not rewritten with the state.
    expect((await spool.read(record.queueId)).content.whole?.toString()).toBe('x\r\n');
    await spool.remove(record.queueId);
    expect(await readdir(join(dir, 'spool', 'queue'))).toEqual([]);
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([]);
  });

  it.each([
    ['not JSON', 'nope'],
    ['a wrong version', '{"version":2}'],
    [
      'a bad status',
      JSON.stringify({
        version: 1,
        queueId: 'x',
        envelope: { reversePath: '' },
        recipients: [{ address: 'a', status: 'lost', attempts: 0 }],
      }),
    ],
  ])('refuses a record with %s as corrupt', (_name, text) => {
    expect(() => parseRecord(text, 'envelopes/x.json')).toThrow(/envelopes\/x\.json/);
  });
});
