/**
 * The JSON Schema (2020-12) of suite files: a group (types.ts SuiteGroup) or a bare list
 * of scenarios. It is the one place that says which fields a suite file may have: the
 * published `schema/suite.schema.json` is written from it (`npm run schema`), and the
 * validator checks every file against it first, reporting every error at once
 * (schema-check.ts), before the rules a schema cannot say (validate.ts).
 *
 * Adding a field to types.ts without adding it here does not compile: each object is
 * declared with {@link object}, whose properties must name exactly the fields of the type
 * and whose `required` exactly its non-optional ones.
 */
import {
  CODE_PATTERN,
  COMMAND_LINE,
  EHLO_KEYWORD,
  EHLO_LINE,
  ENHANCED_CODE,
  ENHANCED_PATTERN,
  EXPECTED,
  EXPLOITABILITY,
  GROUP_ID,
  LEVELS,
  MAX_CASE_MS,
  MAX_STEP_MS,
  OCTETS,
  REPLY_ROLES,
  REPLY_TEXT,
  REQUIREMENT_ID,
  SCENARIO_ID,
  SECTION,
} from './rules.ts';
import { TEMPLATE_NAMES } from './templates.ts';
import {
  CLIENT_CHECKS,
  CLIENT_STAGES,
  type ClientCase,
  type ClientStage,
  MAX_CONNECTIONS,
  MAX_RECIPIENTS,
  OBSERVER_NAMES,
  type Preconditions,
  RELAY_CHECKS,
  type RelayCase,
  type RelayExpectation,
  type RelaySinkScript,
  type ReplyExpectation,
  type ScenarioSource,
  type ScriptedReply,
  type SinkReply,
  type Step,
  type StepKind,
  type SuiteGroup,
} from './types.ts';

/** A JSON Schema node. `x-expected` is ours: how error messages name a valid value. */
export type SchemaNode = { readonly [keyword: string]: unknown };

/** One schema node per field of `T`, no more, no fewer. */
type PropertiesOf<T> = { readonly [K in keyof T]-?: SchemaNode };
/** The fields of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** `true` for every required field of `T`, no more, no fewer. */
type RequiredOf<T> = { readonly [K in RequiredKeys<T>]: true };

const TEMPLATES = `Template variables: ${TEMPLATE_NAMES.map((n) => `{{${n}}}`).join(' ')}.`;

/** A non-empty string, optionally matching `pattern`. */
function text(description: string, rule?: { pattern: RegExp; expected: string }): SchemaNode {
  return {
    type: 'string',
    minLength: 1,
    ...(rule ? { pattern: rule.pattern.source } : {}),
    'x-expected': rule?.expected ?? 'a non-empty string',
    description,
  };
}

/** Latin1 text, one octet per character (raw bytes, message content); may be empty. */
function octets(description: string): SchemaNode {
  return {
    type: 'string',
    pattern: OCTETS.source,
    'x-expected': 'one octet per character (write bytes as \\u0000-\\u00ff)',
    description: `${description} Each character is one octet (U+0000 to U+00FF). ${TEMPLATES}`,
  };
}

/** A command line for the conformant encoder (no CR or LF: CRLF is appended). */
function line(description: string): SchemaNode {
  return {
    type: 'string',
    pattern: COMMAND_LINE.source,
    minLength: 1,
    'x-expected': 'a command line without CR or LF (use a sendRaw step for exact bytes)',
    description: `${description} ${TEMPLATES}`,
  };
}

function flag(description: string): SchemaNode {
  return { type: 'boolean', 'x-expected': 'true or false', description };
}

function integer(min: number, max: number, unit: string, description: string): SchemaNode {
  return {
    type: 'integer',
    minimum: min,
    maximum: max,
    'x-expected': `an integer from ${min} to ${max}${unit === '' ? '' : ` ${unit}`}`,
    description,
  };
}

function choice(values: readonly string[], description: string): SchemaNode {
  return { enum: [...values], description };
}

function list(
  items: SchemaNode,
  description: string,
  options: { minItems?: 0 | 1; expected?: string } = {},
): SchemaNode {
  return {
    type: 'array',
    items,
    minItems: options.minItems ?? 1,
    'x-expected': options.expected ?? 'a list',
    description,
  };
}

type DefinitionName =
  | 'group'
  | 'scenario'
  | 'step'
  | 'expectation'
  | 'preconditions'
  | 'relayExpectation'
  | 'relayCase'
  | 'sinkReply'
  | 'clientCase'
  | 'scriptedReply';

function ref(name: DefinitionName): SchemaNode {
  return { $ref: `#/$defs/${name}` };
}

/**
 * A closed object schema for `T`: `properties` names every field of `T`, `required` its
 * non-optional ones (both checked by the compiler against types.ts).
 */
function object<T>(
  properties: PropertiesOf<T>,
  required: RequiredOf<T>,
  options: { description: string; expected: string; extra?: Readonly<Record<string, SchemaNode>> },
): SchemaNode {
  const names = Object.keys(required);
  return {
    type: 'object',
    properties: { ...properties, ...options.extra },
    ...(names.length > 0 ? { required: names } : {}),
    additionalProperties: false,
    'x-expected': options.expected,
    description: options.description,
  };
}

const code: SchemaNode = {
  anyOf: [
    { type: 'integer', minimum: 200, maximum: 599, 'x-expected': EXPECTED.code },
    { type: 'string', pattern: CODE_PATTERN.source, 'x-expected': EXPECTED.code },
  ],
  'x-expected': EXPECTED.code,
  description: "A reply code (250) or a class pattern ('5xx', '55x'); RFC 5321 §4.2.1.",
};

const expectation = object<ReplyExpectation>(
  {
    codes: list(code, 'Allowed reply codes; omitted: the RFC 5321 §4.3.2 table for the command.', {
      expected: 'a list of codes',
    }),
    role: choice(
      REPLY_ROLES,
      "'setup' prepares the case (refused: skip), 'control' shows the plain form is accepted (refused: skip), 'check' (default) is judged.",
    ),
    closeAllowed: flag('A 421 reply followed by a close is also acceptable (RFC 5321 §3.8).'),
    codesByRule: flag(
      'The MUST the case cites names these codes itself: a code outside them breaks that MUST.',
    ),
    enhanced: text('The RFC 3463 enhanced code the reply must carry, e.g. 5.5.x.', {
      pattern: ENHANCED_PATTERN,
      expected: EXPECTED.enhanced,
    }),
    because: text('Why these codes, shown in failure messages.'),
  },
  {},
  { description: 'What a reply must look like.', expected: 'a reply expectation object' },
);

/** Fields of one step kind (without `kind`). */
type StepFields<K extends StepKind> = Omit<Extract<Step, { kind: K }>, 'kind'>;

function step<K extends StepKind>(
  kind: K,
  description: string,
  properties: PropertiesOf<StepFields<K>>,
  required: RequiredOf<StepFields<K>>,
): SchemaNode {
  return object<StepFields<K>>(properties, required, {
    description,
    expected: 'a step object',
    extra: { kind: { const: kind, description: 'The step kind.' } },
  });
}

const expect = ref('expectation');
const hostile = flag(
  'The input is an attack or abuse: from here on a refusal and close is a defence (RFC 5321 §7.8).',
);
const ms = (min: number, description: string) => integer(min, MAX_STEP_MS, 'ms', description);

const STEPS: { readonly [K in StepKind]: SchemaNode } = {
  greeting: step('greeting', 'Read the greeting (implicit unless first).', { expect }, {}),
  ehlo: step(
    'ehlo',
    'EHLO {{helo}} (or name); a setup step unless expect says otherwise.',
    {
      name: line('The EHLO argument.'),
      expect,
      requires: list(
        text('A keyword, with its parameters if they matter (SIZE 0).', {
          pattern: EHLO_LINE,
          expected: EXPECTED.ehloRequires,
        }),
        'Keywords the reply must advertise, else the case skips.',
        { expected: 'a list of EHLO keywords' },
      ),
    },
    {},
  ),
  send: step(
    'send',
    'One command line through the conformant encoder, then one reply.',
    {
      line: line('The command line.'),
      expect,
      noReply: flag('Read no reply (a line inside mail data).'),
      hostile,
    },
    { line: true },
  ),
  sendRaw: step(
    'sendRaw',
    'Exact bytes (bytes, or parts sent as separate TCP writes), then a reply if expect is given.',
    {
      bytes: octets('The bytes.'),
      parts: list(octets('One TCP write.'), 'TCP writes, in order.'),
      chop: integer(1, 65_536, 'octets', 'Cut bytes into TCP writes of this many octets.'),
      pauseMs: ms(0, 'Pause between parts.'),
      expect,
      note: text('What the bytes are, in words (shown in transcripts).'),
      hostile,
    },
    { note: true },
  ),
  expectReply: step('expectReply', 'Read one reply.', { expect }, { expect: true }),
  pipeline: step(
    'pipeline',
    'All lines in one write (RFC 2920), then one reply per line.',
    {
      lines: list(line('A command line.'), 'The commands.', {
        expected: 'a list of command lines',
      }),
      expect: list(expect, 'One expectation per line.', {
        expected: 'a list of reply expectations',
      }),
    },
    { lines: true, expect: true },
  ),
  expectClose: step(
    'expectClose',
    'The server must close the connection.',
    { timeoutMs: ms(1, 'How long to wait.') },
    {},
  ),
  expectNoReply: step(
    'expectNoReply',
    'The server must stay silent.',
    {
      ms: ms(1, 'For how long.'),
      answers: list(text('A name.'), 'What each reply would answer if one came.', {
        expected: 'a list of names',
      }),
    },
    { ms: true },
  ),
  startTls: step(
    'startTls',
    'STARTTLS, 220, then the TLS handshake (RFC 3207).',
    {
      expect,
      pipelined: octets('Bytes sent in the same write after STARTTLS (RFC 3207 §4.2 probe).'),
    },
    {},
  ),
  pause: step('pause', 'Do nothing for ms milliseconds.', { ms: ms(0, 'How long.') }, { ms: true }),
  message: step(
    'message',
    'A whole message after a 354, dot-stuffed, ended by CRLF.CRLF.',
    {
      content: octets('The message.'),
      expect,
      exceedAdvertisedSize: flag(
        'Pad the content past the SIZE the server advertised (RFC 1870), skipping without one.',
      ),
    },
    { content: true },
  ),
  connection: step(
    'connection',
    'Switch to another connection to the target (opened at first use).',
    {
      index: integer(0, MAX_CONNECTIONS - 1, '', 'Which connection, 0 the first.'),
      expect,
    },
    { index: true },
  ),
  recipients: step(
    'recipients',
    'RCPT TO for count distinct recipients made from address (RFC 5321 §4.5.3.1.8).',
    {
      address: line('A mailbox with {n}, without < and >.'),
      count: integer(1, MAX_RECIPIENTS, '', 'How many recipients.'),
      first: integer(0, 1_000_000, '', 'The first n.'),
      expect,
      hostile,
    },
    { address: true, count: true },
  ),
  relayed: step(
    'relayed',
    'What the target must do with the submitted message, as its relay sink sees it.',
    { expect: ref('relayExpectation') },
    { expect: true },
  ),
};

const relayExpectation = object<RelayExpectation>(
  {
    outcome: choice(
      ['delivered', 'retried', 'bounced', 'not-bounced', 'stopped'],
      'What the target must do.',
    ),
    checks: list(choice(RELAY_CHECKS, 'A check.'), 'What is judged in what it sends on.', {
      expected: 'a list of checks',
    }),
    refusalPasses: flag('A refusal of the submission passes the case.'),
  },
  { outcome: true },
  { description: 'A relay-through expectation.', expected: 'a relay expectation' },
);

const printable = (description: string) => ({
  type: 'string',
  pattern: REPLY_TEXT.source,
  'x-expected': 'reply text in printable US-ASCII',
  description,
});

const replyEnhanced = text('An RFC 3463 code, e.g. 4.3.0.', {
  pattern: ENHANCED_CODE,
  expected: "an enhanced code like '4.3.0'",
});

const ehloLines = (description: string) =>
  list(text('A keyword line.', { pattern: EHLO_LINE, expected: EXPECTED.ehloLine }), description, {
    minItems: 0,
  });

const sinkReply = object<SinkReply>(
  {
    code: integer(200, 559, 'code', 'The reply code.'),
    enhanced: replyEnhanced,
    text: { ...printable('The reply text.'), minLength: 1 },
    attempts: integer(1, 100, 'attempts', 'For how many attempts (default: every one).'),
  },
  { code: true, text: true },
  { description: 'A reply of the relay sink.', expected: 'a sink reply' },
);

const relayCase = object<RelayCase>(
  {
    sink: object<RelaySinkScript>(
      {
        greeting: ref('sinkReply'),
        ehlo: ref('sinkReply'),
        extensions: ehloLines('EHLO keywords the sink advertises.'),
        replyDelayMs: integer(0, 10_000, 'ms', 'Delay before each reply.'),
        mail: ref('sinkReply'),
        rcpt: ref('sinkReply'),
        dataEnd: ref('sinkReply'),
      },
      {},
      { description: 'How the sink answers the target.', expected: 'a sink script' },
    ),
  },
  {},
  { description: 'A relay-through case.', expected: 'a relay object' },
);

const scriptedReply = object<ScriptedReply>(
  {
    code: integer(200, 599, 'code', 'The reply code.'),
    text: {
      anyOf: [
        printable('One line.'),
        list(printable('A line.'), 'Lines.', { expected: 'reply lines' }),
      ],
      'x-expected': 'reply text, or reply lines',
      description: 'The text, or lines of a multi-line reply.',
    },
    enhanced: replyEnhanced,
    raw: {
      type: 'string',
      pattern: '^[\\x00-\\xff]+$',
      'x-expected': 'octets (latin1)',
      description: 'Exact bytes instead of a well-formed reply.',
    },
    delayMs: integer(0, 600_000, 'ms', 'Delay before the reply.'),
    byteByByte: flag('Send the reply one octet per TCP write.'),
    cutAfter: integer(0, 10_000, 'octets', 'Close the connection after this many octets.'),
    close: flag('Close the connection after the reply.'),
  },
  { code: true },
  { description: 'A reply the harness sends as the server.', expected: 'a scripted reply' },
);

const clientCase = object<ClientCase>(
  {
    extensions: ehloLines('EHLO keywords the harness advertises.'),
    replies: object<Partial<Record<ClientStage, ScriptedReply>>>(
      Object.fromEntries(CLIENT_STAGES.map((stage) => [stage, ref('scriptedReply')])) as {
        [K in ClientStage]: SchemaNode;
      },
      {},
      { description: 'Scripted replies by stage.', expected: 'replies by stage' },
    ),
    byteByByte: flag('Send every reply one octet per TCP write.'),
    replyDelayMs: integer(0, 600_000, 'ms', 'Delay before each reply.'),
    checks: list(choice(CLIENT_CHECKS, 'A check.'), 'What is judged of the client.', {
      expected: 'a list of checks',
    }),
  },
  { checks: true },
  { description: 'A client case (smtpspec serve-cases).', expected: 'a client case' },
);

const preconditions = object<Preconditions>(
  {
    ehlo: list(
      text('A keyword.', { pattern: EHLO_KEYWORD, expected: EXPECTED.ehloKeyword }),
      'EHLO keywords the target must advertise, else skip.',
      { minItems: 0 },
    ),
    tls: flag('The target must offer STARTTLS.'),
    credentials: flag('The case needs AUTH credentials.'),
  },
  {},
  { description: 'What the target must offer for the case to run.', expected: 'an object' },
);

const spec = text('e.g. RFC 5321.');
const section = text('e.g. 4.1.4.', { pattern: SECTION, expected: EXPECTED.section });

const scenario = object<ScenarioSource>(
  {
    id: text('Stable id <spec>/<section>/<slug>.', {
      pattern: SCENARIO_ID,
      expected: EXPECTED.scenarioId,
    }),
    title: text('One line.'),
    spec,
    section,
    level: choice(LEVELS, 'RFC 2119 level of the requirement the case checks.'),
    requirements: list(
      text('A register id.', { pattern: REQUIREMENT_ID, expected: EXPECTED.requirementId }),
      'Requirement register ids the case checks.',
      { minItems: 0, expected: 'a list of requirement ids' },
    ),
    preconditions: ref('preconditions'),
    slow: flag('Runs only with --slow.'),
    timeoutMs: integer(1, MAX_CASE_MS, 'ms', 'Deadline of the whole case.'),
    exploitability: choice(EXPLOITABILITY, 'Whether a relay could carry the attack.'),
    observe: choice(OBSERVER_NAMES, 'A rule reported over every reply of the run.'),
    steps: list(ref('step'), 'What the case sends and expects (none in a client case).', {
      minItems: 0,
      expected: 'a list of steps',
    }),
    relay: ref('relayCase'),
    client: ref('clientCase'),
  },
  // Steps: every case but a client case has some (types.ts); validate.ts says so.
  { id: true, title: true, level: true, requirements: true },
  { description: 'One case.', expected: 'a scenario object' },
);

const group = object<SuiteGroup>(
  {
    id: text('e.g. rfc5321/4.1.4.', { pattern: GROUP_ID, expected: EXPECTED.groupId }),
    title: text('One line.'),
    spec,
    section,
    preconditions: ref('preconditions'),
    scenarios: list(ref('scenario'), 'The cases.', { expected: 'a list of scenarios' }),
  },
  { id: true, title: true, scenarios: true },
  {
    description:
      'A group of scenarios; spec, section and preconditions given here apply to every scenario that does not set its own.',
    expected: 'a scenario group object',
    extra: { $schema: { type: 'string', description: 'This schema, for editors.' } },
  },
);

const DEFINITIONS: { readonly [K in DefinitionName]: SchemaNode } = {
  group,
  scenario,
  step: {
    oneOf: Object.values(STEPS),
    'x-expected': 'a step object',
    description: 'One step; kind says which.',
  },
  expectation,
  preconditions,
  relayExpectation,
  relayCase,
  sinkReply,
  clientCase,
  scriptedReply,
};

/** The schema of a suite file, as published in `schema/suite.schema.json`. */
export const SUITE_SCHEMA: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'smtpspec suite file',
  description:
    'A group of SMTP conformance scenarios, or a bare list of scenarios (each then with its own spec and section). Checked by smtpspec before any case runs.',
  anyOf: [
    ref('group'),
    list(
      {
        allOf: [ref('scenario'), { properties: { spec, section }, required: ['spec', 'section'] }],
      },
      'Scenarios without a group.',
      { expected: 'a list of scenarios' },
    ),
  ],
  'x-expected': 'a scenario group object or a list of scenarios',
  $defs: DEFINITIONS,
};

/** The published file's text: 2-space JSON and a final newline. */
export function suiteSchemaText(): string {
  return `${JSON.stringify(SUITE_SCHEMA, null, 2)}\n`;
}
