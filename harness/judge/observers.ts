/**
 * Observers: rules about the form of replies and capabilities that hold for every reply of
 * every case, not only for the command a case is about. Each reply a case reads is shown
 * to every observer; what breaks a rule is reported under that rule's own requirement ids,
 * by the observer case that names it (a scenario with `observe`), never under the ids of
 * the case in which the reply happened to come.
 */
import type { ObserverName } from '../scenario/types.ts';
import { parseMailbox } from '../wire/address.ts';
import { parseEhloReply } from '../wire/ehlo.ts';
import { enhancedCodeIssues } from '../wire/enhanced-status.ts';
import type { Reply } from '../wire/reply.ts';
import type { TableVerb } from '../wire/reply-table.ts';
import { isRegisteredOrPrivate, REGISTRY_CHECKED } from '../wire/service-extensions.ts';
import { formFinding, type ReplyFormOptions } from './reply-form.ts';

/** One reply a case read, with what the session knew when it came. */
export interface ObservedReply {
  /** What it answered: the greeting (`CONNECT`), a command of the §4.3.2 table, or unknown. */
  answered: TableVerb | undefined;
  /** Names it in messages: `reply to EHLO client.test`, `greeting`. */
  what: string;
  reply: Reply;
  /** EHLO keywords in force before this reply (upper case). */
  keywords: ReadonlySet<string>;
  /** Their parameters as the EHLO reply listed them (keyword upper case). */
  params: ReadonlyMap<string, readonly string[]>;
  /** The command line this reply answers, as labelled in messages (`AUTH PLAIN`); '' for none. */
  command: string;
  /** An EHLO was accepted in this session (keywords are known, possibly none). */
  ehloSeen: boolean;
  /** TLS is up on the connection. */
  tls: boolean;
  /** What RFC 6531 §3.7.4 allows in this reply's text. */
  text: ReplyFormOptions;
}

/** One rule broken by one reply. */
export interface Violation {
  message: string;
  /** `warn` for the SHOULD-level kinds of the reply grammar; otherwise the observer's level. */
  grade?: 'warn';
}

/** A rule applied to every reply: `undefined` when the reply is not one the rule is about. */
type Check = (o: ObservedReply) => Violation[] | undefined;

/** RFC 5321 §4.2: the greeting names the server: "220 " (Domain / address-literal). */
const greetingDomain: Check = (o) => {
  if (o.answered !== 'CONNECT' || o.reply.code !== 220) return undefined;
  const word = /^(\S+)/.exec(o.reply.lines[0] ?? '')?.[1] ?? '';
  const info = parseEhloReply({ code: 250, lines: [word] });
  return info.violations.length === 0
    ? []
    : [
        {
          message: `greeting "${firstLine(o)}" does not start with the server's domain or address literal`,
        },
      ];
};

/** RFC 5321 §4.1.1.1: ehlo-ok-rsp, its first line's Domain and each ehlo-line. */
const ehloGrammar: Check = (o) => {
  if (o.answered !== 'EHLO' || o.reply.code !== 250) return undefined;
  return parseEhloReply(o.reply).violations.map((message) => ({ message }));
};

/** RFC 5321 §2.2.2: non-X keywords are registered with IANA. */
const ehloKeywordsRegistered: Check = (o) => {
  if (o.answered !== 'EHLO' || o.reply.code !== 250) return undefined;
  return [...parseEhloReply(o.reply).keywords.keys()]
    .filter((k) => !isRegisteredOrPrivate(k))
    .map((k) => ({
      message: `EHLO keyword ${k} is neither X-prefixed nor in the IANA registry of SMTP service extensions (smtpspec's copy of the registry: ${REGISTRY_CHECKED})`,
    }));
};

/**
 * RFC 5321 §2.3.5: "Local nicknames or unqualified names MUST NOT be used." The name a
 * server gives for itself in its greeting and EHLO reply has at least two labels, or is an
 * address literal. (Whether a name resolves needs the DNS; a one-label name is never an FQDN
 * a client can use.)
 */
const serverNameQualified: Check = (o) => {
  const greeting = o.answered === 'CONNECT' && o.reply.code === 220;
  const ehlo = o.answered === 'EHLO' && o.reply.code === 250;
  if (!greeting && !ehlo) return undefined;
  const name = /^(\S+)/.exec(o.reply.lines[0] ?? '')?.[1] ?? '';
  // An empty or malformed name is the greeting and EHLO grammar observers' finding.
  if (name === '' || name.startsWith('[') || name.replace(/\.$/, '').includes('.')) return [];
  return [{ message: `the server names itself "${name}", an unqualified name` }];
};

/** RFC 1870 §3: the SIZE keyword has at most one parameter, a size-value ::= 1*20DIGIT. */
const sizeParameter: Check = (o) => {
  if (o.answered !== 'EHLO' || o.reply.code !== 250) return undefined;
  const params = parseEhloReply(o.reply).keywords.get('SIZE');
  if (params === undefined) return undefined;
  if (params.length > 1)
    return [{ message: `SIZE has ${params.length} parameters: ${params.join(' ')}` }];
  const value = params[0];
  return value === undefined || /^\d{1,20}$/.test(value)
    ? []
    : [{ message: `SIZE ${value}: not a size-value (1 to 20 digits)` }];
};

/** A keyword its RFC says takes no parameter: RFC 2034 §3, RFC 6152 §2, RFC 6531 §3.1. */
function noParameter(keyword: string): Check {
  return (o) => {
    if (o.answered !== 'EHLO' || o.reply.code !== 250) return undefined;
    const params = parseEhloReply(o.reply).keywords.get(keyword);
    if (params === undefined) return undefined;
    return params.length === 0
      ? []
      : [{ message: `${keyword} is listed with parameters (${params.join(' ')}); it takes none` }];
  };
}

/**
 * RFC 4954 §6: "Modern implementations SHOULD NOT advertise mechanisms that are not
 * permitted due to lack of encryption". Outside TLS, a mechanism the EHLO reply listed that
 * then gets 538 (encryption required) or 504 (invalid, e.g. "requires an encryption layer",
 * §4) was advertised though not permitted.
 */
const authMechanismsPermitted: Check = (o) => {
  if (o.answered !== 'AUTH' || o.tls || !o.ehloSeen) return undefined;
  const offered = (o.params.get('AUTH') ?? []).map((m) => m.toUpperCase());
  const mechanism = (o.command.split(/\s+/)[1] ?? '').toUpperCase();
  if (!offered.includes(mechanism)) return undefined;
  return o.reply.code === 538 || o.reply.code === 504
    ? [
        {
          message: `AUTH ${mechanism} was advertised without TLS, then refused with ${o.reply.code}`,
        },
      ]
    : [];
};

/**
 * RFC 5321 §4.2: "An SMTP server SHOULD use the text shown in the examples whenever
 * appropriate"; for RCPT those of §4.2.2 are "251 User not local; will forward to
 * <forward-path>" and "551 User not local; please try <forward-path>" (§3.4): the address
 * the code announces is the point of the reply.
 */
const forwardingReplyNamesPath: Check = (o) => {
  if (o.answered !== 'RCPT' || (o.reply.code !== 251 && o.reply.code !== 551)) return undefined;
  const text = o.reply.lines.join(' ');
  return /<[^<>@\s]+@[^<>\s]+>/.test(text)
    ? []
    : [
        {
          message: `the ${o.reply.code} reply ("${o.reply.lines[0] ?? ''}") names no <forward-path>`,
        },
      ];
};

/** RFC 5321 §3.2: "Servers MUST NOT return the extended EHLO-style response to a HELO command." */
const heloOneLine: Check = (o) => {
  if (o.answered !== 'HELO' || o.reply.code !== 250) return undefined;
  return o.reply.lines.length === 1
    ? []
    : [{ message: `HELO got a ${o.reply.lines.length}-line 250 reply, the EHLO-style response` }];
};

/** RFC 2034 §4: enhanced codes on every 2xx/4xx/5xx but the greeting and HELO/EHLO replies. */
const enhancedStatusCodes: Check = (o) => {
  if (!o.keywords.has('ENHANCEDSTATUSCODES')) return undefined;
  if (o.answered === 'CONNECT' || o.answered === 'EHLO' || o.answered === 'HELO') return undefined;
  if (Math.floor(o.reply.code / 100) === 3) return undefined;
  return enhancedCodeIssues(o.reply).map((message) => ({ message }));
};

/**
 * RFC 5321 §3.5.1, §3.5.2: a 250, 251 or 551 to VRFY or EXPN names mailboxes, as
 * "User Name <local-part@domain>" or "local-part@domain", with a fully-qualified domain
 * and no source route; a program or other system is named by the mailbox that reaches it
 * (§3.5.2), never by a path or command. Addresses "SHOULD appear in pointed brackets"
 * (§3.5.2): one without them is a warning.
 */
const vrfyExpnMailboxes: Check = (o) => {
  if (o.answered !== 'VRFY' && o.answered !== 'EXPN') return undefined;
  if (o.reply.code !== 250 && o.reply.code !== 251 && o.reply.code !== 551) return undefined;
  const lines =
    o.reply.code === 250 && o.answered === 'EXPN' ? o.reply.lines : [o.reply.lines[0] ?? ''];
  return lines.flatMap((line, i): Violation[] => {
    const where = `line ${i + 1} of the ${o.reply.code} reply ("${line}")`;
    const problem = mailboxProblem(line);
    if (problem !== undefined) return [{ message: `${where} ${problem}` }];
    return /<[^<>]*@[^<>]*>/.test(line)
      ? []
      : [{ message: `${where} gives its mailbox without pointed brackets`, grade: 'warn' }];
  });
};

/** Why a VRFY/EXPN reply line names no usable mailbox, or undefined when it does. */
function mailboxProblem(line: string): string | undefined {
  const text = line.replace(/^[245]\.\d{1,3}\.\d{1,3}\s+/, '');
  const bracketed = /<([^<>]*)>/.exec(text)?.[1];
  const candidate = bracketed ?? text.split(/\s+/).find((word) => word.includes('@'));
  if (candidate === undefined) return 'names no mailbox';
  if (candidate.startsWith('@')) return 'returns a source route, which §3.5.2 forbids';
  const mailbox = parseMailbox(candidate);
  if ('code' in mailbox) return `names "${candidate}", which is no mailbox: ${mailbox.reason}`;
  if (!mailbox.isAddressLiteral && !mailbox.domain.includes('.')) {
    return `names "${candidate}", whose domain is not fully qualified`;
  }
  return undefined;
}

/**
 * RFC 5321 §4.1.1.1: "The EHLO response MUST contain keywords ... for all commands not
 * listed as "required" in Section 4.5.1"; §3.5.2: "if EXPN is supported, it MUST be listed
 * as a service extension in an EHLO response". Only a positive completion other than 252
 * shows the command is implemented: 500 and 502 say it is not (§4.2.4), and a refusal
 * (Exim's "550 Administrative prohibition" to EXPN) or 252 may be a site that disabled it
 * (§7.3), which its author could fairly call not supported.
 */
const commandsListed: Check = (o) => {
  const verb = (o.command.split(/[\s:]/)[0] ?? '').toUpperCase();
  if (!LISTED_IF_IMPLEMENTED.has(verb) || !o.ehloSeen) return undefined;
  const implemented = o.reply.code >= 200 && o.reply.code < 300 && o.reply.code !== 252;
  return implemented && !o.keywords.has(verb)
    ? [
        {
          message: `${verb} is implemented (it got ${o.reply.code}) but the EHLO reply did not list it`,
        },
      ]
    : [];
};

/**
 * Commands the EHLO reply must list when implemented: EXPN (§3.5.2), HELP (§4.1.1.1, not
 * in the §4.5.1 minimum), SEND, SOML and SAML (Appendix F.6: "the command names MUST be
 * published in the response to the EHLO command").
 */
const LISTED_IF_IMPLEMENTED: ReadonlySet<string> = new Set([
  'EXPN',
  'HELP',
  'SEND',
  'SOML',
  'SAML',
]);

/** RFC 3207 §4.2: "The server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS handshake has completed." */
const starttlsNotAfterTls: Check = (o) => {
  if (o.answered !== 'EHLO' || o.reply.code !== 250 || !o.tls) return undefined;
  return parseEhloReply(o.reply).keywords.has('STARTTLS')
    ? [{ message: 'the EHLO reply inside TLS still lists STARTTLS' }]
    : [];
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 4954 §4: "This challenge MUST NOT contain any text other than the BASE64 encoded challenge." */
const saslChallengeBase64: Check = (o) => {
  if (o.answered !== 'AUTH' || o.reply.code !== 334) return undefined;
  const text = o.reply.lines[0] ?? '';
  return BASE64.test(text) ? [] : [{ message: `the 334 challenge "${text}" is not BASE64` }];
};

/** RFC 5321 §4.2.1: every line of a multi-line reply has the same code. */
const multilineSameCode: Check = (o) =>
  o.reply.violations.filter((v) => v.kind === 'code-mismatch').map((v) => ({ message: v.message }));

/**
 * RFC 5321 §4.2, §2.3.8, §2.4: the reply grammar, CRLF line ends, ASCII text. The kinds
 * RFC 5321 makes SHOULD-level (a bare code, a line over 512 octets) are warnings. 8-bit
 * text from a server that announced SMTPUTF8 belongs to the RFC 6531 observer.
 */
const replyForm: Check = (o) => {
  const finding = formFinding(
    {
      ...o.reply,
      violations: o.reply.violations.filter(
        (v) => v.kind !== 'code-mismatch' && !(v.kind === '8bit' && o.text.smtputf8 === true),
      ),
    },
    o.what,
    o.text,
  );
  if (finding === undefined) return [];
  const message = withoutPrefix(finding.message, o.what);
  return [{ message, ...(finding.grade === 'warn' ? { grade: 'warn' as const } : {}) }];
};

/** RFC 6531 §3.7.4: an SMTPUTF8 server puts UTF-8 only in the replies that section permits. */
const smtputf8ReplyText: Check = (o) => {
  if (o.text.smtputf8 !== true) return undefined;
  const finding = formFinding(
    { ...o.reply, violations: o.reply.violations.filter((v) => v.kind === '8bit') },
    o.what,
    o.text,
  );
  return finding === undefined ? [] : [{ message: withoutPrefix(finding.message, o.what) }];
};

/** formFinding names the reply first; observe() does that for every observer. */
function withoutPrefix(message: string, what: string): string {
  return message.startsWith(`${what}: `) ? message.slice(what.length + 2) : message;
}

function firstLine(o: ObservedReply): string {
  return `${o.reply.code} ${o.reply.lines[0] ?? ''}`.trim();
}

/** Every observer, by the name scenarios use. */
export const OBSERVERS: Readonly<Record<ObserverName, Check>> = {
  'reply-form': replyForm,
  'multiline-same-code': multilineSameCode,
  'greeting-domain': greetingDomain,
  'ehlo-grammar': ehloGrammar,
  'ehlo-keywords-registered': ehloKeywordsRegistered,
  'helo-one-line': heloOneLine,
  'enhanced-status-codes': enhancedStatusCodes,
  'vrfy-expn-mailboxes': vrfyExpnMailboxes,
  'commands-listed': commandsListed,
  'starttls-not-after-tls': starttlsNotAfterTls,
  'sasl-challenge-base64': saslChallengeBase64,
  'smtputf8-reply-text': smtputf8ReplyText,
  'server-name-qualified': serverNameQualified,
  'size-parameter': sizeParameter,
  'enhancedstatuscodes-no-parameter': noParameter('ENHANCEDSTATUSCODES'),
  '8bitmime-no-parameter': noParameter('8BITMIME'),
  'smtputf8-no-parameter': noParameter('SMTPUTF8'),
  'auth-mechanisms-permitted': authMechanismsPermitted,
  'forwarding-reply-names-path': forwardingReplyNamesPath,
};

/** What one observer saw in one case: how many replies it judged, and what broke its rule. */
export interface Observation {
  judged: number;
  /** At most {@link MAX_KEPT} per case; `dropped` counts the rest. */
  violations: Violation[];
  dropped: number;
}

/** Violations kept per observer and case: enough to show, bounded against a hostile server. */
export const MAX_KEPT = 5;

/** Shows `o` to every observer, adding to `into` (one entry per observer that judged it). */
export function observe(o: ObservedReply, into: Map<ObserverName, Observation>): void {
  for (const [name, check] of Object.entries(OBSERVERS) as [ObserverName, Check][]) {
    const found = check(o);
    if (found === undefined) continue;
    const seen = into.get(name) ?? { judged: 0, violations: [], dropped: 0 };
    seen.judged += 1;
    for (const v of found) {
      if (seen.violations.length < MAX_KEPT)
        seen.violations.push({ ...v, message: `${o.what}: ${v.message}` });
      else seen.dropped += 1;
    }
    into.set(name, seen);
  }
}
