/**
 * How fast a large report.html opens in a real browser (Debian's chromium, headless, via
 * playwright-core): a 5,000-case report (SMTPSPEC_BENCH_REPORT_CASES) with a transcript
 * per case is written, then loaded five times in a fresh tab; printed are the file size
 * and, per load, the time to the `load` event, to the filter script being ready, the
 * page's main-thread CPU time until then (the wall time on an idle machine), and the time
 * to hide every passing case with the verdict filter. The target is under 2 s to open. A
 * figure, never asserted in a test (timings on a shared 2-core machine vary).
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../reports/html.ts';
import { largeReport } from '../reports/testdata/large.ts';
import { browserAvailability, launchChromium } from '../reports/testing/chromium.ts';
import { envInt } from './lib/env.ts';
import { fixed, table } from './lib/stats.ts';

const CASES = envInt('SMTPSPEC_BENCH_REPORT_CASES', 5000, 10, 100_000);
const LOADS = 5;
const TARGET_MS = 2000;

async function main(): Promise<number> {
  const browser = browserAvailability();
  if (!browser.available) {
    console.log(`report-open: skipped: ${browser.reason}`);
    return 0;
  }
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-bench-report-'));
  const chromium = await launchChromium();
  try {
    const { report, transcripts } = largeReport(CASES);
    const file = join(dir, 'report.html');
    const t0 = performance.now();
    await writeFile(
      file,
      renderHtml(report, (id) => transcripts.get(id)),
    );
    const renderMs = performance.now() - t0;
    const bytes = (await stat(file)).size;
    const rows: string[][] = [];
    let worst = 0;
    let worstCpu = 0;
    for (let i = 0; i < LOADS; i++) {
      const page = await chromium.context.newPage();
      const cdp = await chromium.context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const start = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 60_000 });
      const loaded = performance.now() - start;
      await page.waitForSelector('#filters:not([hidden])', { timeout: 60_000 });
      const ready = performance.now() - start;
      const metrics = await cdp.send('Performance.getMetrics');
      const cpuMs =
        (metrics.metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
      const filterStart = performance.now();
      await page.uncheck('input[name="verdict"][value="pass"]');
      const shown = JSON.stringify(`${CASES - report.summary.pass} of ${CASES} cases shown`);
      await page.waitForFunction(
        `document.getElementById('shown').textContent === ${shown}`,
        null,
        {
          timeout: 60_000,
        },
      );
      const filterMs = performance.now() - filterStart;
      await page.close();
      worst = Math.max(worst, ready);
      worstCpu = Math.max(worstCpu, cpuMs);
      rows.push([
        String(i + 1),
        fixed(loaded, 0),
        fixed(ready, 0),
        fixed(cpuMs, 0),
        fixed(filterMs, 0),
      ]);
    }
    console.log(
      `report-open: ${CASES} cases, report.html ${fixed(bytes / 1024 / 1024, 1)} MiB, rendered in ${fixed(renderMs, 0)} ms`,
    );
    const head = [
      'load',
      'load event ms',
      'filters ready ms',
      'main-thread CPU ms',
      'hide passes ms',
    ];
    console.log(table([head, ...rows]));
    const verdict = worst < TARGET_MS ? 'under' : 'OVER';
    console.log(
      `report-open: ${CASES}-case report ready in ${fixed(worst, 0)} ms at worst, ${fixed(worstCpu, 0)} ms main-thread CPU (${verdict} the ${TARGET_MS} ms target in wall time)`,
    );
    return 0;
  } finally {
    await chromium.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(`report-open: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
});
