// Why this test? The state matrix claims every command × state cell is accounted for: a
// case, an existing case that sends the same exchange, or a reason. A covering id that was
// renamed or removed would leave a hole nobody sees, so each one must name a loaded case.
import { describe, expect, it } from 'vitest';
import { collectScenarios, loadBuiltInGroups } from '../harness/scenario/load.ts';
import { casesOf, matrixId, STATE_KEYS } from './_state-matrix.ts';
import { ROWS as BDAT } from './rfc3030/2-state-matrix.ts';
import { ROWS as STARTTLS } from './rfc3207/4.2-state-matrix.ts';
import { ROWS as AUTH } from './rfc4954/4-state-matrix.ts';
import { ROWS as RFC5321 } from './rfc5321/4.1.4-state-matrix.ts';

const rows = [...RFC5321, ...STARTTLS, ...AUTH, ...BDAT];
const loaded = new Map(collectScenarios(await loadBuiltInGroups()).map((s) => [s.id, s]));
const generated = rows.flatMap((row) =>
  STATE_KEYS.flatMap((state) => casesOf(row.cells[state]).map((c) => matrixId(row, state, c))),
);

describe('command × state matrix', () => {
  it('has a row for each of the fourteen commands, and a cell for each of the eight states', () => {
    expect(rows.map((r) => r.verb).sort()).toEqual(
      ['AUTH', 'BDAT', 'DATA', 'EHLO', 'EXPN', 'HELO', 'HELP', 'MAIL', 'NOOP', 'QUIT', 'RCPT']
        .concat(['RSET', 'STARTTLS', 'VRFY'])
        .sort(),
    );
    for (const row of rows) expect(Object.keys(row.cells).sort()).toEqual([...STATE_KEYS].sort());
  });

  it('loads every generated case, each id once', () => {
    expect(new Set(generated).size).toBe(generated.length);
    expect(generated.filter((id) => !loaded.has(id))).toEqual([]);
  });

  it('names, for each covered cell, an existing case outside the matrix', () => {
    const covering = rows.flatMap((row) =>
      Object.values(row.cells).flatMap((cell) => ('covered' in cell ? [cell.covered] : [])),
    );
    expect(covering.filter((id) => !loaded.has(id) || generated.includes(id))).toEqual([]);
  });

  it('gives a reason for each cell it leaves out', () => {
    const reasons = rows.flatMap((row) =>
      Object.values(row.cells).flatMap((cell) => ('skip' in cell ? [cell.skip] : [])),
    );
    expect(reasons.every((r) => r.length > 20)).toBe(true);
  });
});
