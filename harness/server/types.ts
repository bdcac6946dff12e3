/**
 * The harness as an SMTP server: what it sends (scripted replies), what it records of the
 * peer acting as a client (every command line and every message, byte-exact, with how it
 * arrived), and the script that decides the replies. Used by the relay sink (what a target
 * relays on) and by client-conformance mode (`smtpspec serve-cases`).
 */
import type { Transcript } from '../transcript/transcript.ts';
import type { Command } from '../wire/command-types.ts';
import type { DataEvent } from '../wire/data-events.ts';
import type { ByteIssue, LineEnd } from '../wire/lines.ts';

/**
 * One reply the harness sends. `text` lines are formatted strictly by the shared codec
 * (RFC 5321 §4.2); `raw` sends exact octets instead (latin1), for odd but legal replies
 * (`250\r\n` without text) or an injection, with `code` still naming what it means.
 */
export interface ServerReply {
  code: number;
  text?: string | string[];
  /** RFC 3463 code put before the text of every line. */
  enhanced?: string;
  raw?: string;
  /** Wait this long before the first octet. */
  delayMs?: number;
  /** One TCP write per octet (a reply split byte by byte). */
  byteByByte?: boolean;
  /** Send only this many octets, then close: a disconnect in the middle of the reply. */
  cutAfter?: number;
  /** Close the connection after the reply (after 221 or 421). */
  close?: boolean;
}

/** One command line the peer sent. */
export interface ReceivedCommand {
  /** Position among the session's command lines, from 0. */
  index: number;
  /** The line without its terminator; an over-long line keeps only its head. */
  line: Buffer;
  /** `LF`: the line ended in a bare LF (RFC 5321 §2.3.8 allows only CRLF). */
  end: LineEnd | 'overflow';
  /** Bare CR, NUL and 8-bit octets inside the line. */
  issues: ByteIssue[];
  /** The parsed command, or undefined when the line is outside the RFC 5321 §4.1 grammar. */
  command: Command | undefined;
  /** Why the line did not parse. */
  syntaxError?: string;
  /**
   * It arrived before the reply to an earlier command (or the greeting) was sent: the peer
   * did not wait for that reply.
   */
  pipelined: boolean;
  /** Milliseconds since the session started. */
  at: number;
  /** The code of the reply the harness sent for it. */
  replyCode?: number;
}

/** One message (mail data after a 354) the peer sent. */
export interface ReceivedData {
  /** Dot-unstuffed content, without the final CRLF.CRLF; at most the size cap. */
  content: Buffer;
  sizeExceeded: boolean;
  /** Bare CR, bare LF, end-of-data look-alikes and long lines in the data (first 100). */
  events: DataEvent[];
  /** Octets of it arrived before the 354 was sent (RFC 5321 §3.3: data only after 354). */
  beforeGo: boolean;
  /** Ended by the peer closing instead of CRLF.CRLF. */
  unterminated: boolean;
  at: number;
  replyCode?: number;
}

/** What the session log holds, in order. */
export type SessionEntry =
  | { kind: 'command'; command: ReceivedCommand }
  | { kind: 'data'; data: ReceivedData }
  /** Octets received after a 220 to STARTTLS and before the handshake (RFC 3207 §4.2). */
  | { kind: 'discarded'; bytes: Buffer; at: number }
  | { kind: 'tls'; at: number };

/** How a session ended. */
export interface SessionEnd {
  /** `client`: the peer closed (FIN); `server`: the harness did (after 221, 421, a cut). */
  by: 'client' | 'server' | 'reset' | 'timeout' | 'limit';
  at: number;
}

/** Everything recorded of one connection. */
export interface SessionRecord {
  /** Number of the connection on its listener, from 1. */
  id: number;
  /** `host:port` of the peer. */
  remote: string;
  startedAt: Date;
  /** The code of the greeting sent. */
  greetingCode?: number;
  entries: SessionEntry[];
  /** EHLO keywords of the last 250 reply to EHLO (upper case); undefined before one. */
  offered?: ReadonlySet<string>;
  end?: SessionEnd;
  /** Both directions: `C` the peer (the client), `S` the harness (the server). */
  transcript: Transcript;
}

/** The mail transaction as the harness's replies made it (RFC 5321 §3.3). */
export interface TransactionView {
  /** The reverse-path as sent, brackets included (`<>` for the null path). */
  reversePath: string;
  /** Every RCPT of the transaction: its forward-path as sent and whether it got 250/251. */
  recipients: { path: string; accepted: boolean }[];
}

/** What a script may know when it answers. */
export interface SessionView {
  readonly record: SessionRecord;
  /** The greeting verb accepted last (`EHLO`/`HELO`), if any. */
  readonly hello: 'EHLO' | 'HELO' | undefined;
  readonly transaction: TransactionView | undefined;
  readonly tls: boolean;
}

/** Decides every reply of one session. */
export interface SessionScript {
  greeting(view: SessionView): ServerReply | Promise<ServerReply>;
  command(command: ReceivedCommand, view: SessionView): ServerReply | Promise<ServerReply>;
  /** The reply after the mail data (RFC 5321 §4.1.1.4). */
  data(data: ReceivedData, view: SessionView): ServerReply | Promise<ServerReply>;
}
