// Why this test? The README's architecture section promises one direction of
// dependencies: SMTP core < engine < application inside harness/, the reference MTA on the
// core alone, reports on the core and the results model, and no import cycle anywhere.
// A rule nobody checks erodes with the next feature; this reads every import and fails
// on the first upward arrow or loop, naming the file and the rule.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCE_ROOTS = ['harness', 'reference-server', 'reports', 'suites', 'bench', 'fixtures'];

type Layer =
  | 'core'
  | 'engine'
  | 'application'
  | 'reference-server'
  | 'reports'
  | 'results-model'
  | 'suites'
  | 'tooling';

/** Longest prefix wins; paths are repository-relative with `/`. */
const LAYERS: readonly [string, Layer][] = [
  ['harness/wire/', 'core'],
  ['harness/client/', 'core'],
  ['harness/transcript/', 'core'],
  ['harness/server/', 'core'],
  ['harness/errors.ts', 'core'],
  ['harness/node-support.ts', 'core'],
  ['harness/node-support-check.ts', 'core'],
  ['harness/scenario/types.ts', 'results-model'],
  ['harness/scenario/results.ts', 'results-model'],
  ['harness/scenario/result-paths.ts', 'results-model'],
  ['harness/scenario/results-read.ts', 'results-model'],
  ['harness/scenario/', 'engine'],
  ['harness/runner/', 'engine'],
  ['harness/judge/', 'engine'],
  ['harness/fuzz/', 'engine'],
  ['harness/targets/', 'engine'],
  ['harness/shard/', 'engine'],
  ['harness/relay/', 'engine'],
  ['harness/clientmode/', 'engine'],
  ['harness/baseline/', 'engine'],
  ['harness/cli/', 'application'],
  ['harness/api.ts', 'application'],
  ['harness/index.ts', 'application'],
  ['harness/vitest/', 'application'],
  ['reference-server/', 'reference-server'],
  ['reports/', 'reports'],
  ['suites/', 'suites'],
  ['bench/', 'tooling'],
  ['fixtures/', 'tooling'],
];

/** What each layer may import besides itself. */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  'results-model': ['core'],
  'reference-server': ['core'],
  reports: ['core', 'results-model'],
  suites: ['results-model'],
  engine: ['core', 'results-model', 'reference-server'],
  application: ['core', 'results-model', 'engine', 'reference-server', 'reports'],
  tooling: ['core', 'results-model', 'engine', 'application', 'reference-server', 'reports'],
};

function layerOf(path: string): Layer | undefined {
  let best: [string, Layer] | undefined;
  for (const entry of LAYERS) {
    if (path.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** Test files and test doubles may reach anywhere; product code may not reach them. */
function isTestCode(path: string): boolean {
  return path.endsWith('.test.ts') || path.includes('/testing/');
}

function sourceFiles(): string[] {
  const out: string[] = [];
  for (const root of SOURCE_ROOTS) {
    for (const entry of readdirSync(join(ROOT, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const rel = relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (!rel.includes('node_modules/')) out.push(rel);
    }
  }
  return out.sort();
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of `file`, resolved to repository paths. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined || !spec.startsWith('.')) continue;
    const target = normalize(join(dirname(file), spec))
      .split(sep)
      .join('/');
    if (known.has(target)) found.push(target);
  }
  return found;
}

const files = sourceFiles();
const known = new Set(files);
const product = files.filter((f) => !isTestCode(f));
const graph = new Map(product.map((f) => [f, importsOf(f, known)] as const));

describe('architecture', () => {
  it('every source file belongs to a layer', () => {
    expect(product.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('imports only run downward between layers, and product code never imports test code', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      const own = layerOf(from);
      for (const to of targets) {
        const theirs = layerOf(to);
        if (isTestCode(to) && own !== 'tooling') upward.push(`${from} -> ${to} (test code)`);
        else if (own && theirs && own !== theirs && !MAY_IMPORT[own].includes(theirs)) {
          upward.push(`${from} (${own}) -> ${to} (${theirs})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') {
          cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
