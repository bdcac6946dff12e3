/**
 * What one running case knows: its session, template values, the EHLO keywords of this
 * session, whether mail data is being sent, and the findings so far.
 */
import type { SmtpClientSession } from '../client/session.ts';
import type { CaseEnd, Finding } from '../judge/grading.ts';
import type { Observation } from '../judge/observers.ts';
import type { RelaySink } from '../relay/sink.ts';
import type { SinkCase } from '../relay/sink-case.ts';
import { expandTemplates, type TemplateValues } from '../scenario/templates.ts';
import type { ObserverName, Scenario } from '../scenario/types.ts';
import { parseCommand } from '../wire/command.ts';
import { formatMailbox } from '../wire/mailbox-format.ts';
import { type TableVerb, tableVerbOf } from '../wire/reply-table.ts';
import { visibleLine } from '../wire/visible.ts';

/** A message the case submitted through the target (relay-through cases judge it). */
export interface Submission {
  /** The reverse-path mailbox, `''` for the null path. */
  reversePath: string;
  /** The forward-path mailboxes, in order. */
  recipients: string[];
  /** The unstuffed content, when sent by a `message` step. */
  content?: Buffer;
  /** The code of the reply to the end of data. */
  endCode?: number;
  /** `Date.now()` when that reply came. */
  acceptedAt?: number;
}

/** What a relay-through case has at the sink while it runs. */
export interface RelayCaseContext {
  sink: RelaySink;
  sinkCase: SinkCase;
  /** `--relay-timeout-ms`: the longest wait for what the target sends on. */
  timeoutMs: number;
  /** `--relay-retry-ms`: the retry interval the user declared for the target, if any. */
  retryMs?: number;
}

/** The mutable state of one running case. */
export interface CaseState {
  readonly scenario: Scenario;
  /** The connection the steps use now (the `connection` step switches it). */
  session: SmtpClientSession;
  readonly values: TemplateValues;
  /** Wait for one reply (`--timeout-ms`). */
  readonly stepTimeoutMs: number;
  /** EHLO keywords of this session, upper case (RFC 5321 §2.4: case-insensitive). */
  keywords: Set<string>;
  /** The parameters the same EHLO reply gave each keyword (keyword upper case). */
  ehloParams: Map<string, string[]>;
  /** Between a 354 and the reply that ends the mail data. */
  inData: boolean;
  /** Table entry of the last thing sent, for an `expectReply` that follows it. */
  lastVerb: TableVerb | undefined;
  /** Names the last thing sent in messages, e.g. `RCPT TO:<a@b.test>`. */
  lastLabel: string;
  /**
   * The MAIL of the current transaction carried the SMTPUTF8 parameter (RFC 6531 §3.7.4.1).
   * Set by MAIL, cleared by RSET, HELO and EHLO (RFC 5321 §4.1.4); absent means false.
   */
  mailSmtputf8?: boolean;
  /** The last command sent was a VRFY or EXPN with the SMTPUTF8 parameter (§3.7.4.2). */
  commandSmtputf8?: boolean;
  findings: Finding[];
  /**
   * The server closed, reset or went silent where a reply was due: the run then checks
   * that it still accepts connections (harness/runner/target-health.ts).
   */
  serverGone?: boolean;
  /**
   * Set once a step marked `hostile` has been sent: later closes are judged as defences
   * (harness/judge/defence.ts), with the last reply read since then.
   */
  hostile?: { lastReply?: { code: number; text: string } };
  /** The last reply read, e.g. `500 5.5.2 Line too long`, for messages about a later close. */
  lastReply?: string;
  /** TLS is up on the connection (implicit TLS, or after a STARTTLS handshake). */
  tls: boolean;
  /** An EHLO was accepted in this session, so `keywords` is what the server offers. */
  ehloSeen: boolean;
  /** What the observers saw in the replies of this case (harness/judge/observers.ts). */
  observations: Map<ObserverName, Observation>;
  /**
   * Opens one more connection to the target for the `connection` step, recorded in this
   * case's transcript; absent where a case cannot open more (the step then ends it `error`).
   */
  readonly openConnection?: () => Promise<SmtpClientSession>;
  /** The case's connections other than the current one, once it has opened a second. */
  connections?: Connections;
  /** The messages submitted so far (MAIL opens one), for relay-through cases. */
  submissions: Submission[];
  /** Set for a relay-through case. */
  relay?: RelayCaseContext;
}

/** What belongs to one connection: its session and what the case knows of that session. */
export type ConnectionFields = Pick<
  CaseState,
  | 'session'
  | 'keywords'
  | 'ehloParams'
  | 'inData'
  | 'lastVerb'
  | 'lastLabel'
  | 'mailSmtputf8'
  | 'commandSmtputf8'
  | 'hostile'
  | 'lastReply'
  | 'tls'
  | 'ehloSeen'
>;

/** The connections of a case that holds several (RFC 5321 §4.5.4.2). */
export interface Connections {
  /** Index of the connection the steps use now. */
  current: number;
  /** The others, by index, with their state as the steps left it. */
  parked: Map<number, ConnectionFields>;
}

/** What a step hands back: nothing (go on) or the end of the case. */
export type StepOutcome = CaseEnd | undefined;

/** Template expansion with this case's values. */
export function expand(state: CaseState, text: string): string {
  return expandTemplates(text, state.values);
}

/**
 * The table entry that judges the reply to `text` now: the end-of-data entry inside mail
 * data, else the entry of the command's verb (RFC 5321 §4.3.2).
 */
export function verbFor(state: CaseState, text: string): TableVerb | undefined {
  return state.inData ? 'END-OF-DATA' : tableVerbOf(text);
}

/**
 * The SMTPUTF8 parameter (RFC 6531 §3.1 items 4 and 6) among a command line's words.
 * `SMTPUTF8=value` counts too: if a server took it, its replies are judged as if the
 * parameter was given, so the harness never flags UTF-8 the client may have asked for.
 */
const SMTPUTF8_PARAM = /[ \t]SMTPUTF8(?:=[^ \t\r\n]*)?(?=[ \t\r\n]|$)/i;

/** Records a command just sent: its table entry and label, and what it says of SMTPUTF8. */
export function noteSent(
  state: CaseState,
  text: string,
  verb: TableVerb | undefined,
  label: string,
): void {
  state.lastVerb = verb;
  state.lastLabel = label;
  if (verb === 'MAIL' || verb === 'RCPT') noteEnvelope(state, text);
  const param = SMTPUTF8_PARAM.test(text.split(/\r\n|\r|\n/)[0] ?? '');
  if (verb === 'MAIL') state.mailSmtputf8 = param;
  if (verb === 'RSET' || verb === 'HELO' || verb === 'EHLO') state.mailSmtputf8 = false;
  state.commandSmtputf8 = (verb === 'VRFY' || verb === 'EXPN') && param;
}

/**
 * Keeps the envelope of the message being submitted: MAIL opens a submission, RCPT adds a
 * recipient. A reverse-path of a relay-through case is protected at the sink, so that the
 * notifications a scripted refusal causes are accepted there.
 */
function noteEnvelope(state: CaseState, text: string): void {
  const parsed = parseCommand(Buffer.from(text.split(/\r\n|\r|\n/)[0] ?? '', 'utf8'), {
    smtputf8: true,
  });
  if (!parsed.ok) return;
  const command = parsed.command;
  if (command.verb === 'MAIL') {
    const mailbox = command.reversePath.mailbox;
    const reversePath = mailbox === null ? '' : formatMailbox(mailbox);
    state.submissions.push({ reversePath, recipients: [] });
    if (reversePath !== '') state.relay?.sinkCase.protect(reversePath);
  } else if (command.verb === 'RCPT') {
    const mailbox = command.forwardPath.mailbox;
    if (mailbox !== null) state.submissions.at(-1)?.recipients.push(formatMailbox(mailbox));
  }
}

/** Longest command text quoted in a message. */
const MAX_LABEL = 60;

/** A short, one-line, visible label for sent text: `RCPT TO:<a@b.test>`. */
export function labelOf(text: string): string {
  const visible = visibleLine(text.split(/\r\n|\r|\n/)[0] ?? '');
  return visible.length > MAX_LABEL ? `${visible.slice(0, MAX_LABEL - 3)}...` : visible;
}

/**
 * How a setup refusal names the command: the words before `:` (`MAIL FROM`) or the verb
 * (`EHLO`, `DATA`).
 */
export function setupLabelOf(text: string): string {
  const line = labelOf(text);
  const colon = line.indexOf(':');
  if (colon > 0 && colon <= 12) return line.slice(0, colon).toUpperCase();
  return (line.split(' ')[0] ?? line).toUpperCase();
}
