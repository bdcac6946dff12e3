/**
 * Trace information (RFC 5321 §4.4): the Received: field we prepend to every accepted
 * message, and the Received: count that detects mail loops (§6.3).
 */

/** What a Received: field records about one hop. */
export interface ReceivedInfo {
  /** The HELO/EHLO argument (a Domain or an address literal). */
  helo: string;
  /** The client's IP address as seen on the socket. */
  clientAddress: string;
  /** Our hostname. */
  by: string;
  /** RFC 3848 / RFC 6531 §3.7.3 protocol name, see {@link protocolName}. */
  protocol: string;
  /** Our id of the transaction (an Atom). */
  id: string;
  /** The recipient, only when the message has exactly one (privacy, RFC 5321 §7.6). */
  forPath?: string;
  date: Date;
}

/**
 * The WITH protocol (RFC 5321 §4.4 "Protocol"; registry of RFC 3848 and RFC 6531 §3.7.3):
 * SMTP after HELO, ESMTP after EHLO, S for TLS, A for authenticated, UTF8 prefix for
 * SMTPUTF8 transactions.
 */
export function protocolName(s: {
  ehlo: boolean;
  tls: boolean;
  authenticated: boolean;
  smtputf8: boolean;
}): string {
  const suffix = `${s.tls ? 'S' : ''}${s.authenticated ? 'A' : ''}`;
  if (s.smtputf8) return `UTF8SMTP${suffix}`;
  if (!s.ehlo && suffix === '') return 'SMTP';
  return `ESMTP${suffix}`;
}

/** An address literal for the client address (RFC 5321 §4.1.3), IPv4-mapped IPv6 unwrapped. */
export function addressLiteral(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `[${mapped[1]}]`;
  return address.includes(':') ? `[IPv6:${address}]` : `[${address}]`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 §3.3 date-time in UTC: `Sat, 28 Nov 2026 16:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  const day = `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())}`;
  return `${day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time} +0000`;
}

/**
 * The Received: field, folded before each clause (RFC 5322 §2.2.3), ending in CRLF.
 * RFC 5321 §4.4: Stamp = From-domain By-domain Opt-info [CFWS] ";" FWS date-time, with
 * From-domain = "FROM" FWS Extended-Domain and TCP-info the client's address literal.
 */
export function formatReceived(info: ReceivedInfo): Buffer {
  const lines = [
    `Received: from ${info.helo} (${addressLiteral(info.clientAddress)})`,
    `\tby ${info.by} with ${info.protocol} id ${info.id}`,
  ];
  const date = rfc5322Date(info.date);
  if (info.forPath !== undefined) lines.push(`\tfor ${info.forPath}; ${date}`);
  else lines.push(`\t; ${date}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const CR = 0x0d;
const LF = 0x0a;
// "Received" then optional WSP (RFC 5322 §4.5.x obs-optional allows WSP before ":").
const RECEIVED_FIELD = /^received[ \t]*:/i;

/**
 * Counts Received: fields in the header section of `content` (up to the first empty line,
 * RFC 5322 §2.1), stopping early once the count exceeds `stopAfter`.
 */
export function countReceivedFields(content: Buffer, stopAfter: number): number {
  let count = 0;
  let start = 0;
  while (start < content.length && count <= stopAfter) {
    const lf = content.indexOf(LF, start);
    const end = lf === -1 ? content.length : lf;
    const lineEnd = end > start && content[end - 1] === CR ? end - 1 : end;
    if (lineEnd === start) break; // the empty line that ends the header section
    const head = content.subarray(start, Math.min(lineEnd, start + 16)).toString('latin1');
    if (RECEIVED_FIELD.test(head)) count++;
    start = end + 1;
  }
  return count;
}
