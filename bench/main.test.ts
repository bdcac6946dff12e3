import { describe, expect, it } from 'vitest';
import { benchScripts } from './main.ts';

describe('bench/main.ts', () => {
  it('runs every benchmark script in bench/, but not itself, its tests or lib/', async () => {
    const scripts = await benchScripts();
    expect(scripts).toContain('core-suite.ts');
    expect(scripts).toContain('mta-load.ts');
    expect(scripts).toContain('idle-sessions.ts');
    expect(scripts).not.toContain('main.ts');
    expect(scripts.some((s) => s.endsWith('.test.ts') || s.includes('/'))).toBe(false);
  });
});
