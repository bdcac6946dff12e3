/**
 * Self time per place from a V8 CPU profile (a `.cpuprofile`, or what `node:inspector`'s
 * Profiler.stop returns): our files by path, node_modules by package, Node internals by
 * module and function, native code by function, the garbage collector on its own. Idle
 * time (waiting for I/O) and `(program)` are returned apart, not as places.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A node of a V8 CPU profile, as far as the summary needs it. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** A V8 CPU profile: sampled node ids and the time before each sample, in µs. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where the samples went: `[place, ms]` by self time, largest first, and idle ms. */
export interface ProfileSummary {
  places: [string, number][];
  idleMs: number;
}

/** Summarises `profile`; file paths are shown relative to `root` (the checkout). */
export function summariseProfile(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (frame?.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    if (frame?.functionName === '(program)') return;
    const key = placeOf(frame, root);
    totals.set(key, (totals.get(key) ?? 0) + ms);
  });
  return { places: [...totals.entries()].sort((a, b) => b[1] - a[1]), idleMs };
}

function placeOf(frame: ProfileNode['callFrame'] | undefined, root: string): string {
  if (frame === undefined) return '(unknown)';
  if (frame.functionName === '(garbage collector)') return '(garbage collector)';
  if (frame.url.startsWith('file://')) {
    const file = relative(root, fileURLToPath(frame.url));
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    return pkg ? `node_modules/${pkg[1]}` : file;
  }
  if (frame.url.startsWith('node:')) return `${frame.url} ${frame.functionName}`;
  return `(native) ${frame.functionName || '(anonymous)'}`;
}
