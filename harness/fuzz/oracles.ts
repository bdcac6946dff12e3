/**
 * The oracles: how a failed read, a reply's form and a reply's code become failures or
 * warnings. Pure functions over what the client returned; the driver applies them.
 */
import { citedActual, classifyReadFailure, type FailedReadKind } from '../judge/read-failure.ts';
import { formFinding } from '../judge/reply-form.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import { allowedReplies, type TableVerb, tableVerbOf } from '../wire/reply-table.ts';
import { visibleBytes } from '../wire/visible.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import { type FailureKind, FuzzFailure, OversizedReply } from './findings.ts';
import { allows, type ModelInput, type ReplyRule } from './model.ts';
import type { CampaignStats } from './stats.ts';

/** `'4xx or 5xx (RFC ...)'` for a rule, as reports show the acceptable outcomes. */
export function describeRule(r: ReplyRule): string[] {
  return [`${r.codes.join(' or ')} (${r.because})`, '421 and close (RFC 5321 §3.8)'];
}

const FAILURE_OF: Readonly<Record<Exclude<FailedReadKind, 'oversized'>, FailureKind>> = {
  silence: 'hang',
  closed: 'drop',
  reset: 'drop',
  malformed: 'malformed-reply',
  harness: 'error',
};

/**
 * The failure for a read that produced no reply: drop, hang, malformed, or a harness bug,
 * classified and cited by the judge (harness/judge/read-failure.ts) as the runner does.
 * A reply past the client's caps is no finding (the runner grades it at most `warn`): it
 * ends the run with {@link OversizedReply}, which the run turns into a warning.
 */
export function readFailure(
  err: unknown,
  what: string,
  expected: string[],
): FuzzFailure | OversizedReply {
  const failed = classifyReadFailure(err);
  if (failed.kind === 'oversized') return new OversizedReply(`${what}: ${citedActual(failed)}`);
  const kind = FAILURE_OF[failed.kind];
  const actual = failed.kind === 'silence' ? 'no reply' : failed.actual;
  const message =
    kind === 'error'
      ? `${what}: ${failed.actual} (this is a bug in smtpspec)`
      : `${what}: ${citedActual(failed)}`;
  return new FuzzFailure(kind, message, { expected, actual });
}

/**
 * A reply breaking a MUST of its form (RFC 5321 §4.2, §2.3.8), judged by the same rules
 * as the runner's (harness/judge/reply-form.ts); SHOULD-level deviations are not failures.
 */
export function formFailure(reply: Reply, what: string): FuzzFailure | undefined {
  const finding = formFinding(reply, what);
  if (finding === undefined || finding.grade !== 'fail') return undefined;
  return new FuzzFailure('malformed-reply', finding.message, {
    expected: finding.expected ?? [],
    actual: finding.actual ?? '',
  });
}

/** Checks the code against the model; a disagreement fails, or warns under `lenient`. */
export function checkRule(
  rule: ReplyRule,
  reply: Reply,
  what: string,
  options: { lenient: boolean; stats: CampaignStats; example: string; key: string },
): FuzzFailure | undefined {
  if (allows(rule, reply.code)) return undefined;
  const actual = replyText(reply, 120);
  const message = `${what}: expected ${rule.codes.join(' or ')} (${rule.because}), got ${actual}`;
  const softened = rule.kind === 'model' || rule.kind === 'open-relay';
  if (options.lenient && softened) {
    const kind = rule.kind === 'open-relay' ? 'open-relay' : 'model';
    options.stats.warn(kind, `${kind} ${options.key}`, message, options.example);
    return undefined;
  }
  return new FuzzFailure(rule.kind, message, { expected: describeRule(rule), actual });
}

/** A forbidden reply followed at once by another: it answered an earlier command. */
export function asDesync(failure: FuzzFailure): FuzzFailure {
  const note = '; another reply followed at once: the server sent more replies than commands';
  return new FuzzFailure('desync', `${failure.message}${note}`, {
    expected: ['one reply per command (RFC 5321 §4.2)'],
    actual: failure.actual,
  });
}

const SYNTAX_ERRORS = new Set([500, 501]);

/**
 * SHOULD-level observations: a code outside the RFC 5321 §4.3.2 table for the verb
 * ("SHOULD be strictly adhered to", §4.3.1), and a valid line answered as a syntax error.
 */
export function tableWarnings(
  input: ModelInput,
  reply: Reply,
  line: CommandLine | undefined,
  stats: CampaignStats,
): void {
  const example = line ? visibleBytes(Buffer.from(line.text.slice(0, 80), 'latin1')) : input.verb;
  if (line && line.form !== 'invalid' && line.verb !== 'UNKNOWN' && SYNTAX_ERRORS.has(reply.code)) {
    stats.warn(
      'syntax-rejected',
      `syntax-rejected ${line.verb} ${line.form}${line.mutation ? ` ${line.mutation}` : ''} ${reply.code}`,
      `a ${line.form} ${line.verb} line${line.mutation ? ` (${line.mutation})` : ''} was answered ${replyText(reply, 100)}`,
      example,
    );
  }
  const verb = tableVerbFor(input, line);
  if (verb === undefined || reply.code === 421) return;
  const table = allowedReplies(verb);
  if (!table.codes.includes(reply.code)) {
    stats.warn(
      'unexpected-code',
      `unexpected-code ${verb} ${reply.code}`,
      `${reply.code} is not a ${table.label} reply in ${table.source} (codes there: ${table.codes.join(', ')})`,
      example,
    );
  }
}

/** The table entry judging a reply; none for malformed lines (the server may not see the verb). */
function tableVerbFor(input: ModelInput, line: CommandLine | undefined): TableVerb | undefined {
  if (input.verb === 'END-OF-DATA') return 'END-OF-DATA';
  if (input.verb === 'SENTINEL') return 'NOOP';
  if (line === undefined || line.form === 'invalid') return undefined;
  return tableVerbOf(line.text);
}
