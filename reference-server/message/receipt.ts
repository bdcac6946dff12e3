/**
 * A message as it is received (DATA after the 354, or the BDAT chunks of a transaction):
 * our Received: field goes to the store first (RFC 5321 §4.4), then the content as it
 * arrives, in bounded pieces, never the whole message in memory. What would refuse the
 * message (over the size, bare CR/LF, a line over the limit) is counted as it is seen; from
 * the first such problem on nothing more is stored, and the draft is dropped.
 */
import { formatMailbox } from '../../harness/wire/command.ts';
import type { Envelope, MessageDraft } from '../message-store.ts';
import type { SessionContext, Transaction } from '../session/context.ts';
import type { TextLineScan } from './text-scan.ts';
import { formatReceived, protocolName } from './trace.ts';

/** Content octets kept in memory from the start: the header section, for checks and hooks. */
export const HEAD_OCTETS = 64 * 1024;

export class MessageReceipt {
  readonly envelope: Envelope;
  /** Octets of our Received: field, stored before the content. */
  readonly traceSize: number;
  readonly #trace: Buffer;
  readonly #draft: MessageDraft;
  readonly #head: Buffer[] = [];
  #headSize = 0;
  #received = 0;
  #dropped = false;
  /** Octets of content beyond the size limit were received: the content is incomplete. */
  sizeExceeded = false;
  /** Bare CR or LF octets seen (RFC 5321 §2.3.8). */
  bareLineEnds = 0;
  /** Text lines longer than `limits.maxLineLength` (§4.5.3.1.6). */
  longLines = 0;
  /** BDAT text content: the scan for bare CR/LF and long lines (DATA has its decoder). */
  textScan: TextLineScan | undefined;

  /** Starts the message of `tx`: envelope, Received: field, and a draft in the store. */
  constructor(s: SessionContext, tx: Transaction) {
    this.envelope = buildEnvelope(s, tx);
    this.#trace = traceField(s, tx);
    this.traceSize = this.#trace.length;
    this.#draft = s.deps.store.begin(this.envelope);
  }

  /** Content octets received, stored or not. */
  get received(): number {
    return this.#received;
  }

  /** True once a content problem is known: the message will be refused. */
  get refused(): boolean {
    return this.sizeExceeded || this.bareLineEnds > 0 || this.longLines > 0;
  }

  /**
   * The first content octets (up to {@link HEAD_OCTETS}), without our Received: field:
   * enough for the header section of any sane message.
   */
  get head(): Buffer {
    return Buffer.concat(this.#head, this.#headSize);
  }

  /** The start of the message as stored: our Received: field, then {@link head}. */
  storedHead(): Buffer {
    return Buffer.concat([this.#trace, ...this.#head]);
  }

  /** Appends content (a view the caller may reuse afterwards); awaiting it is backpressure. */
  async append(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.#received += chunk.length;
    if (this.refused) return this.#drop();
    if (this.#headSize < HEAD_OCTETS) {
      const part = chunk.subarray(0, HEAD_OCTETS - this.#headSize);
      this.#head.push(Buffer.from(part));
      this.#headSize += part.length;
    }
    if (this.#received === chunk.length) await this.#draft.write(this.#trace);
    await this.#draft.write(chunk);
  }

  /** Commits the message (our Received: field even for empty content); see MessageDraft. */
  async commit(): Promise<{ queueId: string }> {
    if (this.#received === 0) await this.#draft.write(this.#trace);
    return this.#draft.commit();
  }

  /** Drops the message; never rejects. */
  discard(): Promise<void> {
    return this.#drop();
  }

  async #drop(): Promise<void> {
    if (this.#dropped) return;
    this.#dropped = true;
    this.#head.length = 0;
    await this.#draft.discard();
  }
}

function buildEnvelope(s: SessionContext, tx: Transaction): Envelope {
  const info = s.info();
  const envelope: Envelope = {
    reversePath: tx.reversePath.mailbox === null ? '' : formatMailbox(tx.reversePath.mailbox),
    recipients: tx.recipients,
    smtputf8: tx.smtputf8,
    receivedAt: new Date().toISOString(),
    client: { address: info.remoteAddress, helo: s.helo?.name ?? '', tls: s.tls },
  };
  if (tx.body !== undefined) envelope.body = tx.body;
  if (tx.ret !== undefined) envelope.ret = tx.ret;
  if (tx.envid !== undefined) envelope.envid = tx.envid;
  if (tx.size !== undefined) envelope.size = tx.size;
  if (s.authenticatedAs !== undefined) envelope.client.authenticatedAs = s.authenticatedAs;
  if (s.deps.mayRelay(info)) envelope.client.mayRelay = true;
  return envelope;
}

/** RFC 5321 §4.4: every accepted message gets our Received: field first. */
function traceField(s: SessionContext, tx: Transaction): Buffer {
  const only = tx.recipients.length === 1 ? tx.recipients[0]?.address : undefined;
  return formatReceived({
    helo: s.helo?.name ?? 'unknown',
    clientAddress: s.info().remoteAddress,
    by: s.deps.config.hostname,
    protocol: protocolName({
      ehlo: s.helo?.verb === 'EHLO',
      tls: s.tls,
      authenticated: s.authenticatedAs !== undefined,
      smtputf8: tx.smtputf8,
    }),
    id: tx.id,
    ...(only !== undefined ? { forPath: `<${only}>` } : {}),
    date: new Date(),
  });
}
