import { describe, expect, it } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../errors.ts';
import { parseTranscriptJson, transcriptFromJson, transcriptToJson } from './json.ts';
import { renderTranscript } from './render.ts';
import { Transcript } from './transcript.ts';

function sample(): Transcript {
  let now = 0;
  const transcript = new Transcript({
    label: 'rfc5321/4.1.1.4/bare-lf',
    startedAt: new Date('2026-11-28T16:00:00.000Z'),
    now: () => (now += 1.5),
    limits: { maxEventOctets: 16 },
  });
  transcript.connect('[::1]:2525');
  transcript.server(Buffer.from('220 hi\r\n'));
  transcript.client(Buffer.from([0x00, 0x0a, 0xff, 0x2e, 0x0d]));
  transcript.client(Buffer.alloc(100, 0x41));
  transcript.tls({ protocol: 'TLSv1.3', cipher: 'X', authorized: true });
  transcript.timeout('reply to DATA', 50);
  transcript.error(ERROR_CODES.closed, 'gone');
  transcript.note('n');
  transcript.close('server');
  return transcript;
}

describe('transcript JSON', () => {
  it('round-trips byte-exactly through JSON text', () => {
    const original = sample();
    const text = JSON.stringify(transcriptToJson(original));
    const back = parseTranscriptJson(text);
    expect(back.events).toEqual(original.events);
    expect(back.limits).toEqual(original.limits);
    expect(renderTranscript(back)).toBe(renderTranscript(original));
  });

  it('carries base64 and the visible form of data events', () => {
    const json = transcriptToJson(sample());
    expect(json.events[2]).toEqual({
      t: 4.5,
      kind: 'C',
      base64: 'AAr/Lg0=',
      visible: '\\x00\\n\\xff.\\r',
    });
    expect(json.events[3]).toMatchObject({ elided: { at: 8, octets: 84 } });
  });

  type Json = Record<string, unknown>;
  const base = (): Json => JSON.parse(JSON.stringify(transcriptToJson(sample())));
  /** A copy of the sample JSON with the value at `path` replaced (or deleted if undefined). */
  const withValue = (path: (string | number)[], value: unknown): Json => {
    const root = base();
    let node = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path.at(-1) ?? '';
    if (value === undefined) delete node[last];
    else node[last] = value;
    return root;
  };
  it.each<[string, () => unknown, string]>([
    ['not an object', () => [], 'transcript: must be an object'],
    ['wrong format', () => withValue(['format'], 'x'), 'format:'],
    ['wrong version', () => withValue(['version'], 2), 'version:'],
    ['bad date', () => withValue(['startedAt'], 'yesterday'), 'startedAt:'],
    ['events not array', () => withValue(['events'], {}), 'events:'],
    ['bad base64', () => withValue(['events', 2, 'base64'], 'A*=='), 'events[2].base64:'],
    ['negative t', () => withValue(['events', 0, 't'], -1), 'events[0].t:'],
    ['unknown kind', () => withValue(['events', 1, 'kind'], 'X'), 'events[1].kind:'],
    ['bad close by', () => withValue(['events', 8, 'by'], 'me'), 'events[8].by:'],
    [
      'elision past end',
      () => withValue(['events', 3, 'elided', 'at'], 99),
      'events[3].elided.at:',
    ],
    ['bad limit', () => withValue(['limits', 'maxEventOctets'], 1), 'limits.maxEventOctets:'],
    [
      'tls without cipher',
      () => withValue(['events', 4, 'tls', 'cipher'], undefined),
      'events[4].tls.cipher:',
    ],
  ])('rejects %s with a one-line config error', (_name, make, field) => {
    let caught: unknown;
    try {
      transcriptFromJson(make());
    } catch (err) {
      caught = err;
    }
    expect(hasErrorCode(caught, ERROR_CODES.config)).toBe(true);
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseTranscriptJson('{')).toThrow(/^transcript: not valid JSON/);
  });

  // Why this test? A forged file must not bypass the caps a live transcript enforces.
  it('applies the caps while rebuilding', () => {
    const json = withValue(['limits', 'maxRetainedOctets'], 8);
    const back = transcriptFromJson(json);
    expect(back.retainedOctets).toBeLessThanOrEqual(8);
    expect(back.events.some((e) => e.kind === 'note' && e.omitted)).toBe(true);
  });
});

describe('a transcript with another connection absorbed', () => {
  it('interleaves by time, labels the other side, and round-trips through JSON', () => {
    let now = 0;
    const start = new Date('2026-11-28T16:00:00.000Z');
    const own = new Transcript({
      label: 'case',
      target: '127.0.0.1:25',
      startedAt: start,
      now: () => now,
    });
    own.connect('127.0.0.1:25');
    now = 10;
    own.client(Buffer.from('DATA\r\n'));
    now = 30;
    own.server(Buffer.from('250 OK\r\n'));
    let other = 0;
    const sink = new Transcript({ startedAt: new Date(start.getTime() + 15), now: () => other });
    sink.client(Buffer.from('MAIL FROM:<a@b>\r\n'));
    other = 10;
    sink.server(Buffer.from('250 sink\r\n'));
    own.absorb(sink, 'sink#1');
    const text = renderTranscript(own);
    expect(text.split('\n').slice(1, 6)).toEqual([
      '[   0.000] connect 127.0.0.1:25',
      '[   0.010] C: DATA\\r\\n',
      '[   0.015] sink#1 C: MAIL FROM:<a@b>\\r\\n',
      '[   0.025] sink#1 S: 250 sink\\r\\n',
      '[   0.030] S: 250 OK\\r\\n',
    ]);
    const back = parseTranscriptJson(JSON.stringify(transcriptToJson(own)));
    expect(renderTranscript(back)).toBe(text);
    const bad = transcriptToJson(own);
    (bad.events[2] as { conn?: string }).conn = 'bad label';
    expect(() => transcriptFromJson(JSON.parse(JSON.stringify(bad)))).toThrow(/events\[2\]\.conn/);
  });
});
