/**
 * Test seams: where a test double (`fixtures/test-mta/`) makes one server instance
 * misbehave on purpose in ways that replacing a verb handler (`startReferenceServer({ verbs })`)
 * cannot reach: the command line before it is parsed, the end-of-data rule, and the way
 * reply octets reach the wire (their pace, their form, the greeting's too). Not
 * configuration: `smtpspec serve` and `smtpspec run` never set them. Every seam is
 * optional; unset, the session does exactly what it does without seams, at the cost of one
 * `undefined` check. (A hang needs no seam: a verb handler that never settles is one; the
 * connection still closes when the server stops.)
 */
import type { DecodeStep, DotUnstuffOptions } from '../../harness/wire/dot-unstuff-decoder.ts';
import type { ReplySpec } from './replies.ts';

/**
 * What to do with a command line instead of parsing and dispatching it:
 * - `reply`: answer with this reply; `close`: answer with it and close the connection;
 * - `drop`: close the connection without a reply; `reset`: reset it (TCP RST);
 * - `ignore`: read the line and never answer it (a hang, as the client sees it).
 */
export type LineDecision =
  | { kind: 'reply' | 'close'; reply: ReplySpec }
  | { kind: 'drop' }
  | { kind: 'reset' }
  | { kind: 'ignore' };

/** The part of the DATA decoder the DATA handler uses (`DotUnstuffDecoder` by default). */
export interface DataDecoder {
  push(chunk: Buffer): DecodeStep;
  readonly sizeExceeded: boolean;
  /** Octets of the text line still open (lets a long line be stopped early); optional. */
  readonly openLineLength?: number;
}

/** How the reply octets of one session, the greeting included, reach its connection. */
export interface ReplyOutput {
  /**
   * Takes the octets of one reply and hands them to `write`: whole or in pieces, now or
   * later, as they are or changed; in the order taken.
   */
  send(reply: Buffer, write: (octets: Buffer) => void): void;
  /** Resolves once every octet taken so far went to `write`; only then does the session close or start TLS. */
  idle(): Promise<void>;
}

/** The seams of one server instance (`startReferenceServer({ seams })`). */
export interface TestSeams {
  /** Sees each command line (without its CRLF) before it is parsed; a decision replaces the rest. */
  commandLine?(line: Buffer): LineDecision | undefined;
  /** Makes the decoder of each DATA command's content, in place of the strict shared one. */
  dataDecoder?(options: Required<DotUnstuffOptions>): DataDecoder;
  /** Makes the output of one session's replies (called once per session). */
  replyOutput?(): ReplyOutput;
}
