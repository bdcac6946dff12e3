/**
 * A shrunk finding as a scenario file in the suite schema (a JSON ScenarioGroup), so
 * `smtpspec replay FILE` and `smtpspec run --suite FILE` both run it. The scenario holds
 * the exact bytes of the failing run with the model's expectations; it passes once the
 * server is fixed. Seed, path and summary are in the titles; the transcript is a sidecar.
 */
import { FieldPath } from '../scenario/fields.ts';
import type { Scenario, ScenarioGroup, Step } from '../scenario/types.ts';
import { readGroup } from '../scenario/validate.ts';
import { renderTranscript } from '../transcript/render.ts';
import type { Finding } from './campaign.ts';

/** The scenario spec name of fuzz reproducers. */
export const FUZZ_SPEC = 'smtpspec fuzz';

/** Longest slug part taken from a finding's place. */
const MAX_SLUG = 48;

/** The id section of a finding: its seed as an unsigned decimal. */
export function sectionOf(finding: Pick<Finding, 'seed'>): string {
  return String(finding.seed >>> 0);
}

/**
 * Where a failure happened, from its message: `reply to MAIL` of `reply to MAIL (pipelined
 * 2 of 3): ...`, without how the command was written (split writes, batch position).
 */
export function placeOf(message: string): string {
  return (message.split(/:|; then /)[0] ?? '')
    .replace(/ \([^)]*\)/g, '')
    .replace(/ in \d+ writes.*$/, '');
}

/** `hang-end-of-mail-data`, `drop-rcpt`: the kind and where it happened, id-safe. */
export function slugOf(finding: Pick<Finding, 'kind' | 'message'>): string {
  const place = placeOf(finding.message)
    .replace(/^reply to (the )?/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return place === '' ? finding.kind : `${finding.kind}-${place}`;
}

/** `fuzz/<seed>/<slug>`, matching the scenario id rule `^[a-z0-9]+/[0-9A-Za-z.]+/[a-z0-9-]+$`. */
export function scenarioIdOf(finding: Pick<Finding, 'seed' | 'kind' | 'message'>): string {
  return `fuzz/${sectionOf(finding)}/${slugOf(finding)}`;
}

/** SMTP command lines a finding's run sent: `RCPT×201` counts 201; `(mail data)` none. */
export function lineCount(lines: readonly string[]): number {
  let n = 0;
  for (const l of lines) {
    if (l.startsWith('(')) continue;
    const times = /×(\d+)$/.exec(l)?.[1];
    n += times === undefined ? 1 : Number(times);
  }
  return n;
}

/** `4 SMTP lines: EHLO, STARTTLS, EHLO, AUTH` (mail data shown, not counted). */
export function linesSummary(finding: Pick<Finding, 'lines'>): string {
  const n = lineCount(finding.lines);
  return `${n} SMTP line${n === 1 ? '' : 's'}${finding.lines.length > 0 ? `: ${finding.lines.join(', ')}` : ''}`;
}

/** One line: kind and message, bounded. */
export function summaryOf(finding: Pick<Finding, 'kind' | 'message'>): string {
  const line = `${finding.kind}: ${finding.message}`.replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * After a crash, a second case checks the server is still serving: it connects at once
 * (so it also works when cases run in parallel), waits for the first case to do its
 * damage, and must still get answers.
 */
function livenessScenario(base: Scenario): Scenario {
  return {
    ...base,
    id: `${base.id}-then-connect`,
    title: `${base.title} (then: the server must still answer)`,
    exploitability: undefined,
    steps: [
      { kind: 'pause', ms: 1000 },
      {
        kind: 'send',
        line: 'NOOP',
        expect: { codes: ['2xx'], because: 'the server is still serving after the reproducer ran' },
      },
      { kind: 'send', line: 'QUIT', expect: { codes: [221], closeAllowed: true } },
    ],
  };
}

/** The reproducer group of `finding`, validated by the same rules as user suites. */
export function reproducerGroup(finding: Finding): ScenarioGroup {
  const recorded: Step[] =
    finding.steps.length > 0 ? finding.steps : [{ kind: 'greeting', expect: { codes: [220] } }];
  const steps = finding.kind === 'desync' ? withSilenceBeforeLast(recorded) : recorded;
  const scenario: Scenario = {
    id: scenarioIdOf(finding),
    title: summaryOf(finding),
    spec: FUZZ_SPEC,
    section: sectionOf(finding),
    level: 'MUST',
    requirements: [],
    steps,
  };
  // A reply's form is judged by the observers (harness/judge/observers.ts), so the
  // reproducer of a malformed reply names the one that found it.
  if (finding.kind === 'malformed-reply') {
    scenario.observe = /§4\.2\.1\)/.test(finding.message) ? 'multiline-same-code' : 'reply-form';
  }
  if (finding.kind === 'smuggling' && finding.exploitability)
    scenario.exploitability = finding.exploitability;
  const scenarios = [scenario];
  if (finding.kind === 'crash') scenarios.push(livenessScenario(scenario));
  const group: ScenarioGroup = {
    id: `fuzz/${sectionOf(finding)}`,
    title: `fuzz finding, seed ${finding.seed >>> 0}, path ${finding.path}: ${linesSummary(finding)}`,
    scenarios: scenarios.map(dropUndefined),
  };
  // Our own output must load like any suite file; a failure here is a bug in smtpspec.
  return readGroup(JSON.parse(JSON.stringify(group)) as unknown, new FieldPath('reproducer'));
}

/**
 * A desync shows as a reply the last command could not have earned: it answered the one
 * before (RFC 5321 §4.2: "Every command MUST generate exactly one reply"). Replayed, a wait
 * for silence before the last command catches that reply where it comes.
 */
function withSilenceBeforeLast(steps: readonly Step[]): Step[] {
  if (steps.length < 2) return [...steps];
  return [...steps.slice(0, -1), { kind: 'expectNoReply', ms: 500 }, ...steps.slice(-1)];
}

function dropUndefined(s: Scenario): Scenario {
  return JSON.parse(JSON.stringify(s)) as Scenario;
}

/** The file name of a finding's reproducer: `<seed>-<slug>.json`. */
export function reproducerFileName(finding: Finding): string {
  return `${sectionOf(finding)}-${slugOf(finding)}.json`;
}

/** The reproducer file's text: the group as indented JSON. */
export function renderReproducer(finding: Finding): string {
  return `${JSON.stringify(reproducerGroup(finding), null, 2)}\n`;
}

/**
 * The transcript sidecar: what was found, how to replay it (`replay`: the command line,
 * the target included), then the exchange.
 */
export function renderFindingTranscript(finding: Finding, replay: string): string {
  const header = [
    `# smtpspec fuzz finding: ${summaryOf(finding)}`,
    `# seed ${finding.seed >>> 0}, counterexample path ${finding.path}; signature: ${finding.signature}`,
    `# replay: ${replay}`,
    ...(finding.unshrunk ? [`# not shrunk: ${finding.unshrunk}`] : []),
    `# ${linesSummary(finding)}`,
    '# sequence:',
    ...finding.commands.map((c, i) => `#   ${i + 1}. ${c}`),
    ...(finding.occurrences > 1 ? [`# seen ${finding.occurrences} times`] : []),
    ...(finding.crashReport ? [`# crash report: ${finding.crashReport.replace(/\s+/g, ' ')}`] : []),
  ];
  const body = finding.transcript ? renderTranscript(finding.transcript) : '(no transcript)\n';
  return `${header.join('\n')}\n${body}`;
}
