/**
 * RCPT TO parameters (RFC 5321 §4.1.1.3 Rcpt-parameters): NOTIFY and ORCPT (RFC 3461).
 */
import type { EsmtpParam } from '../../harness/wire/command.ts';
import { findDuplicateKeyword } from '../../harness/wire/esmtp-params.ts';
import type { EnvelopeRecipient } from '../message-store.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { isOrcptValue } from './xtext.ts';

/** What the parameters of one RCPT command set. */
export interface RcptOptions {
  notify: EnvelopeRecipient['notify'];
  orcpt: string | undefined;
}

function badValue(keyword: string, why: string): { reply: ReplySpec } {
  return { reply: { code: 501, enhanced: '5.5.4', text: `Invalid ${keyword} parameter: ${why}` } };
}

type Notify = NonNullable<EnvelopeRecipient['notify']>;

/** RFC 3461 §4.1: notify-esmtp-value = "NEVER" / 1#notify-list-element. */
function readNotify(value: string | undefined): Notify | undefined {
  if (value === undefined) return undefined;
  const items = value.toUpperCase().split(',');
  if (items.length === 1 && items[0] === 'NEVER') return 'NEVER';
  const out: ('SUCCESS' | 'FAILURE' | 'DELAY')[] = [];
  for (const item of items) {
    if (item !== 'SUCCESS' && item !== 'FAILURE' && item !== 'DELAY') return undefined;
    if (out.includes(item)) return undefined;
    out.push(item);
  }
  return out;
}

/** Reads RCPT parameters; a reply when any is refused. */
export function readRcptParams(
  params: readonly EsmtpParam[],
  ctx: { extended: boolean; smtputf8: boolean },
): RcptOptions | { reply: ReplySpec } {
  const out: RcptOptions = { notify: undefined, orcpt: undefined };
  if (params.length === 0) return out;
  // RFC 5321 §4.1.1.11: without EHLO no parameter is recognised.
  if (!ctx.extended) return { reply: REPLIES.paramNotRecognized };
  const duplicate = findDuplicateKeyword(params);
  if (duplicate !== undefined) return badValue(duplicate, 'given more than once');
  for (const p of params) {
    if (p.keyword === 'NOTIFY') {
      const notify = readNotify(p.value);
      if (notify === undefined) {
        return badValue(
          'NOTIFY',
          'expected NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 section 4.1)',
        );
      }
      out.notify = notify;
    } else if (p.keyword === 'ORCPT') {
      // RFC 3461 §4.2: addr-type ";" xtext, at most 500 characters.
      if (p.value === undefined || p.value.length > 500 || !isOrcptValue(p.value, ctx.smtputf8)) {
        return badValue('ORCPT', 'expected addr-type;xtext of at most 500 characters');
      }
      out.orcpt = p.value;
    } else {
      return { reply: REPLIES.paramNotRecognized };
    }
  }
  return out;
}
