/**
 * Argument grammar of the extension verbs AUTH (RFC 4954) and BDAT (RFC 3030).
 */
import type { ArgContext } from './command-args.ts';
import { CommandSyntaxError } from './command-error.ts';
import type { Command } from './command-types.ts';

function fail(ctx: ArgContext, reason: string): never {
  throw new CommandSyntaxError({ verb: ctx.verb, reason, suggestedReply: 501 });
}

/** RFC 4422 §3.1: sasl-mech = 1*20mech-char; mech-char = UPPER-ALPHA / DIGIT / "-" / "_". */
const SASL_MECH = /^[A-Za-z0-9_-]{1,20}$/;

/** RFC 4954 §4: initial-response = base64 / "="; base64 of RFC 4648 with padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 4954 §4: auth-command = "AUTH" SP sasl-mech [SP initial-response]. */
export function parseAuth(arg: string | undefined, ctx: ArgContext): Command {
  if (arg === undefined) fail(ctx, 'missing SASL mechanism (RFC 4954 §4)');
  const parts = arg.split(' ');
  const [mechanism, response, ...extra] = parts;
  if (mechanism === undefined || !SASL_MECH.test(mechanism)) {
    fail(ctx, `"${mechanism ?? ''}" is not a SASL mechanism name (RFC 4422 §3.1)`);
  }
  if (extra.length > 0) fail(ctx, 'more than one initial response (RFC 4954 §4)');
  if (mechanism !== mechanism.toUpperCase()) ctx.leniencies.push('lowercase-sasl-mechanism');
  let initialResponse: string | undefined;
  if (response !== undefined) {
    // RFC 4954 §4: a single "=" is the empty initial response.
    if (response === '=') initialResponse = '';
    else if (response !== '' && BASE64.test(response)) initialResponse = response;
    else fail(ctx, 'initial response is neither base64 nor "=" (RFC 4954 §4)');
  }
  return { verb: 'AUTH', mechanism: mechanism.toUpperCase(), initialResponse };
}

/** RFC 3030 §2: bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ]; end-marker = "LAST". */
export function parseBdat(arg: string | undefined, ctx: ArgContext): Command {
  if (arg === undefined) fail(ctx, 'missing chunk size (RFC 3030 §2)');
  const [size, marker, ...extra] = arg.split(' ');
  if (size === undefined || !/^[0-9]+$/.test(size)) {
    fail(ctx, 'chunk-size must be 1*DIGIT (RFC 3030 §2)');
  }
  const chunkSize = Number(size);
  if (!Number.isSafeInteger(chunkSize)) fail(ctx, `chunk-size ${size} is too large to represent`);
  if (extra.length > 0 || (marker !== undefined && marker.toUpperCase() !== 'LAST')) {
    fail(ctx, 'only "LAST" may follow the chunk size (RFC 3030 §2)');
  }
  return { verb: 'BDAT', chunkSize, isLast: marker !== undefined };
}
