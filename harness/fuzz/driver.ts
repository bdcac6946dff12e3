/**
 * The system under test as the fuzz commands see it: one SMTP session on a fresh
 * connection, byte-exact sends, every reply read and put through the oracles, and every
 * exchange recorded as a scenario step so a failing run can be saved as a reproducer.
 */
import { SmtpClientSession, type StartTlsResult } from '../client/session.ts';
import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import type { Exploitability, ReplyExpectation, Step } from '../scenario/types.ts';
import { parseEhloReply } from '../wire/ehlo.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import { visibleBytes } from '../wire/visible.ts';
import { type CommandLine, isAmbiguous } from './arbitraries/command-line.ts';
import type { SmugglingProbe } from './arbitraries/data-content.ts';
import { tripleOf } from './coverage.ts';
import { FuzzFailure } from './findings.ts';
import {
  applyReply,
  expectedReply,
  type ModelInput,
  type ReplyRule,
  type SmtpModel,
} from './model.ts';
import {
  asDesync,
  checkRule,
  describeRule,
  formFailure,
  readFailure,
  tableWarnings,
} from './oracles.ts';
import { ANY_REPLY, expectationOf, lineStep, noteFor, rawStep } from './recorded-steps.ts';
import { lineShape, octetFeatures, transportShape } from './signature.ts';
import type { CampaignStats } from './stats.ts';
import { cutBytes, describeTransport, type Transport, WHOLE } from './transport.ts';

/** Where and how a driver connects, and what it reports to. */
export interface DriverOptions {
  host: string;
  port: number;
  replyTimeoutMs: number;
  lenient: boolean;
  stats: CampaignStats;
  /** Transcript header label. */
  label?: string;
}

/**
 * How long one run may go on sending commands: past this (a server that slows every reply
 * line down, say, with hundreds of RCPT lines still to answer) the run stops between two
 * exchanges and closes, with no finding: it has shown what it could.
 */
export function runBudgetMs(replyTimeoutMs: number): number {
  return Math.max(5000, 5 * replyTimeoutMs);
}

const CRLF = '\r\n';
/** How long to wait for a second reply after one the model forbids. */
const DESYNC_WAIT_MS = 50;
/** A function, not an inline test: the model changes inside awaited calls. */
function isClosed(model: SmtpModel): boolean {
  return model.state === 'closed';
}

/** How long the server must stay silent after the handshake: it has nothing to answer. */
const INJECTION_WAIT_MS = 50;

function injectionFailure(what: string, actual: string): FuzzFailure {
  return new FuzzFailure(
    'starttls-injection',
    `${what}: it answered plaintext pipelined after STARTTLS (RFC 3207 §4.2: the server MUST discard it; CVE-2011-0411)`,
    {
      expected: ['no reply until the client sends its first command inside TLS (RFC 3207 §4.2)'],
      actual,
    },
  );
}

/** The word a line starts with, upper case (`UNKNOWN` lines show their own word). */
export function verbOfLine(line: CommandLine): string {
  if (line.verb !== 'UNKNOWN') return line.verb;
  const word = /^[\x21-\x7e]{1,16}/.exec(line.text)?.[0];
  return word === undefined ? '(no verb)' : word.toUpperCase();
}

/**
 * What the server did to a TLS handshake after its 220, in words a reader can check in the
 * transcript: it answered the ClientHello with octets that are not TLS, reset or closed the
 * connection, sent an alert, or sent nothing in time.
 */
export function tlsObservation(err: unknown): string {
  const text = describeError(err);
  if (hasErrorCode(err, ERROR_CODES.timeout)) return `no TLS handshake reply came (${text})`;
  if (
    /wrong version number|packet length too long|unknown protocol|http request|record layer/i.test(
      text,
    )
  )
    return `the server answered the TLS ClientHello with octets that are not TLS (${text})`;
  if (/ECONNRESET/.test(text))
    return `the server reset the connection during the TLS handshake (${text})`;
  if (/disconnected|EPIPE|closed/i.test(text))
    return `the server closed the connection during the TLS handshake (${text})`;
  if (/alert/i.test(text)) return `the server sent a TLS alert (${text})`;
  return `the TLS handshake failed (${text})`;
}

export class SessionDriver {
  readonly session: SmtpClientSession;
  /** Scenario steps of what was done so far (the greeting is implicit). */
  readonly steps: Step[] = [];
  /** `toString()` of every fuzz command that ran, in order. */
  readonly executed: string[] = [];
  /** The fuzz commands that ran (session-commands.ts), for the feedback corpus. */
  readonly ran: object[] = [];
  /**
   * The command lines sent, by verb (`RCPT×201` for a run of one line), and `(mail data)`
   * or `(BDAT chunk)` for octets that are no command line.
   */
  readonly lineLog: string[] = [];
  /** The shape of the last thing sent (signature.ts): what a failure is blamed on. */
  trigger = '';
  /** (state, command, reply) triples this run was the first of the campaign to reach. */
  newTriples = 0;
  /** Label of the last smuggling probe sent, if any. */
  exploitability: Exploitability | undefined;
  readonly #options: DriverOptions;
  /** `performance.now()` past which the run stops sending (see {@link runBudgetMs}). */
  readonly #deadline: number;
  /** Set once {@link overBudget} stopped the run: the client stops, not the server. */
  #budgetSpent = false;

  /** The campaign's counters. */
  get stats(): CampaignStats {
    return this.#options.stats;
  }

  private constructor(session: SmtpClientSession, options: DriverOptions) {
    this.session = session;
    this.#options = options;
    this.#deadline = performance.now() + runBudgetMs(options.replyTimeoutMs);
  }

  /**
   * True once the run is past its budget; the model is then closed, so no further command
   * runs (checked between exchanges, never in the middle of one).
   */
  overBudget(model: SmtpModel): boolean {
    if (!this.#budgetSpent && performance.now() < this.#deadline) return false;
    this.#budgetSpent = true;
    model.state = 'closed';
    return true;
  }

  /**
   * Connects and reads the greeting. Resolves to `undefined` when the server is busy (a
   * 421 or 554 greeting: nothing to judge); a greeting that never comes or is malformed is
   * a FuzzFailure.
   */
  static async open(options: DriverOptions): Promise<SessionDriver | undefined> {
    // A connect failure propagates as is (SMTPSPEC_ERR_CONNECT): it says nothing about
    // this run's commands, only that the server was already down.
    const session = await SmtpClientSession.connect({
      host: options.host,
      port: options.port,
      connectTimeoutMs: options.replyTimeoutMs,
      replyTimeoutMs: options.replyTimeoutMs,
      ...(options.label ? { label: options.label } : {}),
    });
    const driver = new SessionDriver(session, options);
    let greeting: Reply;
    try {
      greeting = await session.readReply({ what: 'greeting' });
    } catch (err) {
      await session.close();
      throw readFailure(err, 'greeting', ['220 (RFC 5321 §4.3.1)']);
    }
    const bad = formFailure(greeting, 'greeting');
    if (bad) throw bad;
    if (greeting.code === 220) return driver;
    await session.close();
    return undefined;
  }

  /**
   * Sends one command line (CRLF added) cut by `transport`, then reads and judges its reply.
   * A line servers may frame either way goes through {@link ambiguousLine} and ends the run.
   */
  async line(
    model: SmtpModel,
    line: CommandLine,
    transport: Transport = WHOLE,
    foreign = false,
  ): Promise<void> {
    if (this.overBudget(model)) return;
    if (isAmbiguous(line.text)) {
      await this.ambiguousLine(model, line);
      model.state = 'closed'; // the model cannot tell how many replies follow: the run ends
      return;
    }
    const input: ModelInput = { verb: line.verb, form: line.form, foreign };
    const rule = expectedReply(model, input);
    const parts = cutBytes(Buffer.from(line.text + CRLF, 'latin1'), transport);
    const expect = expectationOf(rule);
    this.steps.push(lineStep(line, parts, transport.pauseMs, expect));
    this.trigger = lineShape(line, transport, model);
    this.logLine(line);
    if (!(await this.send(model, parts, transport.pauseMs, `${line.verb} line`))) return;
    await this.judge(
      model,
      input,
      rule,
      `reply to ${line.verb}${describeTransport(parts.length, transport)}`,
      line,
    );
  }

  /**
   * Sends a line the server may frame either way (bare CR/LF inside, over 512 octets): one
   * or more replies are all acceptable, so only the first is awaited and judged for form.
   */
  async ambiguousLine(model: SmtpModel, line: CommandLine): Promise<void> {
    const bytes = Buffer.from(line.text + CRLF, 'latin1');
    this.steps.push({
      kind: 'sendRaw',
      bytes: bytes.toString('latin1'),
      note: noteFor(line, 1),
      expect: ANY_REPLY,
    });
    this.trigger = lineShape(line, WHOLE, model);
    this.logLine(line);
    if (!(await this.send(model, [bytes], 0, `${line.verb} line`))) return;
    const what = `reply to ${line.verb} (${line.mutation})`;
    const reply = await this.read(what, [ANY_REPLY.codes?.join(' or ') ?? '']);
    this.#options.stats.reply(line.verb, reply.code);
  }

  /** Sends `lines` in one write (RFC 2920) and judges each reply in order. */
  async pipeline(model: SmtpModel, lines: readonly CommandLine[]): Promise<void> {
    const expects: ReplyExpectation[] = lines.map(() => ANY_REPLY);
    this.steps.push({ kind: 'pipeline', lines: lines.map((l) => l.text), expect: expects });
    const batch = Buffer.from(lines.map((l) => l.text + CRLF).join(''), 'latin1');
    for (const line of lines) this.logLine(line);
    this.trigger = `pipeline of ${lines.length}`;
    if (!(await this.send(model, [batch], 0, 'pipelined batch'))) return;
    for (const [i, line] of lines.entries()) {
      if (isClosed(model)) return;
      const input: ModelInput = { verb: line.verb, form: line.form };
      const rule = expectedReply(model, input);
      expects[i] = expectationOf(rule);
      this.trigger = lineShape(line, WHOLE, model, 'pipelined');
      await this.judge(
        model,
        input,
        rule,
        `reply to ${line.verb} (pipelined ${i + 1} of ${lines.length})`,
        line,
      );
    }
  }

  /**
   * Sends mail data after a 354: `wire` is already stuffed and terminated; `message` is the
   * unstuffed content when it can be a `message` step. With a smuggling `probe` a NOOP
   * follows, whose reply must be its own (RFC 5321 §4.1.1.4).
   */
  async content(
    model: SmtpModel,
    wire: Buffer,
    message: string | undefined,
    transport: Transport,
    probe?: SmugglingProbe,
    features?: readonly string[],
  ): Promise<void> {
    const input: ModelInput = { verb: 'END-OF-DATA' };
    const rule = expectedReply(model, input);
    const parts = cutBytes(wire, transport);
    const expect = expectationOf(rule);
    if (message !== undefined && parts.length === 1)
      this.steps.push({ kind: 'message', content: message, expect });
    else
      this.steps.push(
        rawStep(
          parts,
          transport.pauseMs,
          probe ? 'mail data with an end-of-data look-alike' : 'mail data',
          expect,
        ),
      );
    this.trigger = [
      'mail data',
      ...(features ?? []),
      ...(probe ? [`look-alike ${JSON.stringify(probe.lookAlike)}`] : []),
      transportShape(transport),
    ]
      .filter((f) => f !== '')
      .join(' ');
    this.lineLog.push('(mail data)');
    if (!(await this.send(model, parts, transport.pauseMs, 'mail data'))) return;
    await this.judge(
      model,
      input,
      rule,
      `reply to end of mail data${describeTransport(parts.length, transport)}`,
    );
    if (!probe || isClosed(model)) return;
    this.exploitability = probe.exploitability;
    const sentinel: ModelInput = { verb: 'SENTINEL' };
    const sentinelRule = expectedReply(model, sentinel);
    this.steps.push({ kind: 'send', line: 'NOOP', expect: expectationOf(sentinelRule) });
    this.lineLog.push('NOOP');
    if (!(await this.send(model, [Buffer.from(`NOOP${CRLF}`, 'latin1')], 0, 'NOOP'))) return;
    await this.judge(model, sentinel, sentinelRule, 'reply to the NOOP after mail data');
  }

  /**
   * STARTTLS with `injected` lines pipelined behind it in the same write (maybe none), the
   * handshake on 220, then EHLO inside TLS. RFC 3207 §4.2: the server must discard what it
   * received before the handshake, so no reply may come before our first TLS command and
   * exactly one reply answers the EHLO; anything else means the injected plaintext ran (a
   * man in the middle could have added it: the CVE-2011-0411 class). Refused STARTTLS: the
   * injected lines are ordinary pipelined commands, each with its reply.
   */
  async startTls(model: SmtpModel, injected: readonly CommandLine[], helo: CommandLine) {
    const input: ModelInput = { verb: 'STARTTLS' };
    const rule = expectedReply(model, input);
    const plaintext = injected.map((l) => l.text + CRLF).join('');
    this.steps.push({
      kind: 'startTls',
      ...(plaintext === '' ? {} : { pipelined: plaintext }),
      expect: expectationOf(rule),
    });
    const what = `reply to STARTTLS${injected.length > 0 ? ` with ${injected.length} line(s) pipelined behind it` : ''}`;
    this.trigger = `STARTTLS${injected.length > 0 ? ' with pipelined lines' : ''}`;
    this.lineLog.push('STARTTLS', ...injected.map((l) => verbOfLine(l)));
    let result: StartTlsResult;
    try {
      result = await this.session.startTls({
        what,
        timeoutMs: this.#options.replyTimeoutMs,
        ...(plaintext === '' ? {} : { pipelined: Buffer.from(plaintext, 'latin1') }),
      });
    } catch (err) {
      // After the 220: the handshake failed, or timed out (the client's "TLS handshake" wait).
      const handshake =
        hasErrorCode(err, ERROR_CODES.tls) ||
        (hasErrorCode(err, ERROR_CODES.timeout) && /TLS handshake/.test(describeError(err)));
      if (!handshake) throw readFailure(err, what, describeRule(rule));
      throw new FuzzFailure('tls', `${what}: 220, then ${tlsObservation(err)}`, {
        expected: ['a TLS handshake after 220 (RFC 3207 §4)'],
        actual: describeError(err),
      });
    }
    const bad = formFailure(result.reply, what);
    if (bad) throw bad;
    await this.#assess(model, input, rule, what, result.reply);
    if (result.tls === undefined) {
      // Refused: the server reads the lines as commands; each gets its reply, in order.
      for (const [i, line] of injected.entries()) {
        // After a 354 the rest of the batch is mail data: no reply until its end.
        if (isClosed(model) || model.state === 'data') return;
        const lineInput: ModelInput = { verb: line.verb, form: line.form };
        await this.judge(
          model,
          lineInput,
          expectedReply(model, lineInput),
          `reply to ${line.verb} (pipelined after a refused STARTTLS, ${i + 1} of ${injected.length})`,
          line,
        );
      }
      return;
    }
    if (result.injected.length > 0) {
      throw injectionFailure(
        `the server sent ${result.injected.length} octet(s) in plaintext after its 220 and before the handshake`,
        visibleBytes(result.injected.subarray(0, 200)),
      );
    }
    this.steps.push({ kind: 'expectNoReply', ms: INJECTION_WAIT_MS });
    await this.#silence(INJECTION_WAIT_MS, 'a reply inside TLS before the client sent any command');
    await this.line(model, helo);
    if (isClosed(model)) return;
    this.steps.push({ kind: 'expectNoReply', ms: DESYNC_WAIT_MS });
    await this.#silence(DESYNC_WAIT_MS, `a second reply to the first ${helo.verb} inside TLS`);
  }

  /** Fails with an injection finding if anything arrives within `ms`. */
  async #silence(ms: number, what: string): Promise<void> {
    try {
      await this.session.expectNoReply(ms);
    } catch (err) {
      if (!hasErrorCode(err, ERROR_CODES.unexpectedReply))
        throw readFailure(err, `silence after STARTTLS`, ['no reply before a command']);
      const next = await this.session
        .readReply({ what: 'the unexpected reply', timeoutMs: this.#options.replyTimeoutMs })
        .then((r) => replyText(r, 120))
        .catch((e: unknown) => describeError(e));
      throw injectionFailure(what, next);
    }
  }

  /** Sends `partial` (maybe nothing) and closes the connection abruptly. */
  async suddenClose(model: SmtpModel, partial: string): Promise<void> {
    this.trigger = ['close after a partial line', ...octetFeatures(partial)].join(' ');
    if (partial.length > 0) {
      this.steps.push({
        kind: 'sendRaw',
        bytes: partial,
        note: 'part of a command, then the client closes',
      });
      this.lineLog.push('(part of a line)');
      await this.send(model, [Buffer.from(partial, 'latin1')], 0, 'partial command');
    }
    await this.session.close();
  }

  /** Waits `ms` (replies may queue up meanwhile). */
  async pause(ms: number): Promise<void> {
    this.steps.push({ kind: 'pause', ms });
    await this.session.pause(ms);
  }

  /**
   * Ends a run that is still open: finishes mail data if inside it, then QUIT must get
   * 221 (a shifted reply here means the server sent more replies than commands) and the
   * server must close.
   */
  async finish(model: SmtpModel): Promise<void> {
    if (isClosed(model) || this.session.isClosed) return;
    if (model.state === 'data')
      await this.content(model, Buffer.from(`.${CRLF}`, 'latin1'), '', WHOLE);
    if (isClosed(model)) return;
    const quit: CommandLine = { verb: 'QUIT', text: 'QUIT', form: 'valid', mutation: '' };
    // A failure at QUIT (a shifted reply, no close) is the doing of what came before it.
    const before = this.trigger;
    const logged = this.lineLog.length;
    await this.line(model, quit).finally(() => {
      this.trigger = before === '' ? 'QUIT' : `${before} then QUIT`;
      this.lineLog.length = Math.min(this.lineLog.length, logged);
    });
    // Past its budget the run stopped before QUIT went out: the server owes no close.
    if (this.#budgetSpent || !isClosed(model)) return;
    this.steps.push({ kind: 'expectClose' });
    try {
      await this.session.expectClose();
    } catch (err) {
      throw readFailure(err, 'close after 221', [
        'the server closes the connection (RFC 5321 §4.1.1.10)',
      ]);
    }
  }

  /**
   * Reads one reply; a missing one is a FuzzFailure. Form is checked. The timeout bounds
   * silence: a reply whose lines keep coming slowly is waited for (a tarpit is no hang).
   */
  async read(what: string, expected: string[]): Promise<Reply> {
    let reply: Reply;
    const timeoutMs = this.#options.replyTimeoutMs;
    try {
      // The client's default: the timeout bounds each silence, not a slow reply (a tarpit).
      reply = await this.session.readReply({ what, timeoutMs });
    } catch (err) {
      throw readFailure(err, what, expected);
    }
    const bad = formFailure(reply, what);
    if (bad) throw bad;
    return reply;
  }

  /** Reads the reply to what was just sent and judges it against `rule`. */
  async judge(
    model: SmtpModel,
    input: ModelInput,
    rule: ReplyRule,
    what: string,
    line?: CommandLine,
  ): Promise<Reply> {
    return this.#assess(model, input, rule, what, await this.read(what, describeRule(rule)), line);
  }

  /** Puts a reply (read, form-checked) through the oracles and moves the model on. */
  async #assess(
    model: SmtpModel,
    input: ModelInput,
    rule: ReplyRule,
    what: string,
    reply: Reply,
    line?: CommandLine,
  ): Promise<Reply> {
    const { stats, lenient } = this.#options;
    stats.reply(input.verb, reply.code);
    if (stats.triple(tripleOf(model, input, reply.code))) this.newTriples += 1;
    if (await this.#closedByPolicy(model, input, reply, line)) return reply;
    tableWarnings(input, reply, line, stats);
    const example = line?.text.slice(0, 80) ?? input.verb;
    const failure = checkRule(rule, reply, what, {
      lenient,
      stats,
      example,
      key: `${input.verb} ${reply.code}`,
    });
    if (failure) throw await this.#classify(failure);
    const keywords =
      input.verb === 'EHLO' && reply.code === 250 ? parseEhloReply(reply).keywords : undefined;
    applyReply(model, input, reply.code, {
      pipelining: keywords?.has('PIPELINING') === true,
      starttls: keywords?.has('STARTTLS') === true,
      chunking: keywords?.has('CHUNKING') === true,
      auth: (keywords?.get('AUTH') ?? []).map((m) => m.toUpperCase()),
    });
    return reply;
  }

  /**
   * A 221 ("closing transmission channel", RFC 5321 §4.2.2) to anything but QUIT, and the
   * server then closes: it turned the client away on purpose, as servers do with what looks
   * like an attack (RFC 5321 §7.8; Postfix answers a verb with a colon in it, like a header
   * line, this way). Not a parser bug: the model closes and a warning records it, since
   * §3.8 names 421 for a server ending a session early. A 221 without the close is judged
   * by the model as usual.
   */
  async #closedByPolicy(
    model: SmtpModel,
    input: ModelInput,
    reply: Reply,
    line: CommandLine | undefined,
  ): Promise<boolean> {
    if (reply.code !== 221 || input.verb === 'QUIT') return false;
    try {
      await this.session.expectClose({ timeoutMs: this.#options.replyTimeoutMs });
    } catch {
      return false;
    }
    model.state = 'closed';
    this.#options.stats.warn(
      'policy-close',
      `policy-close ${input.verb}`,
      `the server answered ${input.verb === 'UNKNOWN' ? 'an unknown command' : input.verb} with ${replyText(reply, 80)} and closed ` +
        '(RFC 5321 §3.8: a server ending a session early sends 421)',
      line?.text.slice(0, 80) ?? input.verb,
    );
    return true;
  }

  /**
   * After a reply the model forbids: if another one is already on its way, the reply was
   * meant for an earlier command, and the real finding is a desync.
   */
  async #classify(failure: FuzzFailure): Promise<FuzzFailure> {
    if (failure.kind !== 'model' && failure.kind !== 'open-relay') return failure;
    try {
      await this.session.expectNoReply(DESYNC_WAIT_MS);
      return failure;
    } catch (err) {
      return hasErrorCode(err, ERROR_CODES.unexpectedReply) ? asDesync(failure) : failure;
    }
  }

  /** Notes one command line in {@link lineLog}. */
  logLine(line: CommandLine, count = 1): void {
    const verb = verbOfLine(line);
    this.lineLog.push(count === 1 ? verb : `${verb}×${count}`);
  }

  /**
   * Writes `parts`. False when the server had already said 421 and closed (RFC 5321 §3.8
   * lets it end a session so, e.g. after too many errors): the model closes, no finding.
   */
  async send(model: SmtpModel, parts: Buffer[], pauseMs: number, what: string): Promise<boolean> {
    try {
      await this.session.sendRaw(parts, { pauseMs });
      return true;
    } catch (err) {
      const closing = await this.session
        .readReply({ what: 'a queued 421', timeoutMs: 50 })
        .catch(() => undefined);
      if (closing?.code === 421) {
        model.state = 'closed';
        return false;
      }
      throw readFailure(err, `sending ${what}`, [
        'the server keeps the connection open until QUIT (RFC 5321 §3.8)',
      ]);
    }
  }
}
