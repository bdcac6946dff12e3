/**
 * A message on its way into the spool: its record line and content go to `tmp/<id>.msg`
 * in batches of at most {@link BATCH} octets, so memory stays bounded whatever the size.
 * A message that fits in one batch is written with one write when it is committed (no
 * file is opened before); a larger one opens the file when the first batch is full.
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
  #batch: Buffer | undefined;
  #used = 0;
  #file: FileHandle | undefined;
  #failure: unknown;
  #state: 'open' | 'committing' | 'done' = 'open';

  constructor(record: QueueRecord, target: DraftTarget) {
    this.record = record;
    this.#target = target;
    // JSON.stringify escapes every line break, so the first LF ends the record.
    this.#head = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.#state !== 'open' || this.#failure !== undefined) return;
    try {
      let from = 0;
      while (from < chunk.length) {
        this.#batch ??= Buffer.allocUnsafe(BATCH);
        const n = chunk.copy(this.#batch, this.#used, from);
        this.#used += n;
        from += n;
        if (this.#used === BATCH) await this.#flush();
      }
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
      const rest = this.#batch?.subarray(0, this.#used) ?? Buffer.alloc(0);
      if (this.#file === undefined) {
        await writeSynced(this.#target.tmpPath, Buffer.concat([this.#head, rest]));
      } else {
        await writeAll(this.#file, rest);
        await this.#file.sync();
        await this.#closeFile();
      }
      this.#batch = undefined;
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
    this.#batch = undefined;
    await this.#closeFile();
    await unlinkIfPresent(this.#target.tmpPath).catch(() => false);
  }

  async #flush(): Promise<void> {
    const batch = this.#batch as Buffer;
    if (this.#file === undefined) {
      this.#file = await open(this.#target.tmpPath, 'w', 0o600);
      await writeAll(this.#file, this.#head);
    }
    // The batch is reused only once the write that reads it has finished.
    await writeAll(this.#file, batch.subarray(0, this.#used));
    this.#used = 0;
  }

  async #closeFile(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close().catch(() => undefined);
  }
}

/** Writes all of `bytes` at the file's position (a write may take fewer octets than asked). */
async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}
