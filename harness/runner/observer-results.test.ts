import { describe, expect, it } from 'vitest';
import type { Observation } from '../judge/observers.ts';
import type { ObserverName, Scenario } from '../scenario/types.ts';
import { Transcript } from '../transcript/transcript.ts';
import type { CaseOutcome } from './case-runner.ts';
import { RunObservations } from './observer-results.ts';

const observer: Scenario & { observe: ObserverName } = {
  id: 'rfc5321/4.2.1/multiline-replies-one-code',
  title: 't',
  spec: 'RFC 5321',
  section: '4.2.1',
  level: 'MUST',
  requirements: ['R5321-4.2.1-f'],
  observe: 'multiline-same-code',
  steps: [{ kind: 'ehlo' }],
};

function own(verdict: CaseOutcome['verdict'] = 'pass'): CaseOutcome {
  return {
    verdict,
    message: 'as expected',
    transcript: new Transcript({ label: observer.id }),
    durationMs: 1,
    connectFailed: false,
  };
}

function seen(judged: number, messages: string[], grade?: 'warn'): Map<ObserverName, Observation> {
  const violations = messages.map((message) => (grade ? { message, grade } : { message }));
  return new Map([['multiline-same-code', { judged, violations, dropped: 0 }]]);
}

// Why these tests? An observer case's verdict is made from every other case's replies;
// a violation must show up under the observer's id, naming the case it came in.
describe('RunObservations', () => {
  it('fails the observer case for a violation seen in another case, naming that case', () => {
    const run = new RunObservations();
    run.add('rfc5321/4.1.1.9/noop', seen(3, ['reply to NOOP: line 2 has code 251']));
    run.add(observer.id, seen(1, []));
    const out = run.outcomeOf(observer, own());
    expect(out.verdict).toBe('fail');
    expect(out.message).toContain(
      'first in rfc5321/4.1.1.9/noop: reply to NOOP: line 2 has code 251',
    );
  });

  it('passes, with a count, when replies were seen and none broke the rule', () => {
    const run = new RunObservations();
    run.add('a/1/b', seen(4, []));
    expect(run.outcomeOf(observer, own())).toMatchObject({
      verdict: 'pass',
      message: '4 replies in 1 case(s) observed; none breaks the rule',
    });
  });

  it('skips when the run saw no reply the rule is about, and keeps its own skip or error', () => {
    expect(new RunObservations().outcomeOf(observer, own()).verdict).toBe('skip');
    const run = new RunObservations();
    run.add('a/1/b', seen(1, ['bad']));
    expect(run.outcomeOf(observer, own('error')).verdict).toBe('error');
  });

  it('grades SHOULD-level violations as warn', () => {
    const run = new RunObservations();
    run.add('a/1/b', seen(1, ['line 1 is 600 octets'], 'warn'));
    expect(run.outcomeOf(observer, own()).verdict).toBe('warn');
  });
});
