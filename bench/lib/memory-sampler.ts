/**
 * Samples a container's memory in the background and keeps the peaks: the largest sum of
 * RSS and of PSS over its processes seen in any sample, and the largest VmHWM. A sampled
 * peak can miss a spike shorter than the interval; VmHWM cannot, but exists per process.
 */
import type { StartedTestContainer } from 'testcontainers';
import {
  containerMemory,
  type MemorySource,
  type MemoryTotals,
  memorySourceFor,
  totalsOf,
} from './proc-memory.ts';

export interface MemoryPeaks {
  rssKb: number;
  pssKb: number | undefined;
  maxHwmKb: number;
  processes: number;
  samples: number;
  source: MemorySource;
  intervalMs: number;
}

export class MemorySampler {
  readonly #container: StartedTestContainer;
  #source: MemorySource = 'host';
  #intervalMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #peaks: MemoryPeaks | undefined;

  constructor(container: StartedTestContainer) {
    this.#container = container;
  }

  /** Starts sampling every `hostIntervalMs` (host /proc) or `execIntervalMs` (docker exec). */
  async start(hostIntervalMs = 250, execIntervalMs = 2_000): Promise<void> {
    this.#source = await memorySourceFor(this.#container);
    this.#intervalMs = this.#source === 'host' ? hostIntervalMs : execIntervalMs;
    this.#stopped = false;
    await this.#sample();
    this.#schedule();
  }

  /** The current totals (one extra sample, not counted in the peaks). */
  async now(): Promise<MemoryTotals> {
    return totalsOf(await containerMemory(this.#container, this.#source));
  }

  /** Peaks so far; undefined before the first sample. */
  get peaks(): MemoryPeaks | undefined {
    return this.#peaks;
  }

  /** Stops sampling (after one last sample) and returns the peaks. */
  async stop(): Promise<MemoryPeaks | undefined> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (this.#peaks) await this.#sample().catch(() => undefined);
    return this.#peaks;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#sample()
        .catch(() => undefined)
        .finally(() => this.#schedule());
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async #sample(): Promise<void> {
    const t = totalsOf(await containerMemory(this.#container, this.#source));
    if (t.processes === 0) return;
    const p = this.#peaks;
    this.#peaks = {
      rssKb: Math.max(p?.rssKb ?? 0, t.rssKb),
      pssKb: maxDefined(p?.pssKb, t.pssKb),
      maxHwmKb: Math.max(p?.maxHwmKb ?? 0, t.maxHwmKb),
      processes: Math.max(p?.processes ?? 0, t.processes),
      samples: (p?.samples ?? 0) + 1,
      source: this.#source,
      intervalMs: this.#intervalMs,
    };
  }
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}
