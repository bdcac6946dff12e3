/**
 * Third-party MTAs as Debian bookworm packages them, each in a container configured as a
 * small real site (fixtures/containers/<name>/Dockerfile): the mail domain
 * `<name>.smtpspec.test`, the host name `mx.<name>.smtpspec.test` in the greeting, local
 * mailboxes alice and bob, postmaster accepted, STARTTLS with Debian's snakeoil
 * certificate, not an open relay, otherwise the package's defaults. Images are built from
 * the fixture directory on first use (cached by Docker after).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartedTestContainer } from 'testcontainers';
import { ensureImage } from './images.ts';
import { SmtpContainer } from './smtp-container.ts';

/** Where a local user's mail ends up inside the container. */
export type MailStore =
  /** One mbox file per user in /var/mail (Debian's default for Postfix and Exim). */
  | 'mbox'
  /** `~/Maildir` in the user's home (Debian's smtpd.conf for OpenSMTPD). */
  | 'maildir';

export interface DebianMtaFixture {
  /** The fixture directory's name, also used as a label (`postfix`). */
  readonly name: string;
  /** Product and version as Debian bookworm ships it (`Postfix 3.7`). */
  readonly product: string;
  readonly image: string;
  /** The Docker build context: fixtures/containers/<name>. */
  readonly context: string;
  /** The mail domain: local delivery for its mailboxes. */
  readonly domain: string;
  /** The host name the greeting and EHLO reply start with; not the mail domain. */
  readonly greetingHost: string;
  /** Local users that accept mail at `domain`. */
  readonly mailboxes: readonly string[];
  readonly mailStore: MailStore;
  /**
   * What follows a 220 to STARTTLS: a completed handshake, or, for OpenSMTPD 6.8.0p2 as
   * linked with OpenSSL 3 by Debian, a failed one (its privilege-separated signer cannot
   * sign: "rsa routines::missing private key"; fixed upstream in 7.x). We certify what
   * Debian ships, so reports of its STARTTLS cases show that defect.
   */
  readonly tlsHandshake: 'completes' | 'fails';
  /** The SMTP port inside the container. */
  readonly smtpPort: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const CONTAINERS_DIR = path.resolve(here, '../../fixtures/containers');

function debianMta(
  name: string,
  product: string,
  tag: string,
  mailStore: MailStore,
  tlsHandshake: 'completes' | 'fails' = 'completes',
) {
  const domain = `${name}.smtpspec.test`;
  return Object.freeze({
    name,
    product,
    image: `smtpspec/${name}:${tag}`,
    context: path.join(CONTAINERS_DIR, name),
    domain,
    greetingHost: `mx.${domain}`,
    mailboxes: Object.freeze(['alice', 'bob'] as const),
    mailStore,
    tlsHandshake,
    smtpPort: 25,
  }) satisfies DebianMtaFixture;
}

export const POSTFIX_FIXTURE = debianMta('postfix', 'Postfix 3.7', '3.7', 'mbox');
export const EXIM_FIXTURE = debianMta('exim', 'Exim 4.96', '4.96', 'mbox');
export const OPENSMTPD_FIXTURE = debianMta(
  'opensmtpd',
  'OpenSMTPD 6.8.0p2',
  '6.8',
  'maildir',
  'fails',
);

/** Every Debian MTA fixture, in the order reports list them. */
export const DEBIAN_MTA_FIXTURES: readonly DebianMtaFixture[] = [
  POSTFIX_FIXTURE,
  EXIM_FIXTURE,
  OPENSMTPD_FIXTURE,
];

/**
 * A Debian MTA fixture's container. It has no DNS (its resolver is 127.0.0.1, where
 * nothing answers, so every query fails at once): the site needs none, and an outside
 * resolver that loses a query holds a greeting back for the 5 s retry when the server
 * looks up the client's name first, which OpenSMTPD does and cannot be told not to
 * (seen on 7% of connections here, and as "no greeting within 5000 ms" verdicts).
 */
export class DebianMtaContainer extends SmtpContainer {
  constructor(fixture: DebianMtaFixture) {
    super(fixture.image, fixture.smtpPort);
    this.hostConfig.Dns = ['127.0.0.1'];
  }
}

/** Builds the fixture's image unless present, then returns an unstarted container. */
export async function debianMtaContainer(fixture: DebianMtaFixture): Promise<DebianMtaContainer> {
  await ensureImage(fixture.image, fixture.context);
  return new DebianMtaContainer(fixture);
}

/**
 * Everything delivered to `user` so far, as text: the mbox, or the Maildir's messages
 * one after the other. Empty when nothing arrived yet.
 */
export async function readMailbox(
  container: StartedTestContainer,
  fixture: DebianMtaFixture,
  user: string,
): Promise<string> {
  if (!/^[a-z][a-z0-9-]*$/.test(user)) throw new Error(`not a local user name: ${user}`);
  const script =
    fixture.mailStore === 'mbox'
      ? `cat /var/mail/${user} 2>/dev/null || true`
      : `cat /home/${user}/Maildir/new/* /home/${user}/Maildir/cur/* 2>/dev/null || true`;
  const result = await container.exec(['sh', '-c', script]);
  return result.stdout;
}
