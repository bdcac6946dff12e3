import { describe, expect, it } from 'vitest';
import {
  compareSections,
  computeCoverage,
  renderCoverageText,
  unknownRequirementIds,
} from './coverage.ts';
import type { Requirement, Scenario } from './types.ts';

function req(
  id: string,
  section: string,
  testable: Requirement['testable'],
  level: Requirement['level'] = 'MUST',
): Requirement {
  return { id, spec: 'RFC 5321', section, level, text: 't', binds: 'server', testable };
}

const register = [
  req('R-4.1.10-a', '4.1.10', 'wire'),
  req('R-4.1.4-a', '4.1.4', 'wire'),
  req('R-4.1.4-b', '4.1.4', 'wire'),
  req('R-4.1.4-c', '4.1.4', 'receiver'),
  req('R-4.1.4-d', '4.1.4', 'delivery'),
  req('R-4.1.4-e', '4.1.4', 'wire'),
  req('R-4.1.4-f', '4.1.4', 'wire', 'SHOULD'),
  req('R-4.1.9-a', '4.1.9', 'none'),
];
const scenarios = [
  { id: 's', level: 'MUST', requirements: ['R-4.1.4-a', 'R-9'] },
  // A MAY case reports, it cannot fail: citing a MUST does not cover it.
  { id: 'm', level: 'MAY', requirements: ['R-4.1.4-e', 'R-4.1.4-d'] },
  { id: 'w', level: 'SHOULD', requirements: ['R-4.1.4-f'] },
] as Scenario[];

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

  it('splits each section by who could see what no case can fail on yet', () => {
    const report = computeCoverage(register, scenarios);
    expect(report.sections.map((s) => s.section)).toEqual(['4.1.4', '4.1.9', '4.1.10']);
    expect(report.sections[0]).toEqual({
      spec: 'RFC 5321',
      section: '4.1.4',
      covered: ['R-4.1.4-a', 'R-4.1.4-f'],
      uncovered: ['R-4.1.4-b', 'R-4.1.4-e'],
      untestable: [],
      delivery: ['R-4.1.4-d'],
      receiver: ['R-4.1.4-c'],
      weak: ['R-4.1.4-d', 'R-4.1.4-e'],
    });
    expect(report.totals).toEqual({
      statements: 8,
      covered: 2,
      uncovered: 3,
      untestable: 1,
      delivery: 1,
      receiver: 1,
      weak: 2,
    });
    const text = renderCoverageText(report);
    expect(text).toContain('total: 8 statements, 2 covered, 3 wire-testable uncovered');
    expect(text).toContain('cited, but no citing case can fail on: R-4.1.4-d, R-4.1.4-e');
  });

  it('lists requirement ids that the register lacks', () => {
    expect(unknownRequirementIds(register, scenarios)).toEqual(['s: R-9']);
  });
});
