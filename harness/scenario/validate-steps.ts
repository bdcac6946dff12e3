/**
 * Validation of scenario steps (types.ts `Step`) from untrusted input. Besides shapes it
 * catches what would only show up as a confusing run-time error: unknown template
 * variables, non-octet characters in raw bytes, CR/LF in an encoder line, and replies the
 * engine could not judge because no `codes` are given and no table entry applies.
 */
import { tableVerbOf } from '../wire/reply-table.ts';
import { isCodePattern } from './code-pattern.ts';
import {
  type FieldPath,
  optional,
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readString,
  readText,
  show,
} from './fields.ts';
import {
  EHLO_LINE,
  ENHANCED_PATTERN,
  EXPECTED,
  MAX_STEP_MS,
  REPLY_ROLES,
  STEP_KINDS,
} from './rules.ts';
import { TEMPLATE_NAMES, unknownTemplateNames } from './templates.ts';
import {
  type CodePattern,
  MAX_CONNECTIONS,
  MAX_RECIPIENTS,
  RELAY_CHECKS,
  type RelayExpectation,
  type ReplyExpectation,
  type Step,
  type StepKind,
} from './types.ts';

export { MAX_STEP_MS } from './rules.ts';

/** Largest `chop` of a sendRaw step: beyond it a chopped write is an ordinary one. */
const MAX_CHOP = 65_536;

function readCode(value: unknown, path: FieldPath): CodePattern {
  if (!isCodePattern(value)) path.fail(`expected ${EXPECTED.code}, got ${show(value)}`);
  return value;
}

/** Validates a ReplyExpectation. */
export function readExpectation(value: unknown, path: FieldPath): ReplyExpectation {
  const keys = ['codes', 'role', 'closeAllowed', 'codesByRule', 'enhanced', 'because'];
  const r = readObject(value, path, keys, 'a reply expectation object');
  const out: ReplyExpectation = {};
  const codes = optional(r, 'codes', path, (v, p) =>
    readArray(v, p, readCode, { what: 'a list of codes' }),
  );
  if (codes) out.codes = codes;
  const role = optional(r, 'role', path, (v, p) => readEnum(v, p, REPLY_ROLES));
  if (role) out.role = role;
  const closeAllowed = optional(r, 'closeAllowed', path, readBoolean);
  if (closeAllowed !== undefined) out.closeAllowed = closeAllowed;
  const codesByRule = optional(r, 'codesByRule', path, readBoolean);
  if (codesByRule !== undefined) {
    if (codes === undefined) path.at('codesByRule').fail('codesByRule needs explicit codes');
    out.codesByRule = codesByRule;
  }
  const enhanced = optional(r, 'enhanced', path, (v, p) =>
    readString(v, p, { pattern: ENHANCED_PATTERN, expected: EXPECTED.enhanced }),
  );
  if (enhanced) out.enhanced = enhanced;
  const because = optional(r, 'because', path, readString);
  if (because) out.because = because;
  return out;
}

/** Text sent to the server: template variables must exist. */
function readTemplated(value: unknown, path: FieldPath, allowEmpty = false): string {
  const text = allowEmpty ? readText(value, path) : readString(value, path);
  const unknown = unknownTemplateNames(text);
  if (unknown.length > 0) {
    path.fail(`unknown template variable {{${unknown[0]}}} (known: ${TEMPLATE_NAMES.join(', ')})`);
  }
  return text;
}

/** One command line for the conformant encoder: CRLF is appended by it. */
function readLine(value: unknown, path: FieldPath): string {
  const line = readTemplated(value, path);
  if (/[\r\n]/.test(line)) {
    path.fail('a command line must not contain CR or LF (use a sendRaw step for exact bytes)');
  }
  return line;
}

/**
 * Raw bytes and message content are latin1 strings: every character must be one octet
 * (U+0000..U+00FF). Both are templated (types.ts lists the templated fields).
 */
function readOctets(value: unknown, path: FieldPath): string {
  const text = readTemplated(value, path, true);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      path.fail(
        `character U+${hex} at offset ${i} is not one octet (write bytes as \\u0000-\\u00ff)`,
      );
    }
  }
  return text;
}

function readMs(value: unknown, path: FieldPath, min = 1): number {
  return readInteger(value, path, min, MAX_STEP_MS, 'ms');
}

type StepReader = (r: Record<string, unknown>, path: FieldPath) => Step;

const READERS: Record<StepKind, { keys: string[]; read: StepReader }> = {
  greeting: {
    keys: ['expect'],
    read: (r, p) => withExpect({ kind: 'greeting' }, r, p),
  },
  ehlo: {
    keys: ['name', 'expect', 'requires'],
    read: (r, p) => {
      const name = optional(r, 'name', p, readLine);
      const requires = optional(r, 'requires', p, (v, q) =>
        readArray(
          v,
          q,
          (w, u) =>
            readString(w, u, {
              pattern: EHLO_LINE,
              expected: EXPECTED.ehloRequires,
            }),
          {
            what: 'a list of EHLO keywords',
          },
        ),
      );
      const step = withExpect(
        name === undefined ? { kind: 'ehlo' as const } : { kind: 'ehlo' as const, name },
        r,
        p,
      );
      return requires === undefined ? step : { ...step, requires };
    },
  },
  send: { keys: ['line', 'expect', 'noReply', 'hostile'], read: readSend },
  sendRaw: {
    keys: ['bytes', 'parts', 'chop', 'pauseMs', 'expect', 'note', 'hostile'],
    read: readSendRaw,
  },
  expectReply: {
    keys: ['expect'],
    read: (r, p) => ({ kind: 'expectReply', expect: readExpectation(r.expect, p.at('expect')) }),
  },
  pipeline: { keys: ['lines', 'expect'], read: readPipeline },
  expectClose: {
    keys: ['timeoutMs'],
    read: (r, p) => {
      const timeoutMs = optional(r, 'timeoutMs', p, (v, q) => readMs(v, q));
      return timeoutMs === undefined ? { kind: 'expectClose' } : { kind: 'expectClose', timeoutMs };
    },
  },
  expectNoReply: {
    keys: ['ms', 'answers'],
    read: (r, p) => {
      const step = { kind: 'expectNoReply' as const, ms: readMs(r.ms, p.at('ms')) };
      const answers = optional(r, 'answers', p, (v, q) =>
        readArray(v, q, readString, { what: 'a list of names' }),
      );
      return answers === undefined ? step : { ...step, answers };
    },
  },
  startTls: {
    keys: ['expect', 'pipelined'],
    read: (r, p) => {
      const pipelined = optional(r, 'pipelined', p, (v, q) => readOctets(v, q));
      const step = withExpect({ kind: 'startTls' as const }, r, p);
      return pipelined === undefined ? step : { ...step, pipelined };
    },
  },
  pause: { keys: ['ms'], read: (r, p) => ({ kind: 'pause', ms: readMs(r.ms, p.at('ms'), 0) }) },
  message: {
    keys: ['content', 'expect', 'exceedAdvertisedSize'],
    read: (r, p) => {
      const exceed = optional(r, 'exceedAdvertisedSize', p, readBoolean);
      const step = withExpect(
        { kind: 'message' as const, content: readOctets(r.content, p.at('content')) },
        r,
        p,
      );
      return exceed === undefined ? step : { ...step, exceedAdvertisedSize: exceed };
    },
  },
  recipients: { keys: ['address', 'count', 'first', 'expect', 'hostile'], read: readRecipients },
  connection: {
    keys: ['index', 'expect'],
    read: (r, p) => {
      const index = readInteger(r.index, p.at('index'), 0, MAX_CONNECTIONS - 1, '');
      return withExpect({ kind: 'connection', index }, r, p);
    },
  },
  relayed: {
    keys: ['expect'],
    read: (r, p) => ({ kind: 'relayed', expect: readRelayExpectation(r.expect, p.at('expect')) }),
  },
};

const OUTCOMES = ['delivered', 'retried', 'bounced', 'not-bounced', 'stopped'] as const;

/** Validates what a `relayed` step expects the target to do with the submitted message. */
function readRelayExpectation(value: unknown, path: FieldPath): RelayExpectation {
  const r = readObject(value, path, ['outcome', 'checks', 'refusalPasses'], 'a relay expectation');
  const out: RelayExpectation = { outcome: readEnum(r.outcome, path.at('outcome'), OUTCOMES) };
  const checks = optional(r, 'checks', path, (v, q) =>
    readArray(v, q, (w, u) => readEnum(w, u, RELAY_CHECKS), { what: 'a list of checks' }),
  );
  if (checks !== undefined) out.checks = checks;
  const refusalPasses = optional(r, 'refusalPasses', path, readBoolean);
  if (refusalPasses !== undefined) out.refusalPasses = refusalPasses;
  return out;
}

function withExpect<S extends Step>(step: S, r: Record<string, unknown>, p: FieldPath): S {
  const expect = optional(r, 'expect', p, readExpectation);
  return expect === undefined ? step : { ...step, expect };
}

function readSend(r: Record<string, unknown>, p: FieldPath): Step {
  const line = readLine(r.line, p.at('line'));
  const noReply = optional(r, 'noReply', p, readBoolean);
  if (noReply === true && r.expect !== undefined) {
    p.at('expect').fail('a step with noReply: true reads no reply, so it cannot expect one');
  }
  const step = withExpect({ kind: 'send' as const, line }, r, p);
  return withHostile(noReply === undefined ? step : { ...step, noReply }, r, p);
}

function readSendRaw(r: Record<string, unknown>, p: FieldPath): Step {
  if ((r.bytes === undefined) === (r.parts === undefined)) {
    p.fail('a sendRaw step needs exactly one of bytes or parts');
  }
  const note = readString(r.note, p.at('note'));
  const base = { kind: 'sendRaw' as const, note };
  const bytes = optional(r, 'bytes', p, (v, q) => readOctets(v, q));
  const parts = optional(r, 'parts', p, (v, q) => readArray(v, q, (w, u) => readOctets(w, u)));
  const chop = optional(r, 'chop', p, (v, q) => readInteger(v, q, 1, MAX_CHOP, 'octets'));
  if (chop !== undefined && parts !== undefined) {
    p.at('chop').fail('chop cuts `bytes` into writes; `parts` are writes already');
  }
  const pauseMs = optional(r, 'pauseMs', p, (v, q) => readMs(v, q, 0));
  const step = withExpect(
    {
      ...base,
      ...(bytes === undefined ? {} : { bytes }),
      ...(parts ? { parts } : {}),
      ...(chop === undefined ? {} : { chop }),
    },
    r,
    p,
  );
  return withHostile(pauseMs === undefined ? step : { ...step, pauseMs }, r, p);
}

function withHostile<S extends Step>(step: S, r: Record<string, unknown>, p: FieldPath): S {
  const hostile = optional(r, 'hostile', p, readBoolean);
  return hostile === undefined ? step : { ...step, hostile };
}

function readRecipients(r: Record<string, unknown>, p: FieldPath): Step {
  const address = readLine(r.address, p.at('address'));
  if (/[<>\s]/.test(address)) {
    p.at('address').fail('the address goes between < and >, without them or spaces');
  }
  const count = readInteger(r.count, p.at('count'), 1, MAX_RECIPIENTS, '');
  const first = optional(r, 'first', p, (v, q) => readInteger(v, q, 0, 1_000_000, ''));
  const step = withExpect({ kind: 'recipients' as const, address, count }, r, p);
  return withHostile(first === undefined ? step : { ...step, first }, r, p);
}

function readPipeline(r: Record<string, unknown>, p: FieldPath): Step {
  const lines = readArray(r.lines, p.at('lines'), readLine, { what: 'a list of command lines' });
  const expect = readArray(r.expect, p.at('expect'), readExpectation, {
    what: 'a list of reply expectations',
  });
  if (expect.length !== lines.length) {
    p.at('expect').fail(
      `expected ${lines.length} expectations (one per line), got ${expect.length}`,
    );
  }
  return { kind: 'pipeline', lines, expect };
}

/** Reads one step. */
export function readStep(value: unknown, path: FieldPath): Step {
  const raw = readObject(value, path, 'any', 'a step object');
  const kind = readEnum(raw.kind, path.at('kind'), STEP_KINDS);
  const { keys, read } = READERS[kind];
  const record = readObject(value, path, ['kind', ...keys], 'a step object');
  return read(record, path);
}

/**
 * Where the greeting may be read: first (it is implicit otherwise), or after steps that
 * only send, which is the client talking before the greeting (RFC 5321 §4.3.1: the client
 * SHOULD wait for it). A step that reads a reply before the greeting would take the
 * greeting for its reply; a second greeting step would wait for a greeting never sent.
 */
export function checkGreetingPlace(steps: readonly Step[], path: FieldPath): void {
  const at = steps.findIndex((s) => s.kind === 'greeting');
  if (at === -1) return;
  const second = steps.findIndex((s, i) => i > at && s.kind === 'greeting');
  if (second !== -1) path.index(second).fail('a scenario reads the greeting only once');
  const reading = steps.slice(0, at).findIndex((s) => !onlySends(s));
  if (reading !== -1) {
    path
      .index(at)
      .fail(
        'a greeting step may only come first, or after steps that only send (the client talking before the greeting)',
      );
  }
}

/** A step that writes and reads nothing: it may come before the greeting. */
function onlySends(step: Step): boolean {
  if (step.kind === 'pause') return true;
  if (step.kind === 'send') return step.noReply === true;
  return step.kind === 'sendRaw' && step.expect === undefined;
}

/**
 * Static check that every reply the scenario reads can be judged: a step without `codes`
 * needs a table entry (RFC 5321 §4.3.2) for the command it follows. Mirrors the runner's
 * rule: inside mail data (after DATA) the end-of-data entry applies.
 */
export function checkJudgeable(steps: readonly Step[], path: FieldPath): void {
  let inData = false;
  // Each connection of the case is in mail data or not on its own (the `connection` step).
  const parked = new Map<number, boolean>();
  let current = 0;
  steps.forEach((step, i) => {
    const at = path.index(i);
    if (step.kind === 'connection') {
      parked.set(current, inData);
      current = step.index;
      inData = parked.get(current) ?? false;
    } else if (step.kind === 'send')
      inData = judgeLine(step.line, step.expect, !step.noReply, inData, at);
    else if (step.kind === 'recipients') inData = judgeLine('RCPT', step.expect, true, inData, at);
    else if (step.kind === 'sendRaw') {
      const text = step.bytes ?? step.parts?.join('') ?? '';
      inData = judgeLine(text, step.expect, step.expect !== undefined, inData, at);
    } else if (step.kind === 'pipeline') {
      for (const [j, line] of step.lines.entries()) {
        inData = judgeLine(line, step.expect[j], true, inData, at.at('lines').index(j));
      }
    } else if (step.kind === 'message' || step.kind === 'expectReply') inData = false;
  });
}

function judgeLine(
  text: string,
  expect: ReplyExpectation | undefined,
  readsReply: boolean,
  inData: boolean,
  path: FieldPath,
): boolean {
  if (inData) return !readsReply;
  const verb = tableVerbOf(text);
  if (readsReply && expect?.codes === undefined && verb === undefined) {
    const word = /^\S*/.exec(text)?.[0] ?? '';
    path.fail(`no RFC 5321 §4.3.2 table entry for ${show(word.slice(0, 20))}: give expect.codes`);
  }
  return verb === 'DATA' && readsReply;
}
