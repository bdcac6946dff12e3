/**
 * Debian bookworm's Postfix 3.7 as a target (fixtures/containers/postfix): local domain
 * `postfix.smtpspec.test` with mailboxes alice and bob, STARTTLS with a snakeoil
 * certificate, not an open relay. See debian-mta.ts for what the three Debian MTA
 * fixtures share.
 */
import { type DebianMtaContainer, debianMtaContainer, POSTFIX_FIXTURE } from './debian-mta.ts';

export const POSTFIX_IMAGE = POSTFIX_FIXTURE.image;
export const POSTFIX_DOMAIN = POSTFIX_FIXTURE.domain;
export const POSTFIX_MAILBOXES = POSTFIX_FIXTURE.mailboxes;
export const POSTFIX_CONTEXT = POSTFIX_FIXTURE.context;

/** Builds the Postfix image unless present, then returns an unstarted container. */
export function postfixContainer(): Promise<DebianMtaContainer> {
  return debianMtaContainer(POSTFIX_FIXTURE);
}
