/**
 * Benchmark: the whole built-in suite (slow cases excluded) against the in-process
 * reference MTA, as `npm start` runs it (runSuites with no target: the bundled MTA with its
 * test accounts and the relay sink, no reports written). Prints total time and cases per
 * second; run with `node bench/core-suite.ts`. Knobs: SMTPSPEC_BENCH_ROUNDS (default 3),
 * SMTPSPEC_BENCH_CONCURRENCY (default: the CLI's).
 */
import { runSuites } from '../harness/api.ts';
import { envInt } from './lib/env.ts';

const ROUNDS = envInt('SMTPSPEC_BENCH_ROUNDS', 3, 1, 100);
const CONCURRENCY = process.env.SMTPSPEC_BENCH_CONCURRENCY;

const times: number[] = [];
let cases = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const started = performance.now();
  const out = await runSuites({
    reporters: [],
    ...(CONCURRENCY === undefined
      ? {}
      : { concurrency: envInt('SMTPSPEC_BENCH_CONCURRENCY', 4, 1, 64) }),
  });
  const ms = performance.now() - started;
  times.push(ms);
  const s = out.report.summary;
  cases = out.report.results.length;
  console.log(
    `round ${round}: ${cases} cases in ${ms.toFixed(0)} ms ` +
      `(${((cases * 1000) / ms).toFixed(1)} cases/s; ` +
      `${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip, ${s.error} error)`,
  );
}
const best = Math.min(...times);
console.log(
  `core suite: best ${best.toFixed(0)} ms, ${((cases * 1000) / best).toFixed(1)} cases/s (${ROUNDS} rounds, as npm start runs it)`,
);
