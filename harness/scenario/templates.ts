/**
 * Template variables a scenario may use in `line`, `lines`, `bytes` and `parts`. The runner
 * fills them from the target profile (harness/runner/profile.ts); the loader rejects any
 * other `{{name}}` so a typo fails at load time, not as a strange command on the wire.
 */
import type { Scenario } from './types.ts';

export const TEMPLATE_NAMES = [
  'helo',
  'from',
  'rcpt',
  'rcpt2',
  'rcptLocal',
  'rcptPattern',
  'domain',
  'unknownRcpt',
  'foreign',
  'foreignDomain',
  'mxDomain',
  'serverDomain',
  'authUser',
  'authPass',
  'authPlain',
  // Relay-through cases only (a scenario with `relay`): the case's own token, and the
  // domain the target routes to the sink (`--relay-domain`).
  'relayToken',
  'relayDomain',
] as const;

/** The template variables only a relay-through case may use. */
export const RELAY_TEMPLATE_NAMES: readonly TemplateName[] = ['relayToken', 'relayDomain'];

/** One template variable name. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Values for every template variable. */
export type TemplateValues = Readonly<Record<TemplateName, string>>;

const NAME_SET: ReadonlySet<string> = new Set(TEMPLATE_NAMES);
const REFERENCE = /\{\{([^{}]*)\}\}/g;

/** Names used in `text` that are not template variables (empty when all are known). */
export function unknownTemplateNames(text: string): string[] {
  const unknown: string[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    const name = m[1] ?? '';
    if (!NAME_SET.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Replaces every `{{name}}` in `text` by its value. Unknown names are left as written. */
export function expandTemplates(text: string, values: TemplateValues): string {
  return text.replace(REFERENCE, (whole, name: string) =>
    NAME_SET.has(name) ? values[name as TemplateName] : whole,
  );
}

/** Every template variable a scenario's steps use, in order of first use. */
export function templateNamesUsed(scenario: Scenario): TemplateName[] {
  const used: TemplateName[] = [];
  for (const step of scenario.steps) {
    for (const text of Object.values(step).flat()) {
      if (typeof text !== 'string') continue;
      for (const m of text.matchAll(REFERENCE)) {
        const name = m[1] ?? '';
        if (NAME_SET.has(name) && !used.includes(name as TemplateName))
          used.push(name as TemplateName);
      }
    }
  }
  return used;
}
