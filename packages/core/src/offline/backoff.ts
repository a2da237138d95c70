// When to retry queued envelopes: exponential backoff with jitter, never sooner than
// the server asked for.

/** Timers fire at once past 2^31 - 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Milliseconds before retry number `attempt` (0 for the first): `minDelayMs` doubled
 * per attempt, up to half again as much for jitter, capped at `maxDelayMs`; a longer
 * `retryAfterMs` wins.
 *
 * @example
 * retryDelay(0, { minDelayMs: 5000, maxDelayMs: 3_600_000 }); // 5000..7500
 * retryDelay(0, { minDelayMs: 5000, maxDelayMs: 3_600_000 }, 120_000); // 120000
 */
export function retryDelay(
  attempt: number,
  { minDelayMs, maxDelayMs }: { minDelayMs: number; maxDelayMs: number },
  retryAfterMs = 0,
): number {
  const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 30) * (1 + Math.random() / 2));
  return Math.min(MAX_TIMER_MS, Math.max(backoff, retryAfterMs));
}
