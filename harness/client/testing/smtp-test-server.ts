/**
 * A small, well-behaved SMTP server for the client's positive tests: greeting, EHLO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT and STARTTLS, answering every command with a success
 * reply. It records what it received. Not the reference MTA: it checks almost nothing.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { type FramedLine, LineFramer } from '../../wire/lines.ts';
import { formatReply } from '../../wire/reply.ts';
import type { TestCertificate } from './certs.ts';
import { type LoopbackHost, type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

export interface SmtpTestServerOptions {
  host?: LoopbackHost;
  /** Enables STARTTLS (advertised in EHLO), or implicit TLS with `implicitTls`. */
  certificate?: TestCertificate;
  implicitTls?: boolean;
  /** Plaintext sent in the same write as the STARTTLS 220 (a response-injection server). */
  injectAfterStartTls?: string;
}

/** What one connection sent, as the server saw it. */
export interface ServerSessionLog {
  /** Chunks as read (at most 1000 kept). */
  chunks: Buffer[];
  /** Command lines, latin1. */
  commands: string[];
  /** Message contents, unstuffed, CRLF line ends, without the final "." (first MiB kept). */
  messages: Buffer[];
  /** Full size of each message, in octets, as unstuffed. */
  messageSizes: number[];
  /** True after STARTTLS completed or with implicit TLS. */
  secure: boolean;
}

export interface SmtpTestServer extends LoopbackServer {
  readonly sessions: ServerSessionLog[];
}

const MAX_CHUNKS = 1000;
const MAX_MESSAGE = 1024 * 1024;
const CRLF = Buffer.from('\r\n');

export async function startSmtpTestServer(
  options: SmtpTestServerOptions = {},
): Promise<SmtpTestServer> {
  const sessions: ServerSessionLog[] = [];
  const tls = options.implicitTls ? options.certificate : undefined;
  const server = await startLoopbackServer(
    (socket) => {
      const log: ServerSessionLog = {
        chunks: [],
        commands: [],
        messages: [],
        messageSizes: [],
        secure: !!tls,
      };
      sessions.push(log);
      serve(socket, options, log);
    },
    { ...(options.host ? { host: options.host } : {}), ...(tls ? { tls } : {}) },
  );
  return Object.assign(server, { sessions });
}

function serve(socket: Socket, options: SmtpTestServerOptions, log: ServerSessionLog): void {
  let current: Socket = socket;
  // RFC 5321 §4.5.3.1.6: text lines up to 1000 octets; a little headroom for tests.
  let framer = new LineFramer({ maxLineLength: 4096, mode: 'strict' });
  let data: Buffer[] | undefined;
  let dataSize = 0;
  const reply = (code: number, text: string | string[]) => current.write(formatReply(code, text));

  const onData = (chunk: Buffer) => {
    if (log.chunks.length < MAX_CHUNKS) log.chunks.push(Buffer.from(chunk));
    for (const framed of framer.push(chunk)) onLine(framed);
  };
  const onLine = (framed: FramedLine) => {
    if (framed.kind === 'overflow') {
      if (framed.phase === 'start') reply(500, '5.5.6 Line too long');
      return;
    }
    if (data) onDataLine(framed.bytes);
    else onCommand(framed.bytes.toString('latin1'));
  };
  const onDataLine = (bytes: Buffer) => {
    // RFC 5321 §4.1.1.4: a line with just "." ends the data.
    if (bytes.length === 1 && bytes[0] === 0x2e) {
      log.messages.push(Buffer.concat(data ?? []));
      log.messageSizes.push(dataSize);
      data = undefined;
      reply(250, '2.0.0 Queued');
      return;
    }
    // RFC 5321 §4.5.2: drop the first "." of a line that starts with one.
    const line = bytes[0] === 0x2e ? bytes.subarray(1) : bytes;
    dataSize += line.length + 2;
    if (dataSize <= MAX_MESSAGE) data?.push(Buffer.from(line), CRLF);
  };
  const onCommand = (line: string) => {
    log.commands.push(line);
    const verb = (line.split(' ')[0] ?? '').toUpperCase();
    if (verb === 'EHLO') {
      const starttls = options.certificate && !log.secure ? ['STARTTLS'] : [];
      reply(250, ['test.example greets you', 'PIPELINING', '8BITMIME', ...starttls]);
    } else if (verb === 'DATA') {
      data = [];
      dataSize = 0;
      reply(354, 'Start mail input; end with <CRLF>.<CRLF>');
    } else if (verb === 'STARTTLS') {
      startTls();
    } else if (verb === 'QUIT') {
      reply(221, '2.0.0 Bye');
      current.end();
    } else if (['HELO', 'MAIL', 'RCPT', 'RSET', 'NOOP'].includes(verb)) {
      reply(250, '2.0.0 OK');
    } else {
      reply(500, '5.5.2 Command unrecognized');
    }
  };
  const startTls = () => {
    const cert = options.certificate;
    if (!cert || log.secure) {
      reply(454, '4.7.0 TLS not available');
      return;
    }
    const ready = Buffer.concat([
      formatReply(220, '2.0.0 Ready to start TLS'),
      Buffer.from(options.injectAfterStartTls ?? '', 'latin1'),
    ]);
    socket.write(ready);
    socket.off('data', onData);
    // RFC 3207 §4.2: nothing the client sent before the handshake carries over.
    framer = new LineFramer({ maxLineLength: 4096, mode: 'strict' });
    const secure = new TLSSocket(socket, { isServer: true, key: cert.key, cert: cert.cert });
    secure.on('error', () => {});
    secure.on('secure', () => {
      log.secure = true;
    });
    secure.on('data', onData);
    current = secure;
  };

  socket.on('data', onData);
  reply(220, 'test.example ESMTP smtpspec test server');
}
