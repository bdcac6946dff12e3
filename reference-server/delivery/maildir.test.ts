import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { mailboxLocation } from './mailbox-path.ts';
import { deliverToMaildir, maildirFileName, maildirOf } from './maildir.ts';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-maildir-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('mailboxLocation', () => {
  it.each([
    ['Alice@Example.TEST', { domain: 'example.test', localPart: 'alice' }],
    ['"Alice"@example.test', { domain: 'example.test', localPart: 'alice' }],
    ['PostMaster@example.test', { domain: 'example.test', localPart: 'postmaster' }],
    ['Postmaster', { domain: 'default.test', localPart: 'postmaster' }],
    ['bob@[192.0.2.1]', { domain: '[192.0.2.1]', localPart: 'bob' }],
  ])('maps %s', (address, expected) => {
    expect(mailboxLocation(address, 'Default.Test')).toEqual(expected);
  });

  it.each([
    ['"../../etc"@example.test', 'starts with "."'],
    ['"a/b"@example.test', 'contains "/"'],
    ['"..\\\\x"@example.test', 'starts with "."'],
    ['"a\\\\b"@example.test', 'contains "/", "\\"'],
    ['".."@example.test', 'starts with "."'],
    ['not an address', 'is not a mailbox'],
  ])('refuses %s', (address, why) => {
    const result = mailboxLocation(address, 'example.test');
    expect(typeof result).toBe('string');
    expect(result).toContain(why);
  });
});

describe('deliverToMaildir', () => {
  const id = {
    queuedAt: new Date(1_700_000_000_000),
    queueId: 'abc',
    recipientIndex: 2,
    hostname: 'mx/a:test',
  };

  it('names files time.unique.host with / and : escaped', () => {
    expect(maildirFileName(id)).toBe('1700000000.Qabc_2.mx\\057a\\072test');
  });

  it('writes into new/ through tmp/ and leaves tmp/ empty', async () => {
    const root = await tempDir();
    const dir = maildirOf(root, { domain: 'b.test', localPart: 'bob' });
    const result = await deliverToMaildir(dir, maildirFileName(id), [
      Buffer.from('A: 1\r\n'),
      Buffer.from('\r\nbody\r\n'),
    ]);
    expect(result.duplicate).toBe(false);
    expect(await readFile(result.path, 'utf8')).toBe('A: 1\r\n\r\nbody\r\n');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await readdir(join(dir, 'cur'))).toEqual([]);
  });

  it('does not deliver the same delivery twice, in new/ or (when asked) in cur/', async () => {
    const root = await tempDir();
    const dir = maildirOf(root, { domain: 'b.test', localPart: 'bob' });
    const name = maildirFileName(id);
    await deliverToMaildir(dir, name, [Buffer.from('first\r\n')]);
    const again = await deliverToMaildir(dir, name, [Buffer.from('second\r\n')]);
    expect(again.duplicate).toBe(true);
    expect(await readFile(join(dir, 'new', name), 'utf8')).toBe('first\r\n');
    // A reader moved it to cur/ and flagged it seen.
    await rename(join(dir, 'new', name), join(dir, 'cur', `${name}:2,S`));
    const recovered = await deliverToMaildir(dir, name, [Buffer.from('third\r\n')], {
      checkCur: true,
    });
    expect(recovered.duplicate).toBe(true);
    expect(await readdir(join(dir, 'new'))).toEqual([]);
  });

  it('with renameOver, replaces a copy of the same delivery in new/: still one message', async () => {
    const root = await tempDir();
    const dir = maildirOf(root, { domain: 'b.test', localPart: 'bob' });
    const name = maildirFileName(id);
    await deliverToMaildir(dir, name, [Buffer.from('first\r\n')], { renameOver: true });
    const again = await deliverToMaildir(
      dir,
      name,
      (async function* () {
        yield Buffer.from('sec');
        yield Buffer.from('ond\r\n');
      })(),
      { renameOver: true },
    );
    expect(again.duplicate).toBe(false);
    expect(await readdir(join(dir, 'new'))).toEqual([name]);
    expect(await readFile(join(dir, 'new', name), 'utf8')).toBe('second\r\n');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('creates a Maildir once per knownDirs set, and again after it vanished', async () => {
    const root = await tempDir();
    const dir = maildirOf(root, { domain: 'b.test', localPart: 'bob' });
    const knownDirs = new Set<string>();
    await deliverToMaildir(dir, 'one', [Buffer.from('1\r\n')], { knownDirs });
    expect(knownDirs.has(dir)).toBe(true);
    await rm(dir, { recursive: true });
    // The first delivery after the removal fails (transient) and forgets the Maildir...
    await expect(
      deliverToMaildir(dir, 'two', [Buffer.from('2\r\n')], { knownDirs }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(knownDirs.has(dir)).toBe(false);
    // ...so the retry creates it again.
    await deliverToMaildir(dir, 'two', [Buffer.from('2\r\n')], { knownDirs });
    expect(await readdir(join(dir, 'new'))).toEqual(['two']);
  });

  it('refuses a location outside the root', () => {
    expect(() => maildirOf('/srv/mail', { domain: '..', localPart: 'x' })).toThrow(/escapes/);
  });
});
