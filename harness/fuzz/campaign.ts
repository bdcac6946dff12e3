/**
 * A fuzz campaign: workers explore with fast-check until a run fails, then that failure
 * is shrunk (replayed from its seed and path) to the shortest sequence, re-run once to
 * confirm it and capture its transcript, and exploration goes on with the next seed.
 * Bounded by runs or seconds, and by the number of distinct findings.
 */
import fc from 'fast-check';
import type { ShardInfo } from '../scenario/results.ts';
import type { Exploitability, Step } from '../scenario/types.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { executeRun, type RunContext, type RunOutcome } from './execute.ts';
import { type FailureKind, type FuzzWarning, isFuzzFailure } from './findings.ts';
import { type FuzzProfile, type SessionConstraints, sessionCommands } from './session-arbitrary.ts';
import type { FuzzCommand } from './session-commands.ts';
import { CampaignStats } from './stats.ts';
import type { FuzzTarget } from './target.ts';

/** How to run a campaign. Give `runs` or `seconds` (or both: whichever ends first). */
export interface CampaignOptions {
  target: FuzzTarget;
  profile: FuzzProfile;
  seed: number;
  runs?: number;
  seconds?: number;
  /** Parallel workers, each with its own seeds (default 1). */
  concurrency?: number;
  /**
   * Shard `index` of `count` (`--shard I/N`): this run's workers take seed streams
   * index-1, index-1+count, ... so the shards of one `--seed` never repeat each other's
   * sequences, and together with the same concurrency they cover what one run of
   * concurrency `count` x that would.
   */
  shard?: ShardInfo;
  /** Wait for one reply; longer is a hang (default 2000 ms). */
  replyTimeoutMs?: number;
  /** Model disagreements become warnings. */
  lenient?: boolean;
  /** Most commands per run (default 12). */
  maxCommands?: number;
  /** Weights of valid, boundary and invalid command forms (default 6, 1, 3). */
  forms?: SessionConstraints['forms'];
  /** Stop after this many distinct findings (default 10). */
  maxFindings?: number;
  /** Shrink time per failure: default 30 s; under `seconds`, what is left of it (min 5 s). */
  shrinkSeconds?: number;
  /** Shared counters, e.g. for a progress line (default: a new one). */
  stats?: CampaignStats;
  /** Ends the campaign early (Ctrl-C): runs in flight finish, shrinking stops, results stay. */
  signal?: AbortSignal;
}

/** One confirmed failure, shrunk, with everything needed to replay it. */
export interface Finding {
  kind: FailureKind;
  message: string;
  expected: string[];
  actual: string;
  /** fast-check seed and counterexample path: `fc.check(p, { seed, path })` replays it. */
  seed: number;
  path: string;
  /** The shrunk sequence as it ran, one command per entry. */
  commands: string[];
  /** The same run as scenario steps (the reproducer). */
  steps: Step[];
  transcript: Transcript | undefined;
  crashReport: string | undefined;
  exploitability: Exploitability | undefined;
  /** How many rounds hit this same finding. */
  occurrences: number;
}

export interface CampaignResult {
  seed: number;
  findings: Finding[];
  warnings: FuzzWarning[];
  runs: number;
  durationMs: number;
  distinctReplies: number;
  /** How often each `verb code` pair was seen (stats.replyCounts). */
  replies: Record<string, number>;
  /** Set when the target went down and could not be restarted. */
  targetLost: string | undefined;
}

/** Thrown inside a run to end exploration at once (budget spent, target lost). */
class StopExploring extends Error {
  override readonly name = 'StopExploring';
}

const FOREVER = 2 ** 31 - 1;
/** Shrinking time a failure gets even when the `--seconds` budget is nearly spent. */
const MIN_SHRINK_MS = 5000;

/**
 * Findings with the same kind and place count as one: `drop reply to MAIL`. How the
 * command was written (split writes, position in a pipelined batch) does not count.
 */
export function signatureOf(f: { kind: string; message: string }): string {
  const place = (f.message.split(/:|; then /)[0] ?? '')
    .replace(/ \([^)]*\)/g, '')
    .replace(/ in \d+ writes.*$/, '');
  return `${f.kind} ${place}`;
}

/** The seed stream of worker `worker` (0-based) of shard `shard` (all of it when none). */
export function workerStream(worker: number, shard?: ShardInfo): number {
  return shard === undefined ? worker : shard.index - 1 + shard.count * worker;
}

/** The seed of round `round` of worker `worker`: distinct, reproducible, unsigned 32-bit. */
export function roundSeed(seed: number, worker: number, round: number): number {
  return (seed + Math.imul(worker, 0x9e3779b1) + Math.imul(round, 0x6d2b79f5)) >>> 0;
}

class Campaign {
  readonly options: CampaignOptions;
  readonly stats: CampaignStats;
  readonly ctx: RunContext;
  readonly arbitrary: fc.Arbitrary<Iterable<FuzzCommand>>;
  readonly deadline: number;
  readonly findings: Finding[] = [];
  targetLost: string | undefined;
  #runsLeft: number;
  /** The failing exploration run of each round, kept for a target that cannot come back. */
  readonly #failedRuns = new Map<number, RunOutcome>();
  #shrinking = 0;
  #idle: (() => void)[] = [];

  constructor(options: CampaignOptions) {
    this.options = options;
    this.stats = options.stats ?? new CampaignStats();
    this.ctx = {
      target: options.target,
      stats: this.stats,
      replyTimeoutMs: options.replyTimeoutMs ?? 2000,
      lenient: options.lenient ?? false,
    };
    this.arbitrary = sessionCommands({
      profile: options.profile,
      maxCommands: options.maxCommands ?? 12,
      ...(options.forms ? { forms: options.forms } : {}),
    });
    this.deadline =
      options.seconds === undefined
        ? Number.POSITIVE_INFINITY
        : Date.now() + options.seconds * 1000;
    this.#runsLeft = options.runs ?? FOREVER;
  }

  get stopped(): boolean {
    return (
      this.options.signal?.aborted === true ||
      this.targetLost !== undefined ||
      this.#runsLeft <= 0 ||
      Date.now() >= this.deadline ||
      this.findings.length >= (this.options.maxFindings ?? 10)
    );
  }

  /**
   * Runs still going. fast-check's `interruptAfterTimeLimit` returns from `fc.check` without
   * waiting for the run in flight, which would then outlive the campaign: probe a target
   * already stopped and restart it (a listener nobody stops), or hold the process open.
   */
  readonly #inFlight = new Set<Promise<unknown>>();

  #track<T>(run: Promise<T>): Promise<T> {
    this.#inFlight.add(run);
    const forget = () => this.#inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Resolves once no run is in flight (each is bounded by its reply timeouts). */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Exploration pauses while a failure is shrunk: other runs would disturb its target. */
  async #whileShrinking(): Promise<void> {
    while (this.#shrinking > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #setShrinking(delta: number): void {
    this.#shrinking += delta;
    if (this.#shrinking === 0) for (const wake of this.#idle.splice(0)) wake();
  }

  property(phase: 'explore' | 'shrink', seed: number) {
    return fc.asyncProperty(this.arbitrary, async (commands) => {
      if (phase === 'explore') {
        await this.#whileShrinking();
        if (this.stopped) throw new StopExploring('campaign budget spent');
        this.#runsLeft -= 1;
        this.stats.runs += 1;
      } else if (this.targetLost !== undefined || this.options.signal?.aborted) return;
      const result = await this.#track(executeRun(commands, this.ctx));
      if (result.targetLost !== undefined) this.targetLost ??= result.targetLost;
      if (result.failure && phase === 'explore') this.#failedRuns.set(seed, result);
      if (result.failure) throw result.failure;
    });
  }

  async worker(index: number): Promise<void> {
    for (let round = 0; !this.stopped; round++) {
      const seed = roundSeed(this.options.seed, workerStream(index, this.options.shard), round);
      const interrupt = Number.isFinite(this.deadline)
        ? Math.max(1, this.deadline - Date.now())
        : undefined;
      const explored = await fc.check(this.property('explore', seed), {
        seed,
        numRuns: Math.min(this.#runsLeft, FOREVER),
        endOnFailure: true,
        ...(interrupt === undefined
          ? {}
          : { interruptAfterTimeLimit: interrupt, markInterruptAsFailure: false }),
      });
      if (!explored.failed || explored.counterexample === null) return;
      if ((explored.errorInstance as Error | null)?.name === 'StopExploring') return;
      this.stats.failures += 1;
      // The same failure again: count it, and spend the shrinking time on new ones.
      const known = this.#known(explored.errorInstance);
      if (known) {
        known.occurrences += 1;
        continue;
      }
      this.#setShrinking(1);
      try {
        await this.#shrinkAndRecord(
          seed,
          explored.counterexamplePath ?? '0',
          explored.counterexample[0],
        );
      } finally {
        this.#setShrinking(-1);
      }
    }
  }

  /** The finding `err` repeats: same kind, same place (the message up to its first colon). */
  #known(err: unknown): Finding | undefined {
    if (!isFuzzFailure(err)) return undefined;
    const signature = signatureOf(err);
    return this.findings.find((f) => signatureOf(f) === signature);
  }

  async #shrinkAndRecord(
    seed: number,
    path: string,
    original: Iterable<FuzzCommand>,
  ): Promise<void> {
    const explored = this.#failedRuns.get(seed);
    this.#failedRuns.delete(seed);
    // A target that died for good cannot be shrunk against: keep the run as it was.
    if (this.targetLost !== undefined) return void (explored && this.#record(explored, seed, path));
    const shrunk = await fc.check(this.property('shrink', seed), {
      seed,
      path,
      interruptAfterTimeLimit: this.#shrinkBudgetMs(),
      markInterruptAsFailure: false,
    });
    const best = shrunk.failed && shrunk.counterexample ? shrunk.counterexample[0] : original;
    const bestPath = shrunk.failed && shrunk.counterexamplePath ? shrunk.counterexamplePath : path;
    const label = `fuzz seed ${seed} path ${bestPath}`;
    const confirm = await executeRun(fc.cloneIfNeeded(best), { ...this.ctx, label });
    if (confirm.failure === undefined && this.targetLost !== undefined && explored) {
      return this.#record(explored, seed, path);
    }
    if (confirm.failure === undefined) {
      const message = `a failure (seed ${seed}, path ${bestPath}) did not happen again on a re-run`;
      return this.stats.warn('flaky', `flaky ${seed} ${bestPath}`, message, '');
    }
    this.#record(confirm, seed, bestPath);
  }

  /**
   * Time to shrink one failure: `shrinkSeconds` (default 30), but within a `--seconds`
   * budget no more than what is left of it, and at least 5 s so a late find still shrinks.
   */
  #shrinkBudgetMs(): number {
    const wanted = (this.options.shrinkSeconds ?? 30) * 1000;
    const left = this.deadline - Date.now();
    return Math.max(1, Math.min(wanted, Math.max(MIN_SHRINK_MS, left)));
  }

  /** Adds the failing run as a finding, or counts it when an equal one is known. */
  #record(run: RunOutcome, seed: number, path: string): void {
    const failure = run.failure;
    if (failure === undefined) return;
    const known = this.#known(failure);
    if (known) {
      known.occurrences += 1;
      return;
    }
    this.findings.push({
      kind: failure.kind,
      message: failure.message,
      expected: failure.expected,
      actual: failure.actual,
      seed,
      path,
      commands: run.executed,
      steps: run.steps,
      transcript: run.transcript,
      crashReport: run.crashReport,
      exploitability: run.exploitability,
      occurrences: 1,
    });
  }
}

/** Runs a campaign to the end of its budget; never throws for target behaviour. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const campaign = new Campaign(options);
  const workers = Math.max(1, options.concurrency ?? 1);
  await Promise.all(Array.from({ length: workers }, (_, i) => campaign.worker(i)));
  await campaign.settle();
  return {
    seed: options.seed,
    findings: campaign.findings,
    warnings: campaign.stats.warnings,
    runs: campaign.stats.runs,
    durationMs: Math.round(performance.now() - started),
    distinctReplies: campaign.stats.distinctReplies,
    replies: campaign.stats.replyCounts,
    targetLost: campaign.targetLost,
  };
}
