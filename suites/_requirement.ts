/**
 * The shape every requirement-register file uses to mint ids, and the reasons several
 * files share. Files starting with `_` are not register or suite files themselves
 * (harness/scenario/discover.ts skips them).
 *
 * The register of a section lives in `suites/<rfc>/<section>.requirements.ts`, beside the
 * suite files of that section (harness/scenario/load.ts checks that each entry's section is
 * the one in its file name). One entry per MUST / MUST NOT / SHOULD / SHOULD NOT statement,
 * in order of appearance within its section, plus the few MAY statements a case checks. A
 * few entries quote a definition that carries no RFC 2119 keyword but that a case checks
 * (the end-of-data line, the dot-stuffing procedure, the size limits, grammar rules): they
 * are marked "definition" in a comment and carry the level a violation of them has. Ids are
 * stable: a statement found missing later gets the next free letter, never an inserted one.
 */
import type { Binds, Requirement, Testability } from '../harness/scenario/types.ts';

/** One register statement before its id is minted. */
export interface RequirementEntry {
  level: Requirement['level'];
  binds: Binds;
  testable: Testability;
  /** The RFC sentence, short and verbatim. */
  text: string;
  /** Why no one could ever observe the statement (required with `testable: 'none'`). */
  reason?: string;
}

// Reasons shared by statements no one can observe, each for one kind of statement.
export const GATEWAY =
  'binds gateways between SMTP and another mail system; what they do shows only on the side that is not SMTP';
export const CONFIG = 'concerns configuration or internal policy, not behaviour on the wire';
export const SPEC_TEXT =
  'a statement about the specification or the standards process, not an implementation';

/**
 * Returns the minting function of one section of one RFC: with `r = requirementsOf(5321,
 * '4.1.4')`, `r('a', {...})` gives the requirement `R5321-4.1.4-a` of `RFC 5321`, letters in
 * order of appearance within the section.
 */
export function requirementsOf(
  rfc: number,
  section: string,
): (letter: string, entry: RequirementEntry) => Requirement {
  return (letter, entry) => ({
    id: `R${rfc}-${section}-${letter}`,
    spec: `RFC ${rfc}`,
    section,
    ...entry,
  });
}
