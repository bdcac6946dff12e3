/**
 * Crash-safe file operations: write a file and fsync it, fsync a directory after a rename
 * or unlink so that the name change itself survives a power loss (RFC 5321 §6.1: once we
 * reply 250 the message must not be lost).
 */
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes `data` to `path` (created or truncated) and fsyncs the file before resolving. */
export async function writeSynced(path: string, data: Buffer | string): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

// Platforms that cannot open or fsync a directory (Windows) report these; there the
// rename is as durable as the platform allows.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP']);

/** Fsyncs a directory, making renames and unlinks inside it durable. */
export async function syncDirectory(path: string): Promise<void> {
  let dir: Awaited<ReturnType<typeof open>> | undefined;
  try {
    dir = await open(path, 'r');
    await dir.sync();
  } catch (err) {
    if (!DIR_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await dir?.close();
  }
}

/** Renames `from` to `to` (atomic within one file system) and fsyncs the target directory. */
export async function renameSynced(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncDirectory(dirname(to));
}

/** Unlinks `path`, ignoring a file that is already gone. */
export async function unlinkIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
