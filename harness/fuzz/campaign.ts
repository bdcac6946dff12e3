/**
 * A fuzz campaign: workers explore with fast-check in rounds of runs; a run that reaches a
 * (state, command, reply) triple no earlier run reached joins the feedback corpus, and each
 * round mixes fresh sessions with sessions that replay a prefix of a kept run. A failing run
 * is shrunk (replayed from its seed and path), re-run once to confirm it and capture its
 * transcript, and recorded under its signature (signature.ts): a failure with a known
 * signature only counts as a repeat. Bounded by runs or seconds, and by distinct findings.
 */
import fc from 'fast-check';
import type { ShardInfo } from '../scenario/results.ts';
import type { Exploitability, Step } from '../scenario/types.ts';
import type { Transcript } from '../transcript/transcript.ts';
import type { FuzzCommand } from './command-kit.ts';
import { Corpus } from './corpus.ts';
import { executeRun, type RunContext, type RunOutcome } from './execute.ts';
import type { FailureKind, FuzzWarning } from './findings.ts';
import { minimizeRun, runSignature, simplifyRun } from './minimize.ts';
import {
  type FuzzProfile,
  feedbackSessions,
  type SessionArbitraries,
  type SessionConstraints,
  sessionArbitraries,
} from './session-arbitrary.ts';
import { signatureOf } from './signature.ts';
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
  /** Model disagreements become warnings; BDAT and AUTH go to targets that do not offer them. */
  lenient?: boolean;
  /** Most commands per run (default 12). */
  maxCommands?: number;
  /** Weights of valid, boundary and invalid command forms (default 6, 1, 3). */
  forms?: SessionConstraints['forms'];
  /** Stop after this many distinct findings (default 10). */
  maxFindings?: number;
  /** Shrink time per failure: default 30 s; under `seconds`, what is left of it (min 5 s). */
  shrinkSeconds?: number;
  /**
   * State feedback (default on): runs that reach new (state, command, reply) triples are
   * kept, and half of each round's runs start with a prefix of one (corpus.ts).
   */
  feedback?: boolean;
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
  /** The shrunk sequence as it ran, one fuzz command per entry, every octet shown. */
  commands: string[];
  /** The command lines it sent, by verb (`RCPT×201`); `(mail data)` is no line. */
  lines: string[];
  /** The same run as scenario steps (the reproducer). */
  steps: Step[];
  transcript: Transcript | undefined;
  crashReport: string | undefined;
  exploitability: Exploitability | undefined;
  /** `kind trigger-shape`: one per root cause (signature.ts). */
  signature: string;
  /** Other signatures seen for it (before shrinking), counted as the same finding. */
  aliases: string[];
  /** Why the sequence is not shrunk (the target died and could not be restarted), if so. */
  unshrunk: string | undefined;
  /** How many failing runs had this signature. */
  occurrences: number;
}

/** What the campaign reached: the state signal of feedback fuzzing (coverage.ts). */
export interface CampaignCoverage {
  /** Distinct (state, command, reply) triples. */
  triples: number;
  /** Runs kept in the feedback corpus (0 without feedback). */
  corpus: number;
  /** Whether feedback was on. */
  feedback: boolean;
  /** The triples, sorted: `rcpt | DATA valid | 354`. */
  list: string[];
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
  coverage: CampaignCoverage;
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
/** Runs per round: each round derives from a fresh snapshot of the corpus. */
const ROUND_RUNS = 100;
/** What an unshrunk finding says when the target could not be brought back. */
const CANNOT_RESTART =
  'the target stopped accepting connections and could not be restarted, so the failing run was not shrunk (give --restart-cmd, or fuzz a --container)';

/** The seed stream of worker `worker` (0-based) of shard `shard` (all of it when none). */
export function workerStream(worker: number, shard?: ShardInfo): number {
  return shard === undefined ? worker : shard.index - 1 + shard.count * worker;
}

/** The seed of round `round` of worker `worker`: distinct, reproducible, unsigned 32-bit. */
export function roundSeed(seed: number, worker: number, round: number): number {
  return (seed + Math.imul(worker, 0x9e3779b1) + Math.imul(round, 0x6d2b79f5)) >>> 0;
}

type Sessions = fc.Arbitrary<Iterable<FuzzCommand>>;

class Campaign {
  readonly options: CampaignOptions;
  readonly stats: CampaignStats;
  readonly ctx: RunContext;
  readonly sessions: SessionArbitraries;
  readonly corpus = new Corpus();
  readonly feedback: boolean;
  readonly deadline: number;
  readonly findings: Finding[] = [];
  targetLost: string | undefined;
  #runsLeft: number;
  /** The failing exploration run of each round, kept for its trigger and for a lost target. */
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
    this.sessions = sessionArbitraries({
      profile: options.profile,
      maxCommands: options.maxCommands ?? 12,
      ...(options.forms ? { forms: options.forms } : {}),
    });
    this.feedback = options.feedback ?? true;
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

  property(phase: 'explore' | 'shrink', seed: number, sessions: Sessions) {
    return fc.asyncProperty(sessions, async (commands) => {
      if (phase === 'explore') {
        await this.#whileShrinking();
        if (this.stopped) throw new StopExploring('campaign budget spent');
        this.#runsLeft -= 1;
        this.stats.runs += 1;
      } else if (this.targetLost !== undefined || this.options.signal?.aborted) return;
      else this.stats.shrinkRuns += 1;
      const result = await this.#track(executeRun(commands, this.ctx));
      if (result.targetLost !== undefined) this.targetLost ??= result.targetLost;
      if (result.failure && phase === 'explore') this.#failedRuns.set(seed, result);
      if (process.env.SMTPSPEC_DEBUG_SHRINK && phase === 'shrink')
        console.error(
          'SHRINK',
          result.failure ? `FAIL ${result.failure.kind}` : 'pass',
          result.lineLog.join(','),
        );
      if (result.failure) throw result.failure;
      if (phase === 'explore' && this.feedback && !result.inconclusive)
        this.corpus.add(result.ran, result.newTriples);
    });
  }

  async worker(index: number): Promise<void> {
    for (let round = 0; !this.stopped; round++) {
      const seed = roundSeed(this.options.seed, workerStream(index, this.options.shard), round);
      // One snapshot per round: a failure of this round is replayed against the same corpus.
      const sessions = this.feedback
        ? feedbackSessions(this.sessions, this.corpus.snapshot())
        : this.sessions.fresh;
      const interrupt = Number.isFinite(this.deadline)
        ? Math.max(1, this.deadline - Date.now())
        : undefined;
      const explored = await fc.check(this.property('explore', seed, sessions), {
        seed,
        numRuns: Math.min(this.#runsLeft, ROUND_RUNS),
        endOnFailure: true,
        ...(interrupt === undefined
          ? {}
          : { interruptAfterTimeLimit: interrupt, markInterruptAsFailure: false }),
      });
      if (!explored.failed || explored.counterexample === null) continue;
      if ((explored.errorInstance as Error | null)?.name === 'StopExploring') return;
      this.stats.failures += 1;
      this.#setShrinking(1);
      try {
        // The same failure again: count it, and spend the shrinking time on new ones.
        if (await this.#repeats(seed)) continue;
        await this.#shrinkAndRecord(
          seed,
          explored.counterexamplePath ?? '0',
          explored.counterexample[0],
          sessions,
        );
      } finally {
        this.#setShrinking(-1);
      }
    }
  }

  /**
   * Whether the failing run of round `seed` repeats a known finding: its signature, or that
   * of the run with its trigger simplified, is known. Counted there when it is.
   */
  async #repeats(seed: number): Promise<boolean> {
    const run = this.#failedRuns.get(seed);
    if (run?.failure === undefined) return false;
    let known = this.#known(signatureOf(run.failure.kind, run.trigger));
    if (known === undefined && this.findings.length > 0) {
      const simpler = await this.#simplify(run);
      if (simpler !== run && simpler.failure)
        known = this.#known(signatureOf(simpler.failure.kind, simpler.trigger));
    }
    if (known === undefined) return false;
    this.#failedRuns.delete(seed);
    known.occurrences += 1;
    return true;
  }

  /** Runs `commands` while a failure is refined: counted apart, tracked, target watched. */
  #refineRun(label?: string) {
    const ctx = label === undefined ? this.ctx : { ...this.ctx, label };
    return {
      run: async (commands: readonly FuzzCommand[]) => {
        this.stats.shrinkRuns += 1;
        const outcome = await this.#track(executeRun(commands, ctx));
        if (outcome.targetLost !== undefined) this.targetLost ??= outcome.targetLost;
        return outcome;
      },
      stopped: () => this.targetLost !== undefined || this.options.signal?.aborted === true,
    };
  }

  /** The failing run without the commands it can do without, within half the shrink time. */
  #minimize(run: RunOutcome, label: string): Promise<RunOutcome> {
    return minimizeRun(run, {
      ...this.#refineRun(label),
      same: (a, b) => runSignature(a) === runSignature(b),
      deadline: Date.now() + this.#shrinkBudgetMs() / 2,
    });
  }

  /** The failing run with its commands simplified where it still fails (minimize.ts). */
  #simplify(run: RunOutcome, label?: string): Promise<RunOutcome> {
    return simplifyRun(run, this.#refineRun(label));
  }

  /** The finding with this signature, or with it among its aliases. */
  #known(signature: string): Finding | undefined {
    return this.findings.find((f) => f.signature === signature || f.aliases.includes(signature));
  }

  async #shrinkAndRecord(
    seed: number,
    path: string,
    original: Iterable<FuzzCommand>,
    sessions: Sessions,
  ): Promise<void> {
    const explored = this.#failedRuns.get(seed);
    this.#failedRuns.delete(seed);
    // A target that died for good cannot be shrunk against: keep the run as it was.
    if (this.targetLost !== undefined)
      return void (explored && this.#record(explored, seed, path, explored, CANNOT_RESTART));
    const shrunk = await fc.check(this.property('shrink', seed, sessions), {
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
      return this.#record(explored, seed, path, explored, CANNOT_RESTART);
    }
    if (confirm.failure === undefined) {
      const message = `a failure (seed ${seed}, path ${bestPath}) did not happen again on a re-run`;
      return this.stats.warn('flaky', `flaky ${seed} ${bestPath}`, message, '');
    }
    const minimal = await this.#minimize(confirm, label);
    this.#record(await this.#simplify(minimal, label), seed, bestPath, explored, undefined);
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

  /**
   * Adds the failing run as a finding, or counts it when its signature (or that of the run
   * before shrinking, `explored`) is known.
   */
  #record(
    run: RunOutcome,
    seed: number,
    path: string,
    explored: RunOutcome | undefined,
    unshrunk: string | undefined,
  ): void {
    const failure = run.failure;
    if (failure === undefined) return;
    const signature = signatureOf(failure.kind, run.trigger);
    const before = explored?.failure
      ? signatureOf(explored.failure.kind, explored.trigger)
      : signature;
    const known = this.#known(signature) ?? this.#known(before);
    if (known) {
      known.occurrences += 1;
      for (const s of [signature, before])
        if (s !== known.signature && !known.aliases.includes(s)) known.aliases.push(s);
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
      lines: run.lineLog,
      steps: run.steps,
      transcript: run.transcript,
      crashReport: run.crashReport,
      exploitability: run.exploitability,
      signature,
      aliases: before === signature ? [] : [before],
      unshrunk,
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
    coverage: {
      triples: campaign.stats.tripleCount,
      corpus: campaign.corpus.size,
      feedback: campaign.feedback,
      list: campaign.stats.triples,
    },
    targetLost: campaign.targetLost,
  };
}
