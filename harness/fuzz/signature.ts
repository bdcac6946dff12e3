/**
 * One finding per root cause. A failure's signature is its kind and the shape of its
 * trigger: the last thing the client sent before it failed, described by what matters in
 * its bytes (a hostile octet, a split between CR and LF, a long parameter list, a chunk
 * whose size lies) rather than by its verb. A server that drops the connection whenever CR
 * and LF arrive in separate writes then gives one finding, whatever verb the shrunk run
 * happens to end with; the verb and the state count only for a plain, whole, well-formed
 * line, where nothing else tells two triggers apart.
 */
import type { CommandLine } from './arbitraries/command-line.ts';
import type { SmtpModel } from './model.ts';
import { isWhole, type Transport } from './transport.ts';

/** How the bytes went onto the wire: `whole`, `split` or `split-before-lf`. */
export function transportShape(t: Transport): string {
  if (isWhole(t)) return '';
  return t.splitBeforeLastLf ? 'split-before-lf' : 'split';
}

/** Octet classes in `text` that servers get wrong (RFC 5321 §2.3.8, §4.5.3.1.4). */
export function octetFeatures(text: string): string[] {
  const out: string[] = [];
  if (text.includes('\0')) out.push('nul');
  if (/\r(?!\n)/.test(text)) out.push('bare-cr');
  if (/(?<!\r)\n/.test(text)) out.push('bare-lf');
  if (/[\x80-\xff]/.test(text)) out.push('8bit');
  if (/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) out.push('control');
  if (text.length + 2 > 512) out.push('over-512');
  return out;
}

/** A count as a coarse bucket, so shrinking to the least failing count keeps the shape. */
export function countBucket(n: number): string {
  if (n <= 1) return String(n);
  if (n <= 3) return '2-3';
  if (n <= 12) return '4-12';
  if (n <= 100) return '13-100';
  return '101+';
}

/** The parameters of a MAIL or RCPT line, past the path. */
function paramsOf(text: string): string[] {
  const close = text.indexOf('>');
  if (close === -1) return [];
  return text
    .slice(close + 1)
    .split(' ')
    .filter((p) => p !== '');
}

/** What a parameter list has that matters: many entries, a keyword or a value missing. */
function paramFeatures(line: CommandLine): string[] {
  if (line.verb !== 'MAIL' && line.verb !== 'RCPT') return [];
  const params = paramsOf(line.text);
  const out: string[] = [];
  if (params.length >= 4) out.push(`params:${countBucket(params.length)}`);
  if (params.some((p) => !p.includes('=') || p.endsWith('='))) out.push('param-without-value');
  if (params.some((p) => p.startsWith('='))) out.push('value-without-keyword');
  return out;
}

/** Where the session was, for a trigger that is a plain line: `rcpt(101+)`, `helo+tls`. */
export function stateShape(m: Readonly<SmtpModel>): string {
  const recipients = m.recipients > 1 ? `(${countBucket(m.recipients)})` : '';
  return `${m.state}${recipients}${m.tls ? '+tls' : ''}${m.authenticated ? '+auth' : ''}`;
}

/** Octet features that make a line's framing ambiguous (arbitraries/command-line.ts). */
const AMBIGUOUS = new Set(['bare-cr', 'bare-lf', 'over-512']);

/** Mutations of a parameter list, described by {@link paramFeatures} instead. */
const PARAM_MUTATIONS = new Set(['param-list', 'bad-params', 'path-then-text']);

/** The shape of one command line as sent: its mutation, transport and octet features. */
export function lineShape(
  line: CommandLine,
  transport: Transport,
  m: Readonly<SmtpModel>,
  context = 'line',
): string {
  // A line servers may frame either way (RFC 5321 §2.3.8, §4.5.3.1.4): how it was framed is
  // what a failure after it turns on, whatever else the line held.
  const framing = octetFeatures(line.text).filter((f) => AMBIGUOUS.has(f));
  if (framing.length > 0) return [context, ...framing].join(' ');
  const features = [
    // The parameter features say what a parameter mutation did.
    PARAM_MUTATIONS.has(line.mutation) ? '' : line.mutation,
    transportShape(transport),
    ...octetFeatures(line.text),
    ...paramFeatures(line),
  ].filter((f) => f !== '');
  // Nothing in the bytes stands out: the verb (and where it came) is all there is. Whether
  // the line came alone or in a pipelined batch (`context`) does not count.
  if (features.length === 0 || (features.length === 1 && line.mutation === 'foreign-recipient'))
    features.unshift(line.verb, `in ${stateShape(m)}`);
  return [context, ...new Set(features)].join(' ');
}

/** Words that say how a line was sent, not what was in it: they are left out of signatures. */
const CONTEXTS = /^(line|pipelined|RCPT run) /;

/**
 * `kind shape`: equal for two failures with one root cause (as far as bytes can tell). The
 * trigger's context (a line alone or in a batch) is left out.
 */
export function signatureOf(kind: string, trigger: string): string {
  // Smuggling is the look-alike that ended the data (RFC 5321 §4.1.1.4): what the content
  // held before it (long lines, many lines, 8-bit) is not the cause. Against Postfix, one
  // bare-LF bug made four findings, one per content family.
  const lookAlike = kind === 'smuggling' ? / look-alike "[^"]*"/.exec(trigger) : null;
  if (lookAlike) return `smuggling mail data${lookAlike[0]}`;
  return `${kind} ${trigger.replace(CONTEXTS, '')}`;
}
