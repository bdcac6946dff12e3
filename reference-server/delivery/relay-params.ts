/**
 * What a message needs from the next hop, and the MAIL/RCPT parameters that say so, from
 * the extensions the next hop offered.
 */
import { type EhloInfo, hasKeyword } from '../../harness/wire/ehlo.ts';
import type { Envelope, EnvelopeRecipient } from '../message-store.ts';
import type { Failure } from './outcome.ts';

/** The envelope fields the relay client forwards. */
export type RelayEnvelope = Pick<Envelope, 'reversePath' | 'body' | 'smtputf8' | 'ret' | 'envid'>;

/** One recipient to relay. */
export type RelayRecipient = Pick<EnvelopeRecipient, 'address' | 'notify' | 'orcpt'>;

/** True when `content` has an octet above 127 (RFC 6152: needs 8BITMIME to travel). */
export function hasEightBit(content: Buffer): boolean {
  for (let i = 0; i < content.length; i++) if ((content[i] ?? 0) > 0x7f) return true;
  return false;
}

/** What the plan needs to know of the content. */
export interface ContentFacts {
  /** Octets (for SIZE=, RFC 1870). */
  size: number;
  /** An octet above 127 is in it (needs 8BITMIME, RFC 6152). */
  eightBit: boolean;
}

/** How the content travels: DATA, or BDAT for BINARYMIME (RFC 3030 §3). */
export type Transfer = 'data' | 'bdat';

/** What the transaction will send, or why this next hop cannot take the message. */
export type RelayPlan =
  | { kind: 'plan'; mail: string; rcpts: string[]; transfer: Transfer; dsnPassed: boolean }
  | { kind: 'refused'; failure: Failure };

/**
 * Plans MAIL and RCPT for a next hop that offered `ehlo` (undefined after HELO: nothing).
 * Refusals are permanent: the next hop lacks what the message needs, and we do not convert.
 */
export function planTransaction(
  envelope: RelayEnvelope,
  recipients: readonly RelayRecipient[],
  content: ContentFacts,
  ehlo: EhloInfo | undefined,
  remoteMta: string,
): RelayPlan {
  const offers = (k: string) => ehlo !== undefined && hasKeyword(ehlo, k);
  const refuse = (status: string, reason: string): RelayPlan => ({
    kind: 'refused',
    failure: { permanent: true, status, reason, remoteMta },
  });
  const params: string[] = [];
  const sizeLimit = Number(ehlo?.keywords.get('SIZE')?.[0] ?? 0);
  // RFC 1870 §6: a client SHOULD NOT send a message larger than the advertised SIZE.
  if (offers('SIZE') && sizeLimit > 0 && content.size > sizeLimit) {
    return refuse(
      '5.3.4',
      `message of ${content.size} octets exceeds the next hop's SIZE ${sizeLimit}`,
    );
  }
  if (offers('SIZE')) params.push(`SIZE=${content.size}`);
  const body = bodyParam(envelope, content, offers);
  if (typeof body === 'object') return refuse(body.status, body.reason);
  if (body !== undefined) params.push(`BODY=${body}`);
  if (envelope.smtputf8) {
    // RFC 6531 §3.2: a message needing SMTPUTF8 MUST NOT go to a server that lacks it.
    if (!offers('SMTPUTF8'))
      return refuse('5.6.7', 'next hop does not offer SMTPUTF8 (RFC 6531 §3.2)');
    params.push('SMTPUTF8');
  }
  // RFC 3461 §5.2.1: pass RET/ENVID/NOTIFY/ORCPT on when the next hop supports DSN.
  const dsnPassed = offers('DSN');
  if (dsnPassed && envelope.ret !== undefined) params.push(`RET=${envelope.ret}`);
  if (dsnPassed && envelope.envid !== undefined) params.push(`ENVID=${envelope.envid}`);
  const mail = [`MAIL FROM:<${envelope.reversePath}>`, ...params].join(' ');
  const rcpts = recipients.map((r) => rcptLine(r, dsnPassed));
  return {
    kind: 'plan',
    mail,
    rcpts,
    transfer: body === 'BINARYMIME' ? 'bdat' : 'data',
    dsnPassed,
  };
}

/**
 * The BODY parameter: BINARYMIME needs BINARYMIME and CHUNKING (RFC 3030 §3); 8-bit content
 * (declared, or found in the bytes) needs 8BITMIME (RFC 6152 §3: the client must convert or
 * return it as undeliverable; we return it).
 */
function bodyParam(
  envelope: RelayEnvelope,
  content: ContentFacts,
  offers: (k: string) => boolean,
): string | undefined | { status: string; reason: string } {
  if (envelope.body === 'BINARYMIME') {
    if (offers('BINARYMIME') && offers('CHUNKING')) return 'BINARYMIME';
    // RFC 3463 X.6.3: conversion required but not supported.
    return {
      status: '5.6.3',
      reason: 'next hop does not offer BINARYMIME and CHUNKING (RFC 3030 §3)',
    };
  }
  if (envelope.body === '8BITMIME' || content.eightBit) {
    if (offers('8BITMIME')) return '8BITMIME';
    return {
      status: '5.6.3',
      reason: 'next hop does not offer 8BITMIME for 8-bit content (RFC 6152 §3)',
    };
  }
  return undefined;
}

function rcptLine(r: RelayRecipient, dsnPassed: boolean): string {
  const params: string[] = [];
  if (dsnPassed && r.notify !== undefined) {
    params.push(`NOTIFY=${r.notify === 'NEVER' ? 'NEVER' : r.notify.join(',')}`);
  }
  if (dsnPassed && r.orcpt !== undefined) params.push(`ORCPT=${r.orcpt}`);
  return [`RCPT TO:<${r.address}>`, ...params].join(' ');
}
