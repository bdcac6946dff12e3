/**
 * Reads a configuration file (JSON, or YAML via the `yaml` package) and validates it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { ConfigError, describeError } from '../harness/errors.ts';
import { resolveConfig, type ServerConfig } from './config.ts';

/** Config files larger than this are refused before parsing (a config is a few KB). */
const MAX_CONFIG_FILE = 1024 * 1024;

/**
 * Loads and validates `path`. `.json` files are parsed as JSON, anything else as YAML
 * (a superset of JSON). Relative paths inside resolve against the file's directory.
 * Throws `ConfigError` with a one-line reason.
 */
export async function loadConfigFile(path: string): Promise<ServerConfig> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CONFIG_FILE) {
      throw new ConfigError(`${path}: larger than ${MAX_CONFIG_FILE} octets`);
    }
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot read ${path}: ${describeError(err)}`);
  }
  // An empty YAML file parses as null: that means "all defaults".
  return resolveConfig(parseConfigText(text, path) ?? undefined, { baseDir: dirname(path) });
}

/**
 * The `yaml` package, loaded the first time a YAML file is read: it adds about 2 MiB of
 * resident memory, which a server started with a JSON config (its container image) never
 * pays.
 */
function yaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

/** Parses config text; the format follows the file name's extension. */
export function parseConfigText(text: string, path: string): unknown {
  try {
    if (extname(path).toLowerCase() === '.json') return JSON.parse(text) as unknown;
    // `uniqueKeys` (default on) makes a repeated key an error rather than a silent override.
    return yaml().parse(text, { prettyErrors: false, maxAliasCount: 100 }) as unknown;
  } catch (err) {
    throw new ConfigError(
      `${path}: not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${describeError(err)}`,
    );
  }
}
