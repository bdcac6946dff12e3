/**
 * Client-conformance mode (`smtpspec serve-cases`): for each client case the harness
 * listens on a fresh 127.0.0.1 port as the case's scripted server, runs the command under
 * test once with `{host}` and `{port}` filled in, and judges what the client did on the
 * wire. The command's exit status is recorded in the transcript; the verdict comes from
 * the wire. Produces the same RunReport and transcripts as `smtpspec run`.
 */
import type { SecureContext } from 'node:tls';
import { createServerSecureContext, loadTlsMaterial } from '../../reference-server/tls-material.ts';
import {
  judgeCompletes,
  judgeDotStuffing,
  judgeGreetingWait,
  judgeQuitAfterRefusal,
  judgeTlsInjection,
} from '../judge/client-conduct.ts';
import { gradeOf, milder, worstFinding } from '../judge/grading.ts';
import {
  judgeDataAfterRcpt,
  judgeHello,
  judgeLineEnds,
  judgeLockStep,
  judgeParameters,
  judgeQuit,
} from '../judge/relay-conduct.ts';
import type { RelayProblem } from '../judge/relay-content.ts';
import type { CaseOutcome } from '../runner/case-runner.ts';
import { runPool } from '../runner/pool.ts';
import { toCaseResult } from '../runner/result.ts';
import type { RunOutput, TranscriptMap } from '../runner/run.ts';
import { toolVersion } from '../runner/version.ts';
import { computeCoverage } from '../scenario/coverage.ts';
import type { CaseResult, RunReport } from '../scenario/results.ts';
import { summarise } from '../scenario/results.ts';
import type { ClientCheck, Requirement, Scenario } from '../scenario/types.ts';
import { startSmtpListener } from '../server/listener.ts';
import type { SessionRecord } from '../server/types.ts';
import { transcriptToJson } from '../transcript/json.ts';
import { renderTranscript } from '../transcript/render.ts';
import { Transcript } from '../transcript/transcript.ts';
import { visibleLine } from '../wire/visible.ts';
import { type ClientRun, fillCommand, runClientCommand } from './command.ts';
import { CLIENT_SERVER_HOSTNAME, clientCaseScript } from './script.ts';

/** What a serve-cases run needs. */
export interface ClientRunConfig {
  /** The command, split (command.ts `splitCommand`), with `{host}` and `{port}` still in it. */
  command: readonly string[];
  /** Client cases (scenarios with `client`), sorted by id. */
  scenarios: readonly Scenario[];
  register?: readonly Requirement[];
  /** Longest run of the command per case; then it is killed (default 30 000 ms). */
  clientTimeoutMs?: number;
  /** Longest wait of the server for the client's next command (default 10 000 ms). */
  idleTimeoutMs?: number;
  concurrency?: number;
  slow?: boolean;
  strict?: boolean;
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
}

export const DEFAULT_CLIENT_TIMEOUT_MS = 30_000;
/** How long the server waits for the client's sessions to end after the command exited. */
const DRAIN_MS = 2000;
const HOST = '127.0.0.1';

/** Runs every client case of `config` and builds the report. Never throws for a bad client. */
export async function runClientCases(config: ClientRunConfig): Promise<RunOutput> {
  const startedAt = new Date();
  const started = performance.now();
  const secureContext = await clientTlsContext();
  const requirementText = new Map((config.register ?? []).map((r) => [r.id, r.text]));
  let done = 0;
  const ran = await runPool(
    config.scenarios,
    Math.max(1, config.concurrency ?? 1),
    async (scenario) => {
      const outcome =
        scenario.slow === true && config.slow !== true
          ? notRun(scenario, 'slow case: run with --slow to include it')
          : await runClientCase(scenario, config, secureContext);
      const result = toCaseResult(scenario, outcome, requirementText);
      config.onCaseDone?.(result, ++done, config.scenarios.length);
      return { result, transcript: outcome.transcript };
    },
  );
  const results = ran.map((r) => r.result);
  const report: RunReport = {
    tool: { name: 'smtpspec', version: toolVersion() },
    target: {
      address: `client: ${config.command.map(visibleLine).join(' ')}`,
      greeting: '',
      ehlo: [],
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: summarise(results),
    results,
    coverage: computeCoverage(config.register ?? [], config.scenarios),
    options: { strict: config.strict ?? false, slow: config.slow ?? false },
  };
  const transcripts: TranscriptMap = new Map();
  for (const { result, transcript } of ran) {
    transcripts.set(result.id, {
      text: renderTranscript(transcript),
      json: `${JSON.stringify(transcriptToJson(transcript), null, 2)}\n`,
    });
  }
  return { report, transcripts, notes: [] };
}

/** A self-signed certificate for the cases that offer STARTTLS. */
async function clientTlsContext(): Promise<SecureContext> {
  return createServerSecureContext(
    await loadTlsMaterial({ tls: {}, hostname: CLIENT_SERVER_HOSTNAME }),
  );
}

function notRun(scenario: Scenario, message: string): CaseOutcome {
  const transcript = new Transcript({ label: scenario.id });
  transcript.note(`not run: ${message}`);
  return { verdict: 'skip', message, transcript, durationMs: 0, connectFailed: false };
}

async function runClientCase(
  scenario: Scenario,
  config: ClientRunConfig,
  secureContext: SecureContext,
): Promise<CaseOutcome> {
  const spec = scenario.client;
  if (spec === undefined) return notRun(scenario, 'not a client case');
  const started = performance.now();
  const records: SessionRecord[] = [];
  const listener = await startSmtpListener({
    host: HOST,
    port: 0,
    script: () => clientCaseScript(spec),
    session: { idleTimeoutMs: config.idleTimeoutMs ?? 10_000, secureContext, label: scenario.id },
    maxSessions: 5,
    onSession: (s) => records.push(s.record),
  });
  const address = `${HOST}:${listener.address.port}`;
  const transcript = new Transcript({ label: scenario.id, target: `client on ${address}` });
  let run: ClientRun;
  try {
    const argv = fillCommand(config.command, HOST, listener.address.port);
    transcript.note(
      `server ${address} (S: the harness, C: the client under test); run: ${argv.map(visibleLine).join(' ')}`,
    );
    run = await runClientCommand(argv, config.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS);
    await drained(records, DRAIN_MS);
  } finally {
    await listener.stop();
  }
  records.forEach((r, i) => {
    transcript.absorb(r.transcript, `conn#${i + 1}`);
  });
  transcript.note(describeRun(run));
  const end = judgeClient(scenario, records, run);
  return {
    ...end,
    transcript,
    durationMs: Math.round(performance.now() - started),
    connectFailed: false,
  };
}

/** Waits (bounded) for the sessions to end once the client exited. */
async function drained(records: readonly SessionRecord[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && records.some((r) => r.end === undefined)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function describeRun(run: ClientRun): string {
  if (run.startError !== undefined) return `the client command did not start: ${run.startError}`;
  const how = run.timedOut
    ? `was killed after ${run.durationMs} ms (time limit)`
    : run.signal !== null
      ? `ended by ${run.signal}`
      : `exited with status ${run.exitCode}`;
  const tail = (text: string) =>
    visibleLine(text.trim().split('\n').slice(-3).join(' | ').slice(0, 300));
  const output = [
    run.stdout.trim() ? `stdout: ${tail(run.stdout)}` : '',
    run.stderr.trim() ? `stderr: ${tail(run.stderr)}` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');
  return `the client command ${how}${output ? `; ${output}` : ''}`;
}

const JUDGES: Readonly<
  Record<ClientCheck, (records: readonly SessionRecord[]) => Omit<RelayProblem, 'check'>[]>
> = {
  completes: judgeCompletes,
  'greeting-wait': judgeGreetingWait,
  hello: (rs) => rs.flatMap(judgeHello),
  'quit-after-refusal': judgeQuitAfterRefusal,
  'lock-step': (rs) => rs.flatMap(judgeLockStep),
  parameters: (rs) => rs.flatMap(judgeParameters),
  'data-after-rcpt': (rs) => rs.flatMap(judgeDataAfterRcpt),
  'dot-stuffing': judgeDotStuffing,
  'line-ends': (rs) => rs.flatMap(judgeLineEnds),
  quit: (rs) => rs.flatMap(judgeQuit),
  'tls-injection': judgeTlsInjection,
  ends: () => [],
};

/** The verdict of a client case: the worst finding of its checks, graded by the case level. */
function judgeClient(scenario: Scenario, records: readonly SessionRecord[], run: ClientRun) {
  const exit = describeRun(run);
  if (records.length === 0) {
    return {
      verdict: 'error' as const,
      message: `the client never connected to the server, so nothing could be judged (${exit})`,
    };
  }
  const findings = (scenario.client?.checks ?? []).flatMap((check) =>
    JUDGES[check](records).map((p) => ({
      grade: milder(gradeOf(scenario.level), gradeOf(p.rule)),
      message: p.message,
    })),
  );
  const worst = worstFinding(findings);
  if (worst !== undefined) return { verdict: worst.grade, message: worst.message };
  const checks = scenario.client?.checks.join(', ') ?? '';
  return { verdict: 'pass' as const, message: `${checks} as required; ${exit}` };
}
