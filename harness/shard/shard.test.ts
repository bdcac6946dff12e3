// Why these tests? Every job of a CI matrix computes its shard on its own; the split must
// be a partition (each case in exactly one shard), balanced, and independent of input order.
import { describe, expect, it } from 'vitest';
import { formatShard, parseShard, shardCases, shardItems, shardSeeds } from './shard.ts';

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `x/${String(i).padStart(3, '0')}` }));

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    expect(formatShard(parseShard('3/7'))).toBe('3/7');
  });

  it.each([
    ['', 'expected INDEX/COUNT like 2/4'],
    ['2', 'expected INDEX/COUNT like 2/4'],
    ['1/0', 'the shard count must be 1-1000, got 0'],
    ['0/4', 'the shard index must be 1-4, got 0'],
    ['5/4', 'the shard index must be 1-4, got 5'],
    ['1/1001', 'the shard count must be 1-1000'],
    ['-1/4', 'expected INDEX/COUNT'],
    ['1.5/4', 'expected INDEX/COUNT'],
  ])('rejects %j with one line', (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe('shardCases', () => {
  it('partitions the cases: every case in exactly one shard, sizes within one', () => {
    const all = ids(23);
    const shards = [1, 2, 3, 4].map((index) => shardCases(all, { index, count: 4 }));
    const seen = shards.flat().map((c) => c.id);
    expect([...seen].sort()).toEqual(all.map((c) => c.id));
    expect(new Set(seen).size).toBe(23);
    expect(shards.map((s) => s.length)).toEqual([6, 6, 6, 5]);
  });

  it('is round-robin over the ids in sorted order, whatever order they come in', () => {
    const all = ids(8);
    const shuffled = [all[5], all[0], all[7], all[2], all[1], all[6], all[3], all[4]].map(
      (c) => c!,
    );
    expect(shardCases(shuffled, { index: 2, count: 3 }).map((c) => c.id)).toEqual([
      'x/001',
      'x/004',
      'x/007',
    ]);
  });

  it('1/1 is everything, and more shards than cases leaves some empty', () => {
    expect(shardCases(ids(3), { index: 1, count: 1 })).toHaveLength(3);
    expect(shardCases(ids(3), { index: 5, count: 5 })).toEqual([]);
  });

  it('rejects a shard object that is out of range', () => {
    expect(() => shardItems([1, 2], { index: 3, count: 2 })).toThrow(
      'expected 1 <= index <= count',
    );
  });
});

describe('shardSeeds', () => {
  it('splits a seed list by position and keeps its order', () => {
    const seeds = [42, 7, 1000, -3, 9];
    expect(shardSeeds(seeds, { index: 1, count: 2 })).toEqual([42, 1000, 9]);
    expect(shardSeeds(seeds, { index: 2, count: 2 })).toEqual([7, -3]);
  });
});
