/**
 * Validation of scenarios, groups, suite documents and requirements from untrusted input
 * (user JSON/YAML suites, and our own suites/ tree: the same rules hold for both).
 */
import { ConfigErrors, ERROR_CODES, hasErrorCode } from '../errors.ts';
import {
  FieldPath,
  optional,
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readString,
  readText,
} from './fields.ts';
import {
  EHLO_KEYWORD,
  EHLO_LINE,
  EXPECTED,
  EXPLOITABILITY,
  GROUP_ID,
  LEVELS,
  MAX_CASE_MS,
  REPLY_TEXT,
  REQUIREMENT_ID,
  SCENARIO_ID,
  SECTION,
} from './rules.ts';
import { MAX_LISTED_ERRORS, schemaErrors } from './schema-check.ts';
import { SUITE_SCHEMA } from './suite-schema.ts';
import { RELAY_TEMPLATE_NAMES, templateNamesUsed } from './templates.ts';
import type {
  Binds,
  GroupDefaults,
  Preconditions,
  Requirement,
  Scenario,
  ScenarioGroup,
  Testability,
} from './types.ts';
import {
  CLIENT_CHECKS,
  CLIENT_STAGES,
  type ClientCase,
  OBSERVER_NAMES,
  type RelayCase,
  type RelaySinkScript,
  type ScriptedReply,
  type SinkReply,
} from './types.ts';
import { checkGreetingPlace, checkJudgeable, readStep } from './validate-steps.ts';

export { SCENARIO_ID } from './rules.ts';

const REQUIREMENT_LEVELS: readonly Requirement['level'][] = [
  'MUST',
  'MUST NOT',
  'SHOULD',
  'SHOULD NOT',
  'MAY',
];
const SCENARIO_KEYS = [
  'id',
  'title',
  'spec',
  'section',
  'level',
  'requirements',
  'preconditions',
  'slow',
  'timeoutMs',
  'exploitability',
  'observe',
  'relay',
  'client',
  'steps',
];

function readPreconditions(value: unknown, path: FieldPath): Preconditions {
  const r = readObject(value, path, ['ehlo', 'tls', 'credentials']);
  const out: Preconditions = {};
  const ehlo = optional(r, 'ehlo', path, (v, p) =>
    readArray(
      v,
      p,
      (k, q) => readString(k, q, { pattern: EHLO_KEYWORD, expected: EXPECTED.ehloKeyword }),
      { allowEmpty: true },
    ),
  );
  if (ehlo) out.ehlo = ehlo;
  const tls = optional(r, 'tls', path, readBoolean);
  if (tls !== undefined) out.tls = tls;
  const credentials = optional(r, 'credentials', path, readBoolean);
  if (credentials !== undefined) out.credentials = credentials;
  return out;
}

function readSection(value: unknown, path: FieldPath): string {
  return readString(value, path, { pattern: SECTION, expected: EXPECTED.section });
}

/** The scenario's own value of `key`, else its group's (`null` is a value, not absence). */
function own<K extends keyof GroupDefaults>(
  r: Record<string, unknown>,
  key: K,
  defaults: GroupDefaults,
): unknown {
  return r[key] === undefined ? defaults[key] : r[key];
}

/**
 * Validates one scenario; `path` locates it in its document. `defaults` are the already
 * validated fields of its group, used where the scenario gives none; a field missing from
 * both is reported at the scenario (`scenarios[2].spec: expected a non-empty string`).
 */
export function readScenario(
  value: unknown,
  path: FieldPath,
  defaults: GroupDefaults = {},
): Scenario {
  const r = readObject(value, path, SCENARIO_KEYS, 'a scenario object');
  const id = readString(r.id, path.at('id'), {
    pattern: SCENARIO_ID,
    expected: EXPECTED.scenarioId,
  });
  const section = readSection(own(r, 'section', defaults), path.at('section'));
  if (id.split('/')[1] !== section) {
    path.at('id').fail(`the id's middle part must be the section '${section}', got '${id}'`);
  }
  // A client case (serve-cases) has no steps: the command under test does the talking.
  const rawSteps =
    r.client !== undefined && r.steps === undefined
      ? []
      : readArray(r.steps, path.at('steps'), (v) => v, {
          what: 'a list of steps',
          allowEmpty: r.client !== undefined,
        });
  const steps = rawSteps.map((v, i) => readStep(v, path.at('steps').index(i)));
  checkGreetingPlace(steps, path.at('steps'));
  checkJudgeable(steps, path.at('steps'));
  const scenario: Scenario = {
    id,
    title: readString(r.title, path.at('title')),
    spec: readString(own(r, 'spec', defaults), path.at('spec')),
    section,
    level: readEnum(r.level, path.at('level'), LEVELS),
    requirements: readArray(r.requirements, path.at('requirements'), readRequirementId, {
      allowEmpty: true,
      what: 'a list of requirement ids',
    }),
    steps,
  };
  return withOptionalFields(scenario, r, path, defaults);
}

function withOptionalFields(
  s: Scenario,
  r: Record<string, unknown>,
  path: FieldPath,
  defaults: GroupDefaults,
): Scenario {
  // A copy per scenario: loaded scenarios never share mutable parts.
  const preconditions =
    optional(r, 'preconditions', path, readPreconditions) ??
    (defaults.preconditions && structuredClone(defaults.preconditions));
  if (preconditions) s.preconditions = preconditions;
  const slow = optional(r, 'slow', path, readBoolean);
  if (slow !== undefined) s.slow = slow;
  const timeoutMs = optional(r, 'timeoutMs', path, (v, p) =>
    readInteger(v, p, 1, MAX_CASE_MS, 'ms'),
  );
  if (timeoutMs !== undefined) s.timeoutMs = timeoutMs;
  const exploitability = optional(r, 'exploitability', path, (v, p) =>
    readEnum(v, p, EXPLOITABILITY),
  );
  if (exploitability) s.exploitability = exploitability;
  const observe = optional(r, 'observe', path, (v, p) => readEnum(v, p, OBSERVER_NAMES));
  if (observe) s.observe = observe;
  const relay = optional(r, 'relay', path, readRelayCase);
  if (relay) s.relay = relay;
  checkRelayUse(s, path);
  const client = optional(r, 'client', path, readClientCase);
  if (client) {
    if (s.steps.length > 0) path.at('steps').fail('a client case has no steps');
    if (s.relay !== undefined) path.at('relay').fail('a client case is no relay-through case');
    s.client = client;
  }
  return s;
}

/** RFC 5321 §4.1.1.1 ehlo-line: keyword and parameters. */

function readClientCase(value: unknown, path: FieldPath): ClientCase {
  const keys = ['extensions', 'replies', 'byteByByte', 'replyDelayMs', 'checks'];
  const r = readObject(value, path, keys, 'a client case');
  const out: ClientCase = {
    checks: readArray(r.checks, path.at('checks'), (v, p) => readEnum(v, p, CLIENT_CHECKS), {
      what: 'a list of checks',
    }),
  };
  const extensions = optional(r, 'extensions', path, (v, p) =>
    readArray(
      v,
      p,
      (w, q) => readString(w, q, { pattern: EHLO_LINE, expected: 'an EHLO keyword line' }),
      {
        allowEmpty: true,
      },
    ),
  );
  if (extensions !== undefined) out.extensions = extensions;
  const replies = optional(r, 'replies', path, (v, p) => {
    const o = readObject(v, p, [...CLIENT_STAGES], 'replies by stage');
    const map: NonNullable<ClientCase['replies']> = {};
    for (const stage of CLIENT_STAGES) {
      const reply = optional(o, stage, p, readScriptedReply);
      if (reply !== undefined) map[stage] = reply;
    }
    return map;
  });
  if (replies !== undefined) out.replies = replies;
  const byteByByte = optional(r, 'byteByByte', path, readBoolean);
  if (byteByByte !== undefined) out.byteByByte = byteByByte;
  const delay = optional(r, 'replyDelayMs', path, (v, p) => readInteger(v, p, 0, 600_000, 'ms'));
  if (delay !== undefined) out.replyDelayMs = delay;
  return out;
}

function readScriptedReply(value: unknown, path: FieldPath): ScriptedReply {
  const keys = ['code', 'text', 'enhanced', 'raw', 'delayMs', 'byteByByte', 'cutAfter', 'close'];
  const r = readObject(value, path, keys, 'a scripted reply');
  const reply: ScriptedReply = { code: readInteger(r.code, path.at('code'), 200, 599, 'code') };
  const line = (v: unknown, p: FieldPath): string => {
    const t = readText(v, p);
    if (!REPLY_TEXT.test(t)) p.fail('expected reply text in printable US-ASCII');
    return t;
  };
  const text = optional(r, 'text', path, (v, p) =>
    typeof v === 'string' ? line(v, p) : readArray(v, p, line, { what: 'reply lines' }),
  );
  if (text !== undefined) reply.text = text;
  const enhanced = optional(r, 'enhanced', path, (v, p) =>
    readString(v, p, {
      pattern: /^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/,
      expected: "an enhanced code like '4.3.0'",
    }),
  );
  if (enhanced !== undefined) reply.enhanced = enhanced;
  const raw = optional(r, 'raw', path, (v, p) =>
    readString(v, p, { pattern: /^[\x00-\xff]+$/, expected: 'octets (latin1)' }),
  );
  if (raw !== undefined) reply.raw = raw;
  const delayMs = optional(r, 'delayMs', path, (v, p) => readInteger(v, p, 0, 600_000, 'ms'));
  if (delayMs !== undefined) reply.delayMs = delayMs;
  const byteByByte = optional(r, 'byteByByte', path, readBoolean);
  if (byteByByte !== undefined) reply.byteByByte = byteByByte;
  const cutAfter = optional(r, 'cutAfter', path, (v, p) => readInteger(v, p, 0, 10_000, 'octets'));
  if (cutAfter !== undefined) reply.cutAfter = cutAfter;
  const close = optional(r, 'close', path, readBoolean);
  if (close !== undefined) reply.close = close;
  return reply;
}

/** `relayed` steps and {{relayToken}}/{{relayDomain}} belong to relay-through cases only. */
function checkRelayUse(s: Scenario, path: FieldPath): void {
  if (s.relay !== undefined) {
    const last = s.steps.at(-1);
    if (last?.kind !== 'relayed')
      path.at('steps').fail('a relay-through case ends with a relayed step');
    return;
  }
  const i = s.steps.findIndex((step) => step.kind === 'relayed');
  if (i !== -1) path.at('steps').index(i).fail('a relayed step needs relay on the scenario');
  const used = templateNamesUsed(s).find((n) => RELAY_TEMPLATE_NAMES.includes(n));
  if (used !== undefined) path.fail(`{{${used}}} is only for relay-through cases (set relay)`);
}

const SINK_STAGES = ['greeting', 'ehlo', 'mail', 'rcpt', 'dataEnd'] as const;

function readRelayCase(value: unknown, path: FieldPath): RelayCase {
  const r = readObject(value, path, ['sink'], 'a relay object');
  const sink = optional(r, 'sink', path, readSinkScript);
  return sink === undefined ? {} : { sink };
}

function readSinkScript(value: unknown, path: FieldPath): RelaySinkScript {
  const keys = [...SINK_STAGES, 'extensions', 'replyDelayMs'];
  const r = readObject(value, path, keys, 'a sink script');
  const out: RelaySinkScript = {};
  for (const stage of SINK_STAGES) {
    const reply = optional(r, stage, path, readSinkReply);
    if (reply !== undefined) out[stage] = reply;
  }
  const extensions = optional(r, 'extensions', path, (v, p) =>
    readArray(
      v,
      p,
      (w, q) =>
        readString(w, q, {
          pattern: /^[A-Za-z0-9][A-Za-z0-9-]*( [\x21-\x7e]+)*$/,
          expected: 'an EHLO keyword line',
        }),
      {
        allowEmpty: true,
      },
    ),
  );
  if (extensions !== undefined) out.extensions = extensions;
  const delay = optional(r, 'replyDelayMs', path, (v, p) => readInteger(v, p, 0, 10_000, 'ms'));
  if (delay !== undefined) out.replyDelayMs = delay;
  return out;
}

function readSinkReply(value: unknown, path: FieldPath): SinkReply {
  const r = readObject(value, path, ['code', 'enhanced', 'text', 'attempts'], 'a sink reply');
  const code = readInteger(r.code, path.at('code'), 200, 559, 'code');
  // RFC 5321 §4.2: textstring, printable US-ASCII and SP.
  const text = readString(r.text, path.at('text'), {
    pattern: /^[\x20-\x7e]+$/,
    expected: 'reply text in printable US-ASCII',
  });
  const reply: SinkReply = { code, text };
  const enhanced = optional(r, 'enhanced', path, (v, p) =>
    readString(v, p, {
      pattern: /^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/,
      expected: "an enhanced code like '4.3.0'",
    }),
  );
  if (enhanced !== undefined) reply.enhanced = enhanced;
  const attempts = optional(r, 'attempts', path, (v, p) => readInteger(v, p, 1, 100, 'attempts'));
  if (attempts !== undefined) reply.attempts = attempts;
  return reply;
}

function readRequirementId(value: unknown, path: FieldPath): string {
  return readString(value, path, {
    pattern: REQUIREMENT_ID,
    expected: EXPECTED.requirementId,
  });
}

/** `$schema` lets an editor find suite.schema.json; smtpspec ignores it. */
const GROUP_KEYS = ['$schema', 'id', 'title', 'spec', 'section', 'preconditions', 'scenarios'];

/** The group-level defaults (types.ts SuiteGroup), validated where the group gives them. */
function readGroupDefaults(r: Record<string, unknown>, path: FieldPath): GroupDefaults {
  const defaults: GroupDefaults = {};
  const spec = optional(r, 'spec', path, readString);
  if (spec !== undefined) defaults.spec = spec;
  const section = optional(r, 'section', path, readSection);
  if (section !== undefined) defaults.section = section;
  const preconditions = optional(r, 'preconditions', path, readPreconditions);
  if (preconditions) defaults.preconditions = preconditions;
  return defaults;
}

/**
 * Validates a scenario group (one suite file's default export, types.ts SuiteGroup) and
 * resolves its defaults into its scenarios: the result holds complete scenarios only.
 */
export function readGroup(value: unknown, path: FieldPath): ScenarioGroup {
  const r = readObject(value, path, GROUP_KEYS, 'a scenario group object');
  const id = readString(r.id, path.at('id'), {
    pattern: GROUP_ID,
    expected: EXPECTED.groupId,
  });
  const title = readString(r.title, path.at('title'));
  const defaults = readGroupDefaults(r, path);
  const read = (v: unknown, p: FieldPath) => readScenario(v, p, defaults);
  const scenarios = readArray(r.scenarios, path.at('scenarios'), read, {
    what: 'a list of scenarios',
  });
  return { id, title, scenarios };
}

/** Every error of `value` with `read`, or none; a non-ConfigError is a bug and propagates. */
function collect<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (!hasErrorCode(err, ERROR_CODES.config)) throw err;
    problems.push(err.message);
    return undefined;
  }
}

/**
 * A user suite document: a group (types.ts SuiteGroup), or a bare list of scenarios (then
 * grouped under `fallbackId`, with no defaults). `origin` (e.g. the file name) prefixes
 * every error's field. Every error is reported at once: first against the JSON Schema
 * (suite-schema.ts), then, when the shape is right, the rules a schema cannot state, one
 * error at most per scenario.
 * @throws ConfigErrors listing them, one line each.
 */
export function readSuiteDocument(
  value: unknown,
  origin: string,
  fallbackId: string,
): ScenarioGroup {
  const shape = schemaErrors(SUITE_SCHEMA, value, origin);
  if (shape.length > 0) throw new ConfigErrors(capped(shape));
  const problems: string[] = [];
  const root = new FieldPath(origin);
  const isList = Array.isArray(value);
  const r = (isList ? {} : value) as Record<string, unknown>;
  const defaults = isList ? {} : readGroupDefaults(r, root);
  const items = (isList ? value : r.scenarios) as unknown[];
  const path = isList ? root : root.at('scenarios');
  const scenarios = items.flatMap((item, i) => {
    const scenario = collect(problems, () => readScenario(item, path.index(i), defaults));
    return scenario === undefined ? [] : [scenario];
  });
  if (problems.length > 0) throw new ConfigErrors(capped(problems));
  if (isList) return { id: fallbackId, title: origin, scenarios };
  return { id: r.id as string, title: r.title as string, scenarios };
}

/** At most MAX_LISTED_ERRORS lines, then how many more there are. */
function capped(problems: readonly string[]): string[] {
  if (problems.length <= MAX_LISTED_ERRORS) return [...problems];
  const more = problems.length - MAX_LISTED_ERRORS;
  return [...problems.slice(0, MAX_LISTED_ERRORS), `... and ${more} more errors`];
}

const BINDS: readonly Binds[] = ['server', 'client', 'both'];
const TESTABILITY: readonly Testability[] = ['wire', 'delivery', 'receiver', 'none'];

/** Validates one requirement register entry. */
export function readRequirement(value: unknown, path: FieldPath): Requirement {
  const keys = ['id', 'spec', 'section', 'level', 'text', 'binds', 'testable', 'reason'];
  const r = readObject(value, path, keys, 'a requirement object');
  const req: Requirement = {
    id: readRequirementId(r.id, path.at('id')),
    spec: readString(r.spec, path.at('spec')),
    section: readSection(r.section, path.at('section')),
    level: readEnum(r.level, path.at('level'), REQUIREMENT_LEVELS),
    text: readString(r.text, path.at('text')),
    binds: readEnum(r.binds, path.at('binds'), BINDS),
    testable: readEnum(r.testable, path.at('testable'), TESTABILITY),
  };
  const reason = optional(r, 'reason', path, readString);
  if (reason !== undefined) req.reason = reason;
  else if (req.testable === 'none') path.at('reason').fail("required when testable is 'none'");
  return req;
}
