/**
 * Whether the target is still up after a case that ended with the server silent or gone.
 * design.md: "A server that stops accepting connections after a case has crashed: that
 * case fails, the rest are `error` "target down", and every report says so at the top."
 * One monitor per run, shared by the workers; the first case after which the target no
 * longer greets is the one blamed, and the cases running beside it are named, because
 * with `--concurrency` above 1 any of them may have sent the input that killed it.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetAddress } from './target.ts';

/** When and why the target went down. */
export interface TargetDown {
  /** Id of the case after which the target stopped accepting connections. */
  since: string;
  /** One line: what the liveness check saw. */
  message: string;
}

/** Answers whether the target greets a new connection; never throws. */
export type LivenessCheck = () => Promise<{ alive: boolean; detail: string }>;

/** The verdict on the target after a suspicious case end. */
export type HealthAfterCase =
  | { kind: 'alive' }
  /** This case is the first after which the target is gone. */
  | { kind: 'crashed'; down: TargetDown; concurrent: string[] }
  /** The target was already found down after another case. */
  | { kind: 'down'; down: TargetDown };

/** Tracks the cases in flight and the first liveness check that failed. */
export class TargetHealth {
  readonly #check: LivenessCheck;
  readonly #inFlight = new Set<string>();
  /** The last case to end normally: the best guess when a connect finds the target gone. */
  #lastEnded: string | undefined;
  #down: TargetDown | undefined;
  /** One check at a time: cases ending together share its answer. */
  #checking: Promise<HealthAfterCase> | undefined;

  constructor(check: LivenessCheck) {
    this.#check = check;
  }

  get down(): TargetDown | undefined {
    return this.#down;
  }

  started(id: string): void {
    this.#inFlight.add(id);
  }

  ended(id: string): void {
    this.#inFlight.delete(id);
    if (!this.#down) this.#lastEnded = id;
  }

  /** Checks the target after case `id` ended with the server closed, reset or silent. */
  afterSuspiciousEnd(id: string): Promise<HealthAfterCase> {
    return this.#once(() => this.#run(id, true));
  }

  /**
   * Checks the target after case `id` could not even connect. Nothing that case sent can
   * be blamed; the target went down after an earlier case ended looking normal.
   */
  afterConnectFailure(id: string): Promise<HealthAfterCase> {
    return this.#once(() => this.#run(id, false));
  }

  async #once(check: () => Promise<HealthAfterCase>): Promise<HealthAfterCase> {
    if (this.#down) return { kind: 'down', down: this.#down };
    if (this.#checking) {
      const shared = await this.#checking;
      return shared.kind === 'alive' ? shared : { kind: 'down', down: shared.down };
    }
    this.#checking = check();
    try {
      return await this.#checking;
    } finally {
      this.#checking = undefined;
    }
  }

  async #run(id: string, blame: boolean): Promise<HealthAfterCase> {
    const result = await this.#check();
    if (result.alive) return { kind: 'alive' };
    if (!blame) {
      const since = this.#lastEnded ?? 'the start of the run';
      this.#down = {
        since,
        message: `the server stopped accepting connections (${result.detail}); first seen when ${id} could not connect`,
      };
      return { kind: 'down', down: this.#down };
    }
    this.#down = {
      since: id,
      message: `the server stopped accepting connections after ${id} (${result.detail})`,
    };
    const concurrent = [...this.#inFlight].filter((other) => other !== id).sort();
    return { kind: 'crashed', down: this.#down, concurrent };
  }
}

/** Attempts of a liveness check, and the pause between them. */
const ATTEMPTS = 3;
const PAUSE_MS = 300;

/**
 * A liveness check by greeting: the target is alive when a new connection gets any reply
 * line (a 421 or 554 greeting counts: the server is up and talking) within `timeoutMs`.
 * Three attempts, so a server restarting its listener is not taken for a dead one.
 */
export function greetingCheck(target: TargetAddress, timeoutMs: number): LivenessCheck {
  return async () => {
    let detail = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      detail = await greetsWithin(target, timeoutMs);
      if (detail === '') return { alive: true, detail: 'greeted' };
      if (attempt < ATTEMPTS) await sleep(PAUSE_MS);
    }
    return { alive: false, detail: `${ATTEMPTS} connection attempts: ${detail}` };
  };
}

/** '' when a reply line arrives in time, else why not. */
function greetsWithin(target: TargetAddress, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    let socket: Socket | undefined;
    let received = 0;
    const finish = (why: string) => {
      clearTimeout(timer);
      socket?.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => finish(`no greeting within ${timeoutMs} ms`), timeoutMs);
    socket = connect({ host: target.host, port: target.port });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // A reply line: three digits, then on to its end. Four octets are enough to know.
      if (chunk.includes(0x0a) || received >= 4) finish('');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
    socket.on('close', () => finish('connection closed before a greeting'));
  });
}
