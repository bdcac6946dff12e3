/**
 * Memory of the processes in a container, read from procfs: RSS and its peak (VmRSS,
 * VmHWM from /proc/<pid>/status) and PSS (smaps_rollup), which splits shared pages
 * between the processes mapping them, so that summing it over Postfix's many processes
 * does not count its shared libraries once per process.
 *
 * Read from the host's /proc when the Docker daemon runs on this machine (no cost to the
 * container); otherwise through `docker exec` (slower: sample less often).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { StartedTestContainer } from 'testcontainers';

/** One process; sizes in KiB. */
export interface ProcessMemory {
  pid: number;
  /** Parent pid, in the same pid namespace as `pid`. */
  ppid: number;
  /** The pid inside the container (1 for its init process). */
  nsPid: number;
  name: string;
  rssKb: number;
  hwmKb: number;
  /** Undefined where smaps_rollup is not readable. */
  pssKb: number | undefined;
}

/** Reads `Key:  value kB` lines of status and smaps_rollup into one record. */
export function parseProcFiles(pid: number, text: string): ProcessMemory | undefined {
  const field = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m?.[1] === undefined ? undefined : Number(m[1]);
  };
  const name = /^Name:\s+(.*)$/m.exec(text)?.[1]?.trim();
  const rssKb = field('VmRSS');
  // Kernel threads and zombies have no VmRSS line.
  if (name === undefined || rssKb === undefined) return undefined;
  const ppid = Number(/^PPid:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  const nsPid = Number(/^NSpid:.*?(\d+)\s*$/m.exec(text)?.[1] ?? pid);
  return { pid, ppid, nsPid, name, rssKb, hwmKb: field('VmHWM') ?? rssKb, pssKb: field('Pss') };
}

/**
 * The container's init process and its descendants: leaves out processes that `docker
 * exec` started (ours, to count mail or read memory), whose parent is outside the container.
 */
export function serverProcesses(all: readonly ProcessMemory[]): ProcessMemory[] {
  const init = all.find((p) => p.nsPid === 1);
  if (init === undefined) return [...all];
  const byPid = new Map(all.map((p) => [p.pid, p]));
  return all.filter((p) => {
    for (let q: ProcessMemory | undefined = p, hops = 0; q && hops < 64; hops++) {
      if (q === init) return true;
      q = byPid.get(q.ppid);
    }
    return false;
  });
}

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

/** Host pids whose cgroup names the container (cgroup v1 and v2, cgroupfs or systemd). */
async function hostPidsOf(containerId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if ((await readText(`/proc/${entry}/cgroup`)).includes(containerId)) pids.push(Number(entry));
  }
  return pids;
}

/** smaps_rollup exists since Linux 4.14; without it PSS is reported as n/a. */
const HAS_ROLLUP = existsSync('/proc/self/smaps_rollup');

async function readHost(containerId: string): Promise<ProcessMemory[]> {
  const out: ProcessMemory[] = [];
  for (const pid of await hostPidsOf(containerId)) {
    const status = await readText(`/proc/${pid}/status`);
    const rollup = await readText(`/proc/${pid}/smaps_rollup`);
    // An empty read means the process exited meanwhile (Postfix's daemons come and go).
    const gone = status === '' || (rollup === '' && HAS_ROLLUP);
    const mem = gone ? undefined : parseProcFiles(pid, status + rollup);
    if (mem) out.push(mem);
  }
  return out;
}

const EXEC_SCRIPT =
  'for p in /proc/[0-9]*; do echo "@@ $p"; cat "$p/status" "$p/smaps_rollup" 2>/dev/null; done';

async function readByExec(container: StartedTestContainer): Promise<ProcessMemory[]> {
  const result = await container.exec(['sh', '-c', EXEC_SCRIPT]);
  const out: ProcessMemory[] = [];
  for (const block of result.stdout.split('@@ ').slice(1)) {
    const newline = block.indexOf('\n');
    const pid = Number(block.slice(0, newline).replace('/proc/', ''));
    const mem = parseProcFiles(pid, block.slice(newline + 1));
    if (mem) out.push(mem);
  }
  return out;
}

/** How the processes of a container are read. */
export type MemorySource = 'host' | 'exec';

/** Chooses the host's /proc when it sees the container's processes, else `docker exec`. */
export async function memorySourceFor(container: StartedTestContainer): Promise<MemorySource> {
  return (await hostPidsOf(container.getId())).length > 0 ? 'host' : 'exec';
}

/** A snapshot of every process in the container. */
export async function containerMemory(
  container: StartedTestContainer,
  source: MemorySource,
): Promise<ProcessMemory[]> {
  const all = source === 'host' ? await readHost(container.getId()) : await readByExec(container);
  return serverProcesses(all);
}

/** Sums of one snapshot, in KiB. */
export interface MemoryTotals {
  rssKb: number;
  pssKb: number | undefined;
  processes: number;
  /** The largest single-process VmHWM (peak RSS since that process started). */
  maxHwmKb: number;
}

export function totalsOf(processes: readonly ProcessMemory[]): MemoryTotals {
  let rssKb = 0;
  let pssKb: number | undefined = 0;
  let maxHwmKb = 0;
  for (const p of processes) {
    rssKb += p.rssKb;
    pssKb = pssKb === undefined || p.pssKb === undefined ? undefined : pssKb + p.pssKb;
    maxHwmKb = Math.max(maxHwmKb, p.hwmKb);
  }
  return { rssKb, pssKb, processes: processes.length, maxHwmKb };
}
