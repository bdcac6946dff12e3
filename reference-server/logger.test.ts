import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './logger.ts';

/** A stream that keeps each write apart. */
function recorder(): { writes: string[]; stream: Writable } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  return { writes, stream };
}

describe('createJsonLogger', () => {
  it('writes each record at once, one line each, without batch', () => {
    const { writes, stream } = recorder();
    const logger = createJsonLogger(stream, 'info');
    logger.log('info', 'a.one', { n: 1 });
    logger.log('debug', 'a.dropped');
    logger.log('warn', 'a.two');
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[0] ?? '')).toMatchObject({ level: 'info', event: 'a.one', n: 1 });
  });

  // Why this test? Batching must cost no record and change no order: the records of one turn
  // of the event loop leave in one write after it, in the order they were logged.
  it('with batch, writes the records of one turn in one write after it, in order', async () => {
    const { writes, stream } = recorder();
    const logger = createJsonLogger(stream, 'info', { batch: true });
    for (let i = 0; i < 5; i++) logger.log('info', 'b.record', { i });
    logger.log('debug', 'b.dropped');
    expect(writes).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
    logger.log('info', 'b.later');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('"event":"b.later"');
  });
});
