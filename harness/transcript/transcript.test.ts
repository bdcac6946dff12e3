import { describe, expect, it } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../errors.ts';
import { wireOctets } from './events.ts';
import { Transcript } from './transcript.ts';

describe('Transcript', () => {
  it('timestamps events in ms since the start', () => {
    let now = 500;
    const transcript = new Transcript({ now: () => now });
    now = 512.25;
    transcript.connect('127.0.0.1:25');
    expect(transcript.events).toEqual([{ t: 12.25, kind: 'connect', address: '127.0.0.1:25' }]);
    expect(transcript.target).toBe('127.0.0.1:25');
  });

  it('splits a server chunk after each LF, keeping a trailing fragment as its own event', () => {
    const transcript = new Transcript();
    transcript.server(Buffer.from('220 a\r\n250-b\n250 c'));
    const pieces = transcript.events.map((e) => (e.kind === 'S' ? e.bytes.toString() : e.kind));
    expect(pieces).toEqual(['220 a\r\n', '250-b\n', '250 c']);
  });

  // Why this test? A subarray would pin the whole socket chunk in memory.
  it('keeps copies, not views of the caller buffer', () => {
    const transcript = new Transcript();
    const chunk = Buffer.alloc(100_000, 0x78);
    chunk.write('250 ok\r\n');
    transcript.server(chunk);
    chunk.fill(0x79);
    const event = transcript.events[0];
    expect(event?.kind === 'S' && event.bytes.toString()).toBe('250 ok\r\n');
    expect(event?.kind === 'S' && event.bytes.buffer).not.toBe(chunk.buffer);
  });

  it('caps one event at maxEventOctets, keeping head and tail', () => {
    const transcript = new Transcript({ limits: { maxEventOctets: 10 } });
    transcript.client(Buffer.from('0123456789abcdefghij'));
    const event = transcript.events[0];
    if (event?.kind !== 'C') throw new Error('expected a C event');
    expect(event.bytes.toString()).toBe('01234fghij');
    expect(event.elided).toEqual({ at: 5, octets: 10 });
    expect(wireOctets(event)).toBe(20);
  });

  // Why this test? A hostile server streaming forever must not grow the transcript.
  it('stops keeping data at maxRetainedOctets and counts the rest in one note', () => {
    const transcript = new Transcript({ limits: { maxRetainedOctets: 20, maxEventOctets: 8 } });
    for (let i = 0; i < 10_000; i++) transcript.server(Buffer.from('250-0123456789\r\n'));
    transcript.close('server');
    expect(transcript.retainedOctets).toBeLessThanOrEqual(20);
    expect(transcript.events.length).toBe(4);
    const note = transcript.events[2];
    expect(note?.kind === 'note' && note.omitted).toEqual({ events: 9998, octets: 9998 * 16 });
    expect(transcript.events[3]?.kind).toBe('close');
  });

  it('caps the number of data events and of control events', () => {
    const transcript = new Transcript({ limits: { maxDataEvents: 3, maxControlEvents: 2 } });
    for (let i = 0; i < 100; i++) transcript.server(Buffer.from('x\n'));
    for (let i = 0; i < 100; i++) transcript.note(`n${i}`);
    const shown = transcript.events.map((e) =>
      e.kind === 'note' ? (e.omitted ?? e.text) : e.kind,
    );
    expect(shown).toEqual([
      'S',
      'S',
      'S',
      { events: 97, octets: 194 },
      'n0',
      'n1',
      { events: 98, octets: 0 },
    ]);
  });

  it.each([
    ['maxEventOctets', 0],
    ['maxRetainedOctets', 1.5],
    ['maxDataEvents', Number.NaN],
  ])('rejects limits.%s = %s with a config error', (name, value) => {
    let caught: unknown;
    try {
      new Transcript({ limits: { [name]: value } });
    } catch (err) {
      caught = err;
    }
    expect(hasErrorCode(caught, ERROR_CODES.config)).toBe(true);
    expect((caught as Error).message).toContain(`limits.${name}`);
  });
});
