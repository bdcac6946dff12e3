/**
 * Fixed reports for the renderer tests: a small one with every verdict (golden files) and
 * a hostile one whose text carries bytes that break naive XML, HTML and terminal output.
 */
import type { CaseResult, RunReport } from '../../harness/scenario/results.ts';
import { summarise } from '../../harness/scenario/results.ts';

function result(partial: Partial<CaseResult> & Pick<CaseResult, 'id' | 'verdict'>): CaseResult {
  const [spec = '', section = ''] = partial.id.split('/');
  return {
    title: `title of ${partial.id}`,
    spec: spec.replace(/^rfc/, 'RFC '),
    section,
    level: 'MUST',
    message: '',
    durationMs: 1,
    transcript: `transcripts/${partial.id}.txt`,
    requirements: [],
    requirementText: [],
    ...partial,
  };
}

/** A small report with one case per verdict over three sections, fixed times. */
export function sampleReport(): RunReport {
  const results: CaseResult[] = [
    result({
      id: 'rfc5321/4.1.4/rcpt-before-mail',
      title: 'RCPT before MAIL is rejected',
      verdict: 'pass',
      message: '503 5.5.1 Bad sequence of commands',
      durationMs: 3,
      requirements: ['R5321-4.1.4-a'],
      requirementText: ['The MAIL command ... MUST precede RCPT'],
    }),
    result({
      id: 'rfc5321/4.1.1.4/bare-lf-dot',
      title: 'Bare LF dot LF does not end DATA',
      verdict: 'fail',
      message: 'expected no end of data, got 250',
      durationMs: 12.3456,
      requirements: ['R5321-4.1.1.4-a'],
      requirementText: ['SMTP server systems MUST NOT do this'],
      expected: ['no reply within 2000 ms', '421 and close'],
      actual: '250 2.0.0 Ok: queued',
      exploitability: 'not-exploitable-via-relay',
    }),
    result({
      id: 'rfc5321/4.1.1.4/no-reply',
      title: 'Server answers DATA end',
      verdict: 'error',
      message: 'could not connect: ECONNREFUSED',
      durationMs: 0,
    }),
    result({
      id: 'rfc5321/4.5.3.1/long-line',
      title: 'Long command line',
      level: 'SHOULD',
      verdict: 'warn',
      message: 'accepted a 1200-octet line',
      durationMs: 1500,
      requirements: ['R5321-4.5.3.1.4-a'],
      requirementText: ['The maximum total length of a command line ... is 512 octets'],
      expected: ['500'],
      actual: '250 OK',
    }),
    result({
      id: 'rfc5321/4.5.3.1/vrfy-choice',
      title: 'VRFY behaviour',
      level: 'MAY',
      verdict: 'info',
      message: 'VRFY answered 252',
    }),
    result({
      id: 'rfc3207/4/starttls',
      title: 'STARTTLS offered',
      verdict: 'skip',
      message: 'STARTTLS not advertised',
      transcript: '',
    }),
  ];
  return {
    tool: { name: 'smtpspec', version: '0.1.0' },
    target: {
      address: '127.0.0.1:2525',
      greeting: '220 mx.example ESMTP',
      ehlo: ['PIPELINING', 'SIZE 10485760'],
    },
    startedAt: '2026-11-28T16:00:00.000Z',
    durationMs: 1517,
    summary: summarise(results),
    results,
    coverage: {
      sections: [
        {
          spec: 'RFC 5321',
          section: '4.1.4',
          covered: ['R5321-4.1.4-a'],
          uncovered: ['R5321-4.1.4-b'],
          untestable: [],
          delivery: [],
          receiver: [],
          weak: [],
        },
      ],
      totals: {
        statements: 2,
        covered: 1,
        uncovered: 1,
        untestable: 0,
        delivery: 0,
        receiver: 0,
        weak: 0,
      },
    },
    options: { strict: false, slow: false },
  };
}

/** Transcript texts of {@link sampleReport}, by case id. */
export function sampleTranscripts(): Map<string, { text: string; json?: string }> {
  const map = new Map<string, { text: string; json?: string }>();
  for (const r of sampleReport().results) {
    if (r.transcript === '') continue;
    map.set(r.id, {
      text:
        `# ${r.id}  target 127.0.0.1:2525  2026-11-28T16:00:00.000Z\n` +
        '[   0.000] connect 127.0.0.1:2525\n' +
        '[   0.003] S: 220 mx.example ESMTP\\r\\n\n',
    });
  }
  return map;
}

/** Text with every hazard at once: NUL, ESC sequences, CDATA ends, markup, 8-bit, quotes. */
export const HOSTILE =
  'NUL[\u0000] ESC[\u001b[31mred\u001b[0m] cdata[]]>]]>] tag[<anonymous>] amp[&amp; &] ' +
  `quotes["'] 8bit[\u00e9\u00ff\u0080\u009b] ffff[\uffff] lone[\ud800] cr[\r] bidi[\u202e]`;

/** One case per verdict, every text field hostile; one transcript of raw-ish bytes. */
export function hostileReport(): RunReport {
  const report = sampleReport();
  report.target.greeting = `220 ${HOSTILE}`;
  report.results = report.results.map((r) => ({
    ...r,
    title: `${r.title} ${HOSTILE}`,
    message: `${r.message}\n${HOSTILE}`,
    requirementText: r.requirementText.map((t) => `${t} ${HOSTILE}`),
    ...(r.expected ? { expected: [...r.expected, HOSTILE] } : {}),
    ...(r.actual !== undefined ? { actual: `${r.actual} ${HOSTILE}` } : {}),
  }));
  return report;
}
