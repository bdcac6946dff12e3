/**
 * A relay-through case around its session: the case's token and sink registration before
 * it connects, and afterwards the sink's side of every connection it caused, merged into
 * its transcript with their side named.
 */
import type { RelaySink } from '../relay/sink.ts';
import { newRelayToken } from '../relay/token.ts';
import type { TemplateValues } from '../scenario/templates.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Transcript } from '../transcript/transcript.ts';
import type { RelayCaseContext } from './case-state.ts';

/** What a run with `--relay-domain` and `--sink-listen` gives its relay-through cases. */
export interface RelayRun {
  sink: RelaySink;
  /** `--relay-timeout-ms`. */
  timeoutMs: number;
  /** `--relay-retry-ms`, when declared. */
  retryMs?: number;
}

/** Without `--relay-timeout-ms`: RFC 5321 queues may take a while, but 30 s covers a direct relay. */
export const DEFAULT_RELAY_TIMEOUT_MS = 30_000;

/** Why a relay-through case cannot run in this run, or undefined. */
export function relayPrecondition(
  scenario: Scenario,
  relay: RelayRun | undefined,
): string | undefined {
  if (scenario.relay === undefined || relay !== undefined) return undefined;
  return 'relay-through case: give --relay-domain DOMAIN --sink-listen HOST:PORT and route DOMAIN from the target to that address (README "Relay-through cases")';
}

/**
 * Runs `body` with the case's token and sink registration; releases the sink after it and
 * merges the sink-side transcripts into the case's.
 */
export async function withRelayCase<T>(
  scenario: Scenario,
  run: RelayRun,
  values: TemplateValues,
  transcript: Transcript,
  body: (values: TemplateValues, relay: RelayCaseContext) => Promise<T>,
): Promise<T> {
  const token = newRelayToken();
  const sinkCase = await run.sink.open(token, scenario.relay?.sink);
  const { host, port } = run.sink.address;
  transcript.note(
    `relay-through case: token ${token}, sink ${host}:${port} for ${run.sink.domain}; lines of the target's connections to the sink start with sink#N (C: the target, S: the sink)`,
  );
  const relay: RelayCaseContext = {
    sink: run.sink,
    sinkCase,
    timeoutMs: run.timeoutMs,
    ...(run.retryMs === undefined ? {} : { retryMs: run.retryMs }),
  };
  try {
    return await body({ ...values, relayToken: token, relayDomain: run.sink.domain }, relay);
  } finally {
    run.sink.release(sinkCase);
    for (const record of [...sinkCase.sessions].sort((a, b) => a.id - b.id)) {
      transcript.absorb(record.transcript, `sink#${record.id}`);
    }
  }
}
