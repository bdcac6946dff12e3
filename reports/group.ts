/**
 * Grouping of case results by specification section, shared by every renderer so that the
 * console, JUnit and HTML reports show the same groups in the same order.
 *
 * A group is one `spec` + `section` pair exactly as the cases carry it (e.g. `RFC 5321`,
 * `4.1.1.4`): that is the granularity of a suite file, so a group is what a suite author
 * wrote. Groups are ordered by spec, then by section number segment by segment (4.1.2
 * before 4.1.10); cases keep their order from the report inside a group.
 */
import type { CaseResult } from '../harness/scenario/results.ts';

/** Results of one spec section. */
export interface SectionGroup {
  /** Machine id, `<spec without spaces, lower case>/<section>`, e.g. `rfc5321/4.1.4`. */
  id: string;
  /** Human label, e.g. `RFC 5321 §4.1.4`. */
  label: string;
  spec: string;
  section: string;
  results: CaseResult[];
}

/** `rfc5321/4.1.4` for spec `RFC 5321` and section `4.1.4`. */
export function groupId(spec: string, section: string): string {
  return `${spec.replace(/\s+/g, '').toLowerCase()}/${section}`;
}

/**
 * `RFC 5321 §4.1.4`; just the spec when the section is empty; never empty (JUnit readers
 * require a suite name), so a case with neither reads `(no spec)`.
 */
export function groupLabel(spec: string, section: string): string {
  const name = spec === '' ? '(no spec)' : spec;
  return section === '' ? name : `${name} §${section}`;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Compares dotted section numbers numerically per segment; other text by natural order. */
export function compareSections(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const c = collator.compare(as[i] ?? '', bs[i] ?? '');
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}

/** Groups `results` by spec section (see the module comment for the order). */
export function groupBySection(results: readonly CaseResult[]): SectionGroup[] {
  const groups = new Map<string, SectionGroup>();
  for (const result of results) {
    // Key on the exact pair, not the derived id, so `RFC 5321` and `rfc5321` stay apart.
    const key = `${result.spec}\u0000${result.section}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        id: groupId(result.spec, result.section),
        label: groupLabel(result.spec, result.section),
        spec: result.spec,
        section: result.section,
        results: [],
      };
      groups.set(key, group);
    }
    group.results.push(result);
  }
  return [...groups.values()].sort(
    (a, b) => collator.compare(a.spec, b.spec) || compareSections(a.section, b.section),
  );
}
