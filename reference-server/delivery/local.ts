/**
 * Final delivery to our own mailboxes (RFC 5321 §4.4): Return-Path first, then the content
 * as spooled, into the recipient's Maildir.
 */
import { join } from 'node:path';
import { describeError } from '../../harness/errors.ts';
import { parseMailbox } from '../../harness/wire/address.ts';
import { isPostmasterLocalPart } from '../../harness/wire/mailbox-format.ts';
import type { ServerConfig } from '../config.ts';
import {
  classifyRecipient,
  createLocalDirectory,
  type LocalDirectory,
} from '../policy/recipients.ts';
import type { SpooledContent } from '../queue/spool-content.ts';
import { mailboxLocation } from './mailbox-path.ts';
import { deliverToMaildir, type MessageParts, maildirFileName, maildirOf } from './maildir.ts';
import type { RecipientOutcome } from './outcome.ts';

/** One local recipient of one spooled message. */
export interface LocalJob {
  queueId: string;
  queuedAt: Date;
  /** The reverse-path, `''` for the null path. */
  reversePath: string;
  address: string;
  notify?: ('SUCCESS' | 'FAILURE' | 'DELAY')[] | 'NEVER';
  /** The recipient's index in the envelope: part of the delivery's identity. */
  recipientIndex: number;
  /** The spooled content, streamed into the Maildir (read whole only when small). */
  content: SpooledContent;
  /** True for a message found in the spool at start: a copy may already be in `cur/`. */
  recovered: boolean;
}

export type LocalConfig = Pick<ServerConfig, 'dataDir' | 'hostname' | 'localDomains' | 'mailboxes'>;

/** Delivers to local Maildirs under `<dataDir>/maildir`. */
export class LocalDeliverer {
  readonly root: string;
  readonly #hostname: string;
  readonly #defaultDomain: string;
  readonly #directory: LocalDirectory;
  /** Maildirs created by this deliverer: `ensureMaildir` runs once per mailbox. */
  readonly #knownDirs = new Set<string>();

  constructor(config: LocalConfig) {
    this.root = join(config.dataDir, 'maildir');
    this.#hostname = config.hostname;
    // The bare <Postmaster> (RFC 5321 §4.1.1.3) lands in the first local domain.
    this.#defaultDomain = config.localDomains[0] ?? config.hostname;
    this.#directory = createLocalDirectory(config);
  }

  /** Delivers one recipient; never throws (file-system trouble is a transient outcome). */
  async deliver(job: LocalJob): Promise<RecipientOutcome> {
    const refused = this.#refusal(job.address);
    if (refused) return refused;
    const location = mailboxLocation(job.address, this.#defaultDomain);
    if (typeof location === 'string') {
      // RFC 3463 X.1.3: bad destination mailbox address syntax.
      return { kind: 'failed', status: '5.1.3', reason: `cannot deliver locally: ${location}` };
    }
    let dir: string;
    try {
      dir = maildirOf(this.root, location);
    } catch (err) {
      return { kind: 'failed', status: '5.1.3', reason: describeError(err) };
    }
    try {
      const name = maildirFileName({ ...job, hostname: this.#hostname });
      // RFC 5321 §4.4: at final delivery the server inserts the return-path line first.
      const returnPath = Buffer.from(`Return-Path: <${job.reversePath}>\r\n`, 'utf8');
      const result = await deliverToMaildir(dir, name, withReturnPath(returnPath, job.content), {
        checkCur: job.recovered,
        knownDirs: this.#knownDirs,
        // Outside recovery a copy in new/ can only be this delivery, written by an attempt
        // that failed after it: replacing it gives the same one message.
        renameOver: !job.recovered,
      });
      return delivered(job, result);
    } catch (err) {
      return transientFsFailure(err);
    }
  }

  /** A permanent refusal when `address` is not (or no longer) one of our mailboxes. */
  #refusal(address: string): RecipientOutcome | undefined {
    if (address.toLowerCase() === 'postmaster') return undefined;
    const mailbox = parseMailbox(address, { smtputf8: true });
    if (mailbox instanceof Error) {
      return { kind: 'failed', status: '5.1.3', reason: `'${address}' is not a mailbox` };
    }
    const path = { mailbox, sourceRoute: [], raw: `<${address}>` };
    const klass = classifyRecipient(
      this.#directory,
      path,
      isPostmasterLocalPart(mailbox.localPart),
    );
    switch (klass.kind) {
      case 'local':
        return undefined;
      case 'unknown-local':
        // RFC 3463 X.1.1: bad destination mailbox address.
        return { kind: 'failed', status: '5.1.1', reason: `no mailbox ${address} here` };
      case 'foreign':
        // RFC 3463 X.1.2: bad destination system address (the domain is not ours any more).
        return { kind: 'failed', status: '5.1.2', reason: `${klass.domain} is not a local domain` };
      case 'routing-trick':
        return { kind: 'failed', status: '5.7.1', reason: `${address}: ${klass.reason}` };
    }
  }
}

/** The Return-Path line, then the content: one piece when it was read whole, else streamed. */
function withReturnPath(returnPath: Buffer, content: SpooledContent): MessageParts {
  if (content.whole !== undefined) return [returnPath, content.whole];
  return (async function* () {
    yield returnPath;
    yield* content.chunks();
  })();
}

function delivered(job: LocalJob, result: { path: string; duplicate: boolean }): RecipientOutcome {
  const wantsSuccess = Array.isArray(job.notify) && job.notify.includes('SUCCESS');
  return {
    kind: 'delivered',
    // RFC 3461 §6.2: NOTIFY=SUCCESS asks for a "delivered" DSN on final delivery.
    dsnAction: wantsSuccess ? 'delivered' : undefined,
    status: '2.0.0',
    reason: result.duplicate ? `already in ${result.path}` : `delivered to ${result.path}`,
  };
}

function transientFsFailure(err: unknown): RecipientOutcome {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = code || (err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));
  // RFC 3463: 4.2.2 mailbox full (quota), 4.3.1 mail system full, 4.3.0 other.
  const status = code === 'EDQUOT' ? '4.2.2' : code === 'ENOSPC' ? '4.3.1' : '4.3.0';
  return { kind: 'retry', status, reason: `local delivery failed: ${detail}` };
}
