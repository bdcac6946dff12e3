/**
 * The token that ties what arrives at the sink to the case that submitted it: put into
 * the local-parts of the case's addresses ({{relayToken}}), unique per case and run.
 */
import { randomBytes } from 'node:crypto';

/** `t` and ten hex digits, e.g. `t3f9a0b1c2d`: a dot-atom local-part fragment (RFC 5321 §4.1.2). */
export function newRelayToken(): string {
  return `t${randomBytes(5).toString('hex')}`;
}
