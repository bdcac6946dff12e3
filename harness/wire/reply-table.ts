/**
 * The command-reply table of RFC 5321 §4.3.2, encoded once, plus the extension verbs the
 * suites use (STARTTLS: RFC 3207 §4, AUTH: RFC 4954 §4/§6, BDAT: RFC 3030 §2-§3).
 *
 * A check step that gives no `codes` is judged against the entry for the command it sent;
 * a setup step that gives no `codes` accepts the entry's intermediate and success codes.
 * Per RFC 5321 §4.3.1 the table "SHOULD be strictly adhered to", so the runner grades a
 * reply outside it at most as a SHOULD violation (see judge.ts).
 */

/** What a table entry is about: a command verb, the greeting, or the end of mail data. */
export type TableVerb =
  | 'CONNECT'
  | 'EHLO'
  | 'HELO'
  | 'MAIL'
  | 'RCPT'
  | 'DATA'
  | 'END-OF-DATA'
  | 'RSET'
  | 'VRFY'
  | 'EXPN'
  | 'HELP'
  | 'NOOP'
  | 'QUIT'
  | 'STARTTLS'
  | 'AUTH'
  | 'BDAT';

/** One row of the command-reply table. */
export interface ReplyTableEntry {
  /** How messages name it: `MAIL`, `end of mail data`, `connection greeting`. */
  label: string;
  /** "I:" codes: the command was accepted and more input is awaited (354, 334). */
  intermediate: readonly number[];
  /** "S:" codes. */
  success: readonly number[];
  /** "E:" codes listed for this command. */
  errors: readonly number[];
  /** Whether the codes any command may return (ANY_COMMAND_CODES) apply. */
  anyCommand: boolean;
  /** Where the lists come from, for messages: `RFC 5321 §4.3.2`. */
  source: string;
}

/**
 * RFC 5321 §4.3.2: "In addition to the codes listed below, any SMTP command can return any
 * of the following codes if the corresponding unusual circumstances are encountered":
 * 500 (line too long / command not recognised), 501 (syntax error in command or
 * arguments) and 421 (service shutting down and closing the channel).
 */
export const ANY_COMMAND_CODES: readonly number[] = [500, 501, 421];

const RFC5321 = 'RFC 5321 §4.3.2';

function entry(
  label: string,
  codes: { i?: number[]; s: number[]; e: number[] },
  source = RFC5321,
  anyCommand = true,
): ReplyTableEntry {
  return Object.freeze({
    label,
    intermediate: Object.freeze(codes.i ?? []),
    success: Object.freeze(codes.s),
    errors: Object.freeze(codes.e),
    anyCommand,
    source,
  });
}

/** The table. Comments quote the RFC where an entry needs explaining. */
export const REPLY_TABLE: Readonly<Record<TableVerb, ReplyTableEntry>> = Object.freeze({
  // §4.3.2 lists S: 220, E: 554 for the greeting; §4.2.3 lets 421 answer anything when the
  // service must shut down, which includes refusing a connection it cannot serve.
  CONNECT: entry('connection greeting', { s: [220], e: [554, 421] }, RFC5321, false),
  // E: 504, 550, and 502 "permitted only with an old-style server that does not support EHLO".
  EHLO: entry('EHLO', { s: [250], e: [504, 550, 502] }),
  HELO: entry('HELO', { s: [250], e: [504, 550, 502] }),
  MAIL: entry('MAIL', { s: [250], e: [552, 451, 452, 550, 553, 503, 455, 555] }),
  // 251 and 551: "see Section 3.4".
  RCPT: entry('RCPT', { s: [250, 251], e: [550, 551, 552, 553, 450, 451, 452, 503, 455, 555] }),
  // "I: 354 -> data -> S: 250 ..."; the reply to the DATA command itself: 354 or E: 503, 554.
  DATA: entry('DATA', { i: [354], s: [], e: [503, 554] }),
  // After <CRLF>.<CRLF>: S: 250, E: 552, 554, 451, 452, and 450, 550 "(rejections for policy
  // reasons)". Not a command, so only 421 of the any-command codes is added.
  'END-OF-DATA': entry(
    'end of mail data',
    { s: [250], e: [552, 554, 451, 452, 450, 550, 421] },
    RFC5321,
    false,
  ),
  RSET: entry('RSET', { s: [250], e: [] }),
  VRFY: entry('VRFY', { s: [250, 251, 252], e: [550, 551, 553, 502, 504] }),
  EXPN: entry('EXPN', { s: [250, 252], e: [550, 500, 502, 504] }),
  HELP: entry('HELP', { s: [211, 214], e: [502, 504] }),
  NOOP: entry('NOOP', { s: [250], e: [] }),
  QUIT: entry('QUIT', { s: [221], e: [] }),
  // RFC 3207 §4: 220 ready, 501 syntax error (no parameters allowed), 454 TLS not available
  // for a temporary reason. 503 is the generic bad-sequence reply (RFC 5321 §4.2.2) that
  // servers give to a second STARTTLS once TLS is active.
  STARTTLS: entry('STARTTLS', { s: [220], e: [454, 501, 503] }, 'RFC 3207 §4'),
  // RFC 4954 §4 and §6: 334 challenge, 235 success; 432, 454, 500, 501, 503 (already
  // authenticated / inside a transaction), 504 (mechanism unknown), 534, 535, 538.
  AUTH: entry(
    'AUTH',
    { i: [334], s: [235], e: [432, 454, 500, 501, 503, 504, 534, 535, 538] },
    'RFC 4954 §4, §6',
  ),
  // RFC 3030 §2-§3: each chunk is answered like the end of DATA; 503 for BDAT outside a
  // transaction or after DATA/failed chunk sequencing.
  BDAT: entry('BDAT', { s: [250], e: [552, 554, 451, 452, 450, 550, 503] }, 'RFC 3030 §2'),
});

const COMMAND_VERBS: ReadonlySet<string> = new Set(
  Object.keys(REPLY_TABLE).filter((v) => v !== 'CONNECT' && v !== 'END-OF-DATA'),
);

/**
 * The table verb of a command line or raw command bytes: the first word, case-insensitive
 * (RFC 5321 §2.4: "Verbs and argument values ... are not case sensitive"). Returns
 * undefined for text that does not start with a verb in the table.
 */
export function tableVerbOf(text: string): TableVerb | undefined {
  const match = /^([A-Za-z]+)(?=[ :\r\n]|$)/.exec(text);
  const word = match?.[1]?.toUpperCase();
  return word !== undefined && COMMAND_VERBS.has(word) ? (word as TableVerb) : undefined;
}

/** Codes allowed only when the server advertised an extension that defines them. */
interface ConditionalCodes {
  keyword: string;
  code: number;
  /** Verbs the code may NOT answer. */
  except: ReadonlySet<TableVerb>;
}

/** Table entries that answer no command: a command-level code cannot apply to them. */
const NOT_COMMANDS: readonly TableVerb[] = ['CONNECT', 'END-OF-DATA'];

const CONDITIONAL: readonly ConditionalCodes[] = [
  // RFC 4954 §6: 530 "SHOULD be returned by any command other than AUTH, EHLO, HELO, NOOP,
  // RSET, or QUIT when server policy requires authentication".
  {
    keyword: 'AUTH',
    code: 530,
    except: new Set<TableVerb>(['AUTH', 'EHLO', 'HELO', 'NOOP', 'RSET', 'QUIT', ...NOT_COMMANDS]),
  },
  // RFC 3207 §4: a server requiring TLS returns 530 "to every command other than NOOP, EHLO,
  // STARTTLS, or QUIT".
  {
    keyword: 'STARTTLS',
    code: 530,
    except: new Set<TableVerb>(['NOOP', 'EHLO', 'STARTTLS', 'QUIT', ...NOT_COMMANDS]),
  },
];

/** The allowed replies for one table entry in one session. */
export interface AllowedReplies {
  verb: TableVerb;
  label: string;
  /** Every code the table allows, sorted. */
  codes: number[];
  /** Intermediate and success codes: the default for setup steps. */
  success: number[];
  source: string;
}

/**
 * The codes RFC 5321 §4.3.2 (or the extension RFC) allows in reply to `verb`, given the
 * EHLO keywords advertised in this session (upper case, without parameters).
 */
export function allowedReplies(
  verb: TableVerb,
  keywords: ReadonlySet<string> = new Set(),
): AllowedReplies {
  const e = REPLY_TABLE[verb];
  const codes = new Set<number>([...e.intermediate, ...e.success, ...e.errors]);
  if (e.anyCommand) for (const c of ANY_COMMAND_CODES) codes.add(c);
  for (const cond of CONDITIONAL) {
    if (keywords.has(cond.keyword) && !cond.except.has(verb)) codes.add(cond.code);
  }
  return {
    verb,
    label: e.label,
    codes: [...codes].sort((a, b) => a - b),
    success: [...e.intermediate, ...e.success],
    source: e.source,
  };
}
