/**
 * A message on its way into the spool: its record line and content go to `tmp/<id>.msg`
 * in batches of about {@link BATCH} octets (one writev each), so memory stays bounded
 * whatever the size. A message that fits in one batch is written with one write when it is
 * committed (no file is opened before); a larger one opens the file at its first batch.
 * Commit: write the rest, fsync, rename into `queue/`, fsync that directory (RFC 5321
 * §6.1: only then the 250).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { renameSynced, unlinkIfPresent, writeSynced } from './durable-fs.ts';
import type { QueueRecord } from './record.ts';
import { ioError } from './spool-error.ts';

/** Content octets held in memory before they go to the file. */
export const BATCH = 64 * 1024;

/** Where the draft goes, and what it tells the spool. */
export interface DraftTarget {
  /** `tmp/<id>.msg`. */
  tmpPath: string;
  /** `queue/<id>.msg`. */
  queuePath: string;
}

export class SpoolDraft {
  readonly record: QueueRecord;
  readonly #target: DraftTarget;
  readonly #head: Buffer;
  /** Copies of the content written since the last flush, `#used` octets. */
  #parts: Buffer[] = [];
  #used = 0;
  #file: FileHandle | undefined;
  #failure: unknown;
  #state: 'open' | 'committing' | 'done' = 'open';
  /** After commit: the content, when it never left memory (one batch); delivery reuses it. */
  committedContent: Buffer | undefined;

  constructor(record: QueueRecord, target: DraftTarget) {
    this.record = record;
    this.#target = target;
    // JSON.stringify escapes every line break, so the first LF ends the record.
    this.#head = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.#state !== 'open' || this.#failure !== undefined) return;
    try {
      if (chunk.length === 0) return;
      this.#parts.push(Buffer.from(chunk));
      this.#used += chunk.length;
      if (this.#used >= BATCH) await this.#flush();
    } catch (err) {
      this.#failure = err;
      await this.#closeFile();
    }
  }

  /** Makes the message durable; resolves with its record. */
  async commit(): Promise<QueueRecord> {
    if (this.#state !== 'open') throw ioError(`commit ${this.record.queueId}`, 'not open');
    this.#state = 'committing';
    try {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#file === undefined) {
        const whole = Buffer.concat([this.#head, ...this.#parts]);
        await writeSynced(this.#target.tmpPath, whole);
        this.committedContent = whole.subarray(this.#head.length);
      } else {
        await this.#flush();
        await this.#file.sync();
        await this.#closeFile();
      }
      this.#parts = [];
      await renameSynced(this.#target.tmpPath, this.#target.queuePath);
      this.#state = 'done';
      return this.record;
    } catch (err) {
      await this.discard();
      throw ioError(`spool message ${this.record.queueId}`, err);
    }
  }

  /** Drops the draft and its temporary file; never rejects. */
  async discard(): Promise<void> {
    if (this.#state === 'done') return;
    this.#state = 'done';
    this.#parts = [];
    await this.#closeFile();
    await unlinkIfPresent(this.#target.tmpPath).catch(() => false);
  }

  async #flush(): Promise<void> {
    const parts = this.#parts;
    if (this.#file === undefined) {
      this.#file = await open(this.#target.tmpPath, 'w', 0o600);
      parts.unshift(this.#head);
    }
    this.#parts = [];
    this.#used = 0;
    await writeAll(this.#file, parts);
  }

  async #closeFile(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close().catch(() => undefined);
  }
}

/** Writes all of `parts` at the file's position, one writev if it takes them all. */
async function writeAll(file: FileHandle, parts: Buffer[]): Promise<void> {
  let left = parts.filter((p) => p.length > 0);
  while (left.length > 0) {
    let { bytesWritten } = await file.writev(left);
    // A short write: drop what went, keep the rest of a part cut in two.
    while (left.length > 0 && bytesWritten >= (left[0] as Buffer).length) {
      bytesWritten -= (left[0] as Buffer).length;
      left = left.slice(1);
    }
    if (bytesWritten > 0) left[0] = (left[0] as Buffer).subarray(bytesWritten);
  }
}
