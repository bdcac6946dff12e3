/**
 * Counts deliveries from a container's log as it is written, so that waiting for a
 * mailbox to fill costs the server nothing: polling with `docker exec` would start
 * processes inside the container, whose CPU Docker charges to the server being measured.
 */
import type { StartedTestContainer } from 'testcontainers';

/** Deliveries one log line reports (0 for most lines). */
export type LineCounter = (line: string) => number;

/** Reference MTA: the `delivered` field of its JSON `queue.done` / `queue.deferred` records. */
export const countReferenceDeliveries: LineCounter = (line) => {
  if (!line.startsWith('{') || !line.includes('"event":"queue.')) return 0;
  try {
    const record = JSON.parse(line) as { event?: unknown; delivered?: unknown };
    const isAttempt = record.event === 'queue.done' || record.event === 'queue.deferred';
    return isAttempt && typeof record.delivered === 'number' ? record.delivered : 0;
  } catch {
    return 0;
  }
};

/** Postfix local(8): one `status=sent (delivered to mailbox)` line per recipient. */
export const countPostfixDeliveries: LineCounter = (line) =>
  / status=sent \(delivered to mailbox\)/.test(line) ? 1 : 0;

export class LogCounter {
  #total = 0;
  #partial = '';
  readonly #count: LineCounter;
  #stream: { destroy(): void } | undefined;

  constructor(count: LineCounter) {
    this.#count = count;
  }

  /** A counter that follows `container`'s log from its start; stop with `stop()`. */
  static async follow(container: StartedTestContainer, count: LineCounter): Promise<LogCounter> {
    const counter = new LogCounter(count);
    const stream = await container.logs();
    stream.on('data', (chunk: Buffer | string) => counter.push(chunk.toString()));
    stream.on('error', () => {});
    counter.#stream = stream;
    return counter;
  }

  /** Feeds log text (any chunking); counts complete lines. */
  push(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#total += this.#count(line.trim());
  }

  /** Deliveries counted so far. */
  get total(): number {
    return this.#total;
  }

  stop(): void {
    this.#stream?.destroy();
  }
}
