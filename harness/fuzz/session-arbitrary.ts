/**
 * The arbitrary of whole fuzz sessions: `fc.commands` over a weighted mix of the session
 * commands, with the target's profile (its recipients, a foreign domain) so transactions
 * get past RCPT often enough to reach DATA.
 */
import fc from 'fast-check';
import { type AuthCredentials, authPlan } from './arbitraries/auth.ts';
import { bdatChunks } from './arbitraries/bdat.ts';
import { type CommandLine, type CommandVerb, isAmbiguous } from './arbitraries/command-line.ts';
import { type CommandConstraints, weightedCommand } from './arbitraries/commands.ts';
import { dataContent, smugglingProbe } from './arbitraries/data-content.ts';
import { domain } from './arbitraries/domain.ts';
import { paramListCommand } from './arbitraries/mail-rcpt.ts';
import { paramDictionaries } from './arbitraries/param-dictionary.ts';
import { mailbox } from './arbitraries/path.ts';
import type { FuzzCommand } from './command-kit.ts';
import { type CorpusEntry, PrefixArbitrary } from './corpus.ts';
import { AuthCommand, BdatCommand, ManyRecipientsCommand } from './extension-commands.ts';
import {
  CloseCommand,
  ContentCommand,
  DataCommand,
  EnvelopeCommand,
  LineCommand,
  PauseCommand,
  PipelineCommand,
  StartTlsCommand,
} from './session-commands.ts';
import { transport, WHOLE } from './transport.ts';

/** What the fuzzer knows about the target, from the run profile. */
export interface FuzzProfile {
  /** Our EHLO name. */
  helo: string;
  /** Sender for valid MAIL. */
  from: string;
  /** Mailboxes the target accepts mail for. */
  recipients: string[];
  /** A mailbox in a domain the target must not relay to. */
  foreign: string;
  /** An account the target knows (RFC 4954), so that AUTH exchanges can succeed. */
  auth?: AuthCredentials;
  /**
   * The EHLO keywords the target advertised (any case, parameters after a space): the
   * dictionary of MAIL and RCPT parameters and of AUTH mechanisms. Default: none known.
   */
  extensions?: readonly string[];
}

/** Options of {@link sessionCommands}. */
export interface SessionConstraints {
  profile: FuzzProfile;
  /** Most commands per run (default 12). */
  maxCommands?: number;
  /** Weights of the command forms (default valid 6, boundary 1, invalid 3). */
  forms?: CommandConstraints['forms'];
}

/** `{{name}}` would be read as a template variable when the run is saved as a scenario. */
const TEMPLATE = /\{\{[^{}]*\}\}/;

function line(verb: CommandVerb, c: CommandConstraints): fc.Arbitrary<CommandLine> {
  return weightedCommand(verb, c).filter((l) => !TEMPLATE.test(l.text));
}

function lineCommand(verb: CommandVerb, c: CommandConstraints): fc.Arbitrary<FuzzCommand> {
  return fc.tuple(line(verb, c), transport()).map(([l, t]): FuzzCommand => new LineCommand(l, t));
}

function contentParts() {
  const content = fc
    .oneof(
      { arbitrary: dataContent({ form: 'valid' }), weight: 5 },
      { arbitrary: dataContent({ form: 'boundary' }), weight: 1 },
      { arbitrary: dataContent({ form: 'invalid' }), weight: 2 },
    )
    .filter((x) => !TEMPLATE.test(x.text));
  return fc.tuple(
    content,
    fc.option(smugglingProbe(), { freq: 4, nil: undefined }),
    transport({ wholeWeight: 4 }),
  );
}

/** RFC 2920 §3.1: DATA, VRFY, NOOP and QUIT may only end a batch. */
function pipelineCommand(c: CommandConstraints): fc.Arbitrary<FuzzCommand> {
  const valid = { ...c, forms: { valid: 1, boundary: 0, invalid: 0 } };
  const middle = fc
    .constantFrom<CommandVerb>('MAIL', 'RCPT', 'RCPT', 'RSET')
    .chain((v) => line(v, valid));
  const last = fc.option(
    fc.constantFrom<CommandVerb>('DATA', 'NOOP', 'VRFY', 'QUIT').chain((v) => line(v, valid)),
    {
      nil: undefined,
    },
  );
  return fc
    .tuple(fc.array(middle, { minLength: 1, maxLength: 4 }), last)
    .map(([ls, end]): FuzzCommand => new PipelineCommand(end ? [...ls, end] : ls));
}

/**
 * STARTTLS with up to three valid command lines behind it: what an attacker would inject
 * (a MAIL FROM of its own, RSET, QUIT...), and EHLO inside TLS.
 */
function startTlsCommand(c: CommandConstraints, helo: string): fc.Arbitrary<FuzzCommand> {
  const valid = { ...c, forms: { valid: 1, boundary: 0, invalid: 0 } };
  const injected = fc
    .constantFrom<CommandVerb>('MAIL', 'RCPT', 'RSET', 'NOOP', 'EHLO', 'HELO', 'DATA', 'QUIT')
    .chain((v) => line(v, valid))
    .filter((l) => !isAmbiguous(l.text));
  const ehlo: CommandLine = { verb: 'EHLO', text: `EHLO ${helo}`, form: 'valid', mutation: '' };
  return fc
    .oneof(
      // Shrinking may drop the injected lines altogether, when they do not matter.
      { withCrossShrink: true },
      { arbitrary: fc.constant<CommandLine[]>([]), weight: 1 },
      { arbitrary: fc.array(injected, { minLength: 1, maxLength: 3 }), weight: 4 },
    )
    .map((lines): FuzzCommand => new StartTlsCommand(lines, ehlo));
}

/**
 * Recipient counts: a few, just around the limits servers keep (RFC 5321 §4.5.3.1.8 asks
 * for at least 100), and anything up to 1,000.
 */
const recipientCount = fc.oneof(
  { arbitrary: fc.integer({ min: 2, max: 20 }), weight: 6 },
  { arbitrary: fc.constantFrom(99, 100, 101, 199, 200, 201, 255, 256, 257, 1000), weight: 2 },
  { arbitrary: fc.integer({ min: 21, max: 1000 }), weight: 1 },
);

/** Extension keywords of the profile and the AUTH mechanisms among them. */
function advertised(profile: FuzzProfile): { keywords: string[]; mechanisms: string[] } {
  const lines = profile.extensions ?? [];
  const keywords = lines.map((l) => (l.split(' ')[0] ?? '').toUpperCase());
  const auth = lines.find((l) => /^AUTH\b/i.test(l));
  return {
    keywords,
    mechanisms: auth
      ? auth
          .split(' ')
          .slice(1)
          .map((m) => m.toUpperCase())
      : [],
  };
}

/** The weighted command mix of one run. */
export function fuzzCommand(s: SessionConstraints): fc.Arbitrary<FuzzCommand> {
  const { profile } = s;
  const { keywords, mechanisms } = advertised(profile);
  const dictionaries = paramDictionaries(keywords);
  const c: CommandConstraints = {
    ...(s.forms ? { forms: s.forms } : {}),
    heloName: fc.oneof(
      { arbitrary: fc.constant(profile.helo), weight: 3 },
      { arbitrary: domain(), weight: 1 },
    ),
    sender: fc.oneof(
      { arbitrary: fc.constant(profile.from), weight: 3 },
      { arbitrary: mailbox(), weight: 1 },
    ),
    recipient: fc.oneof(
      { arbitrary: fc.constantFrom(...profile.recipients), weight: 4 },
      { arbitrary: mailbox(), weight: 1 },
    ),
    user: fc.constantFrom(...profile.recipients.map((r) => r.slice(0, r.lastIndexOf('@')))),
  };
  const foreign = transport().map((t): FuzzCommand => {
    const text = `RCPT TO:<${profile.foreign}>`;
    return new LineCommand(
      { verb: 'RCPT', text, form: 'valid', mutation: 'foreign-recipient' },
      t,
      true,
    );
  });
  const dataCommand = fc
    .tuple(line('DATA', { ...c, forms: { valid: 8, boundary: 0, invalid: 1 } }), contentParts())
    .map(([d, [content, probe, t]]) => new DataCommand(d, content, probe, t));
  const data = dataCommand.map((x): FuzzCommand => x);
  const bdatCommand = fc
    .tuple(bdatChunks(), transport({ wholeWeight: 8 }))
    .map(([chunks, t]) => new BdatCommand(chunks, t));
  const happy = { ...c, forms: { valid: 1, boundary: 0, invalid: 0 } };
  const paramLine = (verb: 'MAIL' | 'RCPT') =>
    paramListCommand(verb, verb === 'MAIL' ? dictionaries.mail : dictionaries.rcpt, {
      mailbox: verb === 'MAIL' ? (c.sender ?? mailbox()) : fc.constantFrom(...profile.recipients),
    }).filter((l) => !TEMPLATE.test(l.text));
  const envelope = fc
    .tuple(
      fc.oneof(
        { arbitrary: line('MAIL', happy), weight: 4 },
        { arbitrary: paramLine('MAIL'), weight: 1 },
      ),
      fc.array(line('RCPT', happy), { minLength: 1, maxLength: 3 }),
      fc.option(
        fc.oneof(
          { arbitrary: dataCommand.map((x): DataCommand | BdatCommand => x), weight: 2 },
          { arbitrary: bdatCommand.map((x): DataCommand | BdatCommand => x), weight: 1 },
        ),
        { freq: 2, nil: undefined },
      ),
    )
    .map(([mail, rcpts, d]): FuzzCommand => new EnvelopeCommand(mail, rcpts, d));
  const paramCommand = (verb: 'MAIL' | 'RCPT') =>
    fc.tuple(paramLine(verb), transport()).map(([l, t]): FuzzCommand => new LineCommand(l, t));
  const plain = (verb: CommandVerb, text: string): CommandLine => ({
    verb,
    text,
    form: 'valid',
    mutation: '',
  });
  const many = fc
    .record({
      mail: fc.option(line('MAIL', happy), { freq: 4, nil: undefined }),
      rcpt: fc.constantFrom(...profile.recipients).map((r) => plain('RCPT', `RCPT TO:<${r}>`)),
      count: recipientCount,
      // Pipelined where the server offers it (a few writes for 1,000 lines), in lock-step
      // otherwise and now and then.
      pipelined: fc.oneof(
        { arbitrary: fc.constant(true), weight: 7 },
        { arbitrary: fc.constant(false), weight: 1 },
      ),
      after: fc.option(
        fc.constantFrom(
          plain('RSET', 'RSET'),
          plain('NOOP', 'NOOP'),
          plain('MAIL', `MAIL FROM:<${profile.from}>`),
          plain('QUIT', 'QUIT'),
        ),
        { freq: 3, nil: undefined },
      ),
    })
    .map((plan): FuzzCommand => new ManyRecipientsCommand(plan));
  const auth = authPlan(mechanisms, profile.auth).map((p): FuzzCommand => new AuthCommand(p));
  const content = contentParts().map(
    ([x, probe, t]): FuzzCommand => new ContentCommand(x, probe, t),
  );
  const close = fc
    .tuple(
      fc.constantFrom<CommandVerb>('MAIL', 'RCPT', 'EHLO', 'DATA').chain((v) => line(v, c)),
      fc.nat(),
    )
    .map(
      ([l, n]): FuzzCommand => new CloseCommand(`${l.text}\r\n`.slice(0, n % (l.text.length + 3))),
    );
  // Weights favour getting a transaction to DATA: that is where smuggling probes and
  // content bugs live, and a random walk over all verbs seldom gets there.
  const weighted: [fc.Arbitrary<FuzzCommand>, number][] = [
    [lineCommand('EHLO', c), 4],
    [lineCommand('HELO', c), 1],
    [lineCommand('MAIL', c), 6],
    [lineCommand('RCPT', c), 8],
    [foreign, 2],
    [envelope, 5],
    [data, 8],
    [bdatCommand.map((x): FuzzCommand => x), 3],
    [paramCommand('MAIL'), 3],
    [paramCommand('RCPT'), 3],
    [many, 1],
    [auth, 2],
    [content, 3],
    [pipelineCommand(c), 2],
    [startTlsCommand(c, profile.helo), 1],
    [lineCommand('RSET', c), 2],
    [lineCommand('VRFY', c), 1],
    [lineCommand('EXPN', c), 1],
    [lineCommand('HELP', c), 1],
    [lineCommand('NOOP', c), 2],
    [lineCommand('QUIT', c), 1],
    [lineCommand('UNKNOWN', c), 2],
    [fc.integer({ min: 1, max: 5 }).map((ms): FuzzCommand => new PauseCommand(ms)), 1],
    [close, 1],
  ];
  return fc.oneof(...weighted.map(([arbitrary, weight]) => ({ arbitrary, weight })));
}

/**
 * How a session opens: mostly with a well-formed EHLO (or HELO) in the profile's name, since
 * servers refuse MAIL before it (RFC 5321 §4.1.4 lets them) and a run that never gets past
 * 503 tests little; sometimes with nothing, which shrinking prefers (the first option).
 */
function opening(profile: FuzzProfile): fc.Arbitrary<FuzzCommand[]> {
  const hello = (verb: 'EHLO' | 'HELO'): FuzzCommand[] => [
    new LineCommand({ verb, text: `${verb} ${profile.helo}`, form: 'valid', mutation: '' }, WHOLE),
  ];
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant<FuzzCommand[]>([]), weight: 1 },
    { arbitrary: fc.constant(hello('EHLO')), weight: 6 },
    { arbitrary: fc.constant(hello('HELO')), weight: 1 },
  );
}

/** The arbitraries of one campaign: whole fresh sessions, and the commands that follow a prefix. */
export interface SessionArbitraries {
  fresh: fc.Arbitrary<Iterable<FuzzCommand>>;
  rest: fc.Arbitrary<Iterable<FuzzCommand>>;
}

/** Builds the arbitraries once (they are stateless; a campaign reuses them every round). */
export function sessionArbitraries(s: SessionConstraints): SessionArbitraries {
  const rest = fc.commands([fuzzCommand(s)], { maxCommands: s.maxCommands ?? 12 });
  const fresh = fc
    .tuple(opening(s.profile), rest)
    .map(([first, more]): Iterable<FuzzCommand> => new SessionSequence(first, more));
  return { fresh, rest };
}

/**
 * Whole sessions: an opening EHLO/HELO (usually), then up to `maxCommands` fuzz commands
 * (`fc.commands`, which shrinks them and reports which ran).
 */
export function sessionCommands(s: SessionConstraints): fc.Arbitrary<Iterable<FuzzCommand>> {
  return sessionArbitraries(s).fresh;
}

/**
 * Sessions derived from the feedback corpus (corpus.ts): a prefix of a kept run, then up to
 * `maxCommands` fresh commands; mixed half and half with fresh sessions.
 */
export function feedbackSessions(
  a: SessionArbitraries,
  entries: readonly CorpusEntry[],
): fc.Arbitrary<Iterable<FuzzCommand>> {
  if (entries.length === 0) return a.fresh;
  const derived = fc
    .tuple(new PrefixArbitrary(entries), a.rest)
    .map(([prefix, more]): Iterable<FuzzCommand> => new SessionSequence(prefix, more));
  return fc.oneof(a.fresh, derived);
}

/** The opening, then the `fc.commands` sequence (iterated as is: it records what ran). */
class SessionSequence implements Iterable<FuzzCommand> {
  readonly #first: readonly FuzzCommand[];
  readonly #rest: Iterable<FuzzCommand>;
  constructor(first: readonly FuzzCommand[], rest: Iterable<FuzzCommand>) {
    this.#first = first;
    this.#rest = rest;
  }
  *[Symbol.iterator](): Iterator<FuzzCommand> {
    yield* this.#first;
    yield* this.#rest;
  }
  toString(): string {
    return [...this.#first.map(String), String(this.#rest)].filter((x) => x !== '').join(',');
  }
  /** fast-check clones a sequence before running it again: the commands record their runs. */
  [fc.cloneMethod](): SessionSequence {
    return new SessionSequence(this.#first, fc.cloneIfNeeded(this.#rest));
  }
}
