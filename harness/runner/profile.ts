/**
 * The target profile: the names and addresses scenarios use through template variables.
 * Defaults fit the bundled reference MTA; an external target gets postmaster (which
 * RFC 5321 §4.5.1 requires every server to accept) unless `--rcpt` says otherwise.
 */
import { UsageError } from '../errors.ts';
import type { TemplateName, TemplateValues } from '../scenario/templates.ts';

/** Profile values given on the command line (`--helo`, `--from`, ...). */
export interface ProfileFlags {
  helo?: string;
  from?: string;
  rcpt?: string;
  rcpt2?: string;
  /**
   * A mailbox with `{n}` in its local part that is deliverable for every n from 1 to
   * {@link RCPT_PATTERN_COUNT}: distinct recipients for the recipients-buffer cases.
   */
  rcptPattern?: string;
  foreignDomain?: string;
  /**
   * A mail domain whose MX record names the target on port 25: the target is then a
   * "publicly-referenced SMTP server" (RFC 3207 §4), which the cases about one need.
   */
  mxDomain?: string;
  /** AUTH credentials (RFC 4954), for the cases that need an authenticated session. */
  authUser?: string;
  authPass?: string;
}

/** Defaults for the bundled reference MTA. */
export const REFERENCE_PROFILE = Object.freeze({
  helo: 'client.smtpspec.test',
  from: 'sender@client.smtpspec.test',
  rcpt: 'alice@smtpspec.test',
  rcpt2: 'bob@smtpspec.test',
  rcptPattern: 'smtpspec-rcpt-{n}@smtpspec.test',
  foreignDomain: 'foreign.smtpspec.example',
  mxDomain: 'smtpspec.test',
  authUser: 'alice@smtpspec.test',
  authPass: 'smtpspec-reference-secret',
});

/**
 * How many mailboxes `--rcpt-pattern` stands for: the 100 recipients every server MUST
 * buffer (RFC 5321 §4.5.3.1.8) and the 101st, where a limit may start.
 */
export const RCPT_PATTERN_COUNT = 101;

/** The mailbox of `pattern` for `n`. */
export function patternMailbox(pattern: string, n: number): string {
  return pattern.replace('{n}', String(n));
}

/**
 * Configuration of the bundled reference MTA when it is the target (no --target): an
 * ephemeral loopback port, the AUTH user the reference profile logs in with, and the
 * mailboxes of the profile (alice, bob, postmaster and those of its recipient pattern).
 */
export function builtInServerConfig(): {
  listen: { host: string; port: number };
  auth: { users: Record<string, string> };
  mailboxes: string[];
} {
  const numbered = Array.from({ length: RCPT_PATTERN_COUNT }, (_, i) => {
    const mailbox = patternMailbox(REFERENCE_PROFILE.rcptPattern, i + 1);
    return mailbox.slice(0, mailbox.lastIndexOf('@'));
  });
  return {
    listen: { host: '127.0.0.1', port: 0 },
    auth: { users: { [REFERENCE_PROFILE.authUser]: REFERENCE_PROFILE.authPass } },
    mailboxes: ['alice', 'bob', 'postmaster', ...numbered],
  };
}

/** A resolved profile: every template value, plus notes worth printing before the run. */
export interface ResolvedProfile {
  values: TemplateValues;
  /**
   * Template values the run could not learn, with the reason: a case that uses one skips
   * with that reason instead of sending a made-up address the server rightly refuses.
   */
  unavailable: Partial<Record<TemplateName, string>>;
  notes: string[];
  /** AUTH credentials are known (the `credentials` precondition). */
  hasCredentials: boolean;
}

/** What recipient discovery found (harness/runner/recipient-discovery.ts), if it ran. */
export interface DiscoveredProfile {
  mailbox: string;
  /** The mail domain postmaster was accepted at; undefined for the bare `<Postmaster>`. */
  domain: string | undefined;
}

const DOMAIN =
  /^(?=.{1,255}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
/** RFC 5321 §4.1.3 address literal, loosely: the server judges it, we only keep it sane. */
const ADDRESS_LITERAL = /^\[[0-9A-Za-z:.-]{1,253}\]$/;
/** local@domain with a dot-atom local part (RFC 5321 §4.1.2), at most 64 octets. */
const MAILBOX = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(.+)$/;

function checkMailbox(flag: string, value: string): void {
  const m = MAILBOX.exec(value);
  const domain = m?.[1] ?? '';
  if (!m || !(DOMAIN.test(domain) || ADDRESS_LITERAL.test(domain)) || value.length > 254) {
    throw new UsageError(`${flag}: '${value}' is not a mailbox like user@example.test`);
  }
}

/** `{n}` once, in the local part, and a mailbox for every n the cases use. */
function checkPattern(pattern: string): void {
  const at = pattern.lastIndexOf('@');
  const uses = pattern.split('{n}').length - 1;
  if (uses !== 1 || pattern.indexOf('{n}') > at) {
    throw new UsageError(
      `--rcpt-pattern: '${pattern}' needs {n} once in the local part, like user+{n}@example.test`,
    );
  }
  checkMailbox('--rcpt-pattern', patternMailbox(pattern, RCPT_PATTERN_COUNT));
}

/** Checks command-line profile values; throws a UsageError naming the flag. */
export function checkProfileFlags(flags: ProfileFlags): void {
  if (flags.helo !== undefined && !DOMAIN.test(flags.helo) && !ADDRESS_LITERAL.test(flags.helo)) {
    throw new UsageError(`--helo: '${flags.helo}' is not a domain or address literal`);
  }
  if (flags.foreignDomain !== undefined && !DOMAIN.test(flags.foreignDomain)) {
    throw new UsageError(`--foreign-domain: '${flags.foreignDomain}' is not a domain`);
  }
  if (flags.mxDomain !== undefined && !DOMAIN.test(flags.mxDomain)) {
    throw new UsageError(`--mx-domain: '${flags.mxDomain}' is not a domain`);
  }
  if (flags.from !== undefined) checkMailbox('--from', flags.from);
  if (flags.rcpt !== undefined) checkMailbox('--rcpt', flags.rcpt);
  if (flags.rcpt2 !== undefined) checkMailbox('--rcpt2', flags.rcpt2);
  if (flags.rcptPattern !== undefined) checkPattern(flags.rcptPattern);
  if ((flags.authUser === undefined) !== (flags.authPass === undefined)) {
    throw new UsageError('--auth-user and --auth-pass go together');
  }
  for (const [flag, value] of [
    ['--auth-user', flags.authUser],
    ['--auth-pass', flags.authPass],
  ] as const) {
    // RFC 4616 §2: authcid and passwd are 1 to 255 octets of UTF-8 without NUL.
    if (value !== undefined && (value.length === 0 || value.length > 255 || value.includes('\0'))) {
      throw new UsageError(`${flag}: expected 1 to 255 characters without NUL`);
    }
  }
}

/** RFC 4616 §2: the PLAIN message is [authzid] NUL authcid NUL passwd, sent base64-encoded. */
function plainResponse(user: string, pass: string): string {
  return Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
}

/**
 * The server's name from its greeting: RFC 5321 §4.3.1, "the official name ... of the
 * server host as the first word following the reply code". Falls back to `fallback`.
 */
export function serverDomainOf(greetingLine: string, fallback: string): string {
  const word = /^[2-5][0-9]{2}[ -]?(\S+)/.exec(greetingLine)?.[1];
  return word !== undefined && (DOMAIN.test(word) || ADDRESS_LITERAL.test(word)) ? word : fallback;
}

/**
 * Fills every template variable. `builtIn`: the target is our reference MTA, whose
 * defaults are known. Otherwise the recipient is `--rcpt`, else the one recipient
 * discovery found, else postmaster at the server's domain (RFC 5321 §4.5.1).
 */
export function resolveProfile(
  flags: ProfileFlags,
  options: { builtIn: boolean; serverDomain: string; discovered?: DiscoveredProfile },
): ResolvedProfile {
  const notes: string[] = [];
  const unavailable: Partial<Record<TemplateName, string>> = {};
  const { serverDomain, discovered } = options;
  let rcpt = flags.rcpt;
  let rcpt2 = flags.rcpt2;
  let domain: string | undefined;
  if (options.builtIn) {
    rcpt ??= REFERENCE_PROFILE.rcpt;
    rcpt2 ??= REFERENCE_PROFILE.rcpt2;
  } else if (rcpt === undefined && discovered !== undefined) {
    rcpt = discovered.mailbox;
    domain = discovered.domain;
    if (domain === undefined) {
      unavailable.domain = `no mail domain of the server is known: it accepted only <${rcpt}>; give --rcpt user@domain`;
    }
  } else if (rcpt === undefined) {
    rcpt = `postmaster@${serverDomain}`;
    notes.push(`no --rcpt given: using ${rcpt} (RFC 5321 §4.5.1 requires postmaster)`);
  }
  if (rcpt2 === undefined) {
    rcpt2 = rcpt;
    notes.push(`no --rcpt2 given: the second recipient is ${rcpt2} too`);
  }
  // The bare <Postmaster> names no domain: {{domain}} is then unavailable (see above) and
  // the server's host name only fills the value so that nothing else breaks.
  domain ??= rcpt.includes('@') ? rcpt.slice(rcpt.lastIndexOf('@') + 1) : serverDomain;
  const foreignDomain = flags.foreignDomain ?? REFERENCE_PROFILE.foreignDomain;
  const rcptPattern = flags.rcptPattern ?? (options.builtIn ? REFERENCE_PROFILE.rcptPattern : '');
  if (rcptPattern === '') {
    unavailable.rcptPattern = `no --rcpt-pattern given: a client cannot know ${RCPT_PATTERN_COUNT} deliverable mailboxes of this server; give e.g. --rcpt-pattern 'user+{n}@domain'`;
  }
  // The bundled MTA stands in for the MX of its own domain; another target is one only if
  // the user says so: nothing on the connection shows whether an MX record names it.
  const mxDomain = flags.mxDomain ?? (options.builtIn ? REFERENCE_PROFILE.mxDomain : '');
  if (mxDomain === '') {
    unavailable.mxDomain =
      'the target is not declared a publicly-referenced MX (RFC 3207 §4): give --mx-domain DOMAIN, a domain whose MX record names it on port 25';
  }
  const authUser = flags.authUser ?? (options.builtIn ? REFERENCE_PROFILE.authUser : '');
  const authPass = flags.authPass ?? (options.builtIn ? REFERENCE_PROFILE.authPass : '');
  const hasCredentials = authUser !== '' && authPass !== '';
  const values: TemplateValues = {
    helo: flags.helo ?? REFERENCE_PROFILE.helo,
    from: flags.from ?? REFERENCE_PROFILE.from,
    rcpt,
    rcpt2,
    // The local part of {{rcpt}}, a Dot-string (checkMailbox): a case can quote it, an
    // equivalent form the server must treat as the same mailbox (RFC 5321 §4.1.2).
    rcptLocal: rcpt.includes('@') ? rcpt.slice(0, rcpt.lastIndexOf('@')) : rcpt,
    rcptPattern,
    domain,
    unknownRcpt: `smtpspec-no-such-user@${domain}`,
    foreign: `smtpspec-relay-probe@${foreignDomain}`,
    foreignDomain,
    mxDomain,
    serverDomain,
    authUser,
    authPass,
    authPlain: hasCredentials ? plainResponse(authUser, authPass) : '',
    // Filled per case by a relay-through run (harness/runner/relay-case.ts).
    relayToken: '',
    relayDomain: '',
  };
  if (unavailable.domain !== undefined) {
    unavailable.unknownRcpt = unavailable.domain;
    unavailable.rcptLocal = unavailable.domain;
  }
  return { values, unavailable, notes, hasCredentials };
}
