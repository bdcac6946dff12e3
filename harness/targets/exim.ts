/**
 * Debian bookworm's Exim 4.96 (exim4-daemon-light) as a target (fixtures/containers/exim):
 * Debian's "internet site" configuration for the local domain `exim.smtpspec.test` with
 * mailboxes alice and bob, STARTTLS with a snakeoil certificate, not an open relay. See
 * debian-mta.ts for what the three Debian MTA fixtures share.
 */
import { type DebianMtaContainer, debianMtaContainer, EXIM_FIXTURE } from './debian-mta.ts';

export const EXIM_IMAGE = EXIM_FIXTURE.image;
export const EXIM_DOMAIN = EXIM_FIXTURE.domain;

/** Builds the Exim image unless present, then returns an unstarted container. */
export function eximContainer(): Promise<DebianMtaContainer> {
  return debianMtaContainer(EXIM_FIXTURE);
}
