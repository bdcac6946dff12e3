/**
 * A testcontainers wait strategy that waits for a complete SMTP greeting, not an open
 * port: Docker's port proxy accepts connections long before the MTA inside listens,
 * and an MTA may accept and then say 421/554. Ready means a whole `220 ` reply
 * (RFC 5321 §3.1, §4.2: the last line of a multi-line reply has SP after the code).
 */
import net from 'node:net';
import type Dockerode from 'dockerode';
import type { BoundPorts, WaitStrategy } from 'testcontainers';
import { ERROR_CODES, SmtpHarnessError, TimeoutError } from '../errors.ts';
import { type Reply, ReplyParser, replyText } from '../wire/reply.ts';

const ATTEMPT_TIMEOUT_MS = 3_000;
const RETRY_PAUSE_MS = 250;

/**
 * The startup-timeout bookkeeping every testcontainers wait strategy needs; subclasses
 * implement the wait itself.
 */
export abstract class TimedWaitStrategy implements WaitStrategy {
  protected startupTimeoutMs: number;
  private startupTimeoutSet = false;

  constructor(defaultTimeoutMs: number) {
    this.startupTimeoutMs = defaultTimeoutMs;
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }

  abstract waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void>;
}

export class SmtpGreetingWaitStrategy extends TimedWaitStrategy {
  private readonly containerPort: number;
  private readonly host: string;

  constructor(containerPort = 25, host = '127.0.0.1') {
    super(60_000);
    this.containerPort = containerPort;
    this.host = host;
  }

  async waitUntilReady(_container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const port = boundPorts.getBinding(this.containerPort);
    const deadline = Date.now() + this.startupTimeoutMs;
    let last = 'no attempt made';
    while (Date.now() < deadline) {
      try {
        const greeting = await readGreeting(this.host, port, ATTEMPT_TIMEOUT_MS);
        if (greeting.code === 220) return;
        last = `greeting was ${replyText(greeting)}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
    throw new TimeoutError(
      `SMTP 220 greeting on ${this.host}:${port} (last: ${last})`,
      this.startupTimeoutMs,
    );
  }
}

/** Connects, reads one complete reply (the greeting) and closes. */
export function readGreeting(host: string, port: number, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const parser = new ReplyParser({
      maxLineLength: 2048,
      maxLines: 100,
      maxReplyBytes: 64 * 1024,
    });
    const socket = net.connect({ host, port });
    const finish = (err: Error | undefined, reply?: Reply) => {
      clearTimeout(timer);
      socket.destroy();
      if (reply) resolve(reply);
      else reject(err);
    };
    const timer = setTimeout(() => finish(new TimeoutError('greeting', timeoutMs)), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      for (const event of parser.push(chunk)) {
        if (event.kind === 'reply') return finish(undefined, event.reply);
        return finish(
          new SmtpHarnessError(ERROR_CODES.malformedReply, `bad greeting: ${event.kind}`),
        );
      }
    });
    socket.on('error', (err) => finish(new SmtpHarnessError(ERROR_CODES.connect, err.message)));
    socket.on('close', () =>
      finish(new SmtpHarnessError(ERROR_CODES.closed, 'closed before greeting')),
    );
  });
}
