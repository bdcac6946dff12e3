/**
 * Judging one reply against a step's expectation: allowed codes (explicit, or the RFC 5321
 * §4.3.2 table), the setup/check role, 421-and-close, and the RFC 2034 enhanced code.
 * Pure: no I/O, so every rule is unit-tested without sockets.
 */
import { describeCodes, matchesAny } from '../scenario/code-pattern.ts';
import type { CodePattern, Level, ReplyExpectation } from '../scenario/types.ts';
import { matchesEnhancedPattern, parseEnhancedStatus } from '../wire/enhanced-status.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import type { AllowedReplies } from '../wire/reply-table.ts';
import { type Finding, gradeOf, milder } from './grading.ts';

/** What the judge needs to know about the reply besides the expectation. */
export interface JudgeContext {
  /** Names the reply in messages: `reply to RCPT TO:<a@b.test>`. */
  what: string;
  /** Names the command in skip reasons: `MAIL FROM`, `EHLO`, `greeting`. */
  setupLabel: string;
  /** The table entry for the command answered, if there is one. */
  table: AllowedReplies | undefined;
  /** Role when the expectation gives none: `setup` for greeting, EHLO and STARTTLS. */
  defaultRole: 'setup' | 'check';
  level: Level;
  /** ENHANCEDSTATUSCODES was advertised in this session's EHLO (RFC 2034 §3). */
  enhancedAdvertised: boolean;
  /** Hostile input was sent earlier in the case: a 421 is a defence (RFC 5321 §7.8). */
  afterHostile?: boolean;
}

/** The outcome of judging one reply. */
export type Judgement =
  | { kind: 'ok' }
  /** An acceptable 421: the server is closing, so the case ends here with this verdict. */
  | { kind: 'end'; verdict: 'pass' | 'skip'; message: string }
  | { kind: 'skip'; message: string }
  | { kind: 'finding'; finding: Finding }
  /** The scenario gives no codes and no table entry applies: a suite bug. */
  | { kind: 'error'; message: string };

const SERVICE_CLOSING = 421;

/** Judges `reply`, read in answer to the step described by `ctx`. */
export function judgeReply(
  reply: Reply,
  expect: ReplyExpectation | undefined,
  ctx: JudgeContext,
): Judgement {
  const role = expect?.role ?? ctx.defaultRole;
  const explicit = expect?.codes;
  const table = ctx.table;
  if (explicit === undefined && table === undefined) {
    return { kind: 'error', message: `${ctx.what}: no expect.codes and no RFC 5321 §4.3.2 entry` };
  }
  const codes: readonly CodePattern[] =
    explicit ?? (role !== 'check' ? (table?.success ?? []) : (table?.codes ?? []));
  const text = replyText(reply);
  if (role === 'setup' || role === 'control') {
    if (!matchesAny(codes, reply.code)) {
      return {
        kind: 'skip',
        message: refusedMessage(role, ctx, reply.code, text, codes, expect?.because),
      };
    }
    return judgeEnhanced(reply, expect, ctx);
  }
  const accepted = matchesAny(codes, reply.code);
  const closeAllowed = expect?.closeAllowed === true || ctx.afterHostile === true;
  if (reply.code === SERVICE_CLOSING && (accepted || closeAllowed)) {
    // RFC 5321 §3.8: 421 means the server is shutting the channel; nothing after it runs.
    // After hostile input it is a defence (§7.8), whatever the step expected.
    const intended = closeAllowed || explicit !== undefined;
    return intended
      ? { kind: 'end', verdict: 'pass', message: `${ctx.what}: ${text} (421 and close allowed)` }
      : { kind: 'end', verdict: 'skip', message: `server closed the session early: ${text}` };
  }
  if (!accepted) return { kind: 'finding', finding: codeFinding(reply, expect, ctx) };
  return judgeEnhanced(reply, expect, ctx);
}

/**
 * Why a preparing step ends the case as `skip`: a refused set-up step is the server's
 * policy, not a violation (design.md); a refused control shows that the server refuses
 * even the plain form, so the element the case is about cannot be blamed.
 */
function refusedMessage(
  role: 'setup' | 'control',
  ctx: JudgeContext,
  code: number,
  text: string,
  codes: readonly CodePattern[],
  because: string | undefined,
): string {
  // A success the case cannot build on is no refusal: say what was needed instead.
  const why = because === undefined ? '' : ` (${because})`;
  const what =
    code < 400
      ? `${role} ${ctx.setupLabel} answered ${text}, not ${describeCodes(codes)}${why}`
      : `${role} ${ctx.setupLabel} refused: ${text}${why}`;
  if (role === 'setup' || code < 400) return what;
  return `${what}; the server refuses the exchange even without the element this case is about, so it cannot be blamed on that element`;
}

/**
 * The acceptable outcomes of a step as message text, e.g. `['503 (RFC 5321 §4.1.4)', '421
 * and close (RFC 5321 §3.8)']`. Empty when nothing can be judged (no codes, no entry).
 */
export function expectedOutcomes(
  expect: ReplyExpectation | undefined,
  ctx: Pick<JudgeContext, 'table' | 'defaultRole'>,
): string[] {
  const role = expect?.role ?? ctx.defaultRole;
  const table = ctx.table;
  const codes = expect?.codes ?? (role !== 'check' ? table?.success : table?.codes);
  if (codes === undefined) return [];
  const byTable = expect?.codes === undefined;
  const because =
    expect?.because ?? (byTable ? `${table?.source} reply codes for ${table?.label}` : '');
  const outcomes = [`${describeCodes(codes)}${because === '' ? '' : ` (${because})`}`];
  if (expect?.closeAllowed === true) outcomes.push('421 and close (RFC 5321 §3.8)');
  return outcomes;
}

function codeFinding(
  reply: Reply,
  expect: ReplyExpectation | undefined,
  ctx: JudgeContext,
): Finding {
  const expected = expectedOutcomes(expect, ctx);
  const actual = replyText(reply);
  // RFC 5321 §4.3.1: the table "SHOULD be strictly adhered to", so a code outside it is at
  // most a SHOULD violation, whatever the case level: a server that answers with a code the
  // table does not list for the command breaks that SHOULD, not the MUST the case is about.
  // Explicit codes that the reply's code is in the table for carry the case's own level.
  const outsideTable =
    ctx.table !== undefined &&
    !ctx.table.codes.includes(reply.code) &&
    expect?.codesByRule !== true;
  const grade =
    expect?.codes === undefined || outsideTable
      ? milder(gradeOf(ctx.level), 'warn')
      : gradeOf(ctx.level);
  const note =
    outsideTable && expect?.codes !== undefined
      ? `; ${reply.code} is no ${ctx.table?.label} reply in ${ctx.table?.source}, which RFC 5321 §4.3.1 makes a SHOULD`
      : '';
  return {
    grade,
    message: `${ctx.what}: expected ${expected.join(' or ')}, got ${actual}${note}`,
    expected,
    actual,
  };
}

/**
 * RFC 2034 §3: with ENHANCEDSTATUSCODES advertised, replies carry an RFC 3463 code whose
 * class is the reply's first digit. Judged only for steps that ask (`enhanced`); a suite
 * for RFC 2034 owns the blanket check. 3xx replies carry none (RFC 3463 has no class 3).
 */
function judgeEnhanced(
  reply: Reply,
  expect: ReplyExpectation | undefined,
  ctx: JudgeContext,
): Judgement {
  const pattern = expect?.enhanced;
  const klass = Math.floor(reply.code / 100);
  if (pattern === undefined || !ctx.enhancedAdvertised || klass === 3) return { kind: 'ok' };
  // Parsed here rather than taken from `reply.enhanced`, which the parser leaves out when
  // the class is wrong: we want to name the wrong code, not call it missing.
  const status = parseEnhancedStatus(reply.lines[0] ?? '');
  let problem: string | undefined;
  if (status === undefined) problem = 'none';
  else if (status.klass !== klass) problem = `${status.text}, whose class is not ${klass}`;
  else if (!matchesEnhancedPattern(status, pattern)) problem = status.text;
  if (problem === undefined) return { kind: 'ok' };
  const expected = [`enhanced status code ${pattern} (RFC 2034 §3)`];
  const actual = replyText(reply);
  return {
    kind: 'finding',
    finding: {
      grade: gradeOf(ctx.level),
      message: `${ctx.what}: expected ${expected[0]}, got ${problem}: ${actual}`,
      expected,
      actual,
    },
  };
}
