import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import {
  describeKeywords,
  formatEhloKeywords,
  formatEhloReply,
  hasKeyword,
  parseEhloReply,
} from './ehlo.ts';
import { parseReplies, type Reply, ReplyParser } from './reply.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

function reply(wire: string): Reply {
  const [event] = parseReplies(b(wire));
  if (event?.kind !== 'reply') throw new Error(`not a reply: ${wire}`);
  return event.reply;
}

const chars = (set: string) => fc.constantFrom(...set.split(''));
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const keyword = fc
  .tuple(chars(alnum), fc.string({ unit: chars(`${alnum}-`), maxLength: 12 }))
  .map(([first, rest]) => first + rest);
const param = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 12,
});
const keywords = fc.uniqueArray(fc.tuple(keyword, fc.array(param, { maxLength: 4 })), {
  maxLength: 10,
  selector: ([k]) => k.toUpperCase(),
});
const label = fc
  .tuple(chars(alnum), fc.string({ unit: chars(`${alnum}-`), maxLength: 8 }), chars(alnum))
  .map(([a, mid, z]) => a + mid + z);
const domain = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));
const greeting = fc.string({ unit: chars(`${alnum} .,!`), maxLength: 30 }).map((g) => g.trim());

describe('EHLO keywords round trip', () => {
  it('format -> wire -> parse gives back domain, greeting and keywords, however chunked', () => {
    fc.assert(
      fc.property(
        domain,
        greeting,
        keywords,
        fc.array(fc.nat(), { maxLength: 10 }),
        (d, g, kws, cuts) => {
          const parser = new ReplyParser();
          const events = splitAt(formatEhloReply(d, g, kws), cuts).flatMap((c) => parser.push(c));
          const [event] = events;
          if (event?.kind !== 'reply') throw new Error('no reply');
          const info = parseEhloReply(event.reply);
          expect(info.violations).toEqual([]);
          expect(info.domain).toBe(d);
          expect(info.greeting).toBe(g);
          expect([...info.keywords]).toEqual(kws.map(([k, p]) => [k.toUpperCase(), p]));
          for (const [k] of kws) expect(hasKeyword(info, k.toLowerCase())).toBe(true);
        },
      ),
    );
  });
});

describe('parseEhloReply', () => {
  it('reads a typical reply, keywords case-insensitively', () => {
    const info = parseEhloReply(
      reply(
        '250-mx.example.test Hello client\r\n250-pipelining\r\n250-SIZE 10485760\r\n250 AUTH PLAIN LOGIN\r\n',
      ),
    );
    expect(info).toEqual({
      domain: 'mx.example.test',
      greeting: 'Hello client',
      keywords: new Map([
        ['PIPELINING', []],
        ['SIZE', ['10485760']],
        ['AUTH', ['PLAIN', 'LOGIN']],
      ]),
      violations: [],
    });
    expect(hasKeyword(info, 'Pipelining')).toBe(true);
    expect(hasKeyword(info, 'STARTTLS')).toBe(false);
    expect(describeKeywords(info)).toEqual(['PIPELINING', 'SIZE 10485760', 'AUTH PLAIN LOGIN']);
  });

  it('accepts a single-line reply and an address literal', () => {
    const info = parseEhloReply(reply('250 [192.0.2.1]\r\n'));
    expect(info).toMatchObject({ domain: '[192.0.2.1]', greeting: '', violations: [] });
    expect(info.keywords.size).toBe(0);
  });

  it('keeps the first parameters of a keyword advertised twice', () => {
    const info = parseEhloReply(reply('250-mx\r\n250-SIZE 1\r\n250 size 2\r\n'));
    expect(info.keywords.get('SIZE')).toEqual(['1']);
  });

  it.each([
    ['a reply other than 250', '502 5.5.1 no EHLO\r\n', /code is 502/],
    ['a bad domain', '250-mx_bad.example\r\n250 SIZE\r\n', /Domain/],
    [
      'an old AUTH= keyword',
      '250-mx\r\n250 AUTH=LOGIN PLAIN\r\n',
      /'AUTH=LOGIN' is not an ehlo-keyword/,
    ],
    ['two spaces between parameters', '250-mx\r\n250 AUTH  PLAIN\r\n', /empty ehlo-param/],
    ['a trailing space', '250-mx\r\n250 SIZE \r\n', /empty ehlo-param/],
    ['an empty keyword line', '250-mx\r\n250-\r\n250 SIZE\r\n', /no ehlo-keyword/],
    [
      'a control character in a parameter',
      '250-mx\r\n250 X a\x01b\r\n',
      /'a\\x01b' is not an ehlo-param/,
    ],
    ['a keyword starting with "-"', '250-mx\r\n250 -X\r\n', /not an ehlo-keyword/],
  ])('reports %s', (_name, wire, pattern) => {
    const { violations } = parseEhloReply(reply(wire));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(pattern);
    expect(violations[0]).toMatch(/^RFC 5321 §4\.1\.1\.1: /);
  });
});

describe('formatEhloKeywords', () => {
  it('writes one line per keyword with its parameters', () => {
    const map = new Map([
      ['PIPELINING', []],
      ['SIZE', ['10485760']],
    ]);
    expect(formatEhloKeywords(map)).toEqual(['PIPELINING', 'SIZE 10485760']);
    expect(formatEhloReply('mx.test', '', map).toString('latin1')).toBe(
      '250-mx.test\r\n250-PIPELINING\r\n250 SIZE 10485760\r\n',
    );
  });

  it.each([
    ['a bad keyword', () => formatEhloKeywords([['AUTH=LOGIN', []]])],
    ['a parameter with a space', () => formatEhloKeywords([['AUTH', ['PLAIN LOGIN']]])],
    ['an empty parameter', () => formatEhloKeywords([['SIZE', ['']]])],
    [
      'a duplicate keyword',
      () =>
        formatEhloKeywords([
          ['SIZE', []],
          ['size', ['1']],
        ]),
    ],
    ['a bad domain', () => formatEhloReply('-mx', '', [])],
  ])('rejects %s', (_name, call) => {
    expect(call).toThrow(expect.objectContaining({ code: ERROR_CODES.config }));
  });
});
