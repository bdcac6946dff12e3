/**
 * Case selection: by id prefix (`smtpspec run rfc5321/4.1`) and by glob (`--case
 * 'rfc5321/4.1.*'`). Ids are stable, so selections in CI scripts stay valid.
 */
import { UsageError } from '../errors.ts';
import type { Scenario } from './types.ts';

/** Which cases to run or list. */
export interface Selection {
  /** Id prefixes (plain `startsWith`); empty: no prefix filter. */
  prefixes: readonly string[];
  /** Globs over the whole id; `*` matches any run of characters (`/` included), `?` one. */
  globs: readonly string[];
}

/** Longest glob accepted; ids are short, so a longer pattern is a mistake. */
const MAX_GLOB_LENGTH = 200;

/**
 * Compiles a glob to an anchored RegExp. Only `*` and `?` are special, so the pattern
 * cannot blow up (each `*` becomes one lazy `.*?` over a short id).
 */
export function globToRegExp(glob: string): RegExp {
  if (glob.length === 0) throw new UsageError('--case: empty pattern');
  if (glob.length > MAX_GLOB_LENGTH) {
    throw new UsageError(`--case: pattern longer than ${MAX_GLOB_LENGTH} characters`);
  }
  let source = '';
  for (const ch of glob.replace(/\*+/g, '*')) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** True when `id` passes the selection. */
export function isSelected(id: string, prefixes: readonly string[], globs: readonly RegExp[]) {
  const byPrefix = prefixes.length === 0 || prefixes.some((p) => id.startsWith(p));
  const byGlob = globs.length === 0 || globs.some((g) => g.test(id));
  return byPrefix && byGlob;
}

/**
 * Applies the selection, keeping the input order. Each prefix and glob must match at
 * least one case: a typo should be a usage error, not a silently empty run.
 */
export function selectScenarios(all: readonly Scenario[], selection: Selection): Scenario[] {
  const globs = selection.globs.map(globToRegExp);
  selection.prefixes.forEach((p) => {
    if (!all.some((s) => s.id.startsWith(p))) throw new UsageError(`no case id starts with '${p}'`);
  });
  selection.globs.forEach((g, i) => {
    if (!all.some((s) => globs[i]?.test(s.id))) throw new UsageError(`no case id matches '${g}'`);
  });
  return all.filter((s) => isSelected(s.id, selection.prefixes, globs));
}
