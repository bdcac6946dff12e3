/**
 * The fast-check model commands of a fuzz session. Each is data (what to send) plus
 * `check` (may it run in this model state?), `run` (do it, judge the replies) and
 * `toString` (how the shrunk sequence is printed).
 */
import { dotStuff } from '../wire/dot-stuffing.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import type { MessageContent, SmugglingProbe } from './arbitraries/data-content.ts';
import { baseOf, type FuzzCommand, open, SMUGGLED_LINE, show, split } from './command-kit.ts';
import type { SessionDriver } from './driver.ts';
import type { BdatCommand } from './extension-commands.ts';
import type { SmtpModel } from './model.ts';
import { isWhole, type Transport, WHOLE } from './transport.ts';

/** One command line, in one write or several. */
export class LineCommand implements FuzzCommand {
  readonly line: CommandLine;
  readonly transport: Transport;
  readonly foreign: boolean;
  constructor(line: CommandLine, transport: Transport, foreign = false) {
    this.line = line;
    this.transport = transport;
    this.foreign = foreign;
  }
  // After a successful AUTH the server may relay (RFC 4954 §7): no foreign recipient then,
  // so the fuzzer never makes a target send mail on.
  check = (m: Readonly<SmtpModel>) =>
    open(m) && m.state !== 'data' && !(this.foreign && m.authenticated);
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await d.line(m, this.line, this.transport, this.foreign);
  }
  simpler(): FuzzCommand | undefined {
    if (this.line.base === undefined && isWhole(this.transport)) return undefined;
    return new LineCommand(baseOf(this.line), WHOLE, this.foreign);
  }
  toString = () => `${show(this.line.text)}${split(this.transport)}`;
}

/**
 * MAIL and one or more RCPT lines in lock-step, optionally followed by DATA: a transaction
 * that gets to the message content far more often than a random walk over verbs does.
 */
export class EnvelopeCommand implements FuzzCommand {
  readonly mail: CommandLine;
  readonly rcpts: CommandLine[];
  readonly data: DataCommand | BdatCommand | undefined;
  constructor(mail: CommandLine, rcpts: CommandLine[], data?: DataCommand | BdatCommand) {
    this.mail = mail;
    this.rcpts = rcpts;
    this.data = data;
  }
  check = (m: Readonly<SmtpModel>) => open(m) && m.state !== 'data';
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    const at = d.executed.length - 1;
    for (const line of [this.mail, ...this.rcpts]) if (open(m)) await d.line(m, line);
    if (this.data && open(m)) {
      const lines = [this.mail, ...this.rcpts].map((l) => show(l.text)).join(' + ');
      // BDAT: the report shows the chunks that went out.
      await this.data.send(m, d, (sent) => {
        d.executed[at] = `${lines} + ${sent}`;
      });
    }
  }
  simpler(): FuzzCommand | undefined {
    const lines = [this.mail, ...this.rcpts];
    const data = this.data?.simpler();
    if (lines.every((l) => l.base === undefined) && data === undefined) return undefined;
    const [mail, ...rcpts] = lines.map(baseOf);
    return new EnvelopeCommand(
      mail ?? this.mail,
      rcpts,
      (data as DataCommand | BdatCommand | undefined) ?? this.data,
    );
  }
  toString = () =>
    [this.mail, ...this.rcpts, ...(this.data ? [this.data] : [])]
      .map((x) => ('text' in x ? show(x.text) : x.toString()))
      .join(' + ');
}

/** Mail data after a 354: stuffed content, or a smuggling probe with a command behind it. */
async function sendContent(
  m: SmtpModel,
  d: SessionDriver,
  c: MessageContent,
  probe: SmugglingProbe | undefined,
  t: Transport,
) {
  if (probe === undefined)
    return d.content(m, dotStuff(Buffer.from(c.text, 'latin1')), c.text, t, undefined, c.features);
  const stuffed = dotStuff(Buffer.from(c.text, 'latin1'));
  // Content always ends in CRLF, so the stuffed form ends in ".\r\n": cut that off, put the
  // look-alike and a command after it, then the real terminator.
  const body = stuffed.subarray(0, stuffed.length - 3).toString('latin1');
  const wire = Buffer.from(`${body}${probe.lookAlike}${SMUGGLED_LINE}\r\n.\r\n`, 'latin1');
  return d.content(m, wire, undefined, t, probe, c.features);
}

function describeContent(
  c: MessageContent,
  probe: SmugglingProbe | undefined,
  t: Transport,
): string {
  const features = c.features.length > 0 ? `, ${c.features.join(' ')}` : '';
  const smuggle = probe ? `, then "${show(probe.lookAlike)}${SMUGGLED_LINE}"` : '';
  return `<${c.text.length} octets${features}${smuggle}>${split(t)}`;
}

/** DATA and, after a 354, the message content. */
export class DataCommand implements FuzzCommand {
  readonly data: CommandLine;
  readonly content: MessageContent;
  readonly probe: SmugglingProbe | undefined;
  readonly transport: Transport;
  constructor(
    data: CommandLine,
    content: MessageContent,
    probe: SmugglingProbe | undefined,
    transport: Transport,
  ) {
    this.data = data;
    this.content = content;
    this.probe = probe;
    this.transport = transport;
  }
  check = (m: Readonly<SmtpModel>) => open(m) && m.state !== 'data';
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await this.send(m, d);
  }
  /** DATA, then the content if the server said 354. */
  async send(m: SmtpModel, d: SessionDriver, _report?: (sent: string) => void) {
    await d.line(m, this.data);
    if (m.state === 'data') await sendContent(m, d, this.content, this.probe, this.transport);
  }
  simpler(): DataCommand | undefined {
    if (this.data.base === undefined && isWhole(this.transport)) return undefined;
    return new DataCommand(baseOf(this.data), this.content, this.probe, WHOLE);
  }
  toString = () =>
    `${show(this.data.text)} ${describeContent(this.content, this.probe, this.transport)}`;
}

/** Message content when DATA came in a pipelined batch. */
export class ContentCommand implements FuzzCommand {
  readonly content: MessageContent;
  readonly probe: SmugglingProbe | undefined;
  readonly transport: Transport;
  constructor(content: MessageContent, probe: SmugglingProbe | undefined, transport: Transport) {
    this.content = content;
    this.probe = probe;
    this.transport = transport;
  }
  check = (m: Readonly<SmtpModel>) => m.state === 'data';
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await sendContent(m, d, this.content, this.probe, this.transport);
  }
  simpler(): FuzzCommand | undefined {
    return isWhole(this.transport)
      ? undefined
      : new ContentCommand(this.content, this.probe, WHOLE);
  }
  toString = () => `content ${describeContent(this.content, this.probe, this.transport)}`;
}

/** Several command lines in one write (RFC 2920), once PIPELINING was advertised. */
export class PipelineCommand implements FuzzCommand {
  readonly lines: CommandLine[];
  constructor(lines: CommandLine[]) {
    this.lines = lines;
  }
  check = (m: Readonly<SmtpModel>) => open(m) && m.state !== 'data' && m.pipelining;
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await d.pipeline(m, this.lines);
  }
  simpler(): FuzzCommand | undefined {
    if (this.lines.every((l) => l.base === undefined)) return undefined;
    return new PipelineCommand(this.lines.map(baseOf));
  }
  toString = () => `pipeline [${this.lines.map((l) => show(l.text)).join(' | ')}]`;
}

/**
 * STARTTLS once EHLO offered it, with command lines pipelined behind it in the same write
 * (as a man in the middle could append them), then EHLO inside TLS (RFC 3207 §4.2).
 */
export class StartTlsCommand implements FuzzCommand {
  readonly injected: CommandLine[];
  readonly helo: CommandLine;
  constructor(injected: CommandLine[], helo: CommandLine) {
    this.injected = injected;
    this.helo = helo;
  }
  check = (m: Readonly<SmtpModel>) => open(m) && m.state !== 'data' && m.starttls && !m.tls;
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await d.startTls(m, this.injected, this.helo);
  }
  simpler(): FuzzCommand | undefined {
    return this.injected.length === 0 ? undefined : new StartTlsCommand([], this.helo);
  }
  toString = () =>
    this.injected.length === 0
      ? `STARTTLS, then ${show(this.helo.text)}`
      : `STARTTLS + [${this.injected.map((l) => show(l.text)).join(' | ')}] in one write, then ${show(this.helo.text)}`;
}

/** A pause between commands. */
export class PauseCommand implements FuzzCommand {
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
  check = (m: Readonly<SmtpModel>) => open(m);
  async run(_m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await d.pause(this.ms);
  }
  toString = () => `pause ${this.ms} ms`;
}

/** The client vanishes: part of a line (maybe nothing), then the connection closes. */
export class CloseCommand implements FuzzCommand {
  readonly partial: string;
  constructor(partial: string) {
    this.partial = partial;
  }
  check = (m: Readonly<SmtpModel>) => open(m);
  async run(m: SmtpModel, d: SessionDriver) {
    d.ran.push(this);
    d.executed.push(this.toString());
    await d.suddenClose(m, this.partial);
    m.state = 'closed';
  }
  toString = () => `close after "${show(this.partial)}"`;
}
