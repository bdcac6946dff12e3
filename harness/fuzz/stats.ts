/**
 * Counters one campaign shares across its workers: runs, failures, the distinct replies
 * seen (a rough coverage measure) and the warnings, deduplicated and capped.
 */
import type { FuzzWarning, WarningKind } from './findings.ts';

/** Most distinct warnings kept; later new ones are only counted. */
export const MAX_WARNINGS = 50;
/** Most distinct `verb code` pairs tracked. */
const MAX_REPLY_KINDS = 10_000;
/** Most distinct (state, command, reply) triples tracked. */
export const MAX_TRIPLES = 100_000;

export class CampaignStats {
  readonly startedAt = performance.now();
  runs = 0;
  /** Runs spent shrinking and simplifying failures (not counted in `runs`). */
  shrinkRuns = 0;
  failures = 0;
  /** Warnings beyond {@link MAX_WARNINGS} distinct ones. */
  droppedWarnings = 0;
  readonly #replies = new Map<string, number>();
  readonly #triples = new Set<string>();
  readonly #warnings = new Map<string, FuzzWarning>();

  /** Notes one reply, keyed by what it answered: `RCPT 550`, `END-OF-DATA 250`. */
  reply(verb: string, code: number): void {
    const key = `${verb} ${code}`;
    const seen = this.#replies.get(key);
    if (seen !== undefined) this.#replies.set(key, seen + 1);
    else if (this.#replies.size < MAX_REPLY_KINDS) this.#replies.set(key, 1);
  }

  /**
   * How often each `verb code` pair was seen, sorted by key: what the campaign reached
   * (e.g. whether `STARTTLS 220` or `END-OF-DATA 250` happened at all).
   */
  get replyCounts(): Record<string, number> {
    return Object.fromEntries([...this.#replies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Distinct `verb code` pairs so far. */
  get distinctReplies(): number {
    return this.#replies.size;
  }

  /** Notes a (state, command, reply) triple (coverage.ts); true when it is new. */
  triple(key: string): boolean {
    if (this.#triples.has(key) || this.#triples.size >= MAX_TRIPLES) return false;
    this.#triples.add(key);
    return true;
  }

  /** Distinct (state, command, reply) triples reached so far. */
  get tripleCount(): number {
    return this.#triples.size;
  }

  /** The triples reached, sorted. */
  get triples(): string[] {
    return [...this.#triples].sort();
  }

  /** Records a warning; the same key only raises its count. */
  warn(kind: WarningKind, key: string, message: string, example: string): void {
    const seen = this.#warnings.get(key);
    if (seen) {
      seen.count += 1;
      return;
    }
    if (this.#warnings.size >= MAX_WARNINGS) {
      this.droppedWarnings += 1;
      return;
    }
    this.#warnings.set(key, { kind, key, message, count: 1, example });
  }

  /** Warnings in the order first seen. */
  get warnings(): FuzzWarning[] {
    return [...this.#warnings.values()];
  }

  /** Runs per second since the start. */
  runsPerSecond(now = performance.now()): number {
    const seconds = (now - this.startedAt) / 1000;
    return seconds > 0 ? this.runs / seconds : 0;
  }
}
