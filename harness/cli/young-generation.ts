/**
 * The CLI's garbage-collector setting. V8 grows the young generation (where new objects
 * start) up to 64 MiB when allocation is fast, and a server flooding the harness with
 * replies or random bytes makes it fast: the harness then kept 100 MiB more resident
 * memory for no gain. Keeping the young generation at the size it has after start-up
 * (one to a few MiB) keeps `run` and `fuzz` under 200 MB against such servers, and costs
 * no speed (bench/hostile-memory.ts; README "Fuzzing", "Figures").
 *
 * It has to be a flag changed at run time: the bin cannot pass V8 options to its own
 * Node. `--semi-space-growth-factor` is the one size flag V8 reads again each time it
 * would grow the young generation; the others are read once, when the heap is made.
 */
import { setFlagsFromString } from 'node:v8';

/** Whether the user already chose young-generation sizes (NODE_OPTIONS or node flags). */
function chosenByUser(): boolean {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''];
  return given.some((option) => /semi[-_]space/.test(option));
}

/** Stops the young generation from growing past its current size, unless the user chose. */
export function keepYoungGenerationSmall(): void {
  if (chosenByUser()) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
