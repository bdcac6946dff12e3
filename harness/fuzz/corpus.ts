/**
 * The feedback corpus: runs that reached a (state, command, reply) triple no earlier run
 * had (coverage.ts), kept so that new runs can start from where they got to. A derived run
 * replays a prefix of a kept run and goes on with freshly generated commands, which takes
 * it past the set-up a random walk seldom completes (EHLO, STARTTLS, AUTH, an open
 * transaction with recipients) and on into what lies behind it.
 */
import fc from 'fast-check';
import type { FuzzCommand } from './command-kit.ts';

/** One kept run: the fuzz commands that ran, in order, and how many new triples it reached. */
export interface CorpusEntry {
  commands: readonly FuzzCommand[];
  triples: number;
}

/** Most runs kept; past it the oldest make room (newer runs tend to reach deeper). */
export const MAX_CORPUS = 1000;

export class Corpus {
  readonly #entries: CorpusEntry[] = [];

  get size(): number {
    return this.#entries.length;
  }

  /** Keeps a run that reached `triples` new triples (an empty run is not kept). */
  add(commands: readonly FuzzCommand[], triples: number): void {
    if (triples <= 0 || commands.length === 0) return;
    if (this.#entries.length >= MAX_CORPUS) this.#entries.shift();
    this.#entries.push({ commands: [...commands], triples });
  }

  /**
   * The entries as they are now: a round of runs derives from one snapshot, so that a
   * failure found in it can be replayed (and shrunk) from its seed and path.
   */
  snapshot(): readonly CorpusEntry[] {
    return [...this.#entries];
  }
}

/**
 * A prefix of a kept run: an entry and a length drawn from the random source, every command
 * kept. Shrinking drops commands (the whole prefix first, then halves, then one at a time),
 * so a finding keeps only the commands of the prefix it needs.
 */
export class PrefixArbitrary extends fc.Arbitrary<FuzzCommand[]> {
  readonly #entries: readonly CorpusEntry[];

  constructor(entries: readonly CorpusEntry[]) {
    super();
    if (entries.length === 0) throw new RangeError('a prefix needs at least one corpus entry');
    this.#entries = entries;
  }

  generate(mrng: fc.Random): fc.Value<FuzzCommand[]> {
    const entry = this.#entries[mrng.nextInt(0, this.#entries.length - 1)];
    const commands = entry?.commands ?? [];
    const length = commands.length === 0 ? 0 : mrng.nextInt(1, commands.length);
    return new fc.Value(commands.slice(0, length), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is FuzzCommand[] {
    return false;
  }

  shrink(value: FuzzCommand[]): fc.Stream<fc.Value<FuzzCommand[]>> {
    return new fc.Stream(shorter(value)).map((v) => new fc.Value(v, undefined));
  }
}

/**
 * Smaller prefixes: none, then the prefix without each run of commands, longest runs first
 * (halves, quarters, ..., single commands: delta debugging's complements), so that a long
 * prefix loses what it does not need in few successful steps (each costs a failing run).
 */
function* shorter(value: readonly FuzzCommand[]): IterableIterator<FuzzCommand[]> {
  if (value.length === 0) return;
  yield [];
  for (let size = Math.floor(value.length / 2); size >= 1; size = Math.floor(size / 2))
    for (let start = 0; start < value.length; start += size)
      yield [...value.slice(0, start), ...value.slice(start + size)];
}
