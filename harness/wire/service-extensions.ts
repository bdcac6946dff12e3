/**
 * The EHLO keywords of the IANA "SMTP Service Extensions" registry, with the document
 * that defines each. RFC 5321 §2.2.2: "keyword values presented in the EHLO response that
 * do not begin with "X" MUST correspond to a Standard, Standards-Track, or IESG-approved
 * Experimental SMTP service extension registered with IANA". Keywords starting with X are
 * private (local, by bilateral agreement) and never listed here.
 *
 * This is smtpspec's copy: the registry's entries through RFC 9422 (LIMITS). A keyword
 * registered after that is reported as unregistered until the copy is updated, so a
 * finding names what the copy covers; add the keyword here with its document to update it.
 */

/** What this copy of the registry covers, for messages. */
export const REGISTRY_CHECKED = 'entries through RFC 9422';

/** Registered keyword (upper case) → the document that defines it. */
export const REGISTERED_EHLO_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['SEND', 'RFC 821'],
  ['SOML', 'RFC 821'],
  ['SAML', 'RFC 821'],
  ['VRFY', 'RFC 821'],
  ['EXPN', 'RFC 821'],
  ['HELP', 'RFC 821'],
  ['TURN', 'RFC 821'],
  ['8BITMIME', 'RFC 6152'],
  ['SIZE', 'RFC 1870'],
  ['VERB', 'IANA registry (historic)'],
  ['ONEX', 'IANA registry (historic)'],
  ['CHUNKING', 'RFC 3030'],
  ['BINARYMIME', 'RFC 3030'],
  ['CHECKPOINT', 'RFC 1845'],
  ['DELIVERBY', 'RFC 2852'],
  ['PIPELINING', 'RFC 2920'],
  ['DSN', 'RFC 3461'],
  ['ETRN', 'RFC 1985'],
  ['ENHANCEDSTATUSCODES', 'RFC 2034'],
  ['STARTTLS', 'RFC 3207'],
  ['NO-SOLICITING', 'RFC 3865'],
  ['MTRK', 'RFC 3885'],
  ['ATRN', 'RFC 2645'],
  ['AUTH', 'RFC 4954'],
  ['BURL', 'RFC 4468'],
  ['FUTURERELEASE', 'RFC 4865'],
  ['UTF8SMTP', 'RFC 5336 (obsoleted by RFC 6531)'],
  ['CONPERM', 'RFC 4141'],
  ['CONNEG', 'RFC 4141'],
  ['SUBMITTER', 'RFC 4405'],
  ['SMTPUTF8', 'RFC 6531'],
  ['MT-PRIORITY', 'RFC 6710'],
  ['RRVS', 'RFC 7293'],
  ['REQUIRETLS', 'RFC 8689'],
  ['LIMITS', 'RFC 9422'],
]);

/** Whether `keyword` may appear in an EHLO reply: registered, or private (X-prefixed). */
export function isRegisteredOrPrivate(keyword: string): boolean {
  const key = keyword.toUpperCase();
  return key.startsWith('X') || REGISTERED_EHLO_KEYWORDS.has(key);
}
