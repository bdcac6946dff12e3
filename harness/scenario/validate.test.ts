import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { FieldPath } from './fields.ts';
import { readRequirement, readScenario, readSuiteDocument } from './validate.ts';

function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'rfc5321/4.1.4/rcpt-before-mail',
    title: 'RCPT before MAIL is refused',
    spec: 'RFC 5321',
    section: '4.1.4',
    level: 'MUST',
    requirements: ['R5321-4.1.4-a'],
    steps: [
      { kind: 'ehlo' },
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [503], because: 'x' } },
    ],
    ...overrides,
  };
}

function errorOf(fn: () => unknown): { code: string; message: string; field?: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; field?: string };
  }
  throw new Error('expected a ConfigError');
}

describe('readScenario', () => {
  it('accepts a well-formed scenario and keeps its fields', () => {
    const s = readScenario(scenario({ slow: true, timeoutMs: 1000 }), new FieldPath(''));
    expect(s.id).toBe('rfc5321/4.1.4/rcpt-before-mail');
    expect(s.steps).toHaveLength(2);
    expect(s.slow).toBe(true);
    expect(s.timeoutMs).toBe(1000);
  });

  // Why this test? A user suite with a typo must fail at load time naming the exact field,
  // not as a confusing verdict later.
  it.each([
    [
      'bad code pattern',
      { steps: [{ kind: 'send', line: 'NOOP', expect: { codes: ['2x'] } }] },
      'steps[0].expect.codes[0]: expected a code like 250 or \'5xx\', got "2x"',
    ],
    ['bad id', { id: 'RFC5321/x' }, 'id: expected an id like'],
    ['id section differs', { id: 'rfc5321/4.1.1/x' }, "id: the id's middle part must be"],
    ['unknown level', { level: 'MUST NOT' }, "level: expected one of 'MUST', 'SHOULD', 'MAY'"],
    ['unknown field', { extra: 1 }, 'extra: unknown field'],
    ['no steps', { steps: [] }, 'steps: expected a list of steps, got []'],
    [
      'unknown step kind',
      { steps: [{ kind: 'wait' }] },
      "steps[0].kind: expected one of 'greeting'",
    ],
    [
      'step typo',
      { steps: [{ kind: 'send', line: 'NOOP', expcet: {} }] },
      'steps[0].expcet: unknown field',
    ],
    [
      'CR in line',
      { steps: [{ kind: 'send', line: 'NOOP\r' }] },
      'steps[0].line: a command line must not contain CR or LF',
    ],
    [
      'unknown template',
      { steps: [{ kind: 'send', line: 'RCPT TO:<{{rcpt3}}>' }] },
      'steps[0].line: unknown template variable {{rcpt3}}',
    ],
    [
      'non-octet raw',
      { steps: [{ kind: 'sendRaw', bytes: 'a\u263a', note: 'x' }] },
      'steps[0].bytes: character U+263A at offset 1',
    ],
    [
      'raw both',
      { steps: [{ kind: 'sendRaw', bytes: 'a', parts: ['b'], note: 'x' }] },
      'steps[0]: a sendRaw step needs exactly one of bytes or parts',
    ],
    [
      'chop with parts',
      { steps: [{ kind: 'sendRaw', parts: ['a', 'b'], chop: 1, note: 'x' }] },
      'steps[0].chop: chop cuts `bytes` into writes',
    ],
    [
      'chop zero',
      { steps: [{ kind: 'sendRaw', bytes: 'NOOP\r\n', chop: 0, note: 'x' }] },
      'steps[0].chop: expected an integer from 1 to 65536 octets, got 0',
    ],
    [
      'raw no note',
      { steps: [{ kind: 'sendRaw', bytes: 'a' }] },
      'steps[0].note: expected a non-empty string',
    ],
    [
      'pipeline mismatch',
      { steps: [{ kind: 'pipeline', lines: ['NOOP', 'NOOP'], expect: [{}] }] },
      'steps[0].expect: expected 2 expectations',
    ],
    [
      'late greeting',
      { steps: [{ kind: 'ehlo' }, { kind: 'greeting' }] },
      'steps[1]: a greeting step may only come first, or after steps that only send',
    ],
    [
      'greeting after a step that reads',
      {
        steps: [
          { kind: 'sendRaw', bytes: 'NOOP\r\n', note: 'x', expect: {} },
          { kind: 'greeting' },
        ],
      },
      'steps[1]: a greeting step may only come first, or after steps that only send',
    ],
    [
      'two greetings',
      { steps: [{ kind: 'greeting' }, { kind: 'send', line: 'NOOP' }, { kind: 'greeting' }] },
      'steps[2]: a scenario reads the greeting only once',
    ],
    [
      'negative pause',
      { steps: [{ kind: 'pause', ms: -1 }] },
      'steps[0].ms: expected an integer from 0 to 600000 ms, got -1',
    ],
    [
      'bad enhanced',
      { steps: [{ kind: 'send', line: 'NOOP', expect: { enhanced: '5.5' } }] },
      "steps[0].expect.enhanced: expected an enhanced code like '5.5.x'",
    ],
    [
      'noReply with expect',
      { steps: [{ kind: 'send', line: 'NOOP', noReply: true, expect: {} }] },
      'steps[0].expect: a step with noReply',
    ],
    [
      'unjudgeable verb',
      { steps: [{ kind: 'send', line: 'XCLIENT NAME=x' }] },
      'steps[0]: no RFC 5321 §4.3.2 table entry for "XCLIENT": give expect.codes',
    ],
    [
      'connection index out of range',
      { steps: [{ kind: 'connection', index: 4 }] },
      'steps[0].index: expected an integer from 0 to 3, got 4',
    ],
    [
      'connection without index',
      { steps: [{ kind: 'connection' }] },
      'steps[0].index: expected an integer from 0 to 3',
    ],
    [
      // Mail data is per connection: a second connection is not in DATA because the first is.
      'data line on a connection that is not in mail data',
      {
        steps: [
          { kind: 'send', line: 'DATA' },
          { kind: 'connection', index: 1 },
          { kind: 'send', line: 'Subject: x' },
        ],
      },
      'steps[2]: no RFC 5321 §4.3.2 table entry for "Subject:"',
    ],
    [
      'recipients without count',
      { steps: [{ kind: 'recipients', address: 'u{n}@x.test' }] },
      'steps[0].count: expected an integer from 1 to 1000',
    ],
    [
      'recipients over the bound',
      { steps: [{ kind: 'recipients', address: 'u{n}@x.test', count: 1001 }] },
      'steps[0].count: expected an integer from 1 to 1000, got 1001',
    ],
    [
      'recipients address in brackets',
      { steps: [{ kind: 'recipients', address: '<u{n}@x.test>', count: 2 }] },
      'steps[0].address: the address goes between < and >',
    ],
    [
      'bad exploitability',
      { exploitability: 'yes' },
      "exploitability: expected one of 'exploitable-via-relay'",
    ],
    [
      'bad precondition keyword',
      { preconditions: { ehlo: ['PIPE LINING'] } },
      'preconditions.ehlo[0]: expected an EHLO keyword',
    ],
  ])('%s', (_name, overrides, message) => {
    const err = errorOf(() => readScenario(scenario(overrides), new FieldPath('')));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message).toContain(message);
  });

  it('accepts a greeting read after steps that only send (an early talker)', () => {
    const steps = [
      { kind: 'send', line: 'NOOP', noReply: true },
      { kind: 'sendRaw', bytes: 'NOOP\r\n', note: 'x' },
      { kind: 'pause', ms: 0 },
      { kind: 'greeting', expect: { role: 'check', codes: [220, 554] } },
      { kind: 'expectReply', expect: { codes: [250] } },
    ];
    const s = readScenario(scenario({ steps }), new FieldPath(''));
    expect(s.steps.map((step) => step.kind)).toEqual([
      'send',
      'sendRaw',
      'pause',
      'greeting',
      'expectReply',
    ]);
  });

  it('reads an EHLO keyword with its parameters, and a message that exceeds the advertised SIZE', () => {
    const steps = [
      { kind: 'ehlo', requires: ['SIZE 0', 'PIPELINING'] },
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      { kind: 'message', content: 'x\r\n', exceedAdvertisedSize: true },
    ];
    const s = readScenario(scenario({ steps }), new FieldPath(''));
    expect(s.steps[0]).toEqual({ kind: 'ehlo', requires: ['SIZE 0', 'PIPELINING'] });
    expect(s.steps[2]).toEqual({ kind: 'message', content: 'x\r\n', exceedAdvertisedSize: true });
    const bad = [{ kind: 'ehlo', requires: ['SIZE  0'] }];
    expect(
      errorOf(() => readScenario(scenario({ steps: bad }), new FieldPath(''))).message,
    ).toContain('steps[0].requires[0]');
  });

  it('accepts data lines after DATA without codes (judged by the end-of-data entry)', () => {
    const steps = [
      { kind: 'send', line: 'DATA' },
      { kind: 'send', line: 'Subject: x', noReply: true },
      { kind: 'send', line: '.' },
    ];
    expect(() => readScenario(scenario({ steps }), new FieldPath(''))).not.toThrow();
  });

  it('keeps mail data per connection: a data line after switching back needs no codes', () => {
    const steps = [
      { kind: 'send', line: 'DATA' },
      { kind: 'connection', index: 1, expect: { codes: [220], role: 'check' } },
      { kind: 'send', line: 'NOOP' },
      { kind: 'connection', index: 0 },
      { kind: 'send', line: 'Subject: x', noReply: true },
      { kind: 'send', line: '.' },
    ];
    const s = readScenario(scenario({ steps }), new FieldPath(''));
    expect(s.steps[1]).toEqual({
      kind: 'connection',
      index: 1,
      expect: { codes: [220], role: 'check' },
    });
  });

  it('reads a recipients step with its numbering and expectation', () => {
    const steps = [
      { kind: 'recipients', address: '{{rcptPattern}}', count: 100, first: 2, expect: {} },
    ];
    const s = readScenario(scenario({ steps }), new FieldPath(''));
    expect(s.steps[0]).toEqual({
      kind: 'recipients',
      address: '{{rcptPattern}}',
      count: 100,
      first: 2,
      expect: {},
    });
  });

  it('prefixes the origin and the position in the document', () => {
    const doc = { id: 'mine', title: 'Mine', scenarios: [scenario(), scenario({ level: 'x' })] };
    const err = errorOf(() => readSuiteDocument(doc, 'my.yaml', 'file/my'));
    expect(err.message).toMatch(/^my\.yaml: scenarios\[1\]\.level: expected one of/);
  });

  it('reads a bare list of scenarios under the fallback group id', () => {
    const group = readSuiteDocument([scenario()], 'my.json', 'file/my');
    expect(group.id).toBe('file/my');
    expect(group.scenarios[0]?.id).toBe('rfc5321/4.1.4/rcpt-before-mail');
  });

  it('rejects a document that is neither a group nor a list', () => {
    const err = errorOf(() => readSuiteDocument('text', 'my.json', 'file/my'));
    expect(err.message).toBe(
      'my.json: (top level): expected a scenario group object or a list of scenarios, got "text"',
    );
  });
});

describe('group defaults', () => {
  const { spec, section, ...bare } = scenario();
  const needs = { ehlo: ['SIZE'] };

  function group(fields: Record<string, unknown>, scenarios: unknown[]) {
    return { id: 'rfc5321/4.1.4', title: 'Order', ...fields, scenarios };
  }

  it('gives spec, section and preconditions to scenarios that have none, as if written out', () => {
    const doc = group({ spec, section, preconditions: needs }, [bare]);
    const [inherited] = readSuiteDocument(doc, 'g', 'file/g').scenarios;
    const [explicit] = readSuiteDocument(
      group({}, [{ ...scenario(), preconditions: needs }]),
      'g',
      'file/g',
    ).scenarios;
    // Same fields in the same order: the loaded data (and list --json) cannot tell them apart.
    expect(JSON.stringify(inherited)).toBe(JSON.stringify(explicit));
  });

  it("keeps a scenario's own values, and its preconditions replace the group's whole", () => {
    const own = {
      ...scenario({ id: 'rfc1870/6.1/x', spec: 'RFC 1870', section: '6.1' }),
      preconditions: { tls: true },
    };
    const doc = group({ spec, section, preconditions: needs }, [own, bare]);
    const [first, second] = readSuiteDocument(doc, 'g', 'file/g').scenarios;
    expect(first).toMatchObject({ spec: 'RFC 1870', section: '6.1', preconditions: { tls: true } });
    expect(first?.preconditions).not.toHaveProperty('ehlo');
    expect(second).toMatchObject({ spec, section, preconditions: needs });
  });

  it('gives every scenario its own copy of the preconditions', () => {
    const doc = group({ spec, section, preconditions: needs }, [bare, bare]);
    const [a, b] = readSuiteDocument(doc, 'g', 'file/g').scenarios;
    a?.preconditions?.ehlo?.push('PIPELINING');
    expect(b?.preconditions).toEqual(needs);
  });

  it.each([
    ['spec', { section }, 'g: scenarios[0].spec: expected a non-empty string, got nothing'],
    ['section', { spec }, "g: scenarios[0].section: expected a section number like '4.1.4'"],
  ])('names the field when neither the scenario nor the group gives %s', (_f, fields, msg) => {
    const err = errorOf(() => readSuiteDocument(group(fields, [bare]), 'g', 'file/g'));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message.startsWith(msg)).toBe(true);
  });

  it.each([
    ['a bad group section', { spec, section: '4 1' }, 'g: section: expected a section number'],
    [
      'bad group preconditions',
      { spec, section, preconditions: { ehlo: 'SIZE' } },
      'g: preconditions.ehlo: expected a list',
    ],
    ['an unknown group field', { spec, section, level: 'MUST' }, 'g: level: unknown field'],
  ])('rejects %s at the group', (_what, fields, msg) => {
    const err = errorOf(() => readSuiteDocument(group(fields, [bare]), 'g', 'file/g'));
    expect(err.message.startsWith(msg)).toBe(true);
  });

  it('does not take a null in the scenario for absence', () => {
    const doc = group({ spec, section }, [{ ...bare, spec: null }]);
    const err = errorOf(() => readSuiteDocument(doc, 'g', 'file/g'));
    expect(err.message).toBe('g: scenarios[0].spec: expected a non-empty string, got null');
  });

  it("checks an inherited section against the scenario's id", () => {
    const doc = group({ spec, section: '4.1.5' }, [bare]);
    const err = errorOf(() => readSuiteDocument(doc, 'g', 'file/g'));
    expect(err.message).toContain(
      "scenarios[0].id: the id's middle part must be the section '4.1.5'",
    );
  });
});

describe('readRequirement', () => {
  const req = {
    id: 'R5321-4.1.4-a',
    spec: 'RFC 5321',
    section: '4.1.4',
    level: 'MUST',
    text: 'quoted',
    binds: 'server',
    testable: 'wire',
  };

  it('accepts a requirement', () => {
    expect(readRequirement(req, new FieldPath('r')).id).toBe('R5321-4.1.4-a');
  });

  it('requires a reason for untestable requirements', () => {
    const err = errorOf(() => readRequirement({ ...req, testable: 'none' }, new FieldPath('r')));
    expect(err.message).toBe("r: reason: required when testable is 'none'");
  });
});

describe('relay-through scenarios', () => {
  const relayed = { kind: 'relayed', expect: { outcome: 'delivered', checks: ['content'] } };
  const mail = { kind: 'send', line: 'MAIL FROM:<S-{{relayToken}}@{{relayDomain}}>' };

  it('accepts a relay case with a sink script and a relayed step last', () => {
    const s = readScenario(
      scenario({
        relay: { sink: { rcpt: { code: 450, enhanced: '4.2.1', text: 'later', attempts: 1 } } },
        steps: [{ kind: 'ehlo' }, mail, relayed],
      }),
      new FieldPath(''),
    );
    expect(s.relay?.sink?.rcpt).toEqual({
      code: 450,
      enhanced: '4.2.1',
      text: 'later',
      attempts: 1,
    });
    expect(s.steps.at(-1)).toEqual(relayed);
  });

  it.each([
    [
      { steps: [{ kind: 'ehlo' }, relayed] },
      'steps[1]: a relayed step needs relay on the scenario',
    ],
    [{ steps: [{ kind: 'ehlo' }, mail] }, 'is only for relay-through cases'],
    [
      { relay: {}, steps: [{ kind: 'ehlo' }, mail] },
      'steps: a relay-through case ends with a relayed step',
    ],
    [
      { relay: {}, steps: [{ kind: 'relayed', expect: { outcome: 'lost' } }] },
      'steps[0].expect.outcome',
    ],
    [
      {
        relay: {},
        steps: [{ kind: 'relayed', expect: { outcome: 'delivered', checks: ['colour'] } }],
      },
      'steps[0].expect.checks[0]',
    ],
    [
      { relay: { sink: { rcpt: { code: 450, text: 'caf\u00e9' } } }, steps: [relayed] },
      'relay.sink.rcpt.text',
    ],
    [{ relay: { sink: { helo: {} } }, steps: [relayed] }, 'relay.sink'],
  ])('rejects %j naming the field', (overrides, message) => {
    const err = errorOf(() => readScenario(scenario(overrides), new FieldPath('')));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message).toContain(message);
  });
});
