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
  it('has content and record durable in place when add() resolves', async () => {
    const { dir, spool } = await openSpool();
    const content = Buffer.from('Received: x\r\n\r\n.dot\r\n\xff\r\n', 'latin1');
    const record = await spool.add(
      envelopeOf('alice@a.test', ['bob@a.test', 'carol@b.test'], { envid: 'E1' }),
      content,
    );
    const stored = await readFile(join(dir, 'spool', 'messages', `${record.queueId}.eml`));
    expect(stored.equals(content)).toBe(true);
    const json = await readFile(join(dir, 'spool', 'envelopes', `${record.queueId}.json`), 'utf8');
    const parsed = parseRecord(json, 'test');
    expect(parsed.envelope).toMatchObject({ reversePath: 'alice@a.test', envid: 'E1' });
    expect(parsed.recipients.map((r) => [r.address, r.status, r.attempts, r.local])).toEqual([
      ['bob@a.test', 'pending', 0, true],
      ['carol@b.test', 'pending', 0, false],
    ]);
    expect(await readdir(join(dir, 'spool', 'tmp'))).toEqual([]);
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
    expect(await readdir(join(dir, 'spool', 'messages'))).toEqual([]);
  });

  it('recovers: tmp leftovers and orphan contents removed, corrupt records quarantined, live ones listed', async () => {
    const { dir, spool } = await openSpool();
    const live = await spool.add(envelopeOf('a@a.test', ['b@a.test']), Buffer.from('live\r\n'));
    const broken = await spool.add(envelopeOf('a@a.test', ['b@a.test']), Buffer.from('broken\r\n'));
    const root = join(dir, 'spool');
    // An unacknowledged transaction: both files still in tmp/, never renamed.
    const unacked = newQueueId();
    await writeFile(join(root, 'tmp', `${unacked}.eml`), 'unacked\r\n');
    await writeFile(join(root, 'tmp', `${unacked}.json`), '{}');
    // A crash between the content rename and the record rename.
    const half = newQueueId();
    await writeFile(join(root, 'messages', `${half}.eml`), 'half\r\n');
    await writeFile(join(root, 'envelopes', `${broken.queueId}.json`), '{"version":1,');
    const recovery = await new Spool(root).open();
    expect(recovery.live.map((l) => l.queueId)).toEqual([live.queueId]);
    expect(recovery.removedTmp).toBe(2);
    expect(recovery.removedOrphans).toBe(1);
    expect(recovery.quarantined).toEqual([
      { queueId: broken.queueId, reason: expect.stringContaining('not JSON') },
    ]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect((await readdir(join(root, 'corrupt'))).sort()).toEqual(
      [`${broken.queueId}.eml`, `${broken.queueId}.json`].sort(),
    );
    expect((await readdir(join(root, 'messages'))).sort()).toEqual([`${live.queueId}.eml`]);
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
    await spool.remove(record.queueId);
    expect(await readdir(join(dir, 'spool', 'envelopes'))).toEqual([]);
    expect(await readdir(join(dir, 'spool', 'messages'))).toEqual([]);
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
