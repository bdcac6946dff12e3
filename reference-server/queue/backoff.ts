/**
 * When to try again (RFC 5321 §4.5.4.1): exponential backoff from `retryBaseMs`, doubling up
 * to `retryMaxMs`, and a last attempt when the queue lifetime runs out.
 */

/** The queue settings of the config that retries depend on. */
export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  lifetimeMs: number;
}

/** The wait after the `failedAttempts`-th failed attempt (1-based): base * 2^(n-1), capped. */
export function retryDelay(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 52));
  return Math.min(policy.retryBaseMs * 2 ** exponent, policy.retryMaxMs);
}

/**
 * The next attempt after a transient failure at `now`, or `undefined` when the lifetime
 * (counted from `queuedAt`) is over and the message must be given up. A retry that would
 * fall after the deadline is moved to the deadline: one last try before giving up.
 */
export function nextAttemptAt(
  queuedAt: number,
  failedAttempts: number,
  now: number,
  policy: RetryPolicy,
): number | undefined {
  const deadline = queuedAt + policy.lifetimeMs;
  if (now >= deadline) return undefined;
  return Math.min(now + retryDelay(failedAttempts, policy), deadline);
}
