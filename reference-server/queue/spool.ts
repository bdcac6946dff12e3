/**
 * The durable spool under `<dataDir>/spool/`:
 * - `tmp/`        files being written; never scanned, emptied on open (they belong to
 *                 transactions that were never acknowledged, so re-queueing them would
 *                 duplicate mail the client will send again: Haraka #2505);
 * - `messages/`   `<id>.eml`, the content as received (unstuffed, our Received field first);
 * - `envelopes/`  `<id>.json`, the {@link QueueRecord}; its presence is what makes a message
 *                 live, so it is renamed into place last;
 * - `corrupt/`    records that do not parse, or lost their content, kept for a person.
 */
import { access, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Envelope } from '../message-store.ts';
import { renameSynced, syncDirectory, unlinkIfPresent, writeSynced } from './durable-fs.ts';
import { isQueueId, newQueueId } from './queue-id.ts';
import { checkEnvelope, initialRecord, parseRecord, type QueueRecord } from './record.ts';
import { ioError, SpoolError } from './spool-error.ts';

/** What {@link Spool.open} found. */
export interface SpoolRecovery {
  /** Live messages, oldest first, with their next attempt time (ms since the epoch). */
  live: { queueId: string; dueAt: number }[];
  /** Files of unacknowledged transactions deleted from `tmp/`. */
  removedTmp: number;
  /** Contents without a record (unacknowledged or finished) deleted from `messages/`. */
  removedOrphans: number;
  /** Queue ids moved to `corrupt/`, with the reason. */
  quarantined: { queueId: string; reason: string }[];
}

export class Spool {
  readonly root: string;
  readonly #tmp: string;
  readonly #messages: string;
  readonly #envelopes: string;
  readonly #corrupt: string;
  #tmpSeq = 0;

  /** `root` is `<dataDir>/spool`. Nothing is touched before {@link open}. */
  constructor(root: string) {
    this.root = root;
    this.#tmp = join(root, 'tmp');
    this.#messages = join(root, 'messages');
    this.#envelopes = join(root, 'envelopes');
    this.#corrupt = join(root, 'corrupt');
  }

  /**
   * Creates the directories and recovers after a stop or a crash: empties `tmp/`, deletes
   * contents without a record, quarantines unreadable records, and lists the live messages.
   * Must finish before the first {@link add}: it deletes whatever is in `tmp/`.
   */
  async open(): Promise<SpoolRecovery> {
    try {
      for (const dir of [this.#tmp, this.#messages, this.#envelopes, this.#corrupt]) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
      }
      const removedTmp = await this.#emptyTmp();
      const recordIds = await this.#idsIn(this.#envelopes, '.json');
      const removedOrphans = await this.#removeOrphans(new Set(recordIds));
      const live: SpoolRecovery['live'] = [];
      const quarantined: SpoolRecovery['quarantined'] = [];
      for (const queueId of recordIds.sort()) {
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
   * Spools a message durably (RFC 5321 §6.1): content and record are written to `tmp/` and
   * fsynced, the content is renamed into `messages/` and that directory fsynced, then the
   * record into `envelopes/` (the commit point) and that directory fsynced. Only then does
   * it resolve, so a 250 sent afterwards survives a crash.
   */
  async add(
    envelope: Envelope,
    content: Buffer,
    options: { dsnFor?: string } = {},
  ): Promise<QueueRecord> {
    checkEnvelope(envelope, content);
    const record = initialRecord(newQueueId(), envelope, new Date(), options.dsnFor);
    const id = record.queueId;
    const tmpContent = join(this.#tmp, `${id}.eml`);
    const tmpRecord = join(this.#tmp, `${id}.json`);
    try {
      await Promise.all([
        writeSynced(tmpContent, content),
        writeSynced(tmpRecord, JSON.stringify(record)),
      ]);
      await renameSynced(tmpContent, this.#contentPath(id));
      await renameSynced(tmpRecord, this.#recordPath(id));
      return record;
    } catch (err) {
      await Promise.allSettled([unlinkIfPresent(tmpContent), unlinkIfPresent(tmpRecord)]);
      throw ioError(`spool message ${id}`, err);
    }
  }

  /** Reads and checks the record of `queueId`. */
  async load(queueId: string): Promise<QueueRecord> {
    const file = this.#recordPath(queueId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw ioError(`read record ${queueId}`, err);
    }
    const record = parseRecord(text, `envelopes/${queueId}.json`);
    if (record.queueId !== queueId) {
      throw new SpoolError(
        'corrupt-record',
        `spool: envelopes/${queueId}.json names ${record.queueId}`,
      );
    }
    return record;
  }

  /** Reads the content of `queueId` as it was accepted. */
  async content(queueId: string): Promise<Buffer> {
    try {
      return await readFile(this.#contentPath(queueId));
    } catch (err) {
      throw ioError(`read content ${queueId}`, err);
    }
  }

  /** Replaces the record atomically: write to `tmp/`, fsync, rename over, fsync the directory. */
  async save(record: QueueRecord): Promise<void> {
    const tmp = join(this.#tmp, `${record.queueId}.${process.pid}-${++this.#tmpSeq}.json`);
    try {
      await writeSynced(tmp, JSON.stringify(record));
      await renameSynced(tmp, this.#recordPath(record.queueId));
    } catch (err) {
      await unlinkIfPresent(tmp).catch(() => false);
      throw ioError(`save record ${record.queueId}`, err);
    }
  }

  /**
   * Removes a finished message: the record first (after that the message is no longer live),
   * then the content. A crash in between leaves an orphan content, deleted by {@link open}.
   */
  async remove(queueId: string): Promise<void> {
    try {
      await unlinkIfPresent(this.#recordPath(queueId));
      await syncDirectory(this.#envelopes);
      await unlinkIfPresent(this.#contentPath(queueId));
    } catch (err) {
      throw ioError(`remove ${queueId}`, err);
    }
  }

  /** Moves the record and content of `queueId` to `corrupt/`, out of the queue's way. */
  async quarantine(queueId: string): Promise<void> {
    for (const [dir, ext] of [
      [this.#envelopes, '.json'],
      [this.#messages, '.eml'],
    ] as const) {
      try {
        await rename(join(dir, `${queueId}${ext}`), join(this.#corrupt, `${queueId}${ext}`));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          throw ioError(`quarantine ${queueId}`, err);
      }
    }
    await syncDirectory(this.#envelopes);
  }

  #recordPath(queueId: string): string {
    if (!isQueueId(queueId))
      throw new SpoolError('invalid-envelope', `spool: '${queueId}' is not a queue id`);
    return join(this.#envelopes, `${queueId}.json`);
  }

  #contentPath(queueId: string): string {
    if (!isQueueId(queueId))
      throw new SpoolError('invalid-envelope', `spool: '${queueId}' is not a queue id`);
    return join(this.#messages, `${queueId}.eml`);
  }

  async #emptyTmp(): Promise<number> {
    const names = await readdir(this.#tmp);
    for (const name of names) await unlinkIfPresent(join(this.#tmp, name));
    if (names.length > 0) await syncDirectory(this.#tmp);
    return names.length;
  }

  async #idsIn(dir: string, ext: string): Promise<string[]> {
    const names = await readdir(dir);
    return names
      .filter((n) => n.endsWith(ext) && isQueueId(n.slice(0, -ext.length)))
      .map((n) => n.slice(0, -ext.length));
  }

  async #removeOrphans(recordIds: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    for (const id of await this.#idsIn(this.#messages, '.eml')) {
      if (recordIds.has(id)) continue;
      if (await unlinkIfPresent(this.#contentPath(id))) removed++;
    }
    if (removed > 0) await syncDirectory(this.#messages);
    return removed;
  }

  /** The record when `queueId` is deliverable, else why not. */
  async #check(queueId: string): Promise<QueueRecord | string> {
    let record: QueueRecord;
    try {
      record = await this.load(queueId);
    } catch (err) {
      if (err instanceof SpoolError && err.failure === 'corrupt-record') return err.message;
      throw err;
    }
    try {
      await access(this.#contentPath(queueId));
    } catch {
      return `spool: messages/${queueId}.eml is missing`;
    }
    return record;
  }
}
