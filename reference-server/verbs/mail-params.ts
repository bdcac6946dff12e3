/**
 * MAIL FROM parameters (RFC 5321 §4.1.1.2 Mail-parameters): SIZE (RFC 1870), BODY
 * (RFC 6152, RFC 3030), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461), AUTH (RFC 4954 §5).
 */
import type { EsmtpParam } from '../../harness/wire/command.ts';
import { findDuplicateKeyword } from '../../harness/wire/esmtp-params.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { isXtext } from './xtext.ts';

/** What the parameters of one MAIL command set. */
export interface MailOptions {
  size: number | undefined;
  body: '7BIT' | '8BITMIME' | 'BINARYMIME' | undefined;
  smtputf8: boolean;
  ret: 'FULL' | 'HDRS' | undefined;
  envid: string | undefined;
}

/** What the session offers, which decides which parameters are recognised. */
export interface MailParamContext {
  /** EHLO was used: without it no parameter is recognised (RFC 5321 §4.1.1.11: 555). */
  extended: boolean;
  /** AUTH is advertised (only under TLS), so MAIL may carry AUTH= (RFC 4954 §5). */
  authOffered: boolean;
  maxMessageSize: number;
}

function badValue(keyword: string, why: string): ReplySpec {
  // RFC 3463 X.5.4: invalid command arguments.
  return { code: 501, enhanced: '5.5.4', text: `Invalid ${keyword} parameter: ${why}` };
}

type Step = { reply: ReplySpec } | undefined;

/** Applies one parameter to `out`; a reply when it is refused. */
function applyParam(p: EsmtpParam, ctx: MailParamContext, out: MailOptions): Step {
  const value = p.value;
  switch (p.keyword) {
    case 'SIZE': {
      // RFC 1870 §3: size-value = 1*20DIGIT.
      if (value === undefined || !/^[0-9]{1,20}$/.test(value))
        return { reply: badValue('SIZE', 'expected 1*20DIGIT') };
      const size = Number(value);
      // RFC 1870 §6.1: a size over the fixed maximum gets 552 at MAIL.
      if (size > ctx.maxMessageSize) return { reply: REPLIES.sizeExceeded };
      out.size = size;
      return undefined;
    }
    case 'BODY': {
      const body = value?.toUpperCase();
      if (body !== '7BIT' && body !== '8BITMIME' && body !== 'BINARYMIME') {
        return { reply: badValue('BODY', 'expected 7BIT, 8BITMIME or BINARYMIME') };
      }
      out.body = body;
      return undefined;
    }
    case 'SMTPUTF8':
      // RFC 6531 §3.4: the SMTPUTF8 parameter takes no value.
      if (value !== undefined) return { reply: badValue('SMTPUTF8', 'takes no value') };
      out.smtputf8 = true;
      return undefined;
    case 'RET': {
      const ret = value?.toUpperCase();
      // RFC 3461 §4.3: ret-value = "FULL" / "HDRS".
      if (ret !== 'FULL' && ret !== 'HDRS')
        return { reply: badValue('RET', 'expected FULL or HDRS') };
      out.ret = ret;
      return undefined;
    }
    case 'ENVID':
      // RFC 3461 §4.4: xtext, at most 100 characters.
      if (value === undefined || value.length > 100 || !isXtext(value, out.smtputf8)) {
        return { reply: badValue('ENVID', 'expected xtext of at most 100 characters') };
      }
      out.envid = value;
      return undefined;
    case 'AUTH':
      if (!ctx.authOffered) return { reply: REPLIES.paramNotRecognized };
      // RFC 4954 §5: AUTH=xtext / "<>"; recorded by trusted relays only, so we just check it.
      if (value === undefined || (value !== '<>' && !isXtext(value, out.smtputf8))) {
        return { reply: badValue('AUTH', 'expected xtext or <>') };
      }
      return undefined;
    default:
      // RFC 5321 §4.1.1.11: unrecognised parameters get 555.
      return { reply: REPLIES.paramNotRecognized };
  }
}

/** Reads MAIL parameters; a reply when any is refused. */
export function readMailParams(
  params: readonly EsmtpParam[],
  ctx: MailParamContext,
): MailOptions | { reply: ReplySpec } {
  const out: MailOptions = {
    size: undefined,
    body: undefined,
    smtputf8: false,
    ret: undefined,
    envid: undefined,
  };
  if (params.length === 0) return out;
  if (!ctx.extended) return { reply: REPLIES.paramNotRecognized };
  const duplicate = findDuplicateKeyword(params);
  if (duplicate !== undefined) return { reply: badValue(duplicate, 'given more than once') };
  // SMTPUTF8 first: it decides whether ENVID may hold UTF-8 (RFC 6533 §3).
  out.smtputf8 = params.some((p) => p.keyword === 'SMTPUTF8');
  for (const p of params) {
    const step = applyParam(p, ctx, out);
    if (step) return step;
  }
  return out;
}
