/**
 * What a verb handler sees of a session: its state machine, the mail transaction, the
 * dependencies, and the few actions it may take. Handlers live in `../verbs/`.
 */

import type { Command, Path, Verb } from '../../harness/wire/command.ts';
import type { LineFramer } from '../../harness/wire/lines.ts';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { MessageReceipt } from '../message/receipt.ts';
import type { EnvelopeRecipient, MessageStore } from '../message-store.ts';
import type { PolicyHooks, SessionInfo } from '../policy/hooks.ts';
import type { RecipientClass } from '../policy/recipients.ts';
import type { SessionInput } from './input.ts';
import type { ReplySpec } from './replies.ts';
import type { TestSeams } from './test-seams.ts';
import type { ServerTls } from './tls-upgrade.ts';

/**
 * Session states (RFC 5321 §4.1.4 sequencing, RFC 3030 chunking, RFC 3207, RFC 4954):
 * - `greeting`: connected, greeting not yet sent (input now marks an early talker);
 * - `refused`: a 554 greeting was sent; only QUIT is served (RFC 5321 §3.1);
 * - `ready`: no mail transaction (HELO/EHLO may or may not have been given);
 * - `mail`: MAIL accepted, no recipient yet; `rcpt`: at least one recipient accepted;
 * - `bdat`: a non-LAST BDAT chunk was accepted; only BDAT continues the transaction;
 * - `data`: reading DATA content; `auth`: inside a SASL exchange; `tls`: handshaking;
 * - `closing`: QUIT answered, 421 sent or the peer left; nothing more is read.
 */
export type SessionState =
  | 'greeting'
  | 'refused'
  | 'ready'
  | 'mail'
  | 'rcpt'
  | 'bdat'
  | 'data'
  | 'auth'
  | 'tls'
  | 'closing';

/** The client's HELO/EHLO (RFC 5321 §4.1.1.1). */
export interface HeloInfo {
  verb: 'HELO' | 'EHLO';
  /** The argument: a Domain or an address literal. */
  name: string;
}

/** The mail transaction in progress (RFC 5321 §3.3). */
export interface Transaction {
  /** Transaction id: the Received: field's `id`. */
  id: string;
  reversePath: Path;
  body: '7BIT' | '8BITMIME' | 'BINARYMIME' | undefined;
  smtputf8: boolean;
  size: number | undefined;
  ret: 'FULL' | 'HDRS' | undefined;
  envid: string | undefined;
  recipients: EnvelopeRecipient[];
  /** {@link SessionDeps.recipientKey} of each recipient: a repeat is acknowledged, not added. */
  recipientKeys: Set<string>;
  /** RCPT commands answered in this transaction, accepted or not (DATA: 503 vs 554). */
  rcptAttempts: number;
  /** BDAT was used (RFC 3030 §2: DATA may not follow in the same transaction). */
  usesBdat: boolean;
  /** The message being received (DATA, or BDAT chunks so far); dropped with the transaction. */
  receipt: MessageReceipt | undefined;
}

/** Shared services of all sessions of one server. */
export interface SessionDeps {
  config: ServerConfig;
  hooks: PolicyHooks;
  classify: (path: Path, isPostmaster: boolean) => RecipientClass;
  /** The mailbox a classified path resolves to (policy/recipients.ts `recipientKey`). */
  recipientKey: (path: Path, klass: RecipientClass) => string;
  /** The configured relay trust of a session (policy/hooks.ts `relayTrust`). */
  mayRelay: (session: SessionInfo) => boolean;
  store: MessageStore;
  logger: Logger;
  /** What STARTTLS needs, made or loaded at its first call (tls-material.ts `serverTls`). */
  tls: () => Promise<ServerTls>;
  /** The dispatch table the session looks verbs up in (`verbs/index.ts` `verbTable`). */
  verbs: VerbTable;
  /** Test seams of this server instance; empty unless a test double set some. */
  seams: TestSeams;
  /**
   * True while the server holds `limits.maxConnections` sessions, or turned a client away
   * for want of a slot in the last 10 s: slow content transfers then lose their grace
   * period (session/transfer-clock.ts). Absent: never full.
   */
  full?: () => boolean;
}

/** The session as verb handlers use it. */
export interface SessionContext {
  readonly id: string;
  readonly deps: SessionDeps;
  readonly input: SessionInput;
  state: SessionState;
  helo: HeloInfo | undefined;
  readonly tls: boolean;
  authenticatedAs: string | undefined;
  transaction: Transaction | undefined;
  /** Sends one reply (enhanced code included when the spec has one). */
  reply(spec: ReplySpec): void;
  /** Sends pre-formatted reply octets (EHLO's keyword lines, a SASL `334 ` challenge). */
  sendRaw(bytes: Buffer): void;
  /** Drops the transaction (RSET, EHLO, end of DATA) and returns to `ready`. */
  resetTransaction(): void;
  /** What hooks get to know about the session. */
  info(): SessionInfo;
  /** What STARTTLS needs; rejects when it cannot be made (see `SessionDeps.tls`). */
  serverTls(): Promise<ServerTls>;
  /** After the STARTTLS 220: discard pipelined plaintext, run the TLS handshake, start over. */
  startTls(tls: ServerTls): Promise<void>;
  /** Answers with `spec` (421 or 221) and closes the connection. */
  closeWith(spec: ReplySpec): void;
  /** A line framer for SASL responses (RFC 4954 §4: up to 12288 octets). */
  readonly authFramer: LineFramer;
  /** Log an event with the session id attached. */
  log: Logger['log'];
}

/** True while a mail transaction is open. */
export function inTransaction(s: Pick<SessionContext, 'state'>): boolean {
  return s.state === 'mail' || s.state === 'rcpt' || s.state === 'bdat';
}

/** The parsed command of one verb. */
export type CommandOf<V extends Verb> = Command & { verb: V };

/**
 * One verb's handler. The session checks, in this order (RFC 5321 §4.1.4, §4.3.2):
 * `unavailable` (e.g. 502 for a verb we do not implement), `sequence` (503 and friends,
 * before any syntax check so an out-of-order command never has side effects), then the
 * syntax of the line, then calls `handle`, which runs the policy hooks.
 */
export interface VerbHandler<V extends Verb> {
  unavailable?(s: SessionContext): ReplySpec | undefined;
  sequence?(s: SessionContext): ReplySpec | undefined;
  handle(s: SessionContext, command: CommandOf<V>): Promise<void>;
}

/**
 * One handler per verb the codec knows (style convention 11: a typed `Record<Verb,
 * Handler>`, never a method name built from input). Declared beside the session context
 * it works on, so the two types do not import each other.
 */
export type VerbTable = { readonly [V in Verb]: VerbHandler<V> };
