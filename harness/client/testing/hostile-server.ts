/**
 * Misbehaving server behaviours for the client's robustness tests. Each is a connection
 * handler for {@link startLoopbackServer}. Streams honour backpressure and reuse one buffer,
 * so the test process itself stays small while it floods the client.
 */
import type { Socket } from 'node:net';

export type Behaviour = (socket: Socket) => void;

/** Octets a streaming behaviour has handed to its sockets, for assertions. */
export interface StreamStats {
  written: number;
}

/** Accepts and never says anything (no greeting). */
export const silent: Behaviour = () => {};

/** Writes `prefix`, then `filler` again and again until `total` octets or the socket dies. */
export function flood(
  prefix: string,
  filler: Buffer,
  total: number,
  stats?: StreamStats,
): Behaviour {
  return (socket) => {
    let written = 0;
    const count = (n: number) => {
      written += n;
      if (stats) stats.written += n;
    };
    const pump = () => {
      while (written < total && !socket.destroyed) {
        const chunk =
          written + filler.length <= total ? filler : filler.subarray(0, total - written);
        count(chunk.length);
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.write(prefix);
    count(prefix.length);
    pump();
  };
}

/** `220 ` followed by an endless line without CRLF (up to `total` octets). */
export function endlessLine(total: number, stats?: StreamStats): Behaviour {
  return flood('220 ', Buffer.alloc(64 * 1024, 'x'), total, stats);
}

/** A multi-line 250 reply of about `total` octets, sent as fast as the socket takes it. */
export function hugeReply(total: number, stats?: StreamStats): Behaviour {
  const line = `250-${'y'.repeat(94)}\r\n`;
  return flood('', Buffer.from(line.repeat(Math.floor((64 * 1024) / line.length))), total, stats);
}

/** Complete one-line replies, back to back, without being asked. */
export function replyFlood(total: number, stats?: StreamStats): Behaviour {
  return flood('220 hi\r\n', Buffer.from('250 ok\r\n'.repeat(8192)), total, stats);
}

/** Sends `text` one octet per write, `delayMs` apart. */
export function dribble(text: string, delayMs: number): Behaviour {
  return (socket) => {
    socket.setNoDelay(true);
    const bytes = Buffer.from(text, 'latin1');
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= bytes.length) {
        clearInterval(timer);
        return;
      }
      socket.write(bytes.subarray(i, i + 1));
      i += 1;
    }, delayMs);
    socket.on('close', () => clearInterval(timer));
  };
}

/** Sends `partial` (half a reply), then resets the connection (RST). */
export function resetMidReply(partial: string): Behaviour {
  return (socket) => {
    socket.write(partial, () => setTimeout(() => socket.resetAndDestroy(), 20));
  };
}

/** `count` pseudo-random octets from `seed` (xorshift32): the same seed, the same octets. */
export function pseudoRandomOctets(seed: number, count: number): Buffer {
  const bytes = Buffer.alloc(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Sends `count` pseudo-random octets from `seed` (xorshift32), then closes. */
export function randomBytes(seed: number, count: number): Behaviour {
  return (socket) => {
    socket.end(pseudoRandomOctets(seed, count));
  };
}

/** Sends `text` as is, then closes (FIN). */
export function sayAndClose(text: string): Behaviour {
  return (socket) => {
    socket.end(text);
  };
}

/** Sends `text` as is and keeps the connection open. */
export function say(text: string): Behaviour {
  return (socket) => {
    socket.write(text);
  };
}

/**
 * Greets, answers the first line (STARTTLS) with 220, then breaks the handshake: answers
 * in plaintext, resets the connection, or stays silent.
 */
export function brokenStartTls(how: 'plaintext' | 'reset' | 'silence'): Behaviour {
  return (socket) => {
    socket.write('220 mx.example ESMTP\r\n');
    socket.once('data', () => {
      socket.write('220 2.0.0 go ahead\r\n');
      socket.once('data', () => {
        if (how === 'plaintext') socket.write('500 this is not TLS\r\n');
        else if (how === 'reset') socket.resetAndDestroy();
      });
    });
  };
}
