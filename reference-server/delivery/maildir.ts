/**
 * Maildir delivery: `<root>/<domain>/<local-part>/{tmp,new,cur}`. The message is written to
 * `tmp/`, fsynced, then linked into `new/` (atomic, and refused if the name exists), and
 * `new/` is fsynced: a reader never sees a partial file and a crash never loses one.
 *
 * File names are `<time>.Q<queue id>_<recipient index>.<host>`: the usual `time.unique.host`
 * form, with the unique part being the delivery's identity instead of `pid_random`. A
 * delivery repeated after a crash (between our link and the spool's state write) finds its
 * own name and does not deliver twice.
 */
import { link, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { syncDirectory, unlinkIfPresent, writeSynced } from '../queue/durable-fs.ts';
import type { MailboxLocation } from './mailbox-path.ts';

/** Identifies one delivery: the same inputs always give the same file name. */
export interface MaildirDeliveryId {
  /** When the message was queued (the name's time part, in seconds). */
  queuedAt: Date;
  queueId: string;
  recipientIndex: number;
  hostname: string;
}

/** The directory of a mailbox under `root`; throws if it would not be inside `root`. */
export function maildirOf(root: string, location: MailboxLocation): string {
  const base = resolve(root);
  const dir = resolve(base, location.domain, location.localPart);
  const rel = relative(base, dir);
  // Belt and braces: mailboxLocation already refused separators and leading dots.
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || rel.split(sep).length !== 2) {
    throw new Error(`mailbox ${location.localPart}@${location.domain} escapes the Maildir root`);
  }
  return dir;
}

/** The Maildir file name of a delivery. `/` and `:` in the host are escaped as Maildir asks. */
export function maildirFileName(id: MaildirDeliveryId): string {
  const host = id.hostname.replace(/\//g, '\\057').replace(/:/g, '\\072');
  const time = Math.floor(id.queuedAt.getTime() / 1000);
  return `${time}.Q${id.queueId}_${id.recipientIndex}.${host}`;
}

/** Creates `tmp`, `new` and `cur` of the Maildir at `dir`. */
export async function ensureMaildir(dir: string): Promise<void> {
  for (const sub of ['tmp', 'new', 'cur'])
    await mkdir(join(dir, sub), { recursive: true, mode: 0o700 });
}

/** A message to deliver: pieces at hand (concatenated), or pieces streamed as they come. */
export type MessageParts = readonly Buffer[] | AsyncIterable<Buffer>;

/**
 * Delivers `parts` (concatenated) into the Maildir at `dir` as `name`. Resolves with
 * `duplicate: true`, writing nothing new, when this delivery is already in `new/` (or, with
 * `checkCur`, in `cur/`, where a reader may have moved it with `:2,` flags). `renameOver`:
 * the caller knows a copy in `new/` can only be this same delivery, so it is replaced
 * (a rename) rather than detected (a link and an unlink). `knownDirs`
 * remembers Maildirs already created, so each is created once per process, not per delivery.
 */
export async function deliverToMaildir(
  dir: string,
  name: string,
  parts: MessageParts,
  options: { checkCur?: boolean; knownDirs?: Set<string>; renameOver?: boolean } = {},
): Promise<{ path: string; duplicate: boolean }> {
  const known = options.knownDirs;
  if (known?.has(dir) !== true) {
    await ensureMaildir(dir);
    known?.add(dir);
  }
  try {
    return await writeIntoMaildir(
      dir,
      name,
      parts,
      options.checkCur === true,
      options.renameOver === true,
    );
  } catch (err) {
    // The Maildir may have been removed behind our back: create it again next time.
    known?.delete(dir);
    throw err;
  }
}

async function writeIntoMaildir(
  dir: string,
  name: string,
  parts: MessageParts,
  checkCur: boolean,
  renameOver: boolean,
): Promise<{ path: string; duplicate: boolean }> {
  const target = join(dir, 'new', name);
  if (checkCur && (await inCur(dir, name)))
    return { path: join(dir, 'cur', name), duplicate: true };
  const tmp = join(dir, 'tmp', name);
  await writeSynced(
    tmp,
    Array.isArray(parts) ? Buffer.concat(parts) : (parts as AsyncIterable<Buffer>),
  );
  if (renameOver) {
    // A name that is new (or whose earlier copy, same delivery, may be replaced): one rename
    // instead of link and unlink. The link below refuses an existing name.
    await rename(tmp, target);
    await syncDirectory(join(dir, 'new'));
    return { path: target, duplicate: false };
  }
  try {
    await linkOrRename(tmp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await unlinkIfPresent(tmp);
    return { path: target, duplicate: true };
  }
  await unlinkIfPresent(tmp);
  await syncDirectory(join(dir, 'new'));
  return { path: target, duplicate: false };
}

// File systems without hard links report these; fall back to a checked rename.
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

async function linkOrRename(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    const exists = await stat(to).then(
      () => true,
      () => false,
    );
    if (exists) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    await rename(from, to);
  }
}

async function inCur(dir: string, name: string): Promise<boolean> {
  const names = await readdir(join(dir, 'cur')).catch(() => [] as string[]);
  return names.some((n) => n === name || n.startsWith(`${name}:`));
}
