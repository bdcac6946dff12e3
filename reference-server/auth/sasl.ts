/**
 * SASL mechanisms offered with AUTH (RFC 4954): PLAIN (RFC 4616) and LOGIN
 * (draft-murchison-sasl-login), and the credential check against `auth.users`.
 */
import { timingSafeEqual } from 'node:crypto';

/** The mechanisms we implement, as advertised. */
export const SASL_MECHANISMS = ['PLAIN', 'LOGIN'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** True for a mechanism we implement. */
export function isSaslMechanism(name: string): name is SaslMechanism {
  return (SASL_MECHANISMS as readonly string[]).includes(name);
}

// RFC 4648 §4 base64 with padding, as RFC 4954 §4 requires for responses.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes a client response; `undefined` when it is not base64. */
export function decodeResponse(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** Credentials a mechanism produced. */
export interface Credentials {
  authzid: string;
  authcid: string;
  password: string;
}

/** RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd. */
export function parsePlain(message: Buffer): Credentials | undefined {
  const first = message.indexOf(0);
  const second = first === -1 ? -1 : message.indexOf(0, first + 1);
  if (second === -1 || message.indexOf(0, second + 1) !== -1) return undefined;
  const authcid = message.subarray(first + 1, second).toString('utf8');
  const password = message.subarray(second + 1).toString('utf8');
  if (authcid === '' || password === '') return undefined;
  return { authzid: message.subarray(0, first).toString('utf8'), authcid, password };
}

/**
 * True when the user exists and the password matches, compared in constant time. RFC 4616
 * §2: an authzid other than the authcid asks to act as someone else; we allow only self.
 */
export function checkCredentials(users: Readonly<Record<string, string>>, c: Credentials): boolean {
  if (c.authzid !== '' && c.authzid !== c.authcid) return false;
  const expected = Object.hasOwn(users, c.authcid) ? users[c.authcid] : undefined;
  const given = Buffer.from(c.password, 'utf8');
  const wanted = Buffer.from(expected ?? '', 'utf8');
  const same = given.length === wanted.length && timingSafeEqual(given, wanted);
  return expected !== undefined && same;
}
