/**
 * Reading a spooled message back: its record line, and its content as a
 * {@link SpooledContent} that delivery streams from the file in bounded pieces. The first
 * read takes {@link FIRST_READ} octets: the record and, for most messages, all the content,
 * so a small message costs one read.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Octets read first: the record line and the start of the content. */
export const FIRST_READ = 64 * 1024;
/** A record line longer than this is corrupt (100 recipients with ORCPT fit many times). */
export const MAX_RECORD = 1024 * 1024;
const LF = 0x0a;

/** The content of a spooled message (unstuffed, our Received: field first). */
export interface SpooledContent {
  /** Octets of content. */
  readonly size: number;
  /** The whole content when the first read held it all (small messages); else undefined. */
  readonly whole: Buffer | undefined;
  /** The content from its start, in pieces of at most 64 KiB, read as they are consumed. */
  chunks(): AsyncIterable<Buffer>;
  /** The first `max` octets (all of a smaller content). */
  head(max: number): Promise<Buffer>;
}

/** Content held in memory (a DSN we build, tests). */
export function contentOf(bytes: Buffer): SpooledContent {
  return {
    size: bytes.length,
    whole: bytes,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += FIRST_READ) yield bytes.subarray(i, i + FIRST_READ);
    },
    head: async (max) => bytes.subarray(0, max),
  };
}

/** What the first read of a message file found. */
export interface MessageFileStart {
  /** The record line, without its LF; undefined when there is no LF within MAX_RECORD. */
  recordLine: string | undefined;
  content: SpooledContent;
}

/** Reads the record line of the message file at `path` and opens its content for reading. */
export async function readMessageFile(path: string): Promise<MessageFileStart> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    let buffer = Buffer.allocUnsafe(Math.min(size, FIRST_READ));
    let filled = await readFully(file, buffer, 0);
    let lf = buffer.indexOf(LF);
    while (lf === -1 && filled < size && filled < MAX_RECORD) {
      const more = Buffer.allocUnsafe(Math.min(size, buffer.length * 2, MAX_RECORD));
      buffer.copy(more);
      buffer = more;
      filled = await readFully(file, buffer, filled);
      lf = buffer.indexOf(LF);
    }
    if (lf === -1) return { recordLine: undefined, content: contentOf(Buffer.alloc(0)) };
    const offset = lf + 1;
    const prefix = buffer.subarray(offset, filled);
    return {
      recordLine: buffer.toString('utf8', 0, lf),
      content: fileContent(path, offset, size - offset, prefix),
    };
  } finally {
    await file.close();
  }
}

/** Fills `buffer` from file position `from` (the same as the buffer offset); returns the end. */
async function readFully(
  file: Awaited<ReturnType<typeof open>>,
  buffer: Buffer,
  from: number,
): Promise<number> {
  let at = from;
  while (at < buffer.length) {
    const { bytesRead } = await file.read(buffer, at, buffer.length - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at;
}

function fileContent(path: string, offset: number, size: number, prefix: Buffer): SpooledContent {
  const whole = prefix.length >= size ? prefix.subarray(0, size) : undefined;
  return {
    size,
    whole,
    async *chunks() {
      if (whole !== undefined) {
        if (size > 0) yield whole;
        return;
      }
      if (prefix.length > 0) yield prefix;
      const stream = createReadStream(path, {
        start: offset + prefix.length,
        end: offset + size - 1,
        highWaterMark: FIRST_READ,
      });
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } finally {
        stream.destroy();
      }
    },
    async head(max) {
      const want = Math.min(max, size);
      if (prefix.length >= want) return prefix.subarray(0, want);
      const file = await open(path, 'r');
      try {
        const out = Buffer.alloc(want);
        prefix.copy(out);
        let at = prefix.length;
        while (at < want) {
          const { bytesRead } = await file.read(out, at, want - at, offset + at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return out.subarray(0, at);
      } finally {
        await file.close();
      }
    },
  };
}
