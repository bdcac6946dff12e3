import { describe, expect, it } from 'vitest';
import { SCENARIO_ID } from '../scenario/validate.ts';
import type { Finding } from './campaign.ts';
import type { FailureKind } from './findings.ts';
import {
  renderFindingTranscript,
  reproducerFileName,
  reproducerGroup,
  scenarioIdOf,
  slugOf,
} from './reproducer.ts';

function finding(kind: FailureKind, message: string, overrides: Partial<Finding> = {}): Finding {
  return {
    kind,
    message,
    expected: [],
    actual: '',
    seed: -5,
    path: '3:1:0',
    commands: ['MAIL FROM:<a@b.test>'],
    lines: ['MAIL'],
    signature: `${kind} line MAIL in helo`,
    aliases: [],
    unshrunk: undefined,
    steps: [
      { kind: 'send', line: 'MAIL FROM:<a@b.test>', expect: { codes: ['2xx', '4xx', '5xx'] } },
    ],
    transcript: undefined,
    crashReport: undefined,
    exploitability: undefined,
    occurrences: 1,
    ...overrides,
  };
}

describe('reproducer ids', () => {
  it.each<[FailureKind, string, string]>([
    ['drop', 'reply to MAIL: connection closed by the server without a reply', 'drop-mail'],
    [
      'hang',
      'reply to end of mail data in 2 writes: no reply within 300 ms',
      'hang-end-of-mail-data',
    ],
    ['model', 'reply to RCPT (pipelined 1 of 2): expected 4xx or 5xx', 'model-rcpt'],
    [
      'smuggling',
      'reply to the NOOP after mail data: expected 2xx',
      'smuggling-noop-after-mail-data',
    ],
    [
      'crash',
      'after the client closed abruptly; then the server stopped accepting connections (a fresh connection failed: x)',
      'crash-after-the-client-closed-abruptly',
    ],
  ])('%s "%s" becomes %s', (kind, message, slug) => {
    const f = finding(kind, message);
    expect(slugOf(f)).toBe(slug);
    expect(scenarioIdOf(f)).toMatch(SCENARIO_ID);
    expect(scenarioIdOf(f)).toBe(`fuzz/${2 ** 32 - 5}/${slug}`);
    expect(reproducerFileName(f)).toBe(`${2 ** 32 - 5}-${slug}.json`);
  });
});

describe('reproducerGroup', () => {
  it('is a valid suite group whose scenario carries the recorded steps', () => {
    const f = finding('model', 'reply to RCPT: expected 4xx or 5xx, got 250');
    const group = reproducerGroup(f);
    expect(group.id).toBe(`fuzz/${2 ** 32 - 5}`);
    expect(group.title).toMatch(/seed 4294967291, path 3:1:0/);
    expect(group.scenarios).toHaveLength(1);
    expect(group.scenarios[0]?.steps).toEqual(f.steps);
    expect(group.scenarios[0]?.title).toMatch(/^model: reply to RCPT/);
  });

  it('adds a liveness case after a crash, and a greeting step when nothing was sent', () => {
    const group = reproducerGroup(
      finding('crash', 'after the client closed abruptly', { steps: [] }),
    );
    expect(group.scenarios.map((s) => s.id.split('/')[2])).toEqual([
      'crash-after-the-client-closed-abruptly',
      'crash-after-the-client-closed-abruptly-then-connect',
    ]);
    expect(group.scenarios[0]?.steps).toEqual([{ kind: 'greeting', expect: { codes: [220] } }]);
  });

  it('labels smuggling findings with their exploitability', () => {
    const f = finding('smuggling', 'reply to the NOOP after mail data: expected 2xx', {
      exploitability: 'not-exploitable-via-relay',
    });
    expect(reproducerGroup(f).scenarios[0]?.exploitability).toBe('not-exploitable-via-relay');
  });

  it('rejects steps the suite loader would reject (a bug in smtpspec, not a silent bad file)', () => {
    const f = finding('drop', 'reply to MAIL: x', { steps: [{ kind: 'send', line: 'A\r\nB' }] });
    expect(() => reproducerGroup(f)).toThrow(/CR or LF/);
  });
});

describe('renderFindingTranscript', () => {
  it('starts with the summary, seed, path, signature, replay command with its target and the lines', () => {
    const replay = 'smtpspec replay /x/r.json --target 127.0.0.1:2525';
    const text = renderFindingTranscript(finding('drop', 'reply to MAIL: closed'), replay);
    expect(text.split('\n').slice(0, 6)).toEqual([
      '# smtpspec fuzz finding: drop: reply to MAIL: closed',
      '# seed 4294967291, counterexample path 3:1:0; signature: drop line MAIL in helo',
      '# replay: smtpspec replay /x/r.json --target 127.0.0.1:2525',
      '# 1 SMTP line: MAIL',
      '# sequence:',
      '#   1. MAIL FROM:<a@b.test>',
    ]);
  });

  it('says when the sequence is not shrunk, and why', () => {
    const why = 'the target stopped accepting connections and could not be restarted';
    const text = renderFindingTranscript(
      finding('crash', 'reply to MAIL: x', { unshrunk: why }),
      'r',
    );
    expect(text).toContain(`# not shrunk: ${why}`);
  });
});
