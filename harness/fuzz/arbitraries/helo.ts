/**
 * RFC 5321 §4.1.1.1: `ehlo = "EHLO" SP ( Domain / address-literal ) CRLF`,
 * `helo = "HELO" SP Domain CRLF`.
 */
import fc from 'fast-check';
import { addressLiteral } from './address-literal.ts';
import { type CommandLine, lineOf, mutateLine, verbText } from './command-line.ts';
import { domain } from './domain.ts';
import type { FormConstraints } from './form.ts';

/** Options of {@link heloCommand} and {@link ehloCommand}. */
export interface HeloConstraints extends FormConstraints {
  /** The client name for valid lines (default generated). */
  name?: fc.Arbitrary<string>;
}

type Greeting = 'HELO' | 'EHLO';

function valid(verb: Greeting, c: HeloConstraints): fc.Arbitrary<CommandLine> {
  const generated =
    verb === 'EHLO'
      ? fc.oneof({ arbitrary: domain(), weight: 4 }, { arbitrary: addressLiteral(), weight: 1 })
      : domain();
  const name = c.name ?? generated;
  return fc.tuple(verbText(verb), name).map(([v, n]) => lineOf(verb, `${v} ${n}`, 'valid', ''));
}

/** A 255-octet domain (RFC 5321 §4.5.3.1.2) as the argument. */
function boundary(verb: Greeting): fc.Arbitrary<CommandLine> {
  return fc
    .tuple(verbText(verb), domain({ form: 'boundary' }))
    .map(([v, d]) => lineOf(verb, `${v} ${d}`, 'boundary', 'domain-255'));
}

/** Grammar-specific defects, then the shared line mutations. */
function invalid(verb: Greeting, c: HeloConstraints): fc.Arbitrary<CommandLine> {
  const own = fc.oneof(
    fc.constant(lineOf(verb, verb, 'invalid', 'missing-argument')),
    domain({ form: 'invalid' }).map((d) => lineOf(verb, `${verb} ${d}`, 'invalid', 'bad-domain')),
    domain().map((d) => lineOf(verb, `${verb}  ${d}`, 'invalid', 'double-space')),
    domain().map((d) => lineOf(verb, `${verb}${d}`, 'invalid', 'missing-space')),
    fc
      .tuple(domain(), domain())
      .map(([a, b]) => lineOf(verb, `${verb} ${a} ${b}`, 'invalid', 'two-arguments')),
    addressLiteral({ form: 'invalid' }).map((a) =>
      lineOf(verb, `${verb} ${a}`, 'invalid', 'bad-address-literal'),
    ),
  );
  // RFC 5321 §4.1.1.1: HELO takes a Domain only; an address literal is a (lenient) extra.
  const heloOnly =
    verb === 'HELO'
      ? [addressLiteral().map((a) => lineOf(verb, `HELO ${a}`, 'invalid', 'helo-address-literal'))]
      : [];
  return fc.oneof(own, ...heloOnly, mutateLine(valid(verb, c)));
}

function greeting(verb: Greeting, c: HeloConstraints): fc.Arbitrary<CommandLine> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return valid(verb, c);
    case 'boundary':
      return boundary(verb);
    case 'invalid':
      return invalid(verb, c);
  }
}

/** A HELO line in the requested form. */
export function heloCommand(c: HeloConstraints = {}): fc.Arbitrary<CommandLine> {
  return greeting('HELO', c);
}

/** An EHLO line in the requested form. */
export function ehloCommand(c: HeloConstraints = {}): fc.Arbitrary<CommandLine> {
  return greeting('EHLO', c);
}
