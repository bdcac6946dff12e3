/**
 * The Node.js versions smtpspec supports, and the check made when the CLI or the API
 * starts. The range is the current LTS lines that every runtime dependency supports:
 * testcontainers (an optional peer) and its undici need 22.22 on the 22 line, vitest (the
 * peer behind `smtpspec/vitest`) skips the odd lines. package.json `engines.node` says the
 * same (a test keeps them equal). The source checkout runs on the Node pinned as a dev
 * dependency instead (README "Development").
 *
 * Written for old runtimes too: this module must load on any Node that can say "too old".
 */

/** `engines.node` of package.json. */
export const SUPPORTED_NODE = '^22.22.0 || ^24.0.0 || >=26.0.0';

type Triple = [number, number, number];

function triple(text: string): Triple | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One comparator of the range grammar used here: `^X.Y.Z`, `>=X.Y.Z` or `<X.Y.Z`. */
function satisfiesComparator(version: Triple, comparator: string): boolean {
  const m = /^(\^|>=|<)(.+)$/.exec(comparator);
  const bound = m ? triple(m[2] ?? '') : undefined;
  if (!m || !bound) throw new Error(`unsupported version range comparator '${comparator}'`);
  if (m[1] === '>=') return compare(version, bound) >= 0;
  if (m[1] === '<') return compare(version, bound) < 0;
  return compare(version, bound) >= 0 && version[0] === bound[0];
}

/** True when `version` (`v24.1.0` or `24.1.0`) is in `range` (alternatives joined by `||`). */
export function satisfiesRange(version: string, range: string): boolean {
  const v = triple(version);
  if (v === undefined) return false;
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((comparator) => satisfiesComparator(v, comparator)),
  );
}

/**
 * The one line to print when `version` is not supported, else undefined:
 * `smtpspec needs Node.js ^22.22.0 || ^24.0.0 || >=26.0.0; this is Node.js 20.20.2`.
 */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  if (satisfiesRange(version, SUPPORTED_NODE)) return undefined;
  return `smtpspec needs Node.js ${SUPPORTED_NODE}; this is Node.js ${version.replace(/^v/, '')}`;
}

/** Ends the process with status 2 and one line on stderr when this Node is not supported. */
export function exitUnlessSupportedNode(): void {
  const problem = nodeVersionProblem();
  if (problem === undefined) return;
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
