/** Longest wait between two attempts, whatever the base. */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * Exponential backoff: after the n-th failed attempt wait base * 2^(n-1), capped. No jitter:
 * claims are spread by SKIP LOCKED already, and a deterministic schedule keeps tests exact.
 */
export function backoffDelay(failedAttempts: number, baseMs: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(baseMs * 2 ** Math.min(n - 1, 30), MAX_BACKOFF_MS);
}
