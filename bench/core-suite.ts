/**
 * Benchmark: the whole built-in suite (slow cases excluded) against the in-process
 * reference MTA. Prints total time and cases per second; run with `node bench/core-suite.ts`.
 */

import { runSuite } from '../harness/runner/run.ts';
import { collectScenarios, loadBuiltInGroups, loadRegister } from '../harness/scenario/load.ts';
import { startReferenceServer } from '../reference-server/server.ts';

const ROUNDS = Number(process.env.SMTPSPEC_BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.SMTPSPEC_BENCH_CONCURRENCY ?? 4);

const scenarios = collectScenarios(await loadBuiltInGroups()).filter((s) => s.slow !== true);
const register = await loadRegister();
const server = await startReferenceServer({ config: { listen: { host: '127.0.0.1', port: 0 } } });
try {
  const times: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const out = await runSuite({
      target: server.address,
      builtIn: true,
      scenarios,
      register,
      concurrency: CONCURRENCY,
    });
    const ms = performance.now() - started;
    times.push(ms);
    const s = out.report.summary;
    console.log(
      `round ${round}: ${scenarios.length} cases in ${ms.toFixed(0)} ms ` +
        `(${((scenarios.length * 1000) / ms).toFixed(1)} cases/s; ` +
        `${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip, ${s.error} error)`,
    );
  }
  const best = Math.min(...times);
  console.log(
    `core suite: best ${best.toFixed(0)} ms, ${((scenarios.length * 1000) / best).toFixed(1)} cases/s ` +
      `(concurrency ${CONCURRENCY}, ${ROUNDS} rounds)`,
  );
} finally {
  await server.stop({ graceMs: 1000 });
}
