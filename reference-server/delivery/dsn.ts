/**
 * Delivery status notifications (RFC 3464): a `multipart/report; report-type=delivery-status`
 * message (RFC 6522) with a human-readable part, the `message/delivery-status` part and the
 * original message or its header section (RET, RFC 3461 §4.3).
 */
import { randomBytes } from 'node:crypto';
import { rfc5322Date } from '../message/trace.ts';
import type { DsnAction } from '../queue/record.ts';
import {
  decodeXtext,
  fieldText,
  headerSection,
  originalRecipient,
  typedAddress,
} from './dsn-fields.ts';
import { hasEightBit } from './relay-params.ts';

/** What the DSN says about one recipient (RFC 3464 §2.3). */
export interface DsnRecipient {
  address: string;
  /** The ORCPT value as received (`addr-type;xtext`). */
  orcpt?: string;
  action: DsnAction;
  status: string;
  diagnostic?: string;
  remoteMta?: string;
  lastAttemptAt?: Date;
  /** One line for the human-readable part. */
  reason: string;
}

/** Everything a DSN is built from. */
export interface DsnRequest {
  /** Our host name (Reporting-MTA, RFC 3464 §2.2.2). */
  reportingMta: string;
  /** The DSN's From: someone responsible for this MTA (RFC 3464 §2.1). */
  from: string;
  /** The original reverse-path: the DSN's only recipient (RFC 3464 §2.1). */
  to: string;
  /** ENVID as received (xtext). */
  envid?: string;
  arrivalDate: Date;
  recipients: DsnRecipient[];
  /** The original message, or its first octets when it is larger than `maxReturnedSize`. */
  original: Buffer;
  /** Octets of the whole original; default `original.length`. */
  originalSize?: number;
  /**
   * FULL returns the whole original, HDRS only its header section. An original larger than
   * `maxReturnedSize` is returned as its header section whatever `ret` says.
   */
  ret: 'FULL' | 'HDRS';
  /** Cap on the returned part: the whole original, or else its header section (cut). */
  maxReturnedSize: number;
  /** The original was an SMTPUTF8 message: use the RFC 6533 `global` types. */
  utf8: boolean;
  date: Date;
}

const CRLF = '\r\n';

/** Builds the complete DSN message, header section included, with CRLF line ends. */
export function buildDsn(request: DsnRequest): Buffer {
  // RFC 3461 §4.3: RET=FULL asks for the whole message; we return it only while it is small,
  // so that a notice can never carry megabytes of someone's content to a forged sender.
  const size = request.originalSize ?? request.original.length;
  const full =
    request.ret === 'FULL' && size <= request.maxReturnedSize && request.original.length === size;
  const req: DsnRequest = { ...request, ret: full ? 'FULL' : 'HDRS' };
  const returned = full ? req.original : headerSection(req.original, req.maxReturnedSize);
  const boundary = pickBoundary(returned);
  const human = humanPart(req);
  const status = statusPart(req);
  const head = [
    `From: Mail Delivery System <${req.from}>`,
    `To: <${req.to}>`,
    `Subject: ${subjectOf(req.recipients)}`,
    `Date: ${rfc5322Date(req.date)}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${req.reportingMta}>`,
    // RFC 3834 §5: automatic responses carry Auto-Submitted: auto-replied.
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message: a delivery status notification (RFC 3464).',
    '',
  ].join(CRLF);
  const parts = [
    `--${boundary}${CRLF}${human}`,
    `${CRLF}--${boundary}${CRLF}${status}`,
    `${CRLF}--${boundary}${CRLF}${returnedHead(req, returned)}${CRLF}`,
  ];
  return Buffer.concat([
    Buffer.from(head + parts.join(''), 'utf8'),
    returned,
    Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'latin1'),
  ]);
}

function subjectOf(recipients: readonly DsnRecipient[]): string {
  if (recipients.some((r) => r.action === 'failed')) return 'Undelivered Mail Returned to Sender';
  return 'Delivery Status Notification (Success)';
}

/** A boundary that does not occur in what we enclose (RFC 2046 §5.1.1). */
function pickBoundary(enclosed: Buffer): string {
  for (;;) {
    const boundary = `=_smtpspec_${randomBytes(12).toString('hex')}`;
    if (!enclosed.includes(boundary)) return boundary;
  }
}

function humanPart(req: DsnRequest): string {
  const lines = [`This is the mail system at host ${req.reportingMta}.`, ''];
  for (const r of req.recipients) {
    const what =
      r.action === 'failed'
        ? 'could not be delivered to'
        : r.action === 'delivered'
          ? 'was delivered to'
          : 'was relayed, to a system that sends no further reports, for';
    lines.push(`Your message ${what} <${r.address}>:`, `    ${r.reason}`, '');
  }
  const text = lines.map((l) => fieldText(l, true)).join(CRLF);
  const utf8 = !/^[\u0000-\u007f]*$/.test(text);
  return [
    `Content-Type: text/plain; charset=${utf8 ? 'utf-8' : 'us-ascii'}`,
    `Content-Transfer-Encoding: ${utf8 ? '8bit' : '7bit'}`,
    '',
    text,
  ].join(CRLF);
}

/** The delivery-status part: per-message fields, then one block per recipient (RFC 3464 §2.2, §2.3). */
function statusPart(req: DsnRequest): string {
  const u = req.utf8;
  const message = [`Reporting-MTA: dns; ${req.reportingMta}`];
  if (req.envid !== undefined)
    message.push(`Original-Envelope-Id: ${fieldText(decodeXtext(req.envid), u)}`);
  message.push(`Arrival-Date: ${rfc5322Date(req.arrivalDate)}`);
  const blocks = req.recipients.map((r) => {
    const fields = [`Final-Recipient: ${fieldText(typedAddress(r.address), u)}`];
    if (r.orcpt !== undefined)
      fields.push(`Original-Recipient: ${fieldText(originalRecipient(r.orcpt), u)}`);
    fields.push(`Action: ${r.action}`, `Status: ${r.status}`);
    if (r.remoteMta !== undefined) fields.push(`Remote-MTA: ${fieldText(r.remoteMta, u)}`);
    if (r.diagnostic !== undefined) fields.push(`Diagnostic-Code: ${fieldText(r.diagnostic, u)}`);
    if (r.lastAttemptAt !== undefined)
      fields.push(`Last-Attempt-Date: ${rfc5322Date(r.lastAttemptAt)}`);
    return fields.join(CRLF);
  });
  // RFC 6533 §6.1: message/global-delivery-status carries UTF-8 fields.
  const type = u ? 'message/global-delivery-status' : 'message/delivery-status';
  return [
    `Content-Type: ${type}`,
    '',
    message.join(CRLF),
    '',
    blocks.join(`${CRLF}${CRLF}`),
    '',
  ].join(CRLF);
}

/** Headers of the returned part: the whole message or its header section (RFC 6522 §4, RFC 6533 §6). */
function returnedHead(req: DsnRequest, returned: Buffer): string {
  const type =
    req.ret === 'FULL'
      ? req.utf8
        ? 'message/global'
        : 'message/rfc822'
      : req.utf8
        ? 'message/global-headers'
        : 'text/rfc822-headers';
  // RFC 2046 §5.2.1: message/rfc822 allows only 7bit, 8bit or binary; say 8bit when it is.
  const cte = hasEightBit(returned) ? `${CRLF}Content-Transfer-Encoding: 8bit` : '';
  return `Content-Type: ${type}${cte}${CRLF}`;
}
