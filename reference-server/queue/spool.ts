/**
 * The durable spool under `<dataDir>/spool/`:
 * - `tmp/`     files being written; never scanned, emptied on open (they belong to
 *              transactions that were never acknowledged, so re-queueing them would
 *              duplicate mail the client will send again: Haraka #2505);
 * - `queue/`   `<id>.msg`, one file per live message: its {@link QueueRecord} as one line of
 *              JSON, a LF, then the content as received (unstuffed, our Received field
 *              first). Its presence is what makes a message live. `<id>.state`, written
 *              only once the state changes, is the current record and overrides the one in
 *              `<id>.msg` (the content is never rewritten);
 * - `corrupt/` records that do not parse, and files the spool does not know, kept for a person.
 *
 * Both files of a message live in one directory, so one directory fsync makes an accept
 * (or a removal) durable: 2 fsyncs before the 250, where a content file and a record file
 * in two directories took 4.
 */
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Envelope } from '../message-store.ts';
import {
  holdDirectory,
  releaseDirectory,
  renameSynced,
  syncDirectory,
  unlinkIfPresent,
  writeSynced,
} from './durable-fs.ts';
import { isQueueId, newQueueId } from './queue-id.ts';
import { checkEnvelope, initialRecord, parseRecord, type QueueRecord } from './record.ts';
import { contentOf, readMessageFile, type SpooledContent } from './spool-content.ts';
import { SpoolDraft } from './spool-draft.ts';
import { ioError, SpoolError } from './spool-error.ts';

/** What {@link Spool.open} found. */
export interface SpoolRecovery {
  /** Live messages, oldest first, with their next attempt time (ms since the epoch). */
  live: { queueId: string; dueAt: number }[];
  /** Files of unacknowledged transactions deleted from `tmp/`. */
  removedTmp: number;
  /** State files without their message (a removal cut short) deleted from `queue/`. */
  removedOrphans: number;
  /** Queue ids (or, for a file the spool does not know, its name) moved to `corrupt/`. */
  quarantined: { queueId: string; reason: string }[];
}

const MESSAGE = '.msg';
const STATE = '.state';

export class Spool {
  readonly root: string;
  readonly #tmp: string;
  readonly #queue: string;
  readonly #corrupt: string;
  /** Messages that have a `.state` file (found at open, or saved since): only they are read or unlinked. */
  readonly #withState = new Set<string>();
  #tmpSeq = 0;

  /** `root` is `<dataDir>/spool`. Nothing is touched before {@link open}. */
  constructor(root: string) {
    this.root = root;
    this.#tmp = join(root, 'tmp');
    this.#queue = join(root, 'queue');
    this.#corrupt = join(root, 'corrupt');
  }

  /**
   * Creates the directories and recovers after a stop or a crash: empties `tmp/`, deletes
   * state files without a message, quarantines unreadable messages and unknown files, and
   * lists the live messages. Must finish before the first {@link add}: it deletes whatever
   * is in `tmp/`.
   */
  async open(): Promise<SpoolRecovery> {
    try {
      for (const dir of [this.#tmp, this.#queue, this.#corrupt]) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
      }
      // Every accept and every removal fsyncs queue/: keep it open for that.
      await holdDirectory(this.#queue);
      const removedTmp = await this.#emptyTmp();
      const quarantined: SpoolRecovery['quarantined'] = [];
      const messages = new Set<string>();
      const states: string[] = [];
      for (const name of await readdir(this.#queue)) {
        const id = queueIdOf(name, MESSAGE) ?? queueIdOf(name, STATE);
        if (id === undefined) {
          await rename(join(this.#queue, name), join(this.#corrupt, name));
          quarantined.push({ queueId: name, reason: `spool: queue/${name} is not a spool file` });
        } else if (name.endsWith(MESSAGE)) messages.add(id);
        else states.push(id);
      }
      let removedOrphans = 0;
      for (const id of states) {
        if (messages.has(id)) this.#withState.add(id);
        else if (await unlinkIfPresent(this.#statePath(id))) removedOrphans++;
      }
      if (removedOrphans > 0 || quarantined.length > 0) await syncDirectory(this.#queue);
      const live: SpoolRecovery['live'] = [];
      for (const queueId of [...messages].sort()) {
        const problem = await this.#check(queueId);
        if (typeof problem === 'string') {
          await this.quarantine(queueId);
          quarantined.push({ queueId, reason: problem });
        } else {
          live.push({ queueId, dueAt: Date.parse(problem.nextAttemptAt) });
        }
      }
      return { live, removedTmp, removedOrphans, quarantined };
    } catch (err) {
      throw err instanceof SpoolError ? err : ioError(`open ${this.root}`, err);
    }
  }

  /**
   * Starts spooling a message whose content follows in pieces ({@link SpoolDraft}): record
   * and content go to `tmp/` and, at commit, are fsynced, renamed into `queue/` (the commit
   * point) and that directory fsynced. Only then does commit resolve, so a 250 sent
   * afterwards survives a crash (RFC 5321 §6.1). Throws SpoolError for a bad envelope.
   */
  begin(envelope: Envelope, options: { dsnFor?: string } = {}): SpoolDraft {
    checkEnvelope(envelope);
    const record = initialRecord(newQueueId(), envelope, new Date(), options.dsnFor);
    const id = record.queueId;
    return new SpoolDraft(record, {
      tmpPath: join(this.#tmp, `${id}${MESSAGE}`),
      queuePath: this.#messagePath(id),
    });
  }

  /** Spools a message whose content is at hand: {@link begin}, one write, commit. */
  async add(
    envelope: Envelope,
    content: Buffer,
    options: { dsnFor?: string } = {},
  ): Promise<QueueRecord> {
    const draft = this.begin(envelope, options);
    await draft.write(content);
    return draft.commit();
  }

  /** Closes the directory {@link open} keeps open; the spool may be opened again later. */
  async close(): Promise<void> {
    await releaseDirectory(this.#queue);
  }

  /** Reads and checks the current record of `queueId`. */
  async load(queueId: string): Promise<QueueRecord> {
    return (await this.#read(queueId, false)).record;
  }

  /** Reads the whole content of `queueId` as it was accepted (tests; small messages). */
  async content(queueId: string): Promise<Buffer> {
    const { content } = await this.#read(queueId, true);
    const parts: Buffer[] = [];
    for await (const chunk of content.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /**
   * The current record and the content of `queueId`: one read of the message file for the
   * record (and all of a small content); the rest is streamed when delivery reads it.
   */
  read(queueId: string): Promise<{ record: QueueRecord; content: SpooledContent }> {
    return this.#read(queueId, true);
  }

  /**
   * Replaces the record atomically: write `<id>.state` to `tmp/`, fsync, rename over,
   * fsync the directory. The message file, content included, is left alone.
   */
  async save(record: QueueRecord): Promise<void> {
    const tmp = join(this.#tmp, `${record.queueId}.${process.pid}-${++this.#tmpSeq}${STATE}`);
    try {
      await writeSynced(tmp, JSON.stringify(record));
      this.#withState.add(record.queueId);
      await renameSynced(tmp, this.#statePath(record.queueId));
    } catch (err) {
      await unlinkIfPresent(tmp).catch(() => false);
      throw ioError(`save record ${record.queueId}`, err);
    }
  }

  /**
   * Removes a finished message: the message file first, then its state file, if any. A
   * crash in between leaves an orphan state file, deleted by {@link open}; the order matters,
   * as a surviving message file without its state would be delivered again from its initial
   * record. `durable: false` skips the directory fsync: for a message whose every recipient
   * was delivered locally and that spooled no DSN, a removal lost in a power cut brings it
   * back, and its local deliveries find their Maildir copies (by name) and are not repeated.
   */
  async remove(queueId: string, options: { durable?: boolean } = {}): Promise<void> {
    try {
      await unlinkIfPresent(this.#messagePath(queueId));
      if (options.durable !== false) await syncDirectory(this.#queue);
      if (this.#withState.delete(queueId)) await unlinkIfPresent(this.#statePath(queueId));
    } catch (err) {
      throw ioError(`remove ${queueId}`, err);
    }
  }

  /** Moves the files of `queueId` to `corrupt/`, out of the queue's way. */
  async quarantine(queueId: string): Promise<void> {
    this.#withState.delete(queueId);
    // The message file goes first: without it, a state file left behind is an orphan.
    for (const path of [this.#messagePath(queueId), this.#statePath(queueId)]) {
      try {
        await rename(path, join(this.#corrupt, path.slice(this.#queue.length + 1)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          throw ioError(`quarantine ${queueId}`, err);
      }
    }
    await syncDirectory(this.#queue);
  }

  async #read(
    queueId: string,
    withContent: boolean,
  ): Promise<{ record: QueueRecord; content: SpooledContent }> {
    const messageFile = `queue/${queueId}${MESSAGE}`;
    let stateText: string | undefined;
    try {
      if (this.#withState.has(queueId))
        stateText = await readFile(this.#statePath(queueId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw ioError(`read record ${queueId}`, err);
    }
    let recordLine: string | undefined;
    let content = contentOf(Buffer.alloc(0));
    if (withContent || stateText === undefined) {
      try {
        ({ recordLine, content } = await readMessageFile(this.#messagePath(queueId)));
      } catch (err) {
        throw ioError(`read ${stateText === undefined ? 'record' : 'content'} ${queueId}`, err);
      }
      if (recordLine === undefined)
        throw new SpoolError('corrupt-record', `spool: ${messageFile}: no record line`);
    }
    const record =
      stateText === undefined
        ? parseRecord(recordLine ?? '', messageFile)
        : parseRecord(stateText, `queue/${queueId}${STATE}`);
    if (record.queueId !== queueId) {
      throw new SpoolError('corrupt-record', `spool: queue/${queueId} names ${record.queueId}`);
    }
    return { record, content };
  }

  #messagePath(queueId: string): string {
    return join(this.#queue, `${checkedId(queueId)}${MESSAGE}`);
  }

  #statePath(queueId: string): string {
    return join(this.#queue, `${checkedId(queueId)}${STATE}`);
  }

  async #emptyTmp(): Promise<number> {
    const names = await readdir(this.#tmp);
    for (const name of names) await unlinkIfPresent(join(this.#tmp, name));
    if (names.length > 0) await syncDirectory(this.#tmp);
    return names.length;
  }

  /** The record when `queueId` is deliverable, else why not. */
  async #check(queueId: string): Promise<QueueRecord | string> {
    try {
      return (await this.#read(queueId, true)).record;
    } catch (err) {
      if (err instanceof SpoolError && err.failure === 'corrupt-record') return err.message;
      throw err;
    }
  }
}

function checkedId(queueId: string): string {
  if (!isQueueId(queueId))
    throw new SpoolError('invalid-envelope', `spool: '${queueId}' is not a queue id`);
  return queueId;
}

/** The queue id of a spool file name `<id><ext>`, or undefined. */
function queueIdOf(name: string, ext: string): string | undefined {
  if (!name.endsWith(ext)) return undefined;
  const id = name.slice(0, -ext.length);
  return isQueueId(id) ? id : undefined;
}
