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

/** Where the session is; `closed` after QUIT or a 421. */
export type SessionState = 'greeted' | 'helo' | 'mail' | 'rcpt' | 'data' | 'closed';

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
}

/** A fresh session after a 220 greeting. */
export function initialModel(): SmtpModel {
  return {
    state: 'greeted',
    identified: false,
    recipients: 0,
    pipelining: false,
    starttls: false,
    tls: false,
  };
}

/** What an accepted EHLO reply advertised, as far as the model cares. */
export interface Advertised {
  pipelining: boolean;
  starttls: boolean;
}

const NOTHING: Advertised = { pipelining: false, starttls: false };

/** What a reply is checked for: a command line, the end of mail data, or a sync probe. */
export type ModelInput =
  | { verb: CommandVerb; form: Form; foreign?: boolean }
  | { verb: 'END-OF-DATA' }
  /** STARTTLS, with or without plaintext pipelined behind it. */
  | { verb: 'STARTTLS' }
  /** The NOOP sent right after a smuggling probe's end of data. */
  | { verb: 'SENTINEL' };

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
  return m.state === 'mail' || m.state === 'rcpt';
}

/** The rule for a RCPT line: no transaction, foreign recipient, or ordinary. */
function rcptRule(m: SmtpModel, foreign: boolean): ReplyRule {
  if (!inTransaction(m)) {
    return rule(REFUSED, 'RFC 5321 §4.1.4: RCPT needs an open transaction (503 bad sequence)');
  }
  if (foreign) {
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
      return m.state === 'rcpt'
        ? rule([354, ...REFUSED], 'RFC 5321 §4.3.2 DATA: 354 or an error')
        : rule(
            REFUSED,
            'RFC 5321 §3.3: DATA with no accepted recipient gets 503 or 554, never 354',
          );
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
    case 'EHLO':
      if (!ok) return;
      // RFC 5321 §4.1.4: EHLO/HELO also resets any transaction in progress.
      Object.assign(m, { state: 'helo', identified: true, recipients: 0 });
      m.pipelining = input.verb === 'EHLO' && advertised.pipelining;
      m.starttls = input.verb === 'EHLO' && advertised.starttls;
      return;
    case 'STARTTLS':
      // RFC 3207 §4.2: after the handshake both sides start over, as after the greeting.
      if (code === 220) Object.assign(m, { ...initialModel(), tls: true });
      return;
    case 'MAIL':
      if (ok) Object.assign(m, { state: 'mail', recipients: 0 });
      return;
    case 'RCPT':
      if (ok) Object.assign(m, { state: 'rcpt', recipients: m.recipients + 1 });
      return;
    case 'DATA':
      if (code === 354) m.state = 'data';
      return;
    case 'END-OF-DATA':
      // RFC 5321 §4.1.1.4: end of data consumes the transaction whatever the reply.
      Object.assign(m, { state: base(m), recipients: 0 });
      return;
    case 'RSET':
      if (ok) Object.assign(m, { state: base(m), recipients: 0 });
      return;
    case 'QUIT':
      if (code === 221) m.state = 'closed';
      return;
    default:
      return;
  }
}
