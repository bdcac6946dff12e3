/**
 * Local delivery at once: a message whose every recipient is one of our mailboxes, and
 * that asks for no SUCCESS notice, is written into the Maildirs when its content ends,
 * before the 250, instead of into the spool to be delivered from there a moment later.
 * The Maildir copy is as durable as a spool entry (file and directory fsynced, RFC 5321
 * §6.1), so the 250 means the same; the spool's write, read-back and removal are saved.
 * A recipient that cannot be delivered at once (a full disk, a mailbox gone since RCPT)
 * is spooled as usual, where it is retried or bounced.
 */
import type { LocalDeliverer } from '../delivery/local.ts';
import type { RecipientOutcome } from '../delivery/outcome.ts';
import type { Envelope, EnvelopeRecipient } from '../message-store.ts';
import { contentOf } from './spool-content.ts';

/** Whether `envelope` can be delivered at once (see the module comment). */
export function deliversAtOnce(envelope: Envelope): boolean {
  return envelope.recipients.every(
    (r) => r.local && !(Array.isArray(r.notify) && r.notify.includes('SUCCESS')),
  );
}

/** What delivering at once did: the outcomes, and the recipients left for the spool. */
export interface DirectResult {
  outcomes: RecipientOutcome[];
  left: EnvelopeRecipient[];
}

/** Delivers `content` to every recipient of `envelope`, all Maildirs in parallel. */
export async function deliverAtOnce(
  local: LocalDeliverer,
  queueId: string,
  envelope: Envelope,
  content: Buffer,
): Promise<DirectResult> {
  const queuedAt = new Date(envelope.receivedAt);
  const spooled = contentOf(content);
  const outcomes = await Promise.all(
    envelope.recipients.map((r, index) =>
      local.deliver({
        queueId,
        queuedAt: Number.isNaN(queuedAt.getTime()) ? new Date() : queuedAt,
        reversePath: envelope.reversePath,
        address: r.address,
        ...(r.notify === undefined ? {} : { notify: r.notify }),
        recipientIndex: index,
        content: spooled,
        recovered: false,
      }),
    ),
  );
  const left = envelope.recipients.filter((_, i) => outcomes[i]?.kind !== 'delivered');
  return { outcomes, left };
}
