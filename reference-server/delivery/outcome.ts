/**
 * What one delivery attempt did for one recipient, in the terms a DSN reports
 * (RFC 3464 §2.3: Action, Status, Remote-MTA, Diagnostic-Code).
 */
import { type Reply, replyText } from '../../harness/wire/reply.ts';

/** Fields every outcome may carry. */
interface OutcomeDetail {
  /** RFC 3463 status, e.g. `2.0.0`, `4.4.1`, `5.1.1`. */
  status: string;
  /** One line for people and logs. */
  reason: string;
  /** Diagnostic-Code value when a server answered: `smtp; 550 5.1.1 No such user`. */
  diagnostic?: string;
  /** The MTA that answered: `dns; mx.b.test` (RFC 3464 §2.3.5). */
  remoteMta?: string;
}

/**
 * - `delivered`: done. `dsnAction` is the success DSN owed when NOTIFY asked for SUCCESS
 *   (`delivered` locally, `relayed` to a next hop without DSN), or undefined when none is
 *   (NOTIFY did not ask, or the next hop took over DSN duty, RFC 3461 §5.2.2).
 * - `retry`: a transient failure (4xx, no connection); try again later.
 * - `failed`: a permanent failure (5xx, no such mailbox, null MX); give up now.
 */
export type RecipientOutcome =
  | ({ kind: 'delivered'; dsnAction: 'delivered' | 'relayed' | undefined } & OutcomeDetail)
  | ({ kind: 'retry' } & OutcomeDetail)
  | ({ kind: 'failed' } & OutcomeDetail);

/** A transient or permanent failure not tied to one reply (connection, DNS, policy). */
export interface Failure {
  permanent: boolean;
  status: string;
  reason: string;
  diagnostic?: string;
  remoteMta?: string;
}

/** The outcome for a recipient the failure applies to. */
export function outcomeOfFailure(failure: Failure): RecipientOutcome {
  return { ...failure, kind: failure.permanent ? 'failed' : 'retry' };
}

/**
 * The status of a reply: its enhanced code when it has one (RFC 3463, RFC 2034), otherwise
 * the class default `X.0.0` (RFC 3463 §3.1 "Other undefined status").
 */
export function statusOfReply(reply: Pick<Reply, 'code' | 'enhanced'>): string {
  if (reply.enhanced) return reply.enhanced.text;
  const klass = Math.floor(reply.code / 100);
  return klass === 2 || klass === 4 || klass === 5 ? `${klass}.0.0` : '4.5.0';
}

/**
 * The failure a non-2xx reply means. A 4xx is transient and a 5xx permanent (RFC 5321
 * §4.2.1); anything else where a 2xx/3xx was due breaks the protocol and is treated as
 * transient (RFC 3463 4.5.0, "other or undefined protocol status").
 */
export function failureOfReply(reply: Reply, remoteMta: string, context: string): Failure {
  const text = replyText(reply);
  const klass = Math.floor(reply.code / 100);
  return {
    permanent: klass === 5,
    status: klass === 4 || klass === 5 ? statusOfReply(reply) : '4.5.0',
    reason: `${context}: ${text}`,
    diagnostic: `smtp; ${text}`,
    remoteMta,
  };
}
