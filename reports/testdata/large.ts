/**
 * A large synthetic run for the report benchmark (bench/report-open.ts): `n` cases over
 * four specs and sections of about twelve cases, every verdict represented, each case
 * with a transcript of a typical length (a greeting, EHLO with twelve keywords, a
 * transaction), so the page weighs what a real report of that size would.
 */
import type { CaseResult, RunReport } from '../../harness/scenario/results.ts';
import { summarise } from '../../harness/scenario/results.ts';
import type { Level, Verdict } from '../../harness/scenario/types.ts';

const SPECS = ['RFC 5321', 'RFC 3207', 'RFC 6531', 'RFC 3030'];
const VERDICT_CYCLE: Verdict[] = [
  'pass',
  'pass',
  'pass',
  'pass',
  'pass',
  'pass',
  'skip',
  'warn',
  'pass',
  'info',
  'fail',
  'pass',
  'error',
];
const LEVELS: Level[] = ['MUST', 'MUST', 'SHOULD', 'MAY'];

function transcript(id: string): string {
  const keywords = [
    'PIPELINING',
    'SIZE 10485760',
    '8BITMIME',
    'ENHANCEDSTATUSCODES',
    'SMTPUTF8',
    'CHUNKING',
    'BINARYMIME',
    'DSN',
    'VRFY',
    'EXPN',
    'HELP',
    'STARTTLS',
  ];
  const lines = [
    `# ${id}  target 127.0.0.1:2525  2026-11-28T16:00:00.000Z`,
    '[   0.000] connect 127.0.0.1:2525',
    '[   0.002] S: 220 mx.smtpspec.test ESMTP smtpspec reference MTA ready\\r\\n',
    '[   0.003] C: EHLO client.smtpspec.test\\r\\n',
    '[   0.004] S: 250-mx.smtpspec.test Hello client.smtpspec.test\\r\\n',
    ...keywords.map(
      (k, i) => `[   0.004] S: 250${i === keywords.length - 1 ? ' ' : '-'}${k}\\r\\n`,
    ),
    '[   0.005] C: MAIL FROM:<sender@client.smtpspec.test>\\r\\n',
    '[   0.006] S: 250 2.1.0 Ok\\r\\n',
    '[   0.007] C: RCPT TO:<alice@smtpspec.test>\\r\\n',
    '[   0.008] S: 250 2.1.5 Ok\\r\\n',
    '[   0.009] C: QUIT\\r\\n',
    '[   0.010] S: 221 2.0.0 Bye\\r\\n',
    '[   0.011] close by server',
  ];
  return `${lines.join('\n')}\n`;
}

/** A run of `n` cases and the transcript of each, by id. */
export function largeReport(n: number): { report: RunReport; transcripts: Map<string, string> } {
  const results: CaseResult[] = [];
  const transcripts = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    // Each spec gets a quarter of the cases, each of its sections twelve in a row.
    const j = i % Math.ceil(n / SPECS.length);
    const spec = SPECS[Math.floor(i / Math.ceil(n / SPECS.length))] ?? 'RFC 5321';
    const section = `${1 + Math.floor(j / 120)}.${1 + (Math.floor(j / 12) % 10)}`;
    const id = `${spec.replace(' ', '').toLowerCase()}/${section}/case-${i}`;
    const verdict = VERDICT_CYCLE[i % VERDICT_CYCLE.length] ?? 'pass';
    const problem = verdict === 'fail' || verdict === 'warn' || verdict === 'error';
    results.push({
      id,
      title: `Synthetic case ${i}: a command and the reply the RFC allows`,
      spec,
      section,
      level: LEVELS[i % LEVELS.length] ?? 'MUST',
      verdict,
      message: problem
        ? `reply to RCPT TO:<alice@smtpspec.test>: expected 503, got 250 (case ${i})`
        : '250 2.1.5 Ok',
      durationMs: 3 + (i % 17),
      transcript: `transcripts/${id}.txt`,
      requirements: [`R${spec.slice(4)}-${section}-a`],
      requirementText: ['The MAIL command ... MUST precede RCPT'],
      ...(problem ? { expected: ['503 (RFC 5321 §4.1.4)'], actual: '250 2.1.5 Ok' } : {}),
    });
    transcripts.set(id, transcript(id));
  }
  return {
    report: {
      tool: { name: 'smtpspec', version: '0.1.0' },
      target: {
        address: '127.0.0.1:2525',
        greeting: '220 mx.smtpspec.test ESMTP',
        ehlo: ['PIPELINING'],
      },
      startedAt: '2026-11-28T16:00:00.000Z',
      durationMs: 60_000,
      summary: summarise(results),
      results,
      options: { strict: false, slow: false },
    },
    transcripts,
  };
}
