/**
 * RFC 5321 §4.1.2 `Path = "<" [ A-d-l ":" ] Mailbox ">"`, `Reverse-path = Path / "<>"`,
 * `Forward-path = Path`, `A-d-l = At-domain *( "," At-domain )`, `At-domain = "@" Domain`,
 * `Mailbox = Local-part "@" ( Domain / address-literal )`; at most 256 octets (§4.5.3.1.3).
 */
import fc from 'fast-check';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { addressLiteral } from './address-literal.ts';
import { domain, domainOfLength } from './domain.ts';
import type { FormConstraints } from './form.ts';
import { localPart, localPartOfLength } from './local-part.ts';

/** `reverse`: the MAIL argument (may be `<>`); `forward`: the RCPT argument. */
export type PathDirection = 'reverse' | 'forward';

/** Options of {@link path}. */
export interface PathConstraints extends FormConstraints {
  /** Default `forward`. */
  direction?: PathDirection;
  /** Mailboxes for valid paths (e.g. recipients the target knows); default generated. */
  mailbox?: fc.Arbitrary<string>;
}

/** A valid Mailbox: a local part at a domain or, less often, at an address literal. */
export function mailbox(): fc.Arbitrary<string> {
  const at = fc.oneof(
    { arbitrary: domain(), weight: 4 },
    { arbitrary: addressLiteral(), weight: 1 },
  );
  return fc.tuple(localPart(), at).map(([l, d]) => `${l}@${d}`);
}

/** `A-d-l ":"`, e.g. `@relay.example,@mx.example:` (MUST be accepted, §4.1.1.3). */
const sourceRoute = fc
  .array(domain({ maxLabels: 2 }), { minLength: 1, maxLength: 3 })
  .map((ds) => `${ds.map((d) => `@${d}`).join(',')}:`);

function validPath(c: PathConstraints): fc.Arbitrary<string> {
  const box = c.mailbox ?? mailbox();
  const route = fc.option(sourceRoute, { freq: 8, nil: '' });
  const full = fc
    .tuple(route, box)
    .map(([r, m]) => `<${r}${m}>`)
    .filter((p) => p.length <= SMTP_LIMITS.path);
  if (c.direction === 'reverse') {
    return fc.oneof({ arbitrary: full, weight: 5 }, { arbitrary: fc.constant('<>'), weight: 1 });
  }
  return full;
}

/** A 256-octet path, or a path whose local part is exactly 64 octets; `<>` for reverse. */
function boundaryPath(c: PathConstraints): fc.Arbitrary<string> {
  const longest = localPartOfLength('dot-string', SMTP_LIMITS.localPart);
  // "<" local "@" domain ">": 64 + 189 + 3 = 256.
  const fullPath = fc
    .tuple(longest, domainOfLength(SMTP_LIMITS.path - 3 - SMTP_LIMITS.localPart))
    .map(([l, d]) => `<${l}@${d}>`);
  const longLocal = fc.tuple(longest, domain()).map(([l, d]) => `<${l}@${d}>`);
  const options = [fullPath, longLocal];
  if (c.direction === 'reverse') options.push(fc.constant('<>'));
  return fc.oneof(...options);
}

/** Named ways to leave the Path grammar. */
export const PATH_DEFECTS = [
  'missing-brackets',
  'missing-open',
  'missing-close',
  'doubled-brackets',
  'null-forward',
  'over-long',
  'no-at',
  'bad-local-part',
  'bad-domain',
  'bad-source-route',
  'space-inside',
] as const;

function invalidPath(c: PathConstraints): fc.Arbitrary<string> {
  const box = mailbox();
  const defects = PATH_DEFECTS.filter((d) => d !== 'null-forward' || c.direction !== 'reverse');
  return fc.constantFrom(...defects).chain((defect): fc.Arbitrary<string> => {
    switch (defect) {
      case 'missing-brackets':
        return box;
      case 'missing-open':
        return box.map((m) => `${m}>`);
      case 'missing-close':
        return box.map((m) => `<${m}`);
      case 'doubled-brackets':
        return box.map((m) => `<<${m}>>`);
      case 'null-forward':
        return fc.constant('<>');
      case 'over-long':
        return fc
          .tuple(localPartOfLength('dot-string', 40), domainOfLength(SMTP_LIMITS.path - 42))
          .map(([l, d]) => `<${l}@${d}>`);
      case 'no-at':
        return localPart()
          .map((l) => `<${l}>`)
          .filter((p) => p.toLowerCase() !== '<postmaster>');
      case 'bad-local-part':
        return fc.tuple(localPart({ form: 'invalid' }), domain()).map(([l, d]) => `<${l}@${d}>`);
      case 'bad-domain':
        return fc.tuple(localPart(), domain({ form: 'invalid' })).map(([l, d]) => `<${l}@${d}>`);
      case 'bad-source-route':
        return fc
          .tuple(domain(), domain(), box)
          .chain(([a, b, m]) =>
            fc.constantFrom(`<@${a},${b}:${m}>`, `<@${a}${m}>`, `<@${a}::${m}>`, `<@:${m}>`),
          );
      case 'space-inside':
        return box.map((m) => `< ${m}>`);
    }
  });
}

/** A Reverse-path or Forward-path in the requested form, brackets included. */
export function path(c: PathConstraints = {}): fc.Arbitrary<string> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return validPath(c);
    case 'boundary':
      return boundaryPath(c);
    case 'invalid':
      return invalidPath(c);
  }
}
