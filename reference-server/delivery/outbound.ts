/**
 * Opening an outbound SMTP session to a next hop with the shared client: greeting, EHLO
 * (HELO when EHLO is not understood), and opportunistic STARTTLS.
 */

import { SmtpClientSession } from '../../harness/client/session.ts';
import { ERROR_CODES, hasErrorCode } from '../../harness/errors.ts';
import { type EhloInfo, hasKeyword, parseEhloReply } from '../../harness/wire/ehlo.ts';
import type { NextHop } from './mx.ts';
import { type Failure, failureOfReply } from './outcome.ts';

/** How the relay client talks to next hops. */
export interface OutboundOptions {
  /** Our name in EHLO/HELO (the config's `hostname`). */
  helo: string;
  connectTimeoutMs: number;
  /** Wait for each reply (RFC 5321 §4.5.3.2 suggests 5 minutes for most). */
  replyTimeoutMs: number;
  /** Wait for the reply to the end of data (RFC 5321 §4.5.3.2.6: 10 minutes). */
  dataEndTimeoutMs: number;
  /** Use STARTTLS when offered (certificates are not verified: opportunistic). */
  startTls: boolean;
  /** Aborting closes the connection; the attempt then ends as a transient failure. */
  signal?: AbortSignal;
  /**
   * Test seam: wraps the session of every outbound connection, so that `fixtures/test-mta/`
   * can plant relay-client defects (what the relay client sends and reads). `smtpspec serve`
   * and `smtpspec run` never set it.
   */
  clientSeam?: (client: RelayClient) => RelayClient;
}

/** What the relay client uses of the shared client session. */
export type RelayClient = Pick<
  SmtpClientSession,
  | 'readReply'
  | 'command'
  | 'pipeline'
  | 'sendRaw'
  | 'sendMessage'
  | 'sendMessageStream'
  | 'startTls'
  | 'close'
  | 'isClosed'
>;

/** A session ready for MAIL. `ehlo` is undefined after a HELO fallback (no extensions). */
export interface OutboundSession {
  client: RelayClient;
  ehlo: EhloInfo | undefined;
  secure: boolean;
  /** The next hop's name, for messages. */
  name: string;
  /** Remote-MTA value (RFC 3464 §2.3.5). */
  remoteMta: string;
}

export type OpenResult =
  | { kind: 'open'; session: OutboundSession }
  | { kind: 'failed'; failure: Failure; tlsFailed: boolean };

/** Maps a client error (typed, with `code`) to a transient failure (RFC 3463 X.4.x). */
export function failureOfError(err: unknown, remoteMta: string, context: string): Failure {
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
  // RFC 3463: 4.4.1 no answer from host, 4.4.2 bad connection, 4.7.0 security (TLS).
  let status = '4.4.2';
  if (hasErrorCode(err, ERROR_CODES.connect)) status = '4.4.1';
  else if (hasErrorCode(err, ERROR_CODES.tls)) status = '4.7.0';
  return { permanent: false, status, reason: `${context}: ${message}`, remoteMta };
}

/** Connects to `hop` and brings the session to the point where MAIL may be sent. */
export async function openOutbound(hop: NextHop, options: OutboundOptions): Promise<OpenResult> {
  const remoteMta = `dns; ${hop.name}`;
  let client: RelayClient;
  try {
    client = await SmtpClientSession.connect({
      host: hop.host,
      port: hop.port,
      connectTimeoutMs: options.connectTimeoutMs,
      replyTimeoutMs: options.replyTimeoutMs,
      label: `relay to ${hop.name}`,
    });
    if (options.clientSeam !== undefined) client = options.clientSeam(client);
  } catch (err) {
    return {
      kind: 'failed',
      failure: failureOfError(err, remoteMta, `connect to ${hop.name}`),
      tlsFailed: false,
    };
  }
  const onAbort = () => void client.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await greetAndHello(client, options, hop.name);
    if (result.kind === 'failed') await closeQuietly(client);
    return result;
  } catch (err) {
    await closeQuietly(client);
    return {
      kind: 'failed',
      failure: failureOfError(err, remoteMta, `session with ${hop.name}`),
      tlsFailed: false,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function greetAndHello(
  client: RelayClient,
  options: OutboundOptions,
  name: string,
): Promise<OpenResult> {
  const remoteMta = `dns; ${name}`;
  const greeting = await client.readReply({ what: 'greeting' });
  // RFC 5321 §3.1 / §4.3.2: 220 is the only greeting that opens a session (554: "no service").
  if (greeting.code !== 220) return failed(failureOfReply(greeting, remoteMta, 'greeting'));
  let hello = await sayHello(client, options.helo, remoteMta);
  if (!hello.ok) return failed(hello.failure);
  let secure = false;
  if (options.startTls && hello.ehlo !== undefined && hasKeyword(hello.ehlo, 'STARTTLS')) {
    try {
      const started = await client.startTls();
      // RFC 3207 §4.1: a refusal (e.g. 454) leaves the session in plaintext; we carry on.
      secure = started.tls !== undefined;
    } catch (err) {
      return {
        kind: 'failed',
        failure: failureOfError(err, remoteMta, 'STARTTLS'),
        tlsFailed: true,
      };
    }
    if (secure) {
      // RFC 3207 §4.2: after TLS the client MUST discard what it knew and SHOULD send EHLO again.
      hello = await sayHello(client, options.helo, remoteMta);
      if (!hello.ok) return failed(hello.failure);
    }
  }
  return { kind: 'open', session: { client, ehlo: hello.ehlo, secure, name, remoteMta } };
}

type Hello = { ok: true; ehlo: EhloInfo | undefined } | { ok: false; failure: Failure };

/** EHLO, or HELO when the server does not know EHLO (RFC 5321 §3.2: 500/502). */
async function sayHello(client: RelayClient, helo: string, remoteMta: string): Promise<Hello> {
  const ehlo = await client.command(`EHLO ${helo}`);
  if (ehlo.code === 250) return { ok: true, ehlo: parseEhloReply(ehlo) };
  if (ehlo.code !== 500 && ehlo.code !== 502) {
    return { ok: false, failure: failureOfReply(ehlo, remoteMta, 'EHLO') };
  }
  const reply = await client.command(`HELO ${helo}`);
  if (reply.code === 250) return { ok: true, ehlo: undefined };
  return { ok: false, failure: failureOfReply(reply, remoteMta, 'HELO') };
}

function failed(failure: Failure): OpenResult {
  return { kind: 'failed', failure, tlsFailed: false };
}

/** QUIT if the session still works (RFC 5321 §4.1.1.10), then close; never throws. */
export async function quitAndClose(client: RelayClient, timeoutMs: number): Promise<void> {
  if (!client.isClosed) await client.command('QUIT', { timeoutMs }).catch(() => undefined);
  await closeQuietly(client);
}

async function closeQuietly(client: RelayClient): Promise<void> {
  await client.close().catch(() => undefined);
}
