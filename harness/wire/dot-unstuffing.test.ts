import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import type { DataEvent } from './data-events.ts';
import {
  DATA_EVENT,
  DotUnstuffer,
  dotUnstuff,
  END_OF_DATA,
  type EndOfData,
} from './dot-unstuffing.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('DotUnstuffer (Transform)', () => {
  it('reads unstuffed content, reports events, ends at CRLF.CRLF and keeps the remainder', async () => {
    const unstuffer = new DotUnstuffer();
    const events: DataEvent[] = [];
    const ends: EndOfData[] = [];
    unstuffer.on(DATA_EVENT, (e: DataEvent) => events.push(e));
    unstuffer.on(END_OF_DATA, (e: EndOfData) => ends.push(e));
    const content = buffer(unstuffer);
    for (const part of ['..one\r', '\nbare\n.\n', 'x\r\n.', '\r\nMAIL FROM:<a@b>\r\n'])
      unstuffer.write(b(part));
    unstuffer.end(b('RCPT TO:<c@d>\r\n'));
    expect((await content).toString('latin1')).toBe('.one\r\nbare\n.\nx\r\n');
    expect(events.map((e) => e.kind)).toEqual(['bare-lf', 'end-of-data-look-alike', 'bare-lf']);
    expect(ends.map((e) => e.remainder.toString())).toEqual(['MAIL FROM:<a@b>\r\n']);
    expect(unstuffer.isDone).toBe(true);
    expect(unstuffer.takeRemainder().toString()).toBe('MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n');
    expect(unstuffer.takeRemainder().length).toBe(0);
  });

  it('fails with SMTPSPEC_ERR_CLOSED when input ends before the terminator', async () => {
    const stream = Readable.from([b('no end\r\n.')]).pipe(new DotUnstuffer());
    await expect(buffer(stream)).rejects.toMatchObject({ code: ERROR_CODES.closed });
  });

  it('caps the bytes it keeps after the end of data', async () => {
    const unstuffer = new DotUnstuffer({ maxRemainder: 4 });
    const failure = new Promise((resolve) => unstuffer.on('error', resolve));
    unstuffer.resume();
    unstuffer.write(b('.\r\nAB'));
    unstuffer.write(b('CDE'));
    expect(await failure).toMatchObject({ code: ERROR_CODES.limit });
  });

  it('marks sizeExceeded and still ends in sync', async () => {
    const unstuffer = new DotUnstuffer({ maxSize: 3 });
    const content = buffer(unstuffer);
    unstuffer.end(b('abcdef\r\n.\r\nQUIT\r\n'));
    expect((await content).length).toBeLessThanOrEqual(3);
    expect(unstuffer.sizeExceeded).toBe(true);
    expect(unstuffer.takeRemainder().toString()).toBe('QUIT\r\n');
  });
});

describe('dotUnstuff', () => {
  it('decodes a whole buffer', () => {
    expect(dotUnstuff(b('a\r\n..b\r\n.\r\nNOOP\r\n'))).toEqual({
      content: b('a\r\n.b\r\n'),
      events: [],
      isDone: true,
      sizeExceeded: false,
      remainder: b('NOOP\r\n'),
    });
  });

  it('says when there was no terminator', () => {
    const result = dotUnstuff(b('a\n.\n'));
    expect(result.isDone).toBe(false);
    expect(result.remainder.length).toBe(0);
  });
});
