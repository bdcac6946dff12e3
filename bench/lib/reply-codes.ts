/**
 * Reply codes in order from a raw socket, through the shared reply parser (for benchmark
 * clients that speak SMTP by hand): each call waits up to `timeoutMs` for the next code,
 * and gives 0 when the connection closed or the wait ran out.
 */
import type { Socket } from 'node:net';
import { ReplyParser } from '../../harness/wire/reply.ts';

export function replyCodes(socket: Socket): (timeoutMs: number) => Promise<number> {
  const parser = new ReplyParser();
  const codes: number[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    for (const e of parser.push(chunk)) if (e.kind === 'reply') codes.push(e.reply.code);
    wake?.();
  });
  socket.on('close', () => {
    closed = true;
    wake?.();
  });
  return async (timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (codes.length === 0 && !closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return codes.shift() ?? 0;
  };
}
