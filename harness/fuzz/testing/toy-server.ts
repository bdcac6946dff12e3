/**
 * A small SMTP server for the fuzzer's own tests and benchmark, with parser bugs that can
 * be planted on purpose. Without bugs it is a plain, mostly conformant sink: it uses the
 * shared codec (strict line framing, `parseCommand`), keeps envelope state and accepts
 * mail for `@toy.test`. Loopback only, ephemeral ports.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TLSSocket } from 'node:tls';
import { loadTlsMaterial } from '../../../reference-server/tls-material.ts';
import type { TargetAddress } from '../../runner/target.ts';
import { parseCommand } from '../../wire/command.ts';
import { type FramedLine, LineFramer } from '../../wire/lines.ts';
import { formatReply } from '../../wire/reply.ts';
import type { FuzzProfile } from '../session-arbitrary.ts';
import type { FuzzTarget } from '../target.ts';

/**
 * - `crash-on-long-local-part`: a MAIL/RCPT path whose local part is over 64 octets kills
 *   the whole server (it stops listening and drops every connection).
 * - `drop-on-double-space-after-colon`: a command with two spaces after its colon drops
 *   the connection without a reply.
 * - `hang-on-spaces-only-data-line`: a mail data line of only spaces makes the session go
 *   silent for good.
 * - `rcpt-before-mail-accepted`: RCPT without MAIL gets 250 (a sequencing bug).
 * - `bare-lf-ends-data`: `<LF>.<LF>` ends mail data (SMTP smuggling).
 * - `malformed-help-reply`: HELP gets a multi-line reply whose codes differ per line.
 * - `double-reply-to-noop`: NOOP is answered twice (the replies desynchronise).
 * - `open-relay`: recipients in any domain are accepted.
 * - `starttls-plaintext-injection`: command lines that came in the same read as STARTTLS
 *   are kept and answered inside TLS after the handshake (CVE-2011-0411).
 */
export type PlantedBug =
  | 'crash-on-long-local-part'
  | 'drop-on-double-space-after-colon'
  | 'hang-on-spaces-only-data-line'
  | 'rcpt-before-mail-accepted'
  | 'bare-lf-ends-data'
  | 'malformed-help-reply'
  | 'double-reply-to-noop'
  | 'open-relay'
  | 'starttls-plaintext-injection';

/**
 * Conformant-enough policies real servers have, which the fuzzer must not report:
 * - `turn-away-colon-verbs`: a command whose verb holds a colon (a header line, an HTTP
 *   proxy probe) gets `221` and the connection closes, as Postfix does.
 * - `error-tarpit`: after three error replies in a session, every reply line is sent on
 *   its own after `tarpitMs`, as Postfix's `smtpd_error_sleep_time` does, so a multi-line
 *   reply takes longer than the reply timeout while its lines keep coming.
 */
export type ToyPolicy = 'turn-away-colon-verbs' | 'error-tarpit';

/** Options of {@link startToyServer}. */
export interface ToyOptions {
  policies?: readonly ToyPolicy[];
  /** Delay before each reply line under `error-tarpit` (default 300 ms). */
  tarpitMs?: number;
}

/** The domain the toy server delivers for. */
export const TOY_DOMAIN = 'toy.test';

/** A fuzz profile that fits the toy server: its recipients and a foreign domain. */
export const TOY_PROFILE: FuzzProfile = {
  helo: 'client.smtpspec.test',
  from: 'sender@client.smtpspec.test',
  recipients: [`alice@${TOY_DOMAIN}`, `bob@${TOY_DOMAIN}`],
  foreign: 'relay-probe@foreign.smtpspec.example',
};

export interface ToyServer extends FuzzTarget {
  /** Times a planted crash brought the server down. */
  readonly crashes: number;
  /** Command lines (not mail data) received so far. */
  readonly commands: number;
  stop(): Promise<void>;
}

interface Session {
  socket: Socket;
  framer: LineFramer;
  mail: boolean;
  rcpts: number;
  inData: boolean;
  hung: boolean;
  /** Error replies sent so far (for `error-tarpit`). */
  errors: number;
  /** Replies in order: under the tarpit a reply is written line by line, later. */
  out: Promise<void>;
  /** TLS is up after STARTTLS. */
  tls: boolean;
  /** Between the 220 to STARTTLS and the handshake: lines read now are plaintext. */
  upgrading: boolean;
  /** Lines read while upgrading, kept only by `starttls-plaintext-injection`. */
  injected: FramedLine[];
}

const LOCAL_PART = /^(?:MAIL FROM|RCPT TO):\s*<(?:@[^:]*:)?("(?:[^"\\]|\\.)*"|[^@>]*)@/i;

/** Starts a toy server with `bugs` planted, on 127.0.0.1 and an ephemeral port. */
export async function startToyServer(
  bugs: readonly PlantedBug[] = [],
  options: ToyOptions = {},
): Promise<ToyServer> {
  const has = (b: PlantedBug) => bugs.includes(b);
  const policy = (p: ToyPolicy) => options.policies?.includes(p) === true;
  const tlsMaterial = loadTlsMaterial({ tls: {}, hostname: TOY_DOMAIN });
  const tarpitMs = options.tarpitMs ?? 300;

  /** Writes a reply (all of its lines), after those queued before it. */
  const write = (s: Session, reply: string | Buffer) => {
    if (s.socket.destroyed) return;
    const bytes = typeof reply === 'string' ? reply : reply.toString('latin1');
    const first = Number(bytes.slice(0, 3));
    if (first >= 400) s.errors += 1;
    if (!(policy('error-tarpit') && s.errors > 3)) {
      s.out = s.out.then(() => void (s.socket.destroyed || s.socket.write(bytes, 'latin1')));
      return;
    }
    for (const line of bytes.split(/(?<=\r\n)/)) {
      s.out = s.out.then(async () => {
        await sleep(tarpitMs);
        if (!s.socket.destroyed) s.socket.write(line, 'latin1');
      });
    }
  };
  const reply = (s: Session, code: number, text: string | string[]) =>
    write(s, formatReply(code, text));
  /** Closes once every queued reply is out. */
  const end = (s: Session) => {
    s.out = s.out.then(() => void s.socket.end());
  };
  const sockets = new Set<Socket>();
  let server: Server;
  let address: TargetAddress = { host: '127.0.0.1', port: 0 };
  let crashes = 0;

  const crash = () => {
    crashes += 1;
    server.close();
    for (const s of sockets) s.destroy();
  };

  let commands = 0;
  const onCommand = (s: Session, text: string) => {
    commands += 1;
    if (has('crash-on-long-local-part') && (LOCAL_PART.exec(text)?.[1]?.length ?? 0) > 64)
      return crash();
    if (has('drop-on-double-space-after-colon') && text.includes(':  '))
      return void s.socket.destroy();
    if (policy('turn-away-colon-verbs') && /^[^ ]*:/.test(text)) {
      reply(s, 221, 'Not SMTP; goodbye');
      return end(s);
    }
    const parsed = parseCommand(Buffer.from(text, 'latin1'));
    if (!parsed.ok) return reply(s, parsed.error.suggestedReply, 'Syntax error');
    const c = parsed.command;
    switch (c.verb) {
      case 'EHLO':
      case 'HELO':
      case 'RSET':
        // RFC 5321 §4.1.4: EHLO, HELO and RSET all end a transaction in progress.
        Object.assign(s, { mail: false, rcpts: 0 });
        if (c.verb === 'EHLO')
          return reply(s, 250, [
            TOY_DOMAIN,
            'PIPELINING',
            '8BITMIME',
            ...(s.tls ? [] : ['STARTTLS']),
          ]);
        return reply(s, 250, 'OK');
      case 'NOOP':
        if (has('double-reply-to-noop')) reply(s, 250, 'OK');
        return reply(s, 250, 'OK');
      case 'MAIL':
        if (s.mail) return reply(s, 503, 'Nested MAIL');
        s.mail = true;
        return reply(s, 250, 'OK');
      case 'RCPT': {
        if (!s.mail && !has('rcpt-before-mail-accepted')) return reply(s, 503, 'Need MAIL first');
        const domain = c.forwardPath.mailbox?.domain.toLowerCase();
        const local = c.isPostmaster || domain === TOY_DOMAIN || has('open-relay');
        if (!local) return reply(s, 550, 'Relaying denied');
        s.rcpts += 1;
        return reply(s, 250, 'OK');
      }
      case 'DATA':
        if (s.rcpts === 0) return reply(s, 503, 'Need RCPT first');
        s.inData = true;
        return reply(s, 354, 'Go ahead');
      case 'VRFY':
        return reply(s, 252, 'Cannot VRFY');
      case 'HELP':
        // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code.
        if (has('malformed-help-reply')) return write(s, '214-See\r\n215 RFC 5321\r\n');
        return reply(s, 214, 'See RFC 5321');
      case 'QUIT':
        reply(s, 221, 'Bye');
        return end(s);
      case 'STARTTLS':
        // RFC 3207 §4: 220, then the handshake; refused inside TLS and, as the reference MTA
        // does, inside a mail transaction.
        if (s.tls) return reply(s, 503, 'TLS already active');
        if (s.mail) return reply(s, 503, 'Not inside a mail transaction');
        // Nothing more is read in plaintext: the client's TLS hello follows the 220.
        s.socket.removeAllListeners('data');
        s.socket.pause();
        reply(s, 220, 'Ready to start TLS');
        s.upgrading = true;
        s.out = s.out.then(() => startTls(s));
        return;
      default:
        return reply(s, c.verb === 'UNKNOWN' ? 500 : 502, 'Not implemented');
    }
  };

  const endData = (s: Session) => {
    Object.assign(s, { inData: false, mail: false, rcpts: 0 });
    reply(s, 250, 'Queued');
  };

  const onDataLine = (s: Session, text: string) => {
    if (has('hang-on-spaces-only-data-line') && /^ +$/.test(text)) s.hung = true;
    else if (text === '.') endData(s);
    else if (has('bare-lf-ends-data') && text.includes('\n.\n')) {
      endData(s);
      // The bytes after the look-alike are read as commands, as a lax server would.
      for (const rest of text.slice(text.indexOf('\n.\n') + 3).split('\n'))
        if (rest !== '') onCommand(s, rest);
    }
  };

  /** RFC 3207 §4.2: what came before the handshake is discarded, unless the bug is planted. */
  const startTls = async (s: Session) => {
    const { key, cert } = await tlsMaterial;
    const plain = s.socket;
    const secure = new TLSSocket(plain, { isServer: true, key, cert });
    sockets.add(secure);
    secure.on('error', () => secure.destroy());
    secure.on('close', () => sockets.delete(secure));
    secure.once('secure', () => {
      Object.assign(s, {
        socket: secure,
        tls: true,
        upgrading: false,
        framer: new LineFramer({ maxLineLength: 2048, mode: 'strict' }),
      });
      const kept = s.injected.splice(0);
      if (has('starttls-plaintext-injection')) for (const framed of kept) onLine(s, framed);
    });
    secure.on('data', (chunk: Buffer) => {
      for (const framed of s.framer.push(chunk)) onLine(s, framed);
    });
  };

  const onLine = (s: Session, framed: FramedLine) => {
    if (s.upgrading) return void s.injected.push(framed);
    if (s.hung) return;
    if (framed.kind === 'overflow') {
      if (framed.phase === 'start' && !s.inData) reply(s, 500, 'Line too long');
      return;
    }
    const text = framed.bytes.toString('latin1');
    if (s.inData) onDataLine(s, text);
    else onCommand(s, text);
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.setNoDelay(true);
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
        const s: Session = {
          socket,
          framer: new LineFramer({ maxLineLength: 2048, mode: 'strict' }),
          mail: false,
          rcpts: 0,
          inData: false,
          hung: false,
          errors: 0,
          out: Promise.resolve(),
          tls: false,
          upgrading: false,
          injected: [],
        };
        socket.on('data', (chunk: Buffer) => {
          for (const framed of s.framer.push(chunk)) onLine(s, framed);
        });
        reply(s, 220, `${TOY_DOMAIN} ESMTP toy`);
      });
      server.listen(0, '127.0.0.1', () => {
        const a = server.address();
        if (a && typeof a === 'object') address = { host: '127.0.0.1', port: a.port };
        resolve();
      });
    });

  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      if (!server.listening) resolve();
    });

  await tlsMaterial;
  await listen();
  return {
    builtIn: false,
    address: () => address,
    get crashes() {
      return crashes;
    },
    get commands() {
      return commands;
    },
    crashReport: () => (server.listening ? undefined : `toy server crashed (${crashes} so far)`),
    async restart() {
      await close();
      await listen();
    },
    stop: close,
  };
}
