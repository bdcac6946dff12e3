/**
 * Loading scenarios and the requirement register: built-in suites discovered under
 * `suites/`, user suite files, validation, and the duplicate-id check.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';
import { findModules, importDefault } from './discover.ts';
import { FieldPath, readArray } from './fields.ts';
import type { Requirement, Scenario, ScenarioGroup } from './types.ts';
import { loadSuiteFile } from './user-suite.ts';
import { readGroup, readRequirement } from './validate.ts';

/** The `suites/` directory of this checkout. */
export const DEFAULT_SUITES_DIR = fileURLToPath(new URL('../../suites/', import.meta.url));

/** Directory of the requirement register inside the suites tree. */
const REGISTER_DIR = 'register';

/** A group with the file it came from. */
export interface LoadedGroup {
  group: ScenarioGroup;
  /** e.g. `suites/rfc5321/4.1.4-rcpt.ts` or the user's file path. */
  origin: string;
}

/** Every suite module under `suitesDir` (the register excepted), validated. */
export async function loadBuiltInGroups(suitesDir = DEFAULT_SUITES_DIR): Promise<LoadedGroup[]> {
  const files = await findModules(suitesDir, { skipDirs: [REGISTER_DIR] });
  const groups: LoadedGroup[] = [];
  for (const rel of files) {
    const origin = `suites/${rel}`;
    const value = await importDefault(join(suitesDir, rel), origin);
    groups.push({ group: readGroup(value, new FieldPath(origin)), origin });
  }
  return groups;
}

/** User suite files, validated. */
export async function loadUserGroups(files: readonly string[]): Promise<LoadedGroup[]> {
  const groups: LoadedGroup[] = [];
  for (const file of files) groups.push({ group: await loadSuiteFile(file), origin: file });
  return groups;
}

/**
 * All scenarios of `groups`, sorted by id. Throws a ConfigError naming both files when an
 * id occurs twice: ids are stable keys (baselines, reports), so a clash is never benign.
 */
export function collectScenarios(groups: readonly LoadedGroup[]): Scenario[] {
  const seen = new Map<string, string>();
  const all: Scenario[] = [];
  for (const { group, origin } of groups) {
    for (const scenario of group.scenarios) {
      const first = seen.get(scenario.id);
      if (first !== undefined) {
        const where = first === origin ? `twice in ${origin}` : `in ${first} and ${origin}`;
        throw new ConfigError(`duplicate scenario id ${scenario.id} (${where})`);
      }
      seen.set(scenario.id, origin);
      all.push(scenario);
    }
  }
  return all.sort((a, b) => compareIds(a.id, b.id));
}

/** Code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The requirement register: every module under `suites/register/`, validated. */
export async function loadRegister(suitesDir = DEFAULT_SUITES_DIR): Promise<Requirement[]> {
  const dir = join(suitesDir, REGISTER_DIR);
  let files: string[];
  try {
    files = await findModules(dir);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return [];
    throw err;
  }
  const all: Requirement[] = [];
  const seen = new Map<string, string>();
  for (const rel of files) {
    const origin = `suites/${REGISTER_DIR}/${rel}`;
    const value = await importDefault(join(dir, rel), origin);
    const list = readArray(value, new FieldPath(origin), readRequirement, {
      allowEmpty: true,
      what: 'a list of requirements',
    });
    for (const req of list) {
      const first = seen.get(req.id);
      if (first !== undefined) {
        throw new ConfigError(`duplicate requirement id ${req.id} (in ${first} and ${origin})`);
      }
      seen.set(req.id, origin);
      all.push(req);
    }
  }
  return all;
}
