/**
 * The shape every requirement-register file uses to mint ids. Files starting with `_`
 * are not register files themselves (harness/scenario/discover.ts skips them).
 */
import type { Binds, Requirement, Testability } from '../../harness/scenario/types.ts';

/** One register statement before its id is minted. */
export interface RequirementEntry {
  level: Requirement['level'];
  binds: Binds;
  testable: Testability;
  /** The RFC sentence, short and verbatim. */
  text: string;
  /** Why the statement is not testable from a client (with `testable: 'none'`). */
  reason?: string;
}

/** Reason shared by every statement that only binds the client. */
export const BINDS_CLIENT =
  'binds the client; a harness acting as client cannot judge the server by it';

/**
 * Returns the minting function of one RFC: `r('4.1.4', 'a', {...})` gives the requirement
 * `R5321-4.1.4-a` of `RFC 5321`, letters in order of appearance within the section.
 */
export function registerOf(
  rfc: number,
): (section: string, letter: string, entry: RequirementEntry) => Requirement {
  return (section, letter, entry) => ({
    id: `R${rfc}-${section}-${letter}`,
    spec: `RFC ${rfc}`,
    section,
    ...entry,
  });
}
