/**
 * Splitting a run into shards (`--shard i/n`) so CI can spread it over n parallel jobs.
 *
 * The split is round-robin over the cases sorted by id (code-unit order, the order of the
 * report): the case at position p (0-based) belongs to shard (p mod n) + 1. Every shard
 * gets the same number of cases, plus or minus one, and neighbouring cases of a slow
 * section land on different shards. The assignment depends only on the selected ids, so
 * every job of a CI matrix computes the same split; adding a case can move later cases to
 * another shard, which is harmless because `smtpspec merge` recombines whole runs.
 */
import { UsageError } from '../errors.ts';
import { compareIds } from '../scenario/load.ts';
import type { ShardInfo } from '../scenario/results.ts';

/** One part of a sharded run: shard `index` (1-based) of `count`. */
export type Shard = ShardInfo;

/** Upper bound on `n` in `--shard i/n`; more shards than this is a typo, not a CI matrix. */
export const MAX_SHARDS = 1000;

/**
 * Parses `i/n`, e.g. `2/4`. Throws a UsageError naming `flag` unless 1 <= i <= n <= 1000.
 */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^([0-9]{1,4})\/([0-9]{1,4})$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag}: expected INDEX/COUNT like 2/4, got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) {
    throw new UsageError(`${flag}: the shard count must be 1-${MAX_SHARDS}, got ${count}`);
  }
  if (index < 1 || index > count) {
    throw new UsageError(`${flag}: the shard index must be 1-${count}, got ${index}`);
  }
  return { index, count };
}

/** `2/4`. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

function checkShard(shard: Shard): void {
  const { index, count } = shard;
  const ok =
    Number.isInteger(index) &&
    Number.isInteger(count) &&
    count >= 1 &&
    index >= 1 &&
    index <= count;
  if (!ok) throw new UsageError(`shard ${index}/${count}: expected 1 <= index <= count`);
}

/** The items of `shard`, round-robin by position in `items` (order kept). */
export function shardItems<T>(items: readonly T[], shard: Shard): T[] {
  checkShard(shard);
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}

/** The cases of `shard`: round-robin over the cases sorted by id, returned in id order. */
export function shardCases<T extends { id: string }>(cases: readonly T[], shard: Shard): T[] {
  const sorted = [...cases].sort((a, b) => compareIds(a.id, b.id));
  return shardItems(sorted, shard);
}

/**
 * The fuzz seeds of `shard`: round-robin by position in `seeds`, order kept. Pass the same
 * seed list to every shard (e.g. derived from one `--seed`), and together the shards run
 * each seed exactly once.
 */
export function shardSeeds(seeds: readonly number[], shard: Shard): number[] {
  return shardItems(seeds, shard);
}
