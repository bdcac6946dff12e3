/**
 * Atomic file replacement: write a temporary file next to the target, then rename it over
 * the target. A crash at any point leaves either the old file or the complete new one,
 * never a half-written results.json that `--baseline` would then misread.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` atomically. With `durable`, the data is flushed to disk before
 * the rename, so it also survives a power loss (slower: use it for the report files, not
 * for every transcript).
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: { durable?: boolean } = {},
): Promise<void> {
  // Same directory as the target: rename is only atomic within one file system.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data, 'utf8');
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
