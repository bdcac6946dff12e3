/**
 * "Did you mean ...?" for mistyped commands and flags: the closest known name by edit
 * distance (a swap of two neighbours counts as one edit), or the only name that the input
 * begins, or begins with.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known name `input` most likely stands for, or undefined when none is close: at most
 * one edit for short names, two for names of five characters or more.
 */
export function closest(input: string, known: readonly string[]): string | undefined {
  const limit = input.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const distance = editDistance(input, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  // `--conc` for --concurrency, `--outdir` for --out: one name the input starts or ends.
  const related = known.filter(
    (name) =>
      Math.min(name.length, input.length) >= 3 &&
      (name.startsWith(input) || input.startsWith(name)),
  );
  return related.length === 1 ? related[0] : undefined;
}
