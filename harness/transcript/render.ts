/**
 * The text form of a transcript (design.md "Transcript format"): a header line, then one
 * line per event, `[seconds] what`, with every byte visible.
 */
import { visibleBytes, visibleLine } from '../wire/visible.ts';
import type { DataEvent, TlsDetails, TranscriptEvent } from './events.ts';
import type { Transcript } from './transcript.ts';

/** Header and events of a transcript, as {@link renderTranscript} needs them. */
export interface RenderableTranscript {
  label: string | undefined;
  target: string | undefined;
  startedAt: Date;
  events: readonly TranscriptEvent[];
}

/**
 * Renders the text transcript, e.g.
 * ```
 * # rfc5321/4.1.4/rcpt-before-mail  target 127.0.0.1:2525  2026-11-28T16:00:00.000Z
 * [   0.000] connect 127.0.0.1:2525
 * [   0.003] S: 220 mx.example ESMTP\r\n
 * ```
 * Times are seconds since the start with 3 decimals, right-aligned in 8 columns. `C:` is
 * one client write; `S:` is one received line, or a line fragment where a read ended (the
 * fragment then lacks the final `\n` and the line goes on in the next `S:`). CR and LF
 * show as `\r` `\n`, other non-printable octets as `\xNN`. The result ends with a newline.
 */
export function renderTranscript(transcript: Transcript | RenderableTranscript): string {
  const lines = [renderHeader(transcript)];
  for (const event of transcript.events) lines.push(renderEvent(event));
  return lines.join('\n') + '\n';
}

/** `# <label>  target <address>  <ISO start>`; an unknown label or target is left out. */
export function renderHeader(transcript: Transcript | RenderableTranscript): string {
  const parts: string[] = [];
  if (transcript.label) parts.push(visibleLine(transcript.label));
  if (transcript.target) parts.push(`target ${visibleLine(transcript.target)}`);
  parts.push(transcript.startedAt.toISOString());
  return `# ${parts.join('  ')}`;
}

/** `[   1.234]`: seconds, 3 decimals, right-aligned in a width of 8. */
export function formatTime(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(8)}]`;
}

/**
 * One event as one line, without the trailing newline. An event of another connection
 * starts with its label: `[   1.201] sink#1 C: EHLO mx.example\r\n`.
 */
export function renderEvent(event: TranscriptEvent): string {
  const conn = event.conn === undefined ? '' : `${visibleLine(event.conn)} `;
  return `${formatTime(event.t)} ${conn}${describeEvent(event)}`;
}

function describeEvent(event: TranscriptEvent): string {
  switch (event.kind) {
    case 'connect':
      return `connect ${visibleLine(event.address)}`;
    case 'C':
    case 'S':
      return `${event.kind}: ${renderData(event)}`;
    case 'tls':
      return `tls ${describeTls(event.tls)}`;
    case 'close':
      return `close by ${event.by}`;
    case 'timeout':
      return `timeout after ${event.ms} ms waiting for ${visibleLine(event.what)}`;
    case 'error':
      return `error ${visibleLine(event.code)}: ${visibleLine(event.message)}`;
    case 'note':
      return `note ${visibleLine(event.text)}`;
  }
}

/** The event's bytes made visible, with the elided middle (if any) named. */
export function renderData(event: DataEvent): string {
  const { bytes, elided } = event;
  if (!elided) return visibleBytes(bytes);
  const head = visibleBytes(bytes.subarray(0, elided.at));
  const tail = visibleBytes(bytes.subarray(elided.at));
  return `${head}... ${elided.octets} octets elided ...${tail}`;
}

/** One line describing a TLS session, certificate details included as information. */
export function describeTls(tls: TlsDetails): string {
  const parts = [tls.protocol ?? 'unknown-protocol', tls.cipher];
  const cert = tls.peerCertificate;
  if (cert) {
    parts.push(
      `subject "${cert.subject}"`,
      `issuer "${cert.issuer}"`,
      `valid ${cert.validFrom} to ${cert.validTo}`,
      `sha256 ${cert.fingerprint256}`,
    );
  } else {
    parts.push('no peer certificate');
  }
  parts.push(tls.authorized ? 'verified' : `unverified (${tls.authorizationError ?? 'unknown'})`);
  return visibleLine(parts.join(' '));
}
