/**
 * RFC 4954 §4 `"AUTH" SP sasl-mech [SP initial-response] *(CRLF [base64]) [CRLF cancel-response] CRLF`:
 * the AUTH line with PLAIN (RFC 4616) or LOGIN, an initial response or none, and the
 * responses to the server's 334 challenges: the account's credentials, other ones, text
 * that is not base64, the `*` that cancels, `=` (an empty initial response), and responses
 * of kilobytes.
 */
import fc from 'fast-check';
import type { AuthResponseKind } from '../model.ts';
import { ALPHA, stringOf } from './form.ts';

/** One response line and how it was made. */
export interface AuthResponse {
  kind: AuthResponseKind;
  /** The line, without CRLF (latin1). */
  text: string;
}

/** An AUTH exchange as the client plans it; responses run out with `*` (cancel). */
export interface AuthPlan {
  mechanism: string;
  /** Sent on the AUTH line (RFC 4954 §4 initial-response). */
  initial: AuthResponse | undefined;
  /** Sent after each 334, in order. */
  responses: AuthResponse[];
}

/** The account the target knows, if any. */
export interface AuthCredentials {
  user: string;
  pass: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Text that is not base64 (RFC 4648 §4): outside the alphabet, bad length, bad padding. */
const malformed = fc.constantFrom(
  '!!!!',
  'abc',
  'a===',
  '====',
  'dGVz dA==',
  'dGVzdA=x',
  '\0AAA',
  'AAA\x80',
  '*x',
  '=abc',
);

/** A response to the first challenge of `mechanism` (PLAIN: the whole message; LOGIN: the user). */
function first(
  mechanism: string,
  creds: AuthCredentials | undefined,
  kind: AuthResponseKind,
): string {
  const login = mechanism.toUpperCase() === 'LOGIN';
  const user = creds?.user ?? 'fuzz@smtpspec.test';
  if (kind === 'valid' && creds)
    return login ? b64(creds.user) : b64(`\0${creds.user}\0${creds.pass}`);
  return login ? b64(user) : b64(`\0${user}\0not-the-password`);
}

function response(
  mechanism: string,
  creds: AuthCredentials | undefined,
  position: 'initial' | 'first' | 'later',
): fc.Arbitrary<AuthResponse> {
  const login = mechanism.toUpperCase() === 'LOGIN';
  const made = (kind: AuthResponseKind, text: string): AuthResponse => ({ kind, text });
  // LOGIN's second response is the password.
  const secret = (kind: AuthResponseKind) =>
    position === 'later' && login
      ? b64(kind === 'valid' && creds ? creds.pass : 'not-the-password')
      : first(mechanism, creds, kind);
  const options: { arbitrary: fc.Arbitrary<AuthResponse>; weight: number }[] = [
    { arbitrary: malformed.map((t) => made('malformed', t)), weight: 3 },
    { arbitrary: fc.constant(made('wrong', secret('wrong'))), weight: 2 },
    // "*" cancels after a 334; as an initial response it is no base64 at all (RFC 4954 §4:
    // initial-response = base64 / "="), so it is malformed there, and its finding is one.
    {
      arbitrary: fc.constant(made(position === 'initial' ? 'malformed' : 'cancel', '*')),
      weight: 1,
    },
  ];
  if (creds) options.push({ arbitrary: fc.constant(made('valid', secret('valid'))), weight: 3 });
  if (position === 'initial')
    options.push({ arbitrary: fc.constant(made('empty', '=')), weight: 1 });
  // Over 512 octets only after a 334 (RFC 4954 §4: a long initial response goes there).
  if (position !== 'initial')
    options.push({
      arbitrary: fc
        .integer({ min: 600, max: 9000 })
        .map((n) => made('over-long', b64('x'.repeat(n)))),
      weight: 1,
    });
  return fc.oneof(...options);
}

/**
 * An AUTH exchange: a mechanism the target offered (mostly), PLAIN or LOGIN, or one it did
 * not; an initial response (mostly, which shrinking prefers) or none; up to three more.
 */
export function authPlan(
  offered: readonly string[],
  creds: AuthCredentials | undefined,
): fc.Arbitrary<AuthPlan> {
  const usable = offered.filter((m) => ['PLAIN', 'LOGIN'].includes(m.toUpperCase()));
  const mechanism = fc.oneof(
    { arbitrary: fc.constantFrom(...(usable.length > 0 ? usable : ['PLAIN', 'LOGIN'])), weight: 8 },
    { arbitrary: fc.constantFrom('plain', 'login', 'CRAM-MD5', 'XOAUTH2', 'GSSAPI'), weight: 1 },
    { arbitrary: stringOf(ALPHA, 1, 12).map((m) => m.toUpperCase()), weight: 1 },
  );
  return mechanism.chain((m) =>
    fc
      .tuple(
        fc.oneof(
          { withCrossShrink: true },
          { arbitrary: response(m, creds, 'initial'), weight: 3 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        ),
        response(m, creds, 'first'),
        fc.array(response(m, creds, 'later'), { maxLength: 2 }),
      )
      .map(
        ([initial, next, more]): AuthPlan => ({
          mechanism: m,
          initial,
          responses: initial === undefined ? [next, ...more] : more,
        }),
      ),
  );
}
