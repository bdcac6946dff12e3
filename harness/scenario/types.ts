/**
 * The scenario data model. A scenario is plain, JSON-serialisable data: the engine
 * (harness/runner) interprets it, suites (suites/) only declare it, as a SuiteGroup whose
 * scenarios may leave `spec`, `section` and `preconditions` to the group. User suites in
 * JSON or YAML use exactly this shape.
 */
import type { ServerReply } from '../server/types.ts';

/** Requirement level of the RFC statement a case checks (RFC 2119). */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** Verdict names are a contract (design.md): never rename. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'error';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'warn', 'info', 'skip', 'error'];

/**
 * An allowed reply code: an exact code (`250`) or a class pattern (`'2xx'`, `'55x'`).
 * Patterns are three characters, digits or `x`.
 */
export type CodePattern = number | string;

/**
 * What a reply must look like.
 * - `codes` omitted: the RFC 5321 §4.3.2 command-reply table for the command just sent is
 *   the allowed set (harness/runner/reply-table.ts). A case narrows it only where the RFC does.
 * - `role: 'setup'`: the step only prepares the case (e.g. MAIL FROM before testing RCPT).
 *   A reply outside `codes` (default: the success codes of the table) is not the server's
 *   fault as far as this case goes: the case ends `skip` with the reply as the reason.
 * - `role: 'control'`: the step shows that the exchange without the suspect element (a
 *   length, a parameter, a state) is accepted, before a later step blames that element. A
 *   reply outside `codes` means the server refuses even the plain form, so the case cannot
 *   blame the element: it ends `skip`, saying so.
 * - `role: 'check'` (default): a reply outside `codes` is a violation graded by the case
 *   level (MUST: fail, SHOULD: warn, MAY: info).
 * - `closeAllowed`: a 421 reply followed by close is also acceptable (§3.8).
 * - `codesByRule`: the MUST sentence the case cites names these codes itself ("501, 500,
 *   502, or 550 failure replies MUST be returned"), so a code outside them breaks that MUST
 *   even where the §4.3.2 table, a SHOULD, does not list it. Without it a code outside the
 *   table is graded at most `warn` (README "Grading").
 * - `enhanced`: when the server advertised ENHANCEDSTATUSCODES, the reply must carry an
 *   RFC 3463 code matching this pattern (e.g. `'5.5.x'`, `'x.1.1'`).
 */
export interface ReplyExpectation {
  codes?: CodePattern[];
  role?: 'setup' | 'control' | 'check';
  closeAllowed?: boolean;
  codesByRule?: boolean;
  enhanced?: string;
  /** Why these codes: shown in failure messages ("expected 503 (RFC 5321 §4.1.4) ..."). */
  because?: string;
}

/**
 * Text in `line`, `lines`, `bytes`, `parts` and `content` may use template variables filled in by the
 * runner from the target profile: {{helo}} {{from}} {{rcpt}} {{rcpt2}} {{rcptLocal}} (the local
 * part of {{rcpt}}, which is {{rcptLocal}}@{{domain}}) {{domain}}
 * {{foreign}} {{foreignDomain}} {{mxDomain}} {{unknownRcpt}} {{serverDomain}} {{authUser}} {{authPass}}
 * {{authPlain}} (RFC 4616 PLAIN initial response: base64 of NUL user NUL password).
 *
 * Command lines (`line`, `lines`) are sent as UTF-8 through the conformant encoder.
 * Raw bytes (`bytes`, `parts`) are strings in which every char code 0-255 is one octet
 * (latin1); in JSON/YAML files write control characters with the usual escapes.
 *
 * `hostile` (on `send` and `sendRaw`): the input is an attack or abuse (a smuggling
 * look-alike, an over-long line, control octets). RFC 5321 §7.8 lets a server defend
 * itself, so from this step on a close after a 4xx/5xx reply (or after 421) is a defence,
 * graded `pass` with the choice noted, and a close without any reply is `info`; neither is
 * held against the server as a §3.8 violation.
 */
export type Step =
  /**
   * Read the server greeting. Implicit as the first step unless the scenario has one; it may
   * come after steps that only send (`send` with `noReply`, `sendRaw` without `expect`,
   * `pause`): the client talking before the greeting.
   */
  | { kind: 'greeting'; expect?: ReplyExpectation }
  /**
   * EHLO {{helo}} (or `name`), setup role unless `expect` says otherwise; records keywords.
   * `requires`: keywords this EHLO reply must advertise for the case to go on, else `skip`
   * (for an extension offered only inside TLS, where the run-start probe cannot see it). An
   * entry with parameters (`SIZE 0`) requires the keyword with exactly those parameters.
   */
  | { kind: 'ehlo'; name?: string; expect?: ReplyExpectation; requires?: string[] }
  /** Send one command line through the conformant encoder (CRLF appended), then read one reply. */
  | { kind: 'send'; line: string; expect?: ReplyExpectation; noReply?: boolean; hostile?: boolean }
  /** Send exact bytes, optionally in several TCP writes with pauses; then read a reply if `expect`. */
  | {
      kind: 'sendRaw';
      bytes?: string;
      parts?: string[];
      /**
       * With `bytes`: send them (templates filled in) in writes of this many octets, the
       * last one shorter if need be, `pauseMs` apart. For segmentation cases: a server's
       * replies must not depend on where TCP segments end (RFC 5321 §2.3.8).
       */
      chop?: number;
      pauseMs?: number;
      expect?: ReplyExpectation;
      /** Human decoding of the bytes, shown in transcripts and reports. */
      note: string;
      hostile?: boolean;
    }
  /** Read one reply without sending anything. */
  | { kind: 'expectReply'; expect: ReplyExpectation }
  /** Send all lines in one write (RFC 2920), then read one reply per line in order. */
  | { kind: 'pipeline'; lines: string[]; expect: ReplyExpectation[] }
  /** The server must close the connection within the timeout. */
  | { kind: 'expectClose'; timeoutMs?: number }
  /**
   * The server must send nothing for `ms` milliseconds. `answers` names, in order, what
   * each reply would answer if one came after all (`end of the first message`, `smuggled
   * MAIL`), so the message can say what the server did with the input.
   */
  | { kind: 'expectNoReply'; ms: number; answers?: string[] }
  /**
   * STARTTLS, expect 220, then the TLS handshake on the same connection. `pipelined`: raw
   * bytes (latin1) sent in the same TCP write after `STARTTLS\r\n`, which a conformant
   * server discards (RFC 3207 §4.2; CVE-2011-0411); follow with `expectNoReply`.
   */
  | { kind: 'startTls'; expect?: ReplyExpectation; pipelined?: string }
  /** Do nothing for `ms` milliseconds. */
  | { kind: 'pause'; ms: number }
  /**
   * Send a whole message after a 354: stuffed by the encoder, terminated by CRLF.CRLF.
   * `exceedAdvertisedSize`: `content` is followed by text lines until the message is larger
   * than the SIZE limit this session's EHLO reply advertised (RFC 1870 §4); the case skips
   * when no positive limit was advertised, or one too large to send in a run (over 40 MiB).
   */
  | { kind: 'message'; content: string; expect?: ReplyExpectation; exceedAdvertisedSize?: boolean }
  /**
   * The steps that follow use connection `index` of this case (0 is the one every case
   * opens; at most {@link MAX_CONNECTIONS}). A connection not open yet is opened to the same
   * target, the others staying open, and its greeting is read and judged by `expect` (set-up
   * by default): how a case shows the server serving several sessions at once (RFC 5321
   * §4.5.4.2). Each connection keeps its own session state; one transcript records them all.
   */
  | { kind: 'connection'; index: number; expect?: ReplyExpectation }
  /**
   * `count` RCPT commands, one at a time, to `address` with `{n}` replaced by `first` (default
   * 1), `first` + 1, ...: `RCPT TO:<address>`, each reply judged by `expect`. Many distinct
   * recipients in one step (RFC 5321 §4.5.3.1.8); at most {@link MAX_RECIPIENTS}.
   */
  | {
      kind: 'recipients';
      address: string;
      count: number;
      first?: number;
      expect?: ReplyExpectation;
      hostile?: boolean;
    }
  /**
   * Relay-through cases (`relay` on the scenario): wait, up to `--relay-timeout-ms`, for
   * what the target sends on to the harness's sink for the transaction this case
   * submitted, and judge it (harness/judge/relay/).
   */
  | { kind: 'relayed'; expect: RelayExpectation };

/**
 * What the target must do with the message the case submitted:
 * - `delivered`: pass it on to the sink, judged by `checks`;
 * - `retried`: after the sink's 4xx (the case's `relay.sink`), try again and pass it on:
 *   judged only within `--relay-retry-ms`, else `info` (RFC 5321 §4.5.4.1 recommends
 *   retrying after 30 minutes, so no conformant target may fail for waiting longer);
 * - `bounced`: after the sink's 5xx, send a notification from `<>` to the reverse-path
 *   naming the recipient and the reply, within `--relay-timeout-ms`;
 * - `not-bounced`: after the sink's 5xx for a message with a null reverse-path, send no
 *   notification anywhere (RFC 5321 §6.1), judged against a control message that shows
 *   how fast the target's notifications come;
 * - `stopped`: the last message submitted is not passed on (a loop, RFC 5321 §6.3): refused,
 *   or accepted and not relayed, judged against a first, plain message (the control) that
 *   shows how fast the target relays.
 */
export interface RelayExpectation {
  outcome: 'delivered' | 'retried' | 'bounced' | 'not-bounced' | 'stopped';
  /** What to judge of the message and the target's conduct as a client at the sink. */
  checks?: RelayCheck[];
  /**
   * The submission was hostile (e.g. bare LF look-alikes): the target refusing it at the
   * end of data is a defence that passes (RFC 5321 §7.8), with nothing left to pass on.
   */
  refusalPasses?: boolean;
}

/**
 * - `envelope`: the reverse-path and forward-path sent on as submitted, local-part case
 *   included (RFC 5321 §2.4, App. C);
 * - `content`: the content byte for byte, only trace fields added on top (§3.6.3, §4.5.2);
 * - `trace`: a Received: field prepended, the existing ones unchanged and in order (§4.4);
 * - `eight-bit`: 8-bit octets intact (RFC 6152 §3);
 * - `line-ends`: only CRLF line ends on the wire, no bare CR/LF, no `<LF>.<LF>` look-alike
 *   passed on (§2.3.8, the outbound half of SMTP smuggling);
 * - `hello`: EHLO first, HELO after a 500/502 to it, one of them before MAIL (§4.1.1.1, §3.2);
 * - `lock-step`: without PIPELINING, each command waits for the reply to the last (§4.3.1);
 * - `parameters`: no MAIL/RCPT parameter the sink did not advertise (§4.1.1.3, §4.1.1);
 * - `data-after-rcpt`: message data only after a 354 (§3.3);
 * - `quit`: the session ends with QUIT (§4.1.1.10, §4.1.4).
 */
export type RelayCheck =
  | 'envelope'
  | 'content'
  | 'trace'
  | 'eight-bit'
  | 'line-ends'
  | 'hello'
  | 'lock-step'
  | 'parameters'
  | 'data-after-rcpt'
  | 'quit';

export const RELAY_CHECKS: readonly RelayCheck[] = [
  'envelope',
  'content',
  'trace',
  'eight-bit',
  'line-ends',
  'hello',
  'lock-step',
  'parameters',
  'data-after-rcpt',
  'quit',
];

/** One reply the sink gives for a step of this case's transactions (or connections). */
export interface SinkReply {
  code: number;
  enhanced?: string;
  text: string;
  /** Only the first N attempts get it (a 4xx to be retried); omitted: every attempt. */
  attempts?: number;
}

/**
 * How the harness's sink answers for a relay-through case. Transaction-level replies
 * (`mail`, `rcpt`, `dataEnd`) apply to the transactions that carry this case's token.
 * Connection-level ones (`greeting`, `ehlo`, `extensions`, `replyDelayMs`) cannot be told
 * apart by message, so a case that sets any of them runs alone at the sink.
 */
export interface RelaySinkScript {
  greeting?: SinkReply;
  ehlo?: SinkReply;
  /** EHLO keywords the sink offers (default PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES, SMTPUTF8, DSN). */
  extensions?: string[];
  /** Delay before every reply, so that commands sent without waiting pile up visibly. */
  replyDelayMs?: number;
  mail?: SinkReply;
  rcpt?: SinkReply;
  dataEnd?: SinkReply;
}

/** The points of a session whose reply a client case may script. */
export type ClientStage =
  | 'greeting'
  | 'EHLO'
  | 'HELO'
  | 'MAIL'
  | 'RCPT'
  | 'DATA'
  | 'DATA-END'
  | 'RSET'
  | 'NOOP'
  | 'QUIT'
  | 'STARTTLS';

export const CLIENT_STAGES: readonly ClientStage[] = [
  'greeting',
  'EHLO',
  'HELO',
  'MAIL',
  'RCPT',
  'DATA',
  'DATA-END',
  'RSET',
  'NOOP',
  'QUIT',
  'STARTTLS',
];

/**
 * A reply of the harness acting as the server (client cases): `text` lines formatted by
 * the codec, or `raw` exact octets (latin1) for odd but legal replies and injections;
 * `delayMs` before it, `byteByByte` one write per octet, `cutAfter` octets then close (a
 * disconnect in mid-reply), `close` after it.
 */
export type ScriptedReply = ServerReply;

/**
 * What a client under test must do, judged from the wire (harness/judge/relay-conduct.ts
 * and harness/judge/client-conduct.ts):
 * - `completes`: it gets a message through (odd but legal replies must not stop it);
 * - `greeting-wait`: nothing before the greeting (RFC 5321 §4.3.1);
 * - `hello`: EHLO first, HELO after 500/502, one of them before MAIL (§4.1.1.1, §3.2);
 * - `quit-after-refusal`: QUIT and no transaction after a 554 greeting (§3.1, §4.1.4);
 * - `lock-step`, `parameters`, `data-after-rcpt`, `line-ends`, `quit`: as for a relay;
 * - `dot-stuffing`: no line of the message ends the data early (§4.5.2);
 * - `tls-injection`: a reply injected before the TLS handshake is not taken (RFC 3207 §4.2);
 * - `ends`: reported, not judged (the client's exit after a 421 or a cut reply).
 */
export type ClientCheck =
  | 'completes'
  | 'greeting-wait'
  | 'hello'
  | 'quit-after-refusal'
  | 'lock-step'
  | 'parameters'
  | 'data-after-rcpt'
  | 'dot-stuffing'
  | 'line-ends'
  | 'quit'
  | 'tls-injection'
  | 'ends';

export const CLIENT_CHECKS: readonly ClientCheck[] = [
  'completes',
  'greeting-wait',
  'hello',
  'quit-after-refusal',
  'lock-step',
  'parameters',
  'data-after-rcpt',
  'dot-stuffing',
  'line-ends',
  'quit',
  'tls-injection',
  'ends',
];

/**
 * A client case (`smtpspec serve-cases`): the harness is the server, scripted as this
 * says, and the command under test the client. It has no steps.
 */
export interface ClientCase {
  /** EHLO keywords offered (default PIPELINING, SIZE 10485760, 8BITMIME, ENHANCEDSTATUSCODES). */
  extensions?: string[];
  /** Replies that differ from the plain server's, by where they are due. */
  replies?: Partial<Record<ClientStage, ScriptedReply>>;
  /** Every reply sent one octet per write. */
  byteByByte?: boolean;
  /** Delay before every reply (so commands sent without waiting show). */
  replyDelayMs?: number;
  checks: ClientCheck[];
}

/** A relay-through case: the target routes `--relay-domain` to the harness's sink. */
export interface RelayCase {
  sink?: RelaySinkScript;
}

/** Most RCPT commands one `recipients` step sends. */
export const MAX_RECIPIENTS = 1000;

/** Connections one case may hold at once (the `connection` step). */
export const MAX_CONNECTIONS = 4;

export type StepKind = Step['kind'];

export interface Preconditions {
  /** EHLO keywords the target must advertise, else the case is `skip`. */
  ehlo?: string[];
  /** The case needs the target to offer TLS (STARTTLS advertised). */
  tls?: boolean;
  /**
   * The case needs AUTH credentials in the target profile ({{authUser}}, {{authPass}},
   * {{authPlain}}: `--auth-user`/`--auth-pass`; the bundled MTA has its own).
   */
  credentials?: boolean;
}

/**
 * Which finding a smuggling or injection case reports besides non-conformance (the RFC
 * is violated either way): `exploitable-via-relay` when a relay that forwards what it
 * received (splitting lines only on CRLF and passing bare CR/LF through) could carry the
 * attack to this server; `not-exploitable-via-relay` when the relay's own dot-stuffing or
 * line handling would neutralise it, so only a direct client can trigger it.
 */
export type Exploitability = 'exploitable-via-relay' | 'not-exploitable-via-relay';

/**
 * Rules about the form of replies and capabilities that every reply of every case is held
 * to (harness/judge/observers.ts). A scenario with `observe` reports the rule over all the
 * replies of the run, under its own requirement ids.
 */
export const OBSERVER_NAMES = [
  'reply-form',
  'multiline-same-code',
  'greeting-domain',
  'ehlo-grammar',
  'ehlo-keywords-registered',
  'helo-one-line',
  'enhanced-status-codes',
  'vrfy-expn-mailboxes',
  'commands-listed',
  'starttls-not-after-tls',
  'sasl-challenge-base64',
  'smtputf8-reply-text',
  'server-name-qualified',
  'size-parameter',
  'enhancedstatuscodes-no-parameter',
  '8bitmime-no-parameter',
  'smtputf8-no-parameter',
  'auth-mechanisms-permitted',
  'forwarding-reply-names-path',
] as const;

export type ObserverName = (typeof OBSERVER_NAMES)[number];

export interface Scenario {
  /** Stable id `<spec>/<section>/<slug>`, e.g. `rfc5321/4.1.4/rcpt-before-mail`. Never positional. */
  id: string;
  title: string;
  /** e.g. `RFC 5321`. */
  spec: string;
  /** e.g. `4.1.4`. */
  section: string;
  level: Level;
  /** Requirement register ids this case checks, e.g. `R5321-4.1.4-a`. The quotes live there. */
  requirements: string[];
  preconditions?: Preconditions;
  /** Opt-in case that waits out long timeouts; runs only with `--slow`. */
  slow?: boolean;
  /** Per-case timeout override in ms. */
  timeoutMs?: number;
  exploitability?: Exploitability;
  /**
   * The case reports an observer rule over every reply the run read (its own steps only
   * make sure there is something to observe): its verdict is the worst of its own steps'
   * and the rule's.
   */
  observe?: ObserverName;
  /**
   * A relay-through case: it submits a message to the relay domain ({{relayToken}} in its
   * addresses) and judges what the target sends on to the sink. Without `--relay-domain`
   * and `--sink-listen` it skips.
   */
  relay?: RelayCase;
  /** A client case for `smtpspec serve-cases` (then `steps` is empty); `smtpspec run` skips it. */
  client?: ClientCase;
  steps: Step[];
}

/** A group of scenarios (one suite file), by spec section, as loaded: every field resolved. */
export interface ScenarioGroup {
  /** e.g. `rfc5321/4.1.4`. */
  id: string;
  title: string;
  scenarios: Scenario[];
}

/** Scenario fields a group may give once for all its scenarios (see SuiteGroup). */
export type GroupDefaults = Partial<Pick<Scenario, 'spec' | 'section' | 'preconditions'>>;

/** A scenario as a suite file writes it: `spec` and `section` may come from its group. */
export type ScenarioSource = Omit<Scenario, 'spec' | 'section' | 'steps'> &
  GroupDefaults & {
    /** Required, except in a client case (`client`), which has none. */
    steps?: Step[];
  };

/**
 * A group as a suite file writes it (the default export of a built-in suite module, or a
 * user's JSON/YAML file). Each scenario inherits the group's `spec`, `section` and
 * `preconditions` unless it sets its own (its own `preconditions` replace the group's
 * whole). Loading resolves them: every loaded Scenario carries its own `spec` and `section`.
 */
export interface SuiteGroup extends GroupDefaults {
  /** e.g. `rfc5321/4.1.4`. */
  id: string;
  title: string;
  scenarios: ScenarioSource[];
}

/** Who a requirement binds. A verdict never holds a server to a client's obligation. */
export type Binds = 'server' | 'client' | 'both';

/**
 * Who could ever see whether a requirement is kept (README "What is checked"):
 * - `wire`: a client on an SMTP connection to the server: what the server replies, when,
 *   and whether it stays in sync (the cases of `smtpspec run`);
 * - `delivery`: only what the server delivers or passes on after accepting a message (its
 *   envelope, content and trace fields as they arrive at the next hop, bounces, retries),
 *   seen by a capture sink behind it (relay-through cases);
 * - `receiver`: an obligation of an SMTP client, seen by a server it talks to (the harness
 *   playing the server for a client under test, or the sink for the target's relay client);
 * - `none`: no observer on either side of an SMTP connection, ever (configuration, internal
 *   state, gateways to other mail systems, the standards process); a reason says why.
 * A limit of today's harness is never a reason for `none`.
 */
export type Testability = 'wire' | 'delivery' | 'receiver' | 'none';

export interface Requirement {
  /** e.g. `R5321-4.1.4-a`. */
  id: string;
  spec: string;
  section: string;
  level: Level | 'MUST NOT' | 'SHOULD NOT';
  /** The RFC sentence, short and verbatim. */
  text: string;
  binds: Binds;
  testable: Testability;
  reason?: string;
}
