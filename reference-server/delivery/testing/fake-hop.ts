/**
 * A scripted next-hop SMTP server on 127.0.0.1 for relay tests: answers from a script,
 * records every command and message. It is deliberately small and not a second server:
 * content is decoded with the shared dot-unstuffing decoder.
 */
import type { Socket } from 'node:net';
import { startLoopbackServer } from '../../../harness/client/testing/loopback-server.ts';
import { DotUnstuffDecoder } from '../../../harness/wire/dot-unstuff-decoder.ts';

/** What the fake answers; every reply is one line without CRLF. */
export interface FakeHopScript {
  greeting?: string;
  /** EHLO keywords; `null` answers EHLO with 502 (a HELO-only server). */
  ehloKeywords?: string[] | null;
  mail?: (line: string) => string;
  rcpt?: (address: string, line: string) => string;
  dataEnd?: (message: FakeMessage) => string;
  /** `break`: answer STARTTLS with 220, then drop the connection (a failed handshake). */
  startTls?: 'break';
}

/** One message the fake took content for. */
export interface FakeMessage {
  mail: string;
  rcpts: string[];
  content: Buffer;
  via: 'DATA' | 'BDAT';
}

export interface FakeHop {
  host: '127.0.0.1';
  port: number;
  /** Every command line received, over all connections. */
  commands: string[];
  messages: FakeMessage[];
  connections: number;
  /** Times a MAIL reply held for a pipelined RCPT had to be sent because none came. */
  unpipelinedMails: number;
  close(): Promise<void>;
}

const HOLD_MS = 500;

/** Starts a fake next hop. */
export async function startFakeHop(script: FakeHopScript = {}): Promise<FakeHop> {
  const hop: Omit<FakeHop, 'port' | 'close'> = {
    host: '127.0.0.1',
    commands: [],
    messages: [],
    connections: 0,
    unpipelinedMails: 0,
  };
  const server = await startLoopbackServer((socket) => {
    hop.connections++;
    serve(socket, script, hop);
  });
  return Object.assign(hop, { port: server.port, close: () => server.close() }) as FakeHop;
}

interface ConnState {
  buffer: Buffer;
  mode: 'command' | 'data' | 'bdat';
  decoder?: DotUnstuffDecoder;
  parts: Buffer[];
  bdatLeft: number;
  mail: string;
  rcpts: string[];
  held?: { reply: string; timer: NodeJS.Timeout };
}

function serve(socket: Socket, script: FakeHopScript, hop: Omit<FakeHop, 'port' | 'close'>): void {
  const st: ConnState = {
    buffer: Buffer.alloc(0),
    mode: 'command',
    parts: [],
    bdatLeft: 0,
    mail: '',
    rcpts: [],
  };
  const send = (line: string) => socket.write(`${line}\r\n`);
  send(script.greeting ?? '220 hop.test ESMTP fake');
  socket.on('data', (chunk: Buffer) => {
    st.buffer = Buffer.concat([st.buffer, chunk]);
    while (st.buffer.length > 0 && !socket.destroyed) {
      if (!step(st, socket, script, hop, send)) break;
    }
  });
  socket.on('close', () => clearTimeout(st.held?.timer));
}

/** Consumes one unit of input; false when more bytes are needed. */
function step(
  st: ConnState,
  socket: Socket,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): boolean {
  if (st.mode === 'data') return dataStep(st, script, hop, send);
  if (st.mode === 'bdat') return bdatStep(st, script, hop, send);
  const lf = st.buffer.indexOf('\r\n');
  if (lf === -1) return false;
  const line = st.buffer.subarray(0, lf).toString('latin1');
  st.buffer = st.buffer.subarray(lf + 2);
  hop.commands.push(line);
  releaseHeld(st, send);
  command(line, st, socket, script, hop, send);
  return true;
}

function releaseHeld(st: ConnState, send: (line: string) => void): void {
  if (!st.held) return;
  clearTimeout(st.held.timer);
  send(st.held.reply);
  st.held = undefined;
}

function command(
  line: string,
  st: ConnState,
  socket: Socket,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): void {
  const verb = line.split(/[ :]/)[0]?.toUpperCase() ?? '';
  for (const reply of answer(verb, line, st, script, hop, send)) send(reply);
  if (verb === 'QUIT') socket.end();
  if (verb === 'STARTTLS' && script.startTls === 'break') setTimeout(() => socket.destroy(), 20);
}

/** MAIL's reply; with PIPELINING it is held until the next command (RFC 2920 §3.1). */
function mailReply(
  line: string,
  st: ConnState,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
  pipelining: boolean,
): string[] {
  st.mail = line;
  st.rcpts = [];
  const reply = script.mail?.(line) ?? '250 2.1.0 OK';
  if (!pipelining) return [reply];
  // A pipelining client has sent its RCPTs already: they release the held reply.
  const timer = setTimeout(() => {
    hop.unpipelinedMails++;
    releaseHeld(st, send);
  }, HOLD_MS);
  st.held = { reply, timer };
  return [];
}

/** The reply lines to a command; none for a held MAIL reply or a BDAT chunk still arriving. */
function answer(
  verb: string,
  line: string,
  st: ConnState,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): string[] {
  const keywords =
    script.ehloKeywords === undefined ? ['PIPELINING', '8BITMIME'] : script.ehloKeywords;
  switch (verb) {
    case 'EHLO': {
      if (keywords === null) return ['502 5.5.1 EHLO not implemented'];
      const lines = ['hop.test greets you', ...keywords];
      return lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`);
    }
    case 'HELO':
      return ['250 hop.test'];
    case 'STARTTLS':
      return script.startTls === 'break' ? ['220 2.0.0 go ahead'] : ['454 4.7.0 TLS not available'];
    case 'MAIL':
      return mailReply(line, st, script, hop, send, keywords?.includes('PIPELINING') ?? false);
    case 'RCPT': {
      const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
      const reply = script.rcpt?.(address, line) ?? '250 2.1.5 OK';
      if (reply.startsWith('2')) st.rcpts.push(address);
      return [reply];
    }
    case 'DATA':
      if (st.rcpts.length === 0) return ['554 5.5.1 no valid recipients'];
      st.mode = 'data';
      st.decoder = new DotUnstuffDecoder();
      return ['354 go ahead'];
    case 'BDAT':
      st.mode = 'bdat';
      st.bdatLeft = Number(line.split(' ')[1]);
      st.parts = [];
      return [];
    case 'QUIT':
      return ['221 2.0.0 bye'];
    case 'RSET':
    case 'NOOP':
      return ['250 2.0.0 OK'];
    default:
      return ['500 5.5.2 unknown command'];
  }
}

function dataStep(
  st: ConnState,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): boolean {
  const decoded = st.decoder?.push(st.buffer);
  st.buffer = Buffer.alloc(0);
  if (!decoded) return false;
  st.parts.push(...decoded.data.map((d) => Buffer.from(d)));
  if (!decoded.done) return false;
  st.buffer = decoded.remainder ?? Buffer.alloc(0);
  finishMessage(st, 'DATA', script, hop, send);
  return true;
}

function bdatStep(
  st: ConnState,
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): boolean {
  const take = st.buffer.subarray(0, st.bdatLeft);
  st.parts.push(Buffer.from(take));
  st.bdatLeft -= take.length;
  st.buffer = st.buffer.subarray(take.length);
  if (st.bdatLeft > 0) return false;
  finishMessage(st, 'BDAT', script, hop, send);
  return true;
}

function finishMessage(
  st: ConnState,
  via: 'DATA' | 'BDAT',
  script: FakeHopScript,
  hop: Omit<FakeHop, 'port' | 'close'>,
  send: (line: string) => void,
): void {
  const message: FakeMessage = {
    mail: st.mail,
    rcpts: st.rcpts,
    content: Buffer.concat(st.parts),
    via,
  };
  st.mode = 'command';
  st.parts = [];
  st.rcpts = [];
  const reply = script.dataEnd?.(message) ?? '250 2.0.0 queued';
  if (reply.startsWith('2')) hop.messages.push(message);
  send(reply);
}
