/**
 * Crash-safe file operations: write a file and fsync it, fsync a directory after a rename
 * or unlink so that the name change itself survives a power loss (RFC 5321 §6.1: once we
 * reply 250 the message must not be lost).
 */
import { closeSync, fdatasync, open as openFile, write } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const openFd = promisify(openFile);
const writeFd = promisify(write);
const fdatasyncFd = promisify(fdatasync);

/**
 * Writes `data` to `path` (created or truncated) and flushes it to the disk before
 * resolving. An async iterable is written piece by piece as it yields (a message streamed
 * from the spool).
 *
 * fdatasync, not fsync: "fdatasync() is similar to fsync(), but does not flush modified
 * metadata unless that metadata is needed in order to allow a subsequent data retrieval to
 * be correctly handled" (fdatasync(2)): the size and the blocks of a file just written are
 * such metadata and are flushed; only the timestamps are not. The file's name is made
 * durable separately, by the directory fsync after its rename or link. The file descriptor
 * API rather than a FileHandle, and the close on this thread: closing a file whose data is
 * already on the disk has nothing left to write, and saves a thread-pool round trip per
 * file (the bench of issue 16 writes one per message).
 */
export async function writeSynced(
  path: string,
  data: Buffer | string | AsyncIterable<Buffer>,
): Promise<void> {
  const fd = await openFd(path, 'w', 0o600);
  try {
    if (typeof data === 'string') await writeAll(fd, Buffer.from(data, 'utf8'));
    else if (Buffer.isBuffer(data)) await writeAll(fd, data);
    else for await (const chunk of data) await writeAll(fd, chunk);
    await fdatasyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `data` at the file's position (a short write is continued). */
async function writeAll(fd: number, data: Buffer): Promise<void> {
  let rest = data;
  while (rest.length > 0) {
    const { bytesWritten } = await writeFd(fd, rest, 0, rest.length, null);
    rest = rest.subarray(bytesWritten);
  }
}

// Platforms that cannot open or fsync a directory (Windows) report these; there the
// rename is as durable as the platform allows.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP']);

/** One directory's fsync in progress, and the one queued to start after it. */
interface DirSync {
  running: Promise<void>;
  queued: Promise<void> | undefined;
}
const dirSyncs = new Map<string, DirSync>();

/**
 * Fsyncs a directory, making renames and unlinks inside it durable. Concurrent callers share
 * fsyncs (group commit): a call joins the next fsync of `path` that *starts* after the call,
 * never one already running, so the caller's earlier rename or unlink is always covered.
 */
export function syncDirectory(path: string): Promise<void> {
  const current = dirSyncs.get(path);
  if (current === undefined) return startDirSync(path);
  current.queued ??= current.running.then(noop, noop).then(() => startDirSync(path));
  return current.queued;
}

function noop(): void {}

function startDirSync(path: string): Promise<void> {
  const entry: DirSync = { running: fsyncDirectory(path), queued: undefined };
  dirSyncs.set(path, entry);
  const settle = () => {
    // A queued fsync replaces this entry itself when it starts.
    if (dirSyncs.get(path) === entry && entry.queued === undefined) dirSyncs.delete(path);
  };
  entry.running.then(settle, settle);
  return entry.running;
}

/** Directories kept open for their fsyncs (the spool's own), see {@link holdDirectory}. */
const heldDirs = new Map<string, FileHandle>();

/**
 * Keeps `path` open until {@link releaseDirectory}, so each of its fsyncs is one call, not
 * an open, an fsync and a close. Only for directories we own and nobody replaces while we
 * run (the spool's): an fsync through a handle of a directory since replaced would sync the
 * old one.
 */
export async function holdDirectory(path: string): Promise<void> {
  if (heldDirs.has(path)) return;
  try {
    heldDirs.set(path, await open(path, 'r'));
  } catch (err) {
    if (!DIR_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
}

/** Closes what {@link holdDirectory} opened (after the fsyncs in flight on it). */
export async function releaseDirectory(path: string): Promise<void> {
  const handle = heldDirs.get(path);
  heldDirs.delete(path);
  await handle?.close();
}

async function fsyncDirectory(path: string): Promise<void> {
  const held = heldDirs.get(path);
  if (held !== undefined) {
    try {
      return await held.sync();
    } catch {
      // Released meanwhile (or unusable): the open, fsync and close below.
    }
  }
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
