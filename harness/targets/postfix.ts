/**
 * Debian bookworm's Postfix 3.7 as a target: local domain `postfix.smtpspec.test` with
 * mailboxes alice and bob, STARTTLS with a snakeoil certificate, not an open relay.
 * Image built from fixtures/containers/postfix on first use (cached by Docker after).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureImage } from './images.ts';
import { SmtpContainer } from './smtp-container.ts';

export const POSTFIX_IMAGE = 'smtpspec/postfix:3.7';
export const POSTFIX_DOMAIN = 'postfix.smtpspec.test';
export const POSTFIX_MAILBOXES = ['alice', 'bob'] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
export const POSTFIX_CONTEXT = path.resolve(here, '../../fixtures/containers/postfix');

export class PostfixContainer extends SmtpContainer {
  constructor(image = POSTFIX_IMAGE) {
    super(image, 25);
  }
}

/** Builds the Postfix image unless present, then returns an unstarted container. */
export async function postfixContainer(): Promise<PostfixContainer> {
  await ensureImage(POSTFIX_IMAGE, POSTFIX_CONTEXT);
  return new PostfixContainer();
}
