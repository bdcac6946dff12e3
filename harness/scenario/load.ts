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

/**
 * A requirement-register module: `<section>.requirements.ts` (`.js` once built), beside
 * the suite files of that section, holding the register entries of that section only.
 */
const REGISTER_FILE = /(?:^|\/)([^/]+)\.requirements\.[jt]s$/;

/** True for a register module path (relative to the suites directory, `/` separators). */
function isRegisterModule(rel: string): boolean {
  return REGISTER_FILE.test(rel);
}

/** A group with the file it came from. */
export interface LoadedGroup {
  group: ScenarioGroup;
  /** e.g. `suites/rfc5321/4.1.4-rcpt.ts` or the user's file path. */
  origin: string;
}

/** Every suite module under `suitesDir` (register modules excepted), validated. */
export async function loadBuiltInGroups(suitesDir = DEFAULT_SUITES_DIR): Promise<LoadedGroup[]> {
  const files = await findModules(suitesDir);
  const groups: LoadedGroup[] = [];
  for (const rel of files.filter((f) => !isRegisterModule(f))) {
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

/**
 * The requirement register: every register module under `suitesDir`, validated, in file
 * order and in order within each file. An entry whose section is not the one in its file
 * name is an error: the register of a section lives in one place, beside its cases.
 */
export async function loadRegister(suitesDir = DEFAULT_SUITES_DIR): Promise<Requirement[]> {
  const files = (await findModules(suitesDir)).filter(isRegisterModule);
  const all: Requirement[] = [];
  const seen = new Map<string, string>();
  for (const rel of files) {
    const origin = `suites/${rel}`;
    const list = await loadRegisterModule(join(suitesDir, rel), origin);
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

/** One register module: a list of requirements, all of the section its file name gives. */
async function loadRegisterModule(file: string, origin: string): Promise<Requirement[]> {
  const section = REGISTER_FILE.exec(origin)?.[1] ?? '';
  const path = new FieldPath(origin);
  const list = readArray(await importDefault(file, origin), path, readRequirement, {
    allowEmpty: true,
    what: 'a list of requirements',
  });
  list.forEach((req, i) => {
    if (req.section !== section) {
      path
        .index(i)
        .at('section')
        .fail(`expected '${section}' (the file's section), got '${req.section}'`);
    }
  });
  return list;
}
