import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { syncDirectory } from './durable-fs.ts';

describe('syncDirectory', () => {
  // Why this test? Group commit is only safe if a caller never rides on an fsync that
  // started before its own rename: it must join the next one.
  it('shares fsyncs between concurrent callers, each covered by one that started after it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtpspec-dirsync-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const fsp = await import('node:fs/promises');
    const handle = await fsp.open(dir, 'r');
    const proto = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
    await handle.close();
    const starts: number[] = [];
    let clock = 0;
    const original = proto.sync;
    const spy = vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown) {
      starts.push(++clock);
      return original.call(this);
    });
    onTestFinished(() => spy.mockRestore());
    const calls: Promise<number>[] = [];
    for (let i = 0; i < 10; i++) {
      const calledAt = ++clock;
      calls.push(syncDirectory(dir).then(() => calledAt));
    }
    const calledAt = await Promise.all(calls);
    // The first caller starts an fsync; the nine that arrive while it runs share one more.
    expect(starts).toHaveLength(2);
    const [first, second] = starts as [number, number];
    expect(first).toBeGreaterThan(calledAt[0] ?? 0);
    expect(second).toBeGreaterThan(Math.max(...calledAt));
    await syncDirectory(dir);
    expect(starts).toHaveLength(3);
  });
});
