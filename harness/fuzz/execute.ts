/**
 * One fuzz run: a fresh connection, the command sequence through `fc.asyncModelRun`, the
 * closing QUIT, and a liveness probe when the run looks like it hurt the server.
 */
import fc from 'fast-check';
import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import type { Exploitability, Step } from '../scenario/types.ts';
import type { Transcript } from '../transcript/transcript.ts';
import type { FuzzCommand } from './command-kit.ts';
import { SessionDriver } from './driver.ts';
import { FuzzFailure, isFuzzFailure, OversizedReply } from './findings.ts';
import { initialModel } from './model.ts';
import type { CampaignStats } from './stats.ts';
import { type FuzzTarget, probeLiveness } from './target.ts';

/** What a run needs besides its commands. */
export interface RunContext {
  target: FuzzTarget;
  stats: CampaignStats;
  replyTimeoutMs: number;
  lenient: boolean;
  /** Transcript label. */
  label?: string;
}

/**
 * How a run went. `inconclusive`: nothing could be judged (the server was busy, or it was
 * already down before this run began and was restarted). `targetLost`: it is down for good.
 */
export interface RunOutcome {
  failure: FuzzFailure | undefined;
  inconclusive: boolean;
  targetLost: string | undefined;
  steps: Step[];
  executed: string[];
  transcript: Transcript | undefined;
  /** The target's own account of a crash, captured before any restart. */
  crashReport: string | undefined;
  /** Label of the smuggling probe the run sent, if any. */
  exploitability: Exploitability | undefined;
  /** The shape of the last thing sent (signature.ts): what a failure is blamed on. */
  trigger: string;
  /** The command lines sent, by verb (driver.ts `lineLog`). */
  lineLog: string[];
  /** Triples this run reached first (coverage.ts). */
  newTriples: number;
  /** The fuzz commands that ran, in order (for the feedback corpus). */
  ran: FuzzCommand[];
}

/** Failures after which the server may be dead: probe it. */
const SUSPICIOUS = new Set(['drop', 'hang', 'malformed-reply', 'error']);

function outcome(partial: Partial<RunOutcome>): RunOutcome {
  return {
    failure: undefined,
    inconclusive: false,
    targetLost: undefined,
    steps: [],
    executed: [],
    transcript: undefined,
    crashReport: undefined,
    exploitability: undefined,
    trigger: '',
    lineLog: [],
    newTriples: 0,
    ran: [],
    ...partial,
  };
}

/** A reply past the client's caps: a warning (at most a SHOULD, as `run` grades it). */
function warnOversized(ctx: RunContext, err: OversizedReply): void {
  ctx.stats.warn(
    'oversized-reply',
    'oversized-reply',
    `${err.message}; objects over the RFC 5321 §4.5.3.1 sizes SHOULD be avoided: a warning, as smtpspec run grades it`,
    err.message.slice(0, 80),
  );
}

/** Restarts a dead target; the reason it is lost for good when that cannot be done. */
async function restart(ctx: RunContext, why: string): Promise<string | undefined> {
  if (!ctx.target.restart) return `the target stopped accepting connections: ${why}`;
  try {
    await ctx.target.restart();
    return undefined;
  } catch (err) {
    return `the target stopped accepting connections (${why}) and could not be restarted: ${describeError(err)}`;
  }
}

/** The target is down before the run started: nothing to judge in this run. */
async function recover(ctx: RunContext, why: string): Promise<RunOutcome> {
  return outcome({ inconclusive: true, targetLost: await restart(ctx, why) });
}

/** Runs `commands` once against the target; never throws for target behaviour. */
export async function executeRun(
  commands: Iterable<FuzzCommand>,
  ctx: RunContext,
): Promise<RunOutcome> {
  const { host, port } = ctx.target.address();
  let driver: SessionDriver | undefined;
  try {
    driver = await SessionDriver.open({
      host,
      port,
      replyTimeoutMs: ctx.replyTimeoutMs,
      lenient: ctx.lenient,
      stats: ctx.stats,
      ...(ctx.label ? { label: ctx.label } : {}),
    });
  } catch (err) {
    if (hasErrorCode(err, ERROR_CODES.connect) || hasErrorCode(err, ERROR_CODES.timeout))
      return recover(ctx, (err as Error).message);
    if (err instanceof OversizedReply) {
      warnOversized(ctx, err);
      return outcome({ inconclusive: true });
    }
    if (!isFuzzFailure(err)) throw err;
    // No command was sent yet: a dead listener is the previous run's doing, not this one's.
    if (err.kind !== 'malformed-reply') {
      const down = await probeLiveness(ctx.target.address(), ctx.replyTimeoutMs);
      if (down !== undefined) return recover(ctx, down);
    }
    return outcome({
      failure: err,
      steps: [{ kind: 'greeting', expect: { codes: [220] } }],
      trigger: 'greeting',
    });
  }
  if (driver === undefined) return outcome({ inconclusive: true });
  const model = initialModel(ctx.lenient);
  const real = driver;
  let failure: FuzzFailure | undefined;
  try {
    await fc.asyncModelRun(() => ({ model, real }), commands);
    await real.finish(model);
  } catch (err) {
    if (err instanceof OversizedReply) warnOversized(ctx, err);
    else
      failure = isFuzzFailure(err)
        ? err
        : new FuzzFailure(
            'error',
            `harness error: ${(err as Error).message} (this is a bug in smtpspec)`,
          );
  } finally {
    await real.session.close().catch(() => undefined);
  }
  const clientClosed = real.executed.some((c) => c.startsWith('close after'));
  let crashReport: string | undefined;
  let targetLost: string | undefined;
  if ((failure && SUSPICIOUS.has(failure.kind)) || clientClosed) {
    const down = await probeLiveness(ctx.target.address(), ctx.replyTimeoutMs);
    if (down !== undefined) {
      crashReport = ctx.target.crashReport?.();
      const base =
        failure ??
        new FuzzFailure('crash', 'after the client closed abruptly', {
          expected: ['the server keeps accepting connections'],
          actual: down,
        });
      failure = base.as('crash', `; then the server stopped accepting connections (${down})`);
      targetLost = await restart(ctx, down);
    }
  }
  return outcome({
    failure,
    targetLost,
    steps: real.steps,
    executed: real.executed,
    transcript: real.session.transcript,
    crashReport,
    exploitability: real.exploitability,
    trigger: real.trigger,
    lineLog: real.lineLog,
    newTriples: real.newTriples,
    ran: real.ran as FuzzCommand[],
  });
}
