/**
 * Debian bookworm's OpenSMTPD 6.8.0p2 as a target (fixtures/containers/opensmtpd): Debian's
 * smtpd.conf listening on every interface for the local domain `opensmtpd.smtpspec.test`
 * with mailboxes alice and bob (Maildir), not an open relay. STARTTLS is configured and
 * advertised, but this package's handshake fails with OpenSSL 3 (see the Dockerfile). See
 * debian-mta.ts for what the three Debian MTA fixtures share.
 */
import { type DebianMtaContainer, debianMtaContainer, OPENSMTPD_FIXTURE } from './debian-mta.ts';

export const OPENSMTPD_IMAGE = OPENSMTPD_FIXTURE.image;
export const OPENSMTPD_DOMAIN = OPENSMTPD_FIXTURE.domain;

/** Builds the OpenSMTPD image unless present, then returns an unstarted container. */
export function opensmtpdContainer(): Promise<DebianMtaContainer> {
  return debianMtaContainer(OPENSMTPD_FIXTURE);
}
