/**
 * CPU time a container has used so far, from Docker's one-shot stats (the cgroup's
 * counter: every process of the container, including those that already exited, as
 * Postfix's smtpd and local do). Differences between two readings give the CPU a run cost.
 */
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';

/** Nanoseconds of CPU used by the container since it started. */
export async function containerCpuNs(container: StartedTestContainer): Promise<number> {
  const client = await getContainerRuntimeClient();
  const handle = client.container.dockerode.getContainer(container.getId());
  // `one-shot` (API 1.41+) answers at once instead of waiting for a second sample.
  const stats = await handle.stats({ stream: false, 'one-shot': true });
  const total: unknown = stats.cpu_stats?.cpu_usage?.total_usage;
  if (typeof total !== 'number') throw new Error('docker stats reported no CPU usage');
  return total;
}
