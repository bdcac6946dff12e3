/**
 * Validation of parsed `results.json` data into a `RunReport`. Each check names the field
 * by its path (`results[3].verdict`) so a bad file gives one clear line, never a crash
 * further down in merge or baseline code.
 */
import { ConfigError } from '../errors.ts';
import type {
  BaselineMark,
  CaseResult,
  CoverageReport,
  RunReport,
  SectionCoverage,
  Summary,
  TargetInfo,
} from './results.ts';
import type { Exploitability, Level, Verdict } from './types.ts';
import { VERDICTS } from './types.ts';

type Obj = Record<string, unknown>;

const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];
const EXPLOITABILITY: readonly Exploitability[] = [
  'exploitable-via-relay',
  'not-exploitable-via-relay',
];
const BASELINE_MARKS: readonly BaselineMark[] = ['known', 'new', 'fixed'];

/** A short, one-line description of a bad value for error messages. */
function got(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'got null';
  if (Array.isArray(value)) return 'got an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `got ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'got an object';
  return `got ${typeof value} ${String(value)}`;
}

function bad(path: string, expected: string, value: unknown): never {
  throw new ConfigError(`expected ${expected}, ${got(value)}`, path);
}

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    bad(path, 'an object', value);
  }
  return value as Obj;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') bad(`${path}${key}`, 'a string', v);
  return v;
}

function nonEmpty(o: Obj, key: string, path: string): string {
  const v = str(o, key, path);
  if (v === '') bad(`${path}${key}`, 'a non-empty string', v);
  return v;
}

function count(o: Obj, key: string, path: string, integer: boolean): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    bad(`${path}${key}`, integer ? 'a non-negative integer' : 'a non-negative number', v);
  }
  return v;
}

function bool(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') bad(`${path}${key}`, 'true or false', v);
  return v;
}

function strings(o: Obj, key: string, path: string, optional = false): string[] {
  const v = o[key];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) bad(`${path}${key}`, 'an array of strings', v);
  v.forEach((item, i) => {
    if (typeof item !== 'string') bad(`${path}${key}[${i}]`, 'a string', item);
  });
  return [...(v as string[])];
}

function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    bad(`${path}${key}`, `one of ${values.join(', ')}`, v);
  }
  return v as T;
}

function parseCase(value: unknown, path: string): CaseResult {
  const o = obj(value, path);
  const p = `${path}.`;
  const result: CaseResult = {
    id: nonEmpty(o, 'id', p),
    title: str(o, 'title', p),
    spec: str(o, 'spec', p),
    section: str(o, 'section', p),
    level: oneOf(o, 'level', p, LEVELS),
    verdict: oneOf<Verdict>(o, 'verdict', p, VERDICTS),
    message: str(o, 'message', p),
    durationMs: count(o, 'durationMs', p, false),
    transcript: str(o, 'transcript', p),
    requirements: strings(o, 'requirements', p, true),
    requirementText: strings(o, 'requirementText', p, true),
  };
  if (o.expected !== undefined) result.expected = strings(o, 'expected', p);
  if (o.actual !== undefined) result.actual = str(o, 'actual', p);
  if (o.exploitability !== undefined) {
    result.exploitability = oneOf(o, 'exploitability', p, EXPLOITABILITY);
  }
  if (o.baseline !== undefined) result.baseline = oneOf(o, 'baseline', p, BASELINE_MARKS);
  return result;
}

function parseResults(data: Obj): CaseResult[] {
  const list = data.results;
  if (!Array.isArray(list)) bad('results', 'an array', list);
  const seen = new Map<string, number>();
  return list.map((item, i) => {
    const result = parseCase(item, `results[${i}]`);
    const first = seen.get(result.id);
    // Ids are baseline keys: two results under one id would make a comparison ambiguous.
    if (first !== undefined) {
      throw new ConfigError(`duplicate of results[${first}].id`, `results[${i}].id`);
    }
    seen.set(result.id, i);
    return result;
  });
}

function parseSummary(data: Obj, results: readonly CaseResult[]): Summary {
  const o = obj(data.summary, 'summary');
  const summary = {} as Summary;
  for (const v of VERDICTS) {
    const n = count(o, v, 'summary.', true);
    const actual = results.filter((r) => r.verdict === v).length;
    if (n !== actual) {
      throw new ConfigError(`is ${n} but results hold ${actual} "${v}" verdicts`, `summary.${v}`);
    }
    summary[v] = n;
  }
  return summary;
}

function parseCoverage(value: unknown): CoverageReport {
  const o = obj(value, 'coverage');
  const sections = o.sections;
  if (!Array.isArray(sections)) bad('coverage.sections', 'an array', sections);
  const parsed = sections.map((item, i): SectionCoverage => {
    const path = `coverage.sections[${i}]`;
    const s = obj(item, path);
    const p = `${path}.`;
    return {
      spec: str(s, 'spec', p),
      section: str(s, 'section', p),
      covered: strings(s, 'covered', p),
      uncovered: strings(s, 'uncovered', p),
      untestable: strings(s, 'untestable', p),
      // Reports written before these lists existed lack them.
      delivery: strings(s, 'delivery', p, true),
      receiver: strings(s, 'receiver', p, true),
      weak: strings(s, 'weak', p, true),
    };
  });
  const t = obj(o.totals, 'coverage.totals');
  const p = 'coverage.totals.';
  return {
    sections: parsed,
    totals: {
      statements: count(t, 'statements', p, true),
      covered: count(t, 'covered', p, true),
      uncovered: count(t, 'uncovered', p, true),
      untestable: count(t, 'untestable', p, true),
      delivery: t.delivery === undefined ? 0 : count(t, 'delivery', p, true),
      receiver: t.receiver === undefined ? 0 : count(t, 'receiver', p, true),
      weak: t.weak === undefined ? 0 : count(t, 'weak', p, true),
    },
  };
}

function parseShardInfo(value: unknown): { index: number; count: number } {
  const o = obj(value, 'shard');
  const index = count(o, 'index', 'shard.', true);
  const total = count(o, 'count', 'shard.', true);
  if (total < 1 || index < 1 || index > total) {
    throw new ConfigError(`expected 1 <= index <= count, got ${index}/${total}`, 'shard');
  }
  return { index, count: total };
}

function parseStartedAt(data: Obj): string {
  const v = str(data, 'startedAt', '');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(Date.parse(v))) {
    bad('startedAt', 'an ISO-8601 date-time', v);
  }
  return v;
}

/**
 * Validates already-parsed JSON data as a `RunReport`.
 * @throws ConfigError naming the first bad field.
 */
export function parseRunReport(value: unknown): RunReport {
  const data = obj(value, 'results.json');
  const tool = obj(data.tool, 'tool');
  if (tool.name !== 'smtpspec') bad('tool.name', '"smtpspec"', tool.name);
  const version = str(tool, 'version', 'tool.');
  const t = obj(data.target, 'target');
  const target: TargetInfo = {
    address: str(t, 'address', 'target.'),
    greeting: str(t, 'greeting', 'target.'),
    ehlo: strings(t, 'ehlo', 'target.'),
  };
  if (t.image !== undefined) target.image = str(t, 'image', 'target.');
  if (t.containerLog !== undefined) target.containerLog = str(t, 'containerLog', 'target.');
  const startedAt = parseStartedAt(data);
  const durationMs = count(data, 'durationMs', '', false);
  const results = parseResults(data);
  const report: RunReport = {
    tool: { name: 'smtpspec', version },
    target,
    startedAt,
    durationMs,
    summary: parseSummary(data, results),
    results,
  };
  if (data.coverage !== undefined) report.coverage = parseCoverage(data.coverage);
  if (data.options !== undefined) {
    const o = obj(data.options, 'options');
    report.options = { strict: bool(o, 'strict', 'options.'), slow: bool(o, 'slow', 'options.') };
  }
  if (data.shard !== undefined) report.shard = parseShardInfo(data.shard);
  if (data.targetDown !== undefined) {
    const o = obj(data.targetDown, 'targetDown');
    report.targetDown = {
      since: str(o, 'since', 'targetDown.'),
      message: str(o, 'message', 'targetDown.'),
    };
  }
  if (data.interrupted !== undefined) {
    const o = obj(data.interrupted, 'interrupted');
    report.interrupted = {
      reason: str(o, 'reason', 'interrupted.'),
      selected: count(o, 'selected', 'interrupted.', true),
    };
  }
  if (data.baseline !== undefined) {
    const o = obj(data.baseline, 'baseline');
    const p = 'baseline.';
    report.baseline = {
      file: str(o, 'file', p),
      known: count(o, 'known', p, true),
      new: count(o, 'new', p, true),
      fixed: count(o, 'fixed', p, true),
    };
  }
  return report;
}

/**
 * Parses and validates the text of a `results.json` (for `smtpspec merge` and
 * `--baseline`). Unknown fields are ignored (newer writers may add some); the extension
 * lists `requirements` and `requirementText` default to empty when absent.
 *
 * @throws ConfigError naming the first bad field, e.g.
 *   `results[3].verdict: expected one of pass, fail, warn, info, skip, error, got "ok"`.
 */
export function readJsonReport(text: string): RunReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`results.json is not valid JSON: ${reason}`);
  }
  return parseRunReport(data);
}
