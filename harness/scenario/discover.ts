/**
 * Finds suite modules by walking a directory tree, so a new suite file needs no
 * registration anywhere (Autobahn's three-places registration is what to avoid).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, describeError } from '../errors.ts';

/** Deepest directory nesting walked; deeper trees are a mistake, not a suite layout. */
const MAX_DEPTH = 8;

/** Module files under `root`, sorted, as paths relative to `root` with `/` separators. */
export async function findModules(root: string): Promise<string[]> {
  const found: string[] = [];
  await walk(root, root, 0, found);
  return found.sort();
}

/**
 * Suite and register modules: `.ts` and `.js`, but not tests (`*.test.ts`), declaration
 * files, or helpers whose file or directory name starts with `_`.
 */
export function isSuiteModule(name: string): boolean {
  if (name.startsWith('_') || name.startsWith('.')) return false;
  if (/\.test\.[jt]s$/.test(name) || name.endsWith('.d.ts')) return false;
  return name.endsWith('.ts') || name.endsWith('.js');
}

async function walk(root: string, dir: string, depth: number, found: string[]): Promise<void> {
  if (depth > MAX_DEPTH) throw new ConfigError(`directories nested too deep`, dir);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join('/');
    if (entry.isDirectory()) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      if (entry.name === 'node_modules') continue;
      await walk(root, full, depth + 1, found);
    } else if (entry.isFile() && isSuiteModule(entry.name)) {
      found.push(rel);
    }
  }
}

/**
 * Imports a module and returns its default export. Import failures (a syntax error in a
 * suite file, say) become one-line ConfigErrors naming the file.
 */
export async function importDefault(file: string, label: string): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`cannot load: ${describeError(err)}`, label);
  }
  if (!('default' in mod) || mod.default === undefined) {
    throw new ConfigError('has no default export', label);
  }
  return mod.default;
}
