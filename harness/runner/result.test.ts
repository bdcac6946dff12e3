import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { Transcript } from '../transcript/transcript.ts';
import type { CaseOutcome } from './case-runner.ts';
import { toCaseResult } from './result.ts';

const scenario: Scenario = {
  id: 'rfc5321/4.1.1.4/lf-dot-lf',
  title: 'LF.LF does not end data',
  spec: 'RFC 5321',
  section: '4.1.1.4',
  level: 'MUST',
  requirements: ['R-a', 'R-b'],
  exploitability: 'exploitable-via-relay',
  steps: [{ kind: 'ehlo' }],
};

function outcome(verdict: CaseOutcome['verdict']): CaseOutcome {
  return {
    verdict,
    message: 'm',
    transcript: new Transcript(),
    durationMs: 3,
    connectFailed: false,
  };
}

describe('toCaseResult', () => {
  it('labels a finding of an exploitability case, and resolves requirement texts', () => {
    const r = toCaseResult(scenario, outcome('fail'), new Map([['R-a', 'quoted a']]));
    expect(r.message).toBe('m [finding: non-conformant, and exploitable via a conformant relay]');
    expect(r.requirementText).toEqual(['quoted a', '']);
    expect(r.transcript).toBe('transcripts/rfc5321/4.1.1.4/lf-dot-lf.txt');
    expect(r.exploitability).toBe('exploitable-via-relay');
  });

  it('leaves passes, skips and errors unlabelled', () => {
    for (const verdict of ['pass', 'skip', 'error'] as const) {
      expect(toCaseResult(scenario, outcome(verdict), new Map()).message).toBe('m');
    }
    const other = { ...scenario, exploitability: 'not-exploitable-via-relay' as const };
    expect(toCaseResult(other, outcome('warn'), new Map()).message).toContain(
      'non-conformant only; not exploitable via a conformant relay',
    );
  });
});
