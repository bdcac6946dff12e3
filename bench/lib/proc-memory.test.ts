import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ProcessMemory, parseProcFiles, serverProcesses, totalsOf } from './proc-memory.ts';

const STATUS = [
  'Name:\tsmtpd',
  'PPid:\t900',
  'NSpid:\t1234\t57',
  'VmHWM:\t   13464 kB',
  'VmRSS:\t   13228 kB',
  'Pss:                1945 kB',
].join('\n');

function proc(pid: number, ppid: number, nsPid: number, rssKb: number): ProcessMemory {
  return { pid, ppid, nsPid, name: `p${pid}`, rssKb, hwmKb: rssKb + 1, pssKb: rssKb / 2 };
}

describe('parseProcFiles', () => {
  it('reads name, parents, RSS, its peak and PSS', () => {
    expect(parseProcFiles(1234, STATUS)).toEqual({
      pid: 1234,
      ppid: 900,
      nsPid: 57,
      name: 'smtpd',
      rssKb: 13228,
      hwmKb: 13464,
      pssKb: 1945,
    });
  });

  it('skips kernel threads and zombies (no VmRSS)', () => {
    expect(parseProcFiles(2, 'Name:\tkthreadd\nPPid:\t0\n')).toBeUndefined();
  });

  it('parses this process’s own /proc files', () => {
    const text = readFileSync('/proc/self/status', 'utf8');
    const mem = parseProcFiles(process.pid, text);
    expect(mem?.rssKb).toBeGreaterThan(1024);
    expect(mem?.hwmKb).toBeGreaterThanOrEqual(mem?.rssKb ?? Number.POSITIVE_INFINITY);
  });
});

describe('serverProcesses', () => {
  // Why this test? `docker exec` processes (our own mail counting) live in the container's
  // cgroup too; counting them would charge the server for the benchmark's own tools.
  it('keeps the init process and its descendants, not exec’d processes', () => {
    const init = proc(100, 50, 1, 10);
    const child = proc(101, 100, 2, 20);
    const grandchild = proc(102, 101, 3, 30);
    const exec = proc(200, 60, 9, 40);
    const execChild = proc(201, 200, 10, 50);
    const kept = serverProcesses([init, child, grandchild, exec, execChild]);
    expect(kept.map((p) => p.pid)).toEqual([100, 101, 102]);
    expect(totalsOf(kept)).toEqual({ rssKb: 60, pssKb: 30, processes: 3, maxHwmKb: 31 });
  });

  it('keeps everything when no init process is visible', () => {
    expect(serverProcesses([proc(7, 1, 7, 1), proc(8, 1, 8, 1)])).toHaveLength(2);
  });

  it('reports PSS as unknown if any process lacks it', () => {
    expect(totalsOf([proc(1, 0, 1, 4), { ...proc(2, 1, 2, 4), pssKb: undefined }]).pssKb).toBe(
      undefined,
    );
  });
});
