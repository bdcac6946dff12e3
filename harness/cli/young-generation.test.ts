// Why these tests? The flag is set at run time, which V8 honours for this one size flag
// only; a Node upgrade that stopped honouring it would silently bring back the 100 MiB.
// Each case runs in its own Node process, since the flag is process-wide.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('./young-generation.ts', import.meta.url).href;

/** The young generation's size in MiB after churning through short-lived objects. */
async function youngGenerationAfterChurn(keepSmall: boolean, nodeOptions = ''): Promise<number> {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { keepYoungGenerationSmall } from '${MODULE}';
    if (${keepSmall}) keepYoungGenerationSmall();
    let kept = [];
    for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 2e5) kept = []; }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size / 1048576));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script],
    { timeout: 60_000, env: { ...process.env, NODE_OPTIONS: nodeOptions } },
  );
  return Number(stdout);
}

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation at a few MiB where V8 would grow it past 16', async () => {
    const grown = await youngGenerationAfterChurn(false);
    const kept = await youngGenerationAfterChurn(true);
    expect(grown).toBeGreaterThan(16);
    expect(kept).toBeLessThanOrEqual(4);
  });

  it('leaves the sizes alone when the user chose them in NODE_OPTIONS', async () => {
    const chosen = await youngGenerationAfterChurn(true, '--max-semi-space-size=16');
    expect(chosen).toBeGreaterThan(8);
  });
});
