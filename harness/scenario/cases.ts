/**
 * Loading and selecting the cases a command works on: built-in suites from `suites/`,
 * user suite files, then id prefixes and `--case` globs. Results are sorted by id.
 */
import {
  collectScenarios,
  compareIds,
  DEFAULT_SUITES_DIR,
  type LoadedGroup,
  loadBuiltInGroups,
  loadUserGroups,
} from './load.ts';
import { selectScenarios } from './select.ts';
import type { Scenario } from './types.ts';

/** Which cases a command works on. */
export interface SelectionArgs {
  /** Id prefixes: positional arguments and `--suite ID`. */
  prefixes: string[];
  /** `--case` globs. */
  globs: string[];
  /** `--suite FILE` (JSON or YAML). */
  files: string[];
  /** Whether any `--suite ID` was given (then built-in suites are needed with files). */
  suiteIds: string[];
}

/** Where the built-in suites are read from. */
export interface CaseSource {
  /** Directory of the built-in suites; default the checkout's `suites/`. */
  suitesDir?: string;
}

/**
 * The selected scenarios. Built-in suites are loaded unless only `--suite FILE` was given;
 * duplicate ids across everything loaded are an error (ids are stable keys).
 */
export async function loadCases(
  selection: SelectionArgs,
  source: CaseSource = {},
): Promise<{ scenarios: Scenario[]; all: Scenario[] }> {
  const needBuiltIn = selection.files.length === 0 || selection.suiteIds.length > 0;
  const builtIn: LoadedGroup[] = needBuiltIn
    ? await loadBuiltInGroups(source.suitesDir ?? DEFAULT_SUITES_DIR)
    : [];
  const user = await loadUserGroups(selection.files);
  const all = collectScenarios([...builtIn, ...user]);
  const userIds = new Set(user.flatMap((g) => g.group.scenarios.map((s) => s.id)));
  const bySuite =
    selection.suiteIds.length === 0
      ? all
      : [
          ...selectScenarios(
            all.filter((s) => !userIds.has(s.id)),
            { prefixes: selection.suiteIds, globs: [] },
          ),
          ...all.filter((s) => userIds.has(s.id)),
        ];
  const pool = [...bySuite].sort((a, b) => compareIds(a.id, b.id));
  const scenarios = selectScenarios(pool, { prefixes: selection.prefixes, globs: selection.globs });
  return { scenarios, all };
}
