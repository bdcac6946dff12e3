/**
 * The simplified SMTP model the session fuzzer checks a server against. It knows only
 * the envelope state (greeted, helo, mail, rcpt, data) and which reply *classes* each
 * command may get there, so it predicts far less than a real server decides: it never
 * imports reference-server code (a model that mirrors the system finds nothing).
 *
 * Every prediction allows 421 (RFC 5321 §3.8: a server may close at any time with 421).
 * Transitions follow the server's actual reply, so policy rejections never confuse it.
 */
import type { CommandVerb } from './arbitraries/command-line.ts';
import type { Form } from './arbitraries/form.ts';

/**
 * Where the session is; `bdat` after an accepted non-LAST BDAT chunk (RFC 3030 §2: the
 * transaction goes on with more chunks), `closed` after QUIT or a 421.
 */
export type SessionState = 'greeted' | 'helo' | 'mail' | 'rcpt' | 'bdat' | 'data' | 'closed';

/** The model's whole knowledge of a session. */
export interface SmtpModel {
  state: SessionState;
  /** A HELO or EHLO was accepted (the state to return to after a transaction). */
  identified: boolean;
  /** Recipients accepted in the open transaction. */
  recipients: number;
  /** The last accepted EHLO advertised PIPELINING (RFC 2920 §3). */
  pipelining: boolean;
  /** The last accepted EHLO advertised STARTTLS (RFC 3207 §4). */
  starttls: boolean;
  /** TLS is up after STARTTLS. */
  tls: boolean;
  /** The last accepted EHLO advertised CHUNKING (RFC 3030 §2). */
  chunking: boolean;
  /** SASL mechanisms the last accepted EHLO advertised with AUTH (RFC 4954 §3). */
  auth: readonly string[];
  /** An AUTH exchange succeeded (235) in this session. */
  authenticated: boolean;
  /**
   * A BDAT chunk was refused inside a transaction: RFC 3030 §2 has the client send no
   * more chunks, but leaves open whether the server kept the transaction, so until the
   * next MAIL, RSET or EHLO the model allows either.
   */
  uncertain: boolean;
  /** BDAT and AUTH may be sent though EHLO did not offer them (`--lenient`). */
  unadvertised: boolean;
}

/** A fresh session after a 220 greeting; `unadvertised`: see {@link SmtpModel}. */
export function initialModel(unadvertised = false): SmtpModel {
  return {
    state: 'greeted',
    identified: false,
    recipients: 0,
    pipelining: false,
    starttls: false,
    tls: false,
    chunking: false,
    auth: [],
    authenticated: false,
    uncertain: false,
    unadvertised,
  };
}

/** What an accepted EHLO reply advertised, as far as the model cares. */
export interface Advertised {
  pipelining: boolean;
  starttls: boolean;
  chunking?: boolean;
  /** AUTH mechanisms, upper case. */
  auth?: readonly string[];
}

const NOTHING: Advertised = { pipelining: false, starttls: false };

/**
 * How an AUTH response was made (RFC 4954 §4): the profile's credentials, other ones,
 * text that is not base64, the `*` that cancels, the `=` of an empty response, or a
 * response longer than servers buffer.
 */
export type AuthResponseKind = 'valid' | 'wrong' | 'malformed' | 'cancel' | 'empty' | 'over-long';

/** What a reply is checked for: a command line, the end of mail data, or a sync probe. */
export type ModelInput =
  | { verb: CommandVerb; form: Form; foreign?: boolean }
  | { verb: 'END-OF-DATA' }
  /** STARTTLS, with or without plaintext pipelined behind it. */
  | { verb: 'STARTTLS' }
  /** The NOOP sent right after a smuggling probe's end of data. */
  | { verb: 'SENTINEL' }
  /** One BDAT chunk, its octets exactly as many as it declares (RFC 3030 §2). */
  | { verb: 'BDAT'; last: boolean }
  /** The AUTH line; `initial`: how its initial response was made, if it has one. */
  | { verb: 'AUTH'; mechanism: string; initial: AuthResponseKind | undefined }
  /** A response line after a 334 challenge (RFC 4954 §4). */
  | { verb: 'AUTH-RESPONSE'; kind: AuthResponseKind };

/** Which finding a reply outside the prediction is. */
export type RuleKind = 'model' | 'open-relay' | 'desync' | 'smuggling' | 'starttls-injection';

/** The predicted reply classes, with the reason quoted in findings and reproducers. */
export interface ReplyRule {
  /** Code patterns (`'2xx'`, `354`, `221`); 421 is always allowed on top. */
  codes: (number | string)[];
  because: string;
  kind: RuleKind;
}

const ANY = ['2xx', '4xx', '5xx'];
const REFUSED = ['4xx', '5xx'];

function rule(codes: (number | string)[], because: string, kind: RuleKind = 'model'): ReplyRule {
  return { codes, because, kind };
}

function inTransaction(m: SmtpModel): boolean {
  return m.state === 'mail' || m.state === 'rcpt' || m.state === 'bdat';
}

/** The rule for a RCPT line: no transaction, foreign recipient, or ordinary. */
function rcptRule(m: SmtpModel, foreign: boolean): ReplyRule {
  if (!inTransaction(m) && !m.uncertain) {
    return rule(REFUSED, 'RFC 5321 §4.1.4: RCPT needs an open transaction (503 bad sequence)');
  }
  // An authenticated client may relay (RFC 4954 §7), so a foreign recipient may be accepted.
  if (foreign && !m.authenticated) {
    return rule(
      REFUSED,
      'a foreign recipient from an unauthenticated client must be refused (no open relay)',
      'open-relay',
    );
  }
  return rule(ANY, 'RFC 5321 §4.3.2 RCPT: 250/251 or an error');
}

/** What the model allows in reply to `input` in state `m`. */
export function expectedReply(m: SmtpModel, input: ModelInput): ReplyRule {
  switch (input.verb) {
    case 'END-OF-DATA':
      return rule(ANY, 'RFC 5321 §4.3.2 end of mail data: 250 or an error');
    case 'SENTINEL':
      return rule(
        ['2xx'],
        'RFC 5321 §4.1.1.4: only CRLF.CRLF ends mail data, so the NOOP after it is the only extra command',
        'smuggling',
      );
    case 'STARTTLS':
      return rule([220, ...REFUSED], 'RFC 3207 §4: 220 to go ahead, or 454/501/5xx');
    case 'HELO':
    case 'EHLO':
    case 'MAIL':
      return rule(ANY, `RFC 5321 §4.3.2 ${input.verb}: 250 or an error`);
    case 'RCPT':
      return rcptRule(m, input.foreign === true);
    case 'DATA':
      if (m.state === 'bdat')
        return rule(REFUSED, 'RFC 3030 §2: DATA inside a BDAT transaction gets 503, never 354');
      return m.state === 'rcpt' || m.uncertain
        ? rule([354, ...REFUSED], 'RFC 5321 §4.3.2 DATA: 354 or an error')
        : rule(
            REFUSED,
            'RFC 5321 §3.3: DATA with no accepted recipient gets 503 or 554, never 354',
          );
    case 'BDAT':
      return bdatRule(m);
    case 'AUTH':
      return authRule(m, input.mechanism, input.initial);
    case 'AUTH-RESPONSE':
      return responseRule(input.kind);
    case 'RSET':
    case 'NOOP':
    case 'VRFY':
    case 'EXPN':
    case 'HELP':
      return rule(['2xx', '5xx'], `RFC 5321 §4.3.2 ${input.verb}: 2xx or 5xx`);
    case 'QUIT':
      return input.form === 'invalid'
        ? rule(['2xx', '5xx'], 'RFC 5321 §4.3.2 QUIT (malformed): 221 or a syntax error')
        : rule([221], 'RFC 5321 §4.1.1.10: the receiver MUST send a 221 reply to QUIT', 'desync');
    case 'UNKNOWN':
      return rule(['5xx'], 'RFC 5321 §4.2.4: an unrecognized command gets 500 (502 if recognized)');
  }
}

/** A BDAT chunk: refused outside a transaction and with no recipient yet (RFC 3030 §2). */
function bdatRule(m: SmtpModel): ReplyRule {
  if (m.state === 'rcpt' || m.state === 'bdat' || m.uncertain)
    return rule(ANY, 'RFC 3030 §2 BDAT: 250 or an error');
  if (m.state === 'mail')
    return rule(REFUSED, 'RFC 3030 §2, RFC 5321 §3.3: BDAT with no accepted recipient is refused');
  return rule(REFUSED, 'RFC 3030 §2, RFC 5321 §4.1.4: BDAT needs an open transaction (503)');
}

/** The AUTH line (RFC 4954 §4): refused after AUTH succeeded and inside a transaction. */
function authRule(m: SmtpModel, mechanism: string, initial: AuthResponseKind | undefined) {
  if (m.authenticated) return rule(REFUSED, 'RFC 4954 §4: AUTH after a successful AUTH gets 503');
  if (inTransaction(m))
    return rule(REFUSED, 'RFC 4954 §4: AUTH is not permitted during a mail transaction (503)');
  if (!m.auth.includes(mechanism.toUpperCase()))
    return rule(REFUSED, 'RFC 4954 §4: a mechanism the server did not offer gets 504');
  return initial === undefined
    ? rule([334, ...REFUSED], 'RFC 4954 §4: 334 or an error')
    : responseRule(initial);
}

/** A response to a 334 challenge, or an initial response (RFC 4954 §4). */
function responseRule(kind: AuthResponseKind): ReplyRule {
  switch (kind) {
    case 'cancel':
      return rule(
        REFUSED,
        'RFC 4954 §4: "*" cancels the exchange, and the server MUST reject the AUTH (501)',
      );
    case 'malformed':
      return rule(REFUSED, 'RFC 4954 §4: a response that is not base64 MUST be rejected (501)');
    case 'valid':
      return rule([235, 334, ...REFUSED], 'RFC 4954 §4: 235, another 334, or an error');
    default:
      return rule(
        [334, ...REFUSED],
        "RFC 4954 §4: credentials that are not the account's never get 235",
      );
  }
}

/** True when `code` matches the rule (or is 421, which always may end a session). */
export function allows(r: ReplyRule, code: number): boolean {
  if (code === 421) return true;
  return r.codes.some((p) => {
    if (typeof p === 'number') return p === code;
    return String(code).startsWith(p.replace(/x+$/, ''));
  });
}

/** Where a finished transaction (or RSET) returns to. */
function base(m: SmtpModel): SessionState {
  return m.identified ? 'helo' : 'greeted';
}

/** The transaction is over (or gone): back to the base state, with nothing uncertain. */
function endTransaction(m: SmtpModel): void {
  Object.assign(m, { state: base(m), recipients: 0, uncertain: false });
}

/**
 * Updates the model after the server answered `input` with `code`. `advertised` tells, for
 * an accepted EHLO, which of the extensions the model tracks were in the reply.
 */
export function applyReply(
  m: SmtpModel,
  input: ModelInput,
  code: number,
  advertised: Advertised = NOTHING,
): void {
  if (code === 421) {
    m.state = 'closed';
    return;
  }
  const ok = code >= 200 && code < 300;
  switch (input.verb) {
    case 'HELO':
    case 'EHLO': {
      if (!ok) return;
      // RFC 5321 §4.1.4: EHLO/HELO also resets any transaction in progress.
      Object.assign(m, { state: 'helo', identified: true, recipients: 0, uncertain: false });
      const ehlo = input.verb === 'EHLO';
      m.pipelining = ehlo && advertised.pipelining;
      m.starttls = ehlo && advertised.starttls;
      m.chunking = ehlo && advertised.chunking === true;
      m.auth = ehlo ? (advertised.auth ?? []) : [];
      return;
    }
    case 'STARTTLS':
      // RFC 3207 §4.2: after the handshake both sides start over, as after the greeting.
      if (code === 220) Object.assign(m, { ...initialModel(m.unadvertised), tls: true });
      return;
    case 'MAIL':
      if (ok) Object.assign(m, { state: 'mail', recipients: 0, uncertain: false });
      return;
    case 'RCPT':
      if (ok) Object.assign(m, { state: 'rcpt', recipients: m.recipients + 1 });
      return;
    case 'DATA':
      if (code === 354) m.state = 'data';
      return;
    case 'END-OF-DATA':
      // RFC 5321 §4.1.1.4: end of data consumes the transaction whatever the reply.
      endTransaction(m);
      return;
    case 'RSET':
      if (ok) endTransaction(m);
      return;
    case 'BDAT':
      if (ok && !input.last) m.state = 'bdat';
      else if (ok) endTransaction(m);
      // RFC 3030 §2: a refused chunk fails the transaction; whether the server keeps it is open.
      else if (inTransaction(m)) Object.assign(m, { state: base(m), uncertain: true });
      return;
    case 'AUTH':
    case 'AUTH-RESPONSE':
      if (code === 235) m.authenticated = true;
      return;
    case 'QUIT':
      if (code === 221) m.state = 'closed';
      return;
    default:
      return;
  }
}
