/**
 * A binary min-heap of (queue id, due time), so the scheduler finds the next due message in
 * O(log n) however long the queue is.
 */

/** One scheduled attempt. */
export interface DueEntry {
  queueId: string;
  dueAt: number;
}

export class DueHeap {
  readonly #items: DueEntry[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The earliest entry, left in place. */
  peek(): DueEntry | undefined {
    return this.#items[0];
  }

  push(entry: DueEntry): void {
    const items = this.#items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#at(parent).dueAt <= this.#at(i).dueAt) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest entry. */
  pop(): DueEntry | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && this.#at(left).dueAt < this.#at(least).dueAt) least = left;
      if (right < items.length && this.#at(right).dueAt < this.#at(least).dueAt) least = right;
      if (least === i) return top;
      this.#swap(i, least);
      i = least;
    }
  }

  #at(i: number): DueEntry {
    return this.#items[i] as DueEntry;
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    [items[a], items[b]] = [this.#at(b), this.#at(a)];
  }
}
