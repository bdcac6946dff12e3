/**
 * The fuzz commands of the service extensions and of large transactions: BDAT chunks
 * (RFC 3030), AUTH exchanges (RFC 4954) and a transaction with up to 1,000 recipients.
 * Each sends through the exchanges of exchanges.ts.
 */
import type { AuthPlan } from './arbitraries/auth.ts';
import type { BdatChunk } from './arbitraries/bdat.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import { type FuzzCommand, inData, open, show, split } from './command-kit.ts';
import type { SessionDriver } from './driver.ts';
import { authExchange, manyRecipients, recipientRun, sendChunk } from './exchanges.ts';
import type { SmtpModel } from './model.ts';
import { isWhole, type Transport, WHOLE } from './transport.ts';

/** A chunk one octet too long or a few too short, made exact: the line's size, its octets. */
function exactChunk(c: BdatChunk): BdatChunk {
  if (c.framing === 'long') return { ...c, payload: c.payload.slice(0, -1), framing: 'exact' };
  if (c.framing !== 'short') return c;
  const size = c.payload.length;
  return { ...c, line: c.line.replace(/^BDAT \d+/, `BDAT ${size}`), framing: 'exact' };
}

/**
 * BDAT chunks (RFC 3030 §2), once EHLO offered CHUNKING (or under --lenient): one after the
 * other while each is accepted.
 */
export class BdatCommand implements FuzzCommand {
  readonly chunks: BdatChunk[];
  readonly transport: Transport;
  constructor(chunks: BdatChunk[], transport: Transport) {
    this.chunks = chunks;
    this.transport = transport;
  }
  check = (m: Readonly<SmtpModel>) =>
    open(m) && m.state !== 'data' && (m.chunking || m.unadvertised);
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    const at = d.executed.length - 1;
    // The report shows the chunks that went out (a refused one ends the command).
    await this.send(m, d, (sent) => {
      d.executed[at] = sent;
    });
  }
  /** Chunks whose octets match their size (a lying size made true), in one write each. */
  simpler(): BdatCommand | undefined {
    const exact = this.chunks.map(exactChunk);
    if (isWhole(this.transport) && exact.every((c, i) => c === this.chunks[i])) return undefined;
    return new BdatCommand(exact, WHOLE);
  }
  /**
   * The chunks, while the server accepts them. `report` learns, before each chunk goes out,
   * how the chunks sent so far read (a failure may end the run in the middle of one).
   */
  async send(m: SmtpModel, d: SessionDriver, report?: (sent: string) => void): Promise<void> {
    for (const [i, chunk] of this.chunks.entries()) {
      if (!open(m) || inData(m)) return;
      report?.(this.describeSent(i + 1));
      if (!(await sendChunk(d, m, chunk, this.transport))) return;
    }
  }
  /** The first `sent` chunks, as the report shows them. */
  describeSent(sent: number): string {
    return this.#describe(this.chunks.slice(0, sent));
  }
  #describe(chunks: readonly BdatChunk[]): string {
    return (
      chunks
        .map(
          (c) =>
            `${show(c.line)} <${c.payload.length} octets${c.framing === 'exact' ? '' : `, ${c.framing}`}>`,
        )
        .join(' + ') + split(this.transport)
    );
  }
  toString = () => this.#describe(this.chunks);
}

/** An AUTH exchange (RFC 4954 §4), once EHLO offered AUTH (or under --lenient). */
export class AuthCommand implements FuzzCommand {
  readonly plan: AuthPlan;
  constructor(plan: AuthPlan) {
    this.plan = plan;
  }
  check = (m: Readonly<SmtpModel>) =>
    open(m) && m.state !== 'data' && (m.auth.length > 0 || m.unadvertised);
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await authExchange(d, m, this.plan);
  }
  toString = () => {
    const { mechanism, initial, responses } = this.plan;
    const first = `AUTH ${mechanism}${initial ? ` ${show(initial.text)}` : ''}`;
    return [first, ...responses.map((r) => `${show(r.text)} (${r.kind})`)].join(' / ');
  };
}

/** The parts of a transaction with many recipients: which are sent, and in what way. */
export interface RecipientsPlan {
  /** A MAIL that opens the transaction first, or none (then one must be open). */
  mail: CommandLine | undefined;
  /** The RCPT line sent `count` times. */
  rcpt: CommandLine;
  count: number;
  /** Pipelined in batches where the server offers PIPELINING (RFC 2920). */
  pipelined: boolean;
  /** A line after the recipients (RSET, NOOP, a second MAIL, QUIT), or none. */
  after: CommandLine | undefined;
}

/**
 * A transaction with up to 1,000 recipients (where recipient limits and per-recipient
 * state live) as one fuzz command: MAIL (or a transaction already open), one RCPT line
 * `count` times, in lock-step or pipelined, and a line that acts on the whole transaction.
 */
export class ManyRecipientsCommand implements FuzzCommand {
  readonly plan: RecipientsPlan;
  constructor(plan: RecipientsPlan) {
    this.plan = plan;
  }
  check = (m: Readonly<SmtpModel>) =>
    this.plan.mail === undefined
      ? m.state === 'mail' || m.state === 'rcpt'
      : open(m) && m.state !== 'data';
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    const { mail, rcpt, count, pipelined, after } = this.plan;
    if (mail) await d.line(m, mail);
    if (m.state !== 'mail' && m.state !== 'rcpt') return void d.executed.push(this.toString());
    // What is sent depends on PIPELINING: that is what the report shows.
    const run = recipientRun(m, count, pipelined);
    d.executed.push(this.#describe(run.count, run.pipelined));
    await manyRecipients(d, m, rcpt, run.count, run.pipelined);
    if (after && open(m) && !inData(m)) await d.line(m, after);
  }
  #describe(count: number, pipelined: boolean): string {
    const { mail, rcpt, after } = this.plan;
    return [
      ...(mail ? [show(mail.text)] : []),
      `${show(rcpt.text)} x${count}${pipelined ? ' (pipelined)' : ''}`,
      ...(after ? [show(after.text)] : []),
    ].join(' + ');
  }
  toString = () => this.#describe(this.plan.count, this.plan.pipelined);
  /**
   * The same transaction with one recipient: the simplification pass keeps it where the
   * number of recipients does not matter to the failure (minimize.ts), so a reproducer
   * shows one RCPT line, not a run of them.
   */
  simpler(): ManyRecipientsCommand | undefined {
    return this.plan.count > 1 ? new ManyRecipientsCommand({ ...this.plan, count: 1 }) : undefined;
  }
}
