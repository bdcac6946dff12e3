/**
 * Policy hooks (style convention 13): async functions returning typed decisions. The
 * defaults implement the configured relay policy; callers may replace any hook.
 */

import type { Path } from '../../harness/wire/command.ts';
import { parseEnhancedStatus } from '../../harness/wire/enhanced-status.ts';
import type { ServerConfig } from '../config.ts';
import type { Envelope } from '../message-store.ts';
import { clientNetworkMatcher } from './domains.ts';
import {
  classifyRecipient,
  createLocalDirectory,
  type RecipientClass,
  recipientKey,
} from './recipients.ts';

/** What a hook decides. `code`/`enhanced` classes must agree (4 for tempfail, 5 for reject). */
export type Decision =
  | { kind: 'accept' }
  | {
      kind: 'reject' | 'tempfail';
      code: number;
      enhanced: string;
      text: string;
      disconnect?: boolean;
    };

/** What hooks may know about the session. */
export interface SessionInfo {
  id: string;
  remoteAddress: string;
  remotePort: number;
  helo: string | undefined;
  tls: boolean;
  authenticatedAs: string | undefined;
}

/** A RCPT the hooks judge. */
export interface RcptRequest {
  forwardPath: Path;
  isPostmaster: boolean;
  recipient: RecipientClass;
}

/** The hooks the session calls, in this order, after sequence and syntax checks passed. */
export interface PolicyHooks {
  /** Before the greeting; a non-accept decision is sent instead of 220 (RFC 5321 §3.1). */
  onConnect(session: SessionInfo): Promise<Decision>;
  /** MAIL FROM with its reverse-path (`null` mailbox: `<>`). */
  onMailFrom(session: SessionInfo, reversePath: Path): Promise<Decision>;
  /** RCPT TO; the default accepts local mailboxes and asks `onRelay` for foreign ones. */
  onRcptTo(session: SessionInfo, rcpt: RcptRequest): Promise<Decision>;
  /** A foreign recipient (RFC 5321 §3.6.2, §7.1): relay or refuse. */
  onRelay(session: SessionInfo, rcpt: RcptRequest): Promise<Decision>;
  /**
   * The complete message, before it is committed: its size and first octets (the message
   * is never held whole in memory; it streams to the store as it arrives).
   */
  onData(session: SessionInfo, envelope: Envelope, message: ArrivedContent): Promise<Decision>;
}

/** What `onData` sees of a message's content. */
export interface ArrivedContent {
  /** Octets of the message as it will be stored, our Received: field first. */
  size: number;
  /** Its first octets: our Received: field and up to 64 KiB of the content (the header section). */
  head: Buffer;
}

const ACCEPT: Decision = { kind: 'accept' };

function reject(code: number, enhanced: string, text: string): Decision {
  return { kind: 'reject', code, enhanced, text };
}

/** The default RCPT decision: our mailboxes yes, unknown users and tricks no, foreign asks `relay`. */
function recipientDecision(
  rcpt: RcptRequest,
  relay: () => Promise<Decision>,
): Promise<Decision> | Decision {
  const r = rcpt.recipient;
  switch (r.kind) {
    case 'local':
      return ACCEPT;
    case 'unknown-local':
      // RFC 3463 X.1.1: bad destination mailbox address.
      return reject(550, '5.1.1', 'No such user here');
    case 'routing-trick':
      // RFC 5321 §3.6.2: relaying is a policy decision; we never honour local-part routes.
      return reject(550, '5.7.1', `Relaying via local-part routing (${r.reason}) is not permitted`);
    case 'foreign':
      return relay();
  }
}

/**
 * The configured relay trust (RFC 5321 §7.1): a client in `relay.clientNetworks`, or an
 * authenticated one when `relay.allowAuthenticated`. Loopback is not trusted by default.
 */
export function relayTrust(
  config: Pick<ServerConfig, 'relay'>,
): (session: Pick<SessionInfo, 'remoteAddress' | 'authenticatedAs'>) => boolean {
  const inClientNetworks = clientNetworkMatcher(config.relay.clientNetworks);
  return (session) =>
    inClientNetworks(session.remoteAddress) ||
    (config.relay.allowAuthenticated && session.authenticatedAs !== undefined);
}

/** What {@link createPolicyHooks} builds. */
export interface PolicySet {
  hooks: PolicyHooks;
  classify: (path: Path, isPostmaster: boolean) => RecipientClass;
  /** The mailbox a classified path resolves to: equal keys are one recipient. */
  recipientKey: (path: Path, klass: RecipientClass) => string;
  /** The configured relay trust of a session (see {@link relayTrust}), whatever the hooks say. */
  mayRelay: (session: Pick<SessionInfo, 'remoteAddress' | 'authenticatedAs'>) => boolean;
}

/** The hooks the config implies, with any of `overrides` taking a hook's place. */
export function createPolicyHooks(
  config: Pick<ServerConfig, 'localDomains' | 'mailboxes' | 'relay'>,
  overrides: Partial<PolicyHooks> = {},
): PolicySet {
  const directory = createLocalDirectory(config);
  const mayRelay = relayTrust(config);
  const relayDomains = new Set(config.relay.domains.map((d) => d.toLowerCase()));
  const hooks: PolicyHooks = {
    onConnect: overrides.onConnect ?? (async () => ACCEPT),
    onMailFrom: overrides.onMailFrom ?? (async () => ACCEPT),
    // Looks up `hooks.onRelay` at call time, so an overridden onRelay is the one asked.
    onRcptTo:
      overrides.onRcptTo ??
      (async (session, rcpt) => recipientDecision(rcpt, () => hooks.onRelay(session, rcpt))),
    onRelay:
      overrides.onRelay ??
      (async (session, rcpt) => {
        // A domain we relay for takes mail from anyone, as its MX would (RFC 5321 §3.6.2).
        const toRelayDomain =
          rcpt.recipient.kind === 'foreign' &&
          relayDomains.has(rcpt.recipient.domain.toLowerCase());
        // RFC 5321 §7.1 / §3.6.2: refuse relaying for unknown clients; RFC 3463 X.7.1.
        return toRelayDomain || mayRelay(session)
          ? ACCEPT
          : reject(550, '5.7.1', 'Relaying denied');
      }),
    onData: overrides.onData ?? (async () => ACCEPT),
  };
  return {
    hooks,
    classify: (path, isPostmaster) => classifyRecipient(directory, path, isPostmaster),
    recipientKey: (path, klass) => recipientKey(directory, path, klass),
    mayRelay,
  };
}

/**
 * Checks a decision from a (possibly user-written) hook: `undefined` when usable, else why
 * not. The session answers `451 4.3.0` for a broken decision rather than send a bad reply.
 */
export function checkDecision(decision: Decision): string | undefined {
  if (decision.kind === 'accept') return undefined;
  const klass = decision.kind === 'reject' ? 5 : 4;
  // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39.
  const code = decision.code;
  if (
    !Number.isInteger(code) ||
    Math.floor(code / 100) !== klass ||
    Math.floor(code / 10) % 10 > 5
  ) {
    return `${decision.kind} needs a ${klass}xx code, got ${decision.code}`;
  }
  // RFC 3463 §2: the enhanced code's class matches the reply's.
  const enhanced = parseEnhancedStatus(decision.enhanced);
  if (enhanced === undefined || enhanced.text !== decision.enhanced || enhanced.klass !== klass) {
    return `enhanced code ${decision.enhanced} is not an RFC 3463 code of class ${klass}`;
  }
  if (typeof decision.text !== 'string') return 'text must be a string';
  return undefined;
}
