import { describe, expect, it } from 'vitest';
import { renderConsole, renderProgressLine, renderSummaryLine, verdictMark } from './console.ts';
import { hostileReport, sampleReport } from './testdata/sample.ts';

const plain = { color: false };

describe('renderConsole', () => {
  it('says at the top that the target went down, and since which case', () => {
    const report = {
      ...sampleReport(),
      targetDown: {
        since: 'rfc5321/x/y',
        message: 'the server stopped accepting connections after rfc5321/x/y',
      },
    };
    const lines = renderConsole(report, plain).split('\n');
    expect(lines[3]).toBe(
      'TARGET DOWN since rfc5321/x/y: the server stopped accepting connections after rfc5321/x/y; later cases are error',
    );
  });

  it('groups cases by section with a mark per verdict', () => {
    const out = renderConsole(sampleReport(), plain);
    const lines = out.split('\n');
    const i = lines.indexOf('RFC 5321 §4.1.1.4');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('  ✖ rfc5321/4.1.1.4/bare-lf-dot  Bare LF dot LF does not end DATA');
    expect(lines[i + 2]).toBe('  ‼ rfc5321/4.1.1.4/no-reply  Server answers DATA end');
    expect(out).toContain('  ✔ rfc5321/4.1.4/rcpt-before-mail  RCPT before MAIL is rejected');
    expect(out).toContain('  ⚠ rfc5321/4.5.3.1/long-line');
    expect(out).toContain('  ℹ rfc5321/4.5.3.1/vrfy-choice');
    expect(out).toContain('  ○ rfc3207/4/starttls');
  });

  it('details every fail, error and warn with requirement, expected, actual and transcript', () => {
    const out = renderConsole(sampleReport(), plain);
    expect(out).toContain('Problems (3)');
    const block = out.slice(out.indexOf('✖ FAIL rfc5321/4.1.1.4/bare-lf-dot'));
    expect(block.split('\n').slice(0, 7)).toEqual([
      '✖ FAIL rfc5321/4.1.1.4/bare-lf-dot  [MUST]  Bare LF dot LF does not end DATA',
      '    expected no end of data, got 250',
      '    requirement: R5321-4.1.1.4-a "SMTP server systems MUST NOT do this"',
      '    expected one of: no reply within 2000 ms | 421 and close',
      '    actual: 250 2.0.0 Ok: queued',
      '    exploitability: not-exploitable-via-relay',
      '    transcript: transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt',
    ]);
    expect(out).toContain('‼ ERR! rfc5321/4.1.1.4/no-reply');
    expect(out).toContain('⚠ WARN rfc5321/4.5.3.1/long-line');
    expect(out).not.toContain('SKIP rfc3207/4/starttls');
  });

  it('names each problem’s place in report.html when there is one', () => {
    const out = renderConsole(sampleReport(), {
      ...plain,
      htmlReport: 'file:///tmp/out/report.html',
    });
    const anchors = out.split('\n').filter((l) => l.startsWith('    report: '));
    expect(anchors).toEqual([
      '    report: file:///tmp/out/report.html#rfc5321/4.1.1.4/bare-lf-dot',
      '    report: file:///tmp/out/report.html#rfc5321/4.1.1.4/no-reply',
      '    report: file:///tmp/out/report.html#rfc5321/4.5.3.1/long-line',
    ]);
    expect(renderConsole(sampleReport(), plain)).not.toContain('report: ');
  });

  // Why this test? README "Grading": a fail is only ever a MUST broken, a warn a SHOULD,
  // an info a MAY; a MAY case that fails (it got no reply at all) must not read "FAIL [MAY]".
  it('prints beside a verdict the level it stands for, and the case level when it differs', () => {
    const report = sampleReport();
    report.results = report.results.map((r) =>
      r.id === 'rfc5321/4.5.3.1/vrfy-choice' ? { ...r, verdict: 'fail' } : r,
    );
    const out = renderConsole(report, plain);
    expect(out).toContain('✖ FAIL rfc5321/4.5.3.1/vrfy-choice  [MUST; case level MAY]  VRFY');
    expect(out).toContain('⚠ WARN rfc5321/4.5.3.1/long-line  [SHOULD]  Long command line');
    expect(out).not.toMatch(/FAIL [^\n]*\[MAY\]/);
  });

  it('ends with a summary line of every verdict and the duration', () => {
    const out = renderConsole(sampleReport(), plain);
    expect(
      out.endsWith('6 cases: 1 pass, 1 fail, 1 warn, 1 info, 1 skip, 1 error  in 1.52 s\n'),
    ).toBe(true);
  });

  it('uses ANSI colour only when asked', () => {
    expect(renderConsole(sampleReport(), plain)).not.toContain('\u001b[');
    const coloured = renderConsole(sampleReport(), { color: true });
    expect(coloured).toContain('\u001b[31m✖\u001b[0m');
    expect(coloured).toContain('\u001b[32m1 pass\u001b[0m');
  });

  it('has ASCII marks', () => {
    const out = renderConsole(sampleReport(), { color: false, ascii: true });
    expect(out).toContain('  PASS rfc5321/4.1.4/rcpt-before-mail');
    expect(out).toContain('  SKIP rfc3207/4/starttls');
    expect(out).not.toMatch(/[✔✖⚠ℹ○‼]/);
  });

  it('verbose mode shows level, duration and the message of passing cases', () => {
    const out = renderConsole(sampleReport(), { color: false, verbose: true });
    expect(out).toContain(
      '  ✔ rfc5321/4.1.4/rcpt-before-mail  RCPT before MAIL is rejected  [MUST] 3 ms',
    );
    expect(out).toContain('      503 5.5.1 Bad sequence of commands');
    expect(out).toContain('      STARTTLS not advertised');
  });

  // Why this test? A hostile server's reply text must not drive the terminal (ESC
  // sequences, CR overwriting a line, bidi reordering).
  it('never prints raw control characters from the target', () => {
    for (const color of [false, true]) {
      const out = renderConsole(hostileReport(), { color, verbose: true });
      const withoutOurColours = out.replace(/\u001b\[\d+m/g, '');
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
      expect(withoutOurColours).toContain('ESC[\\x1b[31mred\\x1b[0m]');
    }
  });
});

describe('renderProgressLine and friends', () => {
  it('pads the counter to the width of the total', () => {
    const r = sampleReport().results[0]!;
    expect(renderProgressLine(r, 7, 120, plain)).toBe(
      '[  7/120] ✔ rfc5321/4.1.4/rcpt-before-mail  RCPT before MAIL is rejected',
    );
  });

  it.each([
    ['pass', '✔'],
    ['error', '‼'],
  ] as const)('verdictMark(%s) is %s', (verdict, mark) => {
    expect(verdictMark(verdict, plain)).toBe(mark);
  });

  it('summary line counts a single case in the singular', () => {
    const report = sampleReport();
    report.results = report.results.slice(0, 1);
    report.summary = { pass: 1, fail: 0, warn: 0, info: 0, skip: 0, error: 0 };
    report.durationMs = 42;
    expect(renderSummaryLine(report, plain)).toBe(
      '1 case: 1 pass, 0 fail, 0 warn, 0 info, 0 skip, 0 error  in 42 ms',
    );
  });
});
