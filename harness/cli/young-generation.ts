/**
 * The CLI's garbage-collector setting. V8 grows the young generation (where new objects
 * start) up to 64 MiB when allocation is fast, and a server flooding the harness with
 * replies or random bytes makes it fast: the harness then kept 100 MiB more resident
 * memory for no gain. Capped at 8 MiB, `run` and `fuzz` stay under 200 MB against such
 * servers at no cost in speed; kept at its first 1 MiB, more objects outlive it and the old
 * generation grows instead (bench/hostile-memory.ts; README "Fuzzing", "Figures").
 *
 * It has to be done at run time: the bin cannot pass V8 options to its own Node, and the
 * size flags are read once, when the heap is made. `--semi-space-growth-factor` is the one
 * V8 reads each time it would grow the young generation, so it is set to 1 (no growth) once
 * a collection finds the young generation at the cap.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's size (both semi-spaces) at which it stops growing. */
export const YOUNG_GENERATION_CAP = 8 * 1024 * 1024;

/** Whether the user already chose young-generation sizes (NODE_OPTIONS or node flags). */
function chosenByUser(): boolean {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''];
  return given.some((option) => /semi[-_]space/.test(option));
}

function youngGenerationSize(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/** Stops the growth of the young generation once it reaches the cap, unless the user chose. */
export function capYoungGeneration(): void {
  if (chosenByUser()) return;
  const stopAtCap = (): boolean => {
    if (youngGenerationSize() < YOUNG_GENERATION_CAP) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (stopAtCap()) return;
  // A collection is when the size can have changed; the observer holds no event-loop ref.
  const observer = new PerformanceObserver(() => {
    if (stopAtCap()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
