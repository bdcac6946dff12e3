/**
 * The relay client: one SMTP transaction per next hop with the shared client session
 * (PIPELINING when offered, RFC 2920), per-recipient outcomes, MX fallback (RFC 5321 §5.1).
 */
import type { Reply } from '../../harness/wire/reply.ts';
import type { SpooledContent } from '../queue/spool-content.ts';
import type { NextHop } from './mx.ts';
import {
  failureOfError,
  type OpenResult,
  type OutboundOptions,
  type OutboundSession,
  openOutbound,
  quitAndClose,
  type RelayClient,
} from './outbound.ts';
import {
  type Failure,
  failureOfReply,
  outcomeOfFailure,
  type RecipientOutcome,
} from './outcome.ts';
import {
  planTransaction,
  type RelayEnvelope,
  type RelayRecipient,
  type Transfer,
} from './relay-params.ts';

/** A message to relay to the hops of one route. */
export interface RelayJob {
  envelope: RelayEnvelope;
  recipients: RelayRecipient[];
  /** Streamed from the spool for each transaction; never held whole. */
  content: SpooledContent;
  /** The content has an octet above 127 (found once per attempt). */
  eightBit: boolean;
}

type HopResult =
  | { kind: 'outcomes'; outcomes: RecipientOutcome[] }
  | Extract<OpenResult, { kind: 'failed' }>;

/**
 * Relays `job` to the first of `hops` that takes part in a transaction; returns one outcome
 * per recipient, in order. A hop that cannot be reached or refuses the session (greeting,
 * EHLO) makes us try the next (RFC 5321 §5.1); the answers of the first hop that reaches
 * MAIL are final for this attempt. When every hop fails, a transient failure wins over a
 * permanent one: another hop may still take the message later.
 */
export async function relayToHops(
  hops: readonly NextHop[],
  job: RelayJob,
  options: OutboundOptions,
): Promise<RecipientOutcome[]> {
  let transient: Failure | undefined;
  let permanent: Failure | undefined;
  for (const hop of hops) {
    if (options.signal?.aborted) break;
    let result = await attemptHop(hop, job, options);
    if (result.kind === 'failed' && result.tlsFailed) {
      // Opportunistic TLS (RFC 7435 §1.3, RFC 3207 §4.1): a failed handshake is retried once
      // in plaintext, on a new connection, within the same attempt.
      result = await attemptHop(hop, job, { ...options, startTls: false });
    }
    if (result.kind === 'outcomes') return result.outcomes;
    if (result.failure.permanent) permanent = result.failure;
    else transient = result.failure;
  }
  const failure = transient ??
    permanent ?? {
      permanent: false,
      status: '4.4.4',
      reason: 'delivery interrupted before any next hop answered',
    };
  return job.recipients.map(() => outcomeOfFailure(failure));
}

async function attemptHop(
  hop: NextHop,
  job: RelayJob,
  options: OutboundOptions,
): Promise<HopResult> {
  const opened = await openOutbound(hop, options);
  if (opened.kind === 'failed') return opened;
  const { session } = opened;
  const onAbort = () => void session.client.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return { kind: 'outcomes', outcomes: await transaction(session, job, options) };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await quitAndClose(session.client, Math.min(options.replyTimeoutMs, 10_000));
  }
}

/** MAIL, RCPTs, then DATA or BDAT on an open session. Never throws. */
async function transaction(
  session: OutboundSession,
  job: RelayJob,
  options: OutboundOptions,
): Promise<RecipientOutcome[]> {
  const { client, ehlo, remoteMta } = session;
  const facts = { size: job.content.size, eightBit: job.eightBit };
  const plan = planTransaction(job.envelope, job.recipients, facts, ehlo, remoteMta);
  if (plan.kind === 'refused') return job.recipients.map(() => outcomeOfFailure(plan.failure));
  const outcomes: (RecipientOutcome | undefined)[] = job.recipients.map(() => undefined);
  try {
    const pipelining = ehlo?.keywords.has('PIPELINING') ?? false;
    const accepted = await mailAndRcpts(
      client,
      plan.mail,
      plan.rcpts,
      pipelining,
      remoteMta,
      outcomes,
    );
    if (accepted.length > 0) {
      const final = await sendContent(client, job.content, plan.transfer, options);
      for (const i of accepted) {
        outcomes[i] =
          final.sent && final.reply.code >= 200 && final.reply.code < 300
            ? delivered(job.recipients[i], final.reply, plan.dsnPassed, session)
            : outcomeOfFailure(
                failureOfReply(final.reply, remoteMta, final.sent ? 'end of data' : 'DATA'),
              );
      }
    }
  } catch (err) {
    // RFC 5321 §6.1: an interrupted transaction is retried later; a duplicate beats a loss.
    const failure = failureOfError(err, remoteMta, `transaction with ${session.name}`);
    for (const [i, o] of outcomes.entries())
      if (o === undefined) outcomes[i] = outcomeOfFailure(failure);
  }
  return outcomes.map(
    (o) =>
      o ?? outcomeOfFailure({ permanent: false, status: '4.5.0', reason: 'no answer', remoteMta }),
  );
}

/**
 * Sends MAIL and the RCPTs, in one batch when PIPELINING is offered (RFC 2920 §3.1), and
 * records each refused recipient's outcome. Returns the indexes of accepted recipients.
 */
async function mailAndRcpts(
  client: RelayClient,
  mail: string,
  rcpts: readonly string[],
  pipelining: boolean,
  remoteMta: string,
  outcomes: (RecipientOutcome | undefined)[],
): Promise<number[]> {
  const replies = pipelining
    ? await client.pipeline([mail, ...rcpts])
    : [await client.command(mail)];
  const mailReply = replies[0] as Reply;
  // RFC 5321 §4.3.2: MAIL succeeds with 250 only; then every recipient shares its failure.
  if (mailReply.code !== 250) {
    outcomes.fill(outcomeOfFailure(failureOfReply(mailReply, remoteMta, 'MAIL')));
    return [];
  }
  const rcptReplies = replies.slice(1);
  if (!pipelining) for (const line of rcpts) rcptReplies.push(await client.command(line));
  const accepted: number[] = [];
  for (const [i, reply] of rcptReplies.entries()) {
    // RFC 5321 §4.3.2: RCPT succeeds with 250 or 251.
    if (reply.code === 250 || reply.code === 251) accepted.push(i);
    else outcomes[i] = outcomeOfFailure(failureOfReply(reply, remoteMta, 'RCPT'));
  }
  return accepted;
}

/**
 * DATA then the content, dot-stuffed by the shared encoder (RFC 5321 §4.1.1.4, §4.5.2), or
 * one `BDAT n LAST` (RFC 3030 §2). Streamed from the spool; a message read whole goes in
 * one write. `sent: false` when DATA was not answered 354.
 */
async function sendContent(
  client: RelayClient,
  content: SpooledContent,
  transfer: Transfer,
  options: OutboundOptions,
): Promise<{ sent: boolean; reply: Reply }> {
  const read = { what: 'reply to the end of data', timeoutMs: options.dataEndTimeoutMs };
  if (transfer === 'bdat') {
    const command = Buffer.from(`BDAT ${content.size} LAST\r\n`, 'latin1');
    if (content.whole !== undefined) await client.sendRaw(Buffer.concat([command, content.whole]));
    else {
      await client.sendRaw(command);
      for await (const chunk of content.chunks()) await client.sendRaw(chunk);
    }
    return { sent: true, reply: await client.readReply(read) };
  }
  const go = await client.command('DATA');
  // RFC 5321 §4.3.2: content follows only a 354 reply.
  if (go.code !== 354) return { sent: false, reply: go };
  if (content.whole !== undefined) await client.sendMessage(content.whole);
  else await client.sendMessageStream(content.chunks());
  return { sent: true, reply: await client.readReply(read) };
}

function delivered(
  recipient: RelayRecipient | undefined,
  reply: Reply,
  dsnPassed: boolean,
  session: OutboundSession,
): RecipientOutcome {
  const wantsSuccess = Array.isArray(recipient?.notify) && recipient.notify.includes('SUCCESS');
  return {
    kind: 'delivered',
    // RFC 3461 §5.2.2: a next hop without DSN makes us report NOTIFY=SUCCESS as "relayed";
    // a next hop with DSN takes the duty over, and we issue nothing.
    dsnAction: wantsSuccess && !dsnPassed ? 'relayed' : undefined,
    status: reply.enhanced?.text ?? '2.0.0',
    reason: `relayed to ${session.name}`,
    diagnostic: `smtp; ${reply.code} ${reply.lines[0] ?? ''}`.trimEnd(),
    remoteMta: session.remoteMta,
  };
}
