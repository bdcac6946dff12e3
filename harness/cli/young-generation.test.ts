// Why these tests? The cap is a flag set at run time, which V8 honours for this one size
// flag only; a Node upgrade that stopped honouring it would silently bring back the
// 100 MiB. Each case runs in its own Node process, since the flag is process-wide.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP } from './young-generation.ts';

const MODULE = new URL('./young-generation.ts', import.meta.url).href;
const MIB = 1024 * 1024;

/**
 * The young generation's size in MiB after churning through short-lived objects, a slice
 * per turn of the event loop as the harness allocates (the cap is applied between turns).
 */
async function youngGenerationAfterChurn(capped: boolean, nodeOptions = ''): Promise<number> {
  const script = `
    import { setImmediate as turn } from 'node:timers/promises';
    import { getHeapSpaceStatistics } from 'node:v8';
    import { capYoungGeneration } from '${MODULE}';
    if (${capped}) capYoungGeneration();
    let kept = [];
    for (let slice = 0; slice < 300; slice++) {
      for (let i = 0; i < 1e4; i++) { kept.push({ i }); if (kept.length > 2e5) kept = []; }
      await turn();
    }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size / ${MIB}));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script],
    { timeout: 60_000, env: { ...process.env, NODE_OPTIONS: nodeOptions } },
  );
  return Number(stdout);
}

describe('capYoungGeneration', () => {
  it('stops the young generation at the cap where V8 would grow it to 64 MiB', async () => {
    const grown = await youngGenerationAfterChurn(false);
    const capped = await youngGenerationAfterChurn(true);
    expect(grown).toBeGreaterThan(YOUNG_GENERATION_CAP / MIB);
    expect(capped).toBe(YOUNG_GENERATION_CAP / MIB);
  });

  it('leaves the sizes alone when the user chose them in NODE_OPTIONS', async () => {
    const chosen = await youngGenerationAfterChurn(true, '--max-semi-space-size=32');
    expect(chosen).toBeGreaterThan(YOUNG_GENERATION_CAP / MIB);
  });
});
