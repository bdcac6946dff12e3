// Why these tests? Feedback runs replay a prefix of a kept run: the prefix must come from
// the snapshot the round started with (so that a failure can be replayed from its seed),
// and shrinking must be able to drop every command of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FuzzCommand } from './command-kit.ts';
import { Corpus, MAX_CORPUS, PrefixArbitrary } from './corpus.ts';
import { protocolState, tripleOf } from './coverage.ts';
import { initialModel } from './model.ts';

const command = (name: string): FuzzCommand => ({
  check: () => true,
  run: async () => undefined,
  toString: () => name,
});
const names = (cs: readonly FuzzCommand[]) => cs.map(String).join(' ');

describe('Corpus', () => {
  it('keeps runs that reached new triples, oldest out past the cap; snapshots do not move', () => {
    const corpus = new Corpus();
    corpus.add([command('a')], 0);
    corpus.add([], 3);
    expect(corpus.size).toBe(0);
    corpus.add([command('a')], 1);
    const snapshot = corpus.snapshot();
    for (let i = 0; i < MAX_CORPUS + 5; i++) corpus.add([command(`r${i}`)], 1);
    expect(corpus.size).toBe(MAX_CORPUS);
    expect(snapshot.map((e) => names(e.commands))).toEqual(['a']);
    expect(names(corpus.snapshot()[0]?.commands ?? [])).toBe('r5');
  });
});

describe('PrefixArbitrary', () => {
  const entry = { commands: 'a b c d e f'.split(' ').map(command), triples: 2 };

  it('draws a non-empty prefix of a kept run, reproducibly', () => {
    const arb = new PrefixArbitrary([entry]);
    const sample = (seed: number) => fc.sample(arb, { numRuns: 20, seed }).map(names);
    expect(sample(3)).toEqual(sample(3));
    for (const p of sample(3)) expect('a b c d e f'.startsWith(p) && p.length > 0).toBe(true);
  });

  it('shrinks to nothing first, then drops runs of commands, longest first', () => {
    const arb = new PrefixArbitrary([entry]);
    const shrunk = [...arb.shrink(entry.commands.slice(0, 4))].map((v) => names(v.value));
    expect(shrunk.slice(0, 4)).toEqual(['', 'c d', 'a b', 'b c d']);
    expect(shrunk).toContain('a b c');
  });
});

describe('triples', () => {
  it('name the state (recipients past 100 apart), the command kind and the code', () => {
    const m = { ...initialModel(), state: 'rcpt' as const, recipients: 201, tls: true };
    expect(protocolState(m)).toBe('rcpt(101+)+tls');
    expect(tripleOf(m, { verb: 'RSET', form: 'valid' }, 250)).toBe(
      'rcpt(101+)+tls | RSET valid | 250',
    );
    expect(tripleOf(initialModel(), { verb: 'BDAT', last: true }, 503)).toBe(
      'greeted | BDAT last | 503',
    );
  });
});
