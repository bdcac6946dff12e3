/**
 * A close in answer to hostile input (a smuggling look-alike, an over-long line, control
 * octets) is a defence, not a violation. RFC 5321 §3.8 forbids a server to close "under
 * normal operational circumstances (see Section 7.8)", and §7.8 says servers must be
 * "permitted to detect such attacks and take action to defend themselves", e.g. "close the
 * connection after generating an appropriate number of 5yz (normally 550) replies". So:
 * a refusal (4xx/5xx, 421 included) followed by a close passes, the choice noted; a close
 * with no reply at all is `info`, since §3.8 names 421 for closing early but a server's
 * author could rightly call the input an attack. Neither is ever `fail`.
 */
import type { CaseEnd } from './grading.ts';

/** What the case saw after the hostile input, up to the close. */
export interface AfterHostile {
  /** The last reply read after the hostile input, e.g. `500 5.5.2 Line too long`. */
  lastReply?: { code: number; text: string };
  /** How the connection ended. */
  how: 'closed' | 'reset';
}

/** The case end for a connection that ended after hostile input. */
export function judgeDefensiveClose(seen: AfterHostile): CaseEnd {
  const reply = seen.lastReply;
  if (reply !== undefined && reply.code >= 400) {
    return {
      verdict: 'pass',
      message: `defence: the server answered the hostile input with ${reply.text} and ${seen.how} the connection (allowed by RFC 5321 §7.8)`,
    };
  }
  return {
    verdict: 'info',
    message: `the server ${seen.how} the connection after the hostile input without a refusal (RFC 5321 §3.8 names 421 for closing early; §7.8 allows defences against attacks)`,
  };
}
