/**
 * EHLO (RFC 5321 §4.1.1.1) and the service extensions we advertise.
 */
import { formatEhloReply } from '../../harness/wire/ehlo.ts';
import type { SessionContext } from '../session/context.ts';
import type { VerbHandler } from './handler.ts';

/** The EHLO keywords for the session as it stands (TLS decides STARTTLS vs AUTH). */
export function ehloKeywords(s: Pick<SessionContext, 'tls' | 'deps'>): [string, string[]][] {
  const keywords: [string, string[]][] = [
    ['PIPELINING', []], // RFC 2920
    ['SIZE', [String(s.deps.config.limits.maxMessageSize)]], // RFC 1870
    ['8BITMIME', []], // RFC 6152
    ['ENHANCEDSTATUSCODES', []], // RFC 2034
    ['SMTPUTF8', []], // RFC 6531
    ['CHUNKING', []], // RFC 3030
    ['BINARYMIME', []], // RFC 3030
    ['DSN', []], // RFC 3461
    // RFC 5321 §2.2.2 and §4.2.4: commands we implement may be listed; VRFY and EXPN
    // answer 252 (§7.3), HELP 214.
    ['VRFY', []],
    ['EXPN', []],
    ['HELP', []],
  ];
  // RFC 3207 §4.2: STARTTLS is not offered once TLS is up. RFC 4954 §4 and §14: plaintext
  // mechanisms only over TLS, so AUTH is advertised only there.
  if (s.tls) keywords.push(['AUTH', ['PLAIN', 'LOGIN']]);
  else keywords.push(['STARTTLS', []]);
  return keywords;
}

/** EHLO: allowed at any time; resets the transaction exactly as RSET (RFC 5321 §4.1.4). */
export const ehlo: VerbHandler<'EHLO'> = {
  async handle(s, command) {
    s.resetTransaction();
    s.helo = { verb: 'EHLO', name: command.domain };
    // RFC 2034 §3: the EHLO reply carries no enhanced status code.
    s.sendRaw(formatEhloReply(s.deps.config.hostname, `Hello ${command.domain}`, ehloKeywords(s)));
  },
};
