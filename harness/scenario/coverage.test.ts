import { describe, expect, it } from 'vitest';
import {
  compareSections,
  computeCoverage,
  renderCoverageText,
  unknownRequirementIds,
} from './coverage.ts';
import type { Requirement, Scenario } from './types.ts';

function req(id: string, section: string, testable: Requirement['testable']): Requirement {
  return { id, spec: 'RFC 5321', section, level: 'MUST', text: 't', binds: 'server', testable };
}

const register = [
  req('R-4.1.10-a', '4.1.10', 'wire'),
  req('R-4.1.4-a', '4.1.4', 'wire'),
  req('R-4.1.4-b', '4.1.4', 'wire'),
  req('R-4.1.4-c', '4.1.4', 'receiver'),
  req('R-4.1.9-a', '4.1.9', 'none'),
];
const scenarios = [{ id: 's', requirements: ['R-4.1.4-a', 'R-9'] } as Scenario];

describe('coverage', () => {
  it('sorts sections numerically', () => {
    expect(['4.1.10', '4.1.9', '4.1', '4.10', '4.2'].sort(compareSections)).toEqual([
      '4.1',
      '4.1.9',
      '4.1.10',
      '4.2',
      '4.10',
    ]);
  });

  it('splits each section into covered, uncovered and untestable', () => {
    const report = computeCoverage(register, scenarios);
    expect(report.sections.map((s) => s.section)).toEqual(['4.1.4', '4.1.9', '4.1.10']);
    expect(report.sections[0]).toEqual({
      spec: 'RFC 5321',
      section: '4.1.4',
      covered: ['R-4.1.4-a'],
      uncovered: ['R-4.1.4-b'],
      untestable: ['R-4.1.4-c'],
    });
    expect(report.totals).toEqual({ statements: 5, covered: 1, uncovered: 2, untestable: 2 });
    expect(renderCoverageText(report)).toContain('total: 5 statements, 1 covered');
  });

  it('lists requirement ids that the register lacks', () => {
    expect(unknownRequirementIds(register, scenarios)).toEqual(['s: R-9']);
  });
});
