/**
 * User suite files: JSON or YAML documents holding a group (types.ts SuiteGroup, with the
 * same group-level defaults as a built-in suite file) or a bare list of scenarios, validated
 * with exactly the rules of the built-in suites.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeError } from '../errors.ts';
import type { ScenarioGroup } from './types.ts';
import { readSuiteDocument } from './validate.ts';

/** Largest suite file read (4 MiB): a suite is hand-written data, not a corpus. */
export const MAX_SUITE_FILE_BYTES = 4 * 1024 * 1024;

/** True when `arg` names a suite file by its extension rather than a suite id. */
export function looksLikeSuiteFile(arg: string): boolean {
  return ['.json', '.yaml', '.yml'].includes(extname(arg).toLowerCase());
}

/** Reads, parses and validates one user suite file. */
export async function loadSuiteFile(file: string): Promise<ScenarioGroup> {
  const text = await readSmallFile(file);
  const document = parseDocument(text, file);
  const fallbackId = `file/${basename(file, extname(file)).replace(/[^0-9A-Za-z.-]/g, '-')}`;
  return readSuiteDocument(document, file, fallbackId.toLowerCase());
}

async function readSmallFile(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ConfigError('is not a file', file);
    if (info.size > MAX_SUITE_FILE_BYTES) {
      throw new ConfigError(`is larger than ${MAX_SUITE_FILE_BYTES} bytes`, file);
    }
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot read: ${describeError(err)}`, file);
  }
}

function parseDocument(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.json') return JSON.parse(text) as unknown;
    if (ext === '.yaml' || ext === '.yml') {
      // Aliases are capped so a hostile file cannot expand into gigabytes ("billion laughs").
      return parseYaml(text, { maxAliasCount: 100, prettyErrors: true }) as unknown;
    }
  } catch (err) {
    throw new ConfigError(
      `not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${describeError(err)}`,
      file,
    );
  }
  throw new ConfigError('unsupported suite file type (use .json, .yaml or .yml)', file);
}
